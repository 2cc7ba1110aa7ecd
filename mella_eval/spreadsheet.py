"""CSV that a spreadsheet reads as data: one row per record, no formula ever run.

Every CSV the package writes (the leaderboard's ``leaderboard.csv``, the figures'
tidy tables) goes through :func:`write_csv`, because two things in a submitted string
can turn a cell into something else once a spreadsheet opens the file:

* a line break. Python's ``csv`` module quotes a cell only for the characters of its
  own line terminator, so with ``"\\n"`` a bare CR stayed unquoted, and Excel and
  LibreOffice end a row at a bare CR: ``"x\\r=cmd|..."`` became a second row whose first
  cell is a formula. Writing rows with ``"\\r\\n"`` makes the module quote every cell
  holding CR or LF (RFC 4180); the file keeps ``"\\n"`` between rows.
* a formula start (``= + - @``, a tab or CR first), see :func:`csv_text`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["csv_text", "write_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: Any) -> Any:
    """Neutralise spreadsheet formulas in submitted strings; numbers pass through.

    Spreadsheets skip leading blanks and line breaks and read full-width ``＝＋－＠`` as
    their ASCII forms, so the check looks at the first visible character after NFKC
    folding (which maps ``＝`` to ``=``), not at the raw first character.
    """
    if not isinstance(value, str):
        return value
    visible = unicodedata.normalize("NFKC", value).lstrip()
    if value.startswith(_FORMULA_START) or visible.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[Iterable[Any]]) -> str:
    """CSV text of ``rows`` (the header is the first row), strings formula-neutralised.

    Cells holding CR or LF are quoted; rows end in ``"\\n"``. ``None`` is an empty cell.
    """
    row_buffer = io.StringIO()
    # "\r\n" as the terminator is what makes the csv module quote a bare CR as well as LF
    writer = csv.writer(row_buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        row_buffer.seek(0)
        row_buffer.truncate()
        writer.writerow([csv_text(cell) for cell in row])
        lines.append(row_buffer.getvalue().removesuffix("\r\n") + "\n")
    return "".join(lines)
