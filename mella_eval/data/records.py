"""Reading raw records from dataset files, each with its location for error messages.

Adapters yield ``(record, location)`` pairs; nothing here knows about tasks. JSONL is
decoded line by line so a non-UTF-8 or malformed line is reported with its number.
JSON text may escape lone UTF-16 surrogates (``\\ud83d``), which no later stage could
write as UTF-8: they are replaced by U+FFFD here, with a warning naming file and line
(the rule of ``mella_eval.text.surrogates``; data, keywords and predictions files all
come through this module).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mella_eval.errors import DataError
from mella_eval.text.surrogates import clean_loaded, may_hold_surrogates

Record = dict[str, Any]
#: Longest JSONL line read (an inline base64 image of the largest allowed size fits);
#: a longer line is refused after reading this much, never loaded whole.
MAX_LINE_BYTES = 96 * 1024 * 1024


@dataclass(frozen=True)
class Location:
    """Where a record came from: a file and a 1-based line (or row) number."""

    path: str
    line: int | None = None
    unit: str = "line"

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        return (
            f"{self.path}:{self.line}"
            if self.unit == "line"
            else f"{self.path} {self.unit} {self.line}"
        )


def read_jsonl(path: Path) -> Iterator[tuple[Record, Location]]:
    """One JSON object per non-blank line."""
    with _open_binary(path) as handle:
        limit = MAX_LINE_BYTES
        for number, raw in enumerate(iter(lambda: handle.readline(limit + 1), b""), start=1):
            if len(raw) > limit:
                raise DataError(f"line longer than {limit} bytes; refused", path, number)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DataError(
                    f"not valid UTF-8 ({exc.reason} at byte {exc.start})", path, number
                ) from None
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                raise DataError(
                    f"invalid JSON: {exc.msg} (column {exc.colno})", path, number
                ) from None
            if not isinstance(record, dict):
                raise DataError(
                    f"expected a JSON object, got {type(record).__name__}", path, number
                )
            if may_hold_surrogates(text):
                record = clean_loaded(record, f"{path}:{number}")
            yield record, Location(str(path), number)


def read_json(path: Path, split: str | None) -> Iterator[tuple[Record, Location]]:
    """A JSON array of objects, or an object holding one (``split`` names its key)."""
    text = _read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"invalid JSON: {exc.msg}", path, exc.lineno) from None
    except RecursionError:
        raise DataError("refused: nested too deep", path) from None
    if may_hold_surrogates(text):
        data = clean_loaded(data, str(path))
    if isinstance(data, dict):
        key = split or next((k for k in ("data", "test", "samples") if k in data), None)
        if key is None or key not in data:
            raise DataError(f"JSON object has no list under {split or 'data/test/samples'!r}", path)
        data = data[key]
    if not isinstance(data, list):
        raise DataError("expected a JSON array of records", path)
    for index, record in enumerate(data, start=1):
        if not isinstance(record, dict):
            raise DataError(f"record {index} is not an object", path)
        yield record, Location(str(path), index, unit="record")


def read_table(path: Path, kind: str) -> Iterator[tuple[Record, Location]]:
    """CSV or Parquet rows through pandas; CSV rows are numbered as file lines."""
    import pandas as pd

    try:
        frame = (
            pd.read_csv(path, dtype=str, keep_default_na=False)
            if kind == "csv"
            else pd.read_parquet(path)
        )
    except FileNotFoundError:
        raise DataError("data file not found", path) from None
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {kind}: {exc}", path) from None
    offset, unit = (2, "line") if kind == "csv" else (1, "row")
    for index, row in enumerate(frame.to_dict(orient="records")):
        yield {str(k): v for k, v in row.items()}, Location(str(path), index + offset, unit)


def _open_binary(path: Path) -> Any:
    """Open a regular file for reading; a pipe or device is refused, never waited on.

    ``O_NONBLOCK`` makes opening a named pipe return at once and ``fstat`` on the open
    descriptor decides, so a file swapped for a FIFO after a check cannot hang the read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DataError("data file not found", path) from None
    except IsADirectoryError:
        raise DataError("expected a file, found a directory", path) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise DataError("expected a file, found a directory", path)
        raise DataError(NOT_REGULAR, path)
    return os.fdopen(fd, "rb")


#: The refusal for a device, named pipe or socket given as a data or keywords file.
NOT_REGULAR = "not a regular file (a device, named pipe or socket); refused"


def check_regular_file(
    path: Path, base: Path, *, allowed_outside: bool, what: str, given: str
) -> None:
    """Refuse ``path`` unless it is a regular file inside ``base`` (or ``allowed_outside``).

    Symlinks are resolved first, so a link out of the task folder counts as outside.
    ``what`` names the setting (``dataset.path``, ``dataset.keywords_file``) and ``given``
    its value as written, both in the message.
    """
    resolved, root = path.resolve(), base.resolve()
    if not allowed_outside and not resolved.is_relative_to(root):
        raise DataError(
            f"{what} {given!r} leaves the task's folder {root} (set "
            "dataset.allow_data_outside: true in the task to allow it)",
            resolved,
        )
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        raise DataError("data file not found" if what == "dataset.path" else "file not found",
                        path) from None  # fmt: skip
    if stat.S_ISDIR(mode):
        raise DataError("expected a file, found a directory", path)
    if not stat.S_ISREG(mode):
        raise DataError(NOT_REGULAR, path)


def _read_text(path: Path) -> str:
    with _open_binary(path) as handle:
        raw = handle.read()
    try:
        return str(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"not valid UTF-8 ({exc.reason})", path, line) from None


def get_field(record: Record, dotted: str) -> Any:
    """``record["a"]["b"]`` for ``"a.b"``; None when any part is missing."""
    node: Any = record
    for part in dotted.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


@cache
def _file_sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with _open_binary(Path(path)) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_fingerprint(path: Path) -> str:
    """Content hash of a data file (memoised per size and mtime within a process)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataError("data file not found", path) from None
    if not stat.S_ISREG(info.st_mode):  # /dev/zero would be hashed forever, a FIFO waited on
        raise DataError(NOT_REGULAR, path)
    return _file_sha256(str(path), info.st_size, info.st_mtime_ns)
