"""Issue 22, case 9: a line break inside a CSV cell never starts a row in a spreadsheet.

Python's ``csv`` reader accepts a bare CR inside an unquoted cell, but Excel and
LibreOffice end a row at a bare CR, LF or CRLF outside quotes (RFC 4180 section 2: a
field holding a line break must be quoted). So each CSV writer of the package is read
back three ways: Python's ``csv`` module, pandas' python engine, and
:func:`spreadsheet_rows`, a splitter that treats a bare CR as a row end the way
spreadsheets do. All three must see the same rows and cells as were written.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from mella_eval.figures import load_runs, render_table, table_grids
from mella_eval.leaderboard import load_definition
from mella_eval.leaderboard.records import SubmissionRecord, TaskScores, write_record
from mella_eval.leaderboard.render_text import render_csv
from mella_eval.leaderboard.table import load_board
from mella_eval.results import MetricValue
from tests.figures.conftest import make_run
from tests.leaderboard.boards import write_board

HOSTILE = [
    "x\r=cmd|' /C calc'!A0",  # the case of the issue: a bare CR, then a formula
    "y\n=1+1",
    "z\r\n@SUM(1)",
    'q"\r"+1',
]


def spreadsheet_rows(text: str) -> list[list[str]]:
    """RFC 4180 rows as a spreadsheet reads them: outside quotes CR, LF and CRLF end a row."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    quoted, i = False, 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"' and text[i + 1 : i + 2] == '"':
                cell.append('"')
                i += 1
            elif char == '"':
                quoted = False
            else:
                cell.append(char)
        elif char == '"':
            quoted = True
        elif char == ",":
            row.append("".join(cell))
            cell = []
        elif char in "\r\n":
            row.append("".join(cell))
            rows.append(row)
            row, cell = [], []
            if char == "\r" and text[i + 1 : i + 2] == "\n":
                i += 1
        else:
            cell.append(char)
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    return rows


def _three_readings(text: str) -> list[list[list[str]]]:
    python_rows = list(csv.reader(io.StringIO(text, newline="")))
    frame = pd.read_csv(io.StringIO(text, newline=""), engine="python", dtype=str,
                        keep_default_na=False, header=None)  # fmt: skip
    pandas_rows = frame.to_numpy().tolist()
    return [python_rows, pandas_rows, spreadsheet_rows(text)]


def test_09_leaderboard_csv_rows_survive_a_bare_cr(lb_root: Path) -> None:
    folder = write_board(lb_root)  # 3 run entries (know and ling) and 1 reported (know)
    for day, name in enumerate(HOSTILE, start=10):
        record = SubmissionRecord(
            leaderboard="test", entry_type="reported", model=name,
            source=f"https://example.org/{day}\r=HYPERLINK(1)",
            submitted_at=datetime(2026, 3, day, tzinfo=UTC),
            tasks={"lbt_know_cs": TaskScores(task="lbt_know_cs", language="cs", kind="know",
                                             metrics={"keyword_accuracy": MetricValue(value=5.0)})},
        )  # fmt: skip
        write_record(folder, record)
    text = render_csv(load_board(load_definition("test", lb_root)))
    header = text.split("\n", 1)[0].split(",")
    model_col, source_col = header.index("model"), header.index("source")
    expected_rows = 1 + 2 + 3 + 1 + len(HOSTILE)  # header; know: 2 runs; ling: 3; reported
    for rows in _three_readings(text):
        assert len(rows) == expected_rows, rows
        assert all(len(r) == len(header) for r in rows)
        models = [r[model_col] for r in rows[1:]]
        for name in HOSTILE:
            assert name in models  # the cell is whole, line break and all
        sources = [r[source_col] for r in rows[1:] if r[model_col] in HOSTILE]
        assert len(sources) == len(HOSTILE)
        assert all(s.startswith("https://example.org/") and "\r=" in s for s in sources)
        # no cell, in any row, starts a formula a spreadsheet would run
        assert not [c for r in rows for c in r if c.lstrip().startswith(("=", "+", "@"))]


@pytest.mark.parametrize("label", HOSTILE)
def test_09_figures_csv_rows_survive_a_bare_cr(tmp_path: Path, label: str) -> None:
    path = tmp_path / "run" / "results.json"
    path.parent.mkdir()
    path.write_text(make_run("base").model_dump_json(), encoding="utf-8")

    def table(name: str) -> str:
        return render_table(table_grids(load_runs([path.parent], labels=[name])), "csv")

    plain = table("plain")  # no line break in any cell: one row per line
    n_rows = plain.count("\n")
    assert n_rows > 2
    text = table(label)
    for rows in _three_readings(text):
        assert rows[0][0] == "run"
        assert len(rows) == n_rows
        assert all(len(r) == 8 for r in rows)
        assert {r[0] for r in rows[1:]} == {label}


@pytest.mark.parametrize("label", ["=1+1", "+SUM(A1)", "\uff1dHYPERLINK(1)", "@A1"])
def test_09_figures_csv_neutralises_formulas_like_the_leaderboard(
    tmp_path: Path, label: str
) -> None:
    """The figures' CSV had no formula defence at all; run labels come from model names."""
    path = tmp_path / "run" / "results.json"
    path.parent.mkdir()
    path.write_text(make_run("base").model_dump_json(), encoding="utf-8")
    text = render_table(table_grids(load_runs([path.parent], labels=[label])), "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert {r[0] for r in rows[1:]} == {"'" + label}
