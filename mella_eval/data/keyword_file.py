"""The keywords file: keyword lists made from alt-text, kept apart from the data they describe.

The MELLA release has native alt-text but no keyword lists, so D_know keywords are made
by ``mella-eval keywords extract`` and stored in a file of their own that a task names
with ``dataset.keywords_file``. The file is JSONL:

* line 1, the header: ``{"mella_keywords": 1, "extractor": {...}, "summary": {...}}``
  (which extractor, engine, model fingerprint and prompts made it; counts kept, dropped
  as ungrounded and failed);
* one line per sample: ``{"id", "image_sha256", "keywords": [[form, ...], ...],
  "source", "extractor", ...}``.

Samples join the file by id; the image hash guards against an id that now names another
image (a mismatch is an error naming the keywords file's line). The file's content hash
goes into the task hash, so two keyword lists never compare as the same task.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mella_eval.data.records import Location, file_fingerprint, read_jsonl
from mella_eval.errors import DataError

__all__ = [
    "KEYWORDS_FORMAT_VERSION",
    "KeywordEntry",
    "KeywordFile",
    "keyword_entries",
    "read_keyword_file",
    "write_keyword_file",
]

KEYWORDS_FORMAT_VERSION = 1
_HEADER_KEY = "mella_keywords"


@dataclass(frozen=True)
class KeywordEntry:
    """One sample's keyword entries and where in the keywords file they are."""

    sample_id: str
    image_sha256: str | None
    keywords: list[tuple[str, ...]]
    where: Location


@dataclass
class KeywordFile:
    """A parsed keywords file: header, entries by sample id, and the content hash."""

    path: Path
    header: dict[str, Any]
    entries: dict[str, KeywordEntry] = field(default_factory=dict)
    sha256: str = ""


def keyword_entries(values: list[Any], where: Location, sample_id: str) -> list[tuple[str, ...]]:
    """Keyword entries, the one parser for a data file's keyword field and a keywords file.

    An entry is a string (one form), a list of equivalent surface forms, or a mapping
    ``{"forms": [...]}``; forms are stripped and none may be empty.
    """
    entries: list[tuple[str, ...]] = []
    for entry in values:
        forms = entry.get("forms") if isinstance(entry, dict) else entry
        forms = [forms] if isinstance(forms, str) else forms
        if (
            not isinstance(forms, list)
            or not forms
            or not all(isinstance(f, str) and f.strip() for f in forms)
        ):
            raise DataError(
                f"bad keyword entry {entry!r}: give a string or a list of surface forms",
                where.path,
                where.line,
                sample_id,
            )
        entries.append(tuple(f.strip() for f in forms))
    return entries


_CACHE: dict[tuple[str, str], KeywordFile] = {}


def read_keyword_file(path: Path) -> KeywordFile:
    """Parse and check a keywords file (memoised on its content hash within a process)."""
    digest = file_fingerprint(path)
    cached = _CACHE.get((str(path), digest))
    if cached is not None:
        return cached
    records = read_jsonl(path)
    first = next(records, None)
    if first is None or _HEADER_KEY not in first[0]:
        raise DataError(
            f"not a keywords file: the first line must be the header {{{_HEADER_KEY!r}: ...}} "
            "(make one with `mella-eval keywords extract`)",
            path,
            first[1].line if first else None,
        )
    header, where = first
    if header[_HEADER_KEY] != KEYWORDS_FORMAT_VERSION:
        raise DataError(
            f"keywords file version {header[_HEADER_KEY]!r}; this mella-eval reads "
            f"{KEYWORDS_FORMAT_VERSION}",
            path,
            where.line,
        )
    parsed = KeywordFile(path=path, header=header, sha256=digest)
    for record, where in records:
        entry = _entry(record, where)
        if entry.sample_id in parsed.entries:
            first_at = parsed.entries[entry.sample_id].where
            raise DataError(
                f"duplicate sample id (first at {first_at})", path, where.line, entry.sample_id
            )
        parsed.entries[entry.sample_id] = entry
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[(str(path), digest)] = parsed
    return parsed


def _entry(record: dict[str, Any], where: Location) -> KeywordEntry:
    sample_id = record.get("id")
    if not isinstance(sample_id, str) or not sample_id:
        raise DataError("keywords line without an 'id'", where.path, where.line)
    image = record.get("image_sha256")
    if image is not None and not (isinstance(image, str) and len(image) == 64):
        raise DataError(
            "image_sha256 must be 64 hex digits or null", where.path, where.line, sample_id
        )
    raw = record.get("keywords")
    if not isinstance(raw, list):
        raise DataError("'keywords' must be a list of entries", where.path, where.line, sample_id)
    keywords = keyword_entries(raw, where, sample_id)
    return KeywordEntry(sample_id, image, keywords, where)


def write_keyword_file(path: Path, header: dict[str, Any], lines: list[dict[str, Any]]) -> None:
    """Write the whole file atomically (temporary file, fsync, rename): a crash never leaves
    half a keywords file for a task to read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for record in ({_HEADER_KEY: KEYWORDS_FORMAT_VERSION, **header}, *lines):
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
