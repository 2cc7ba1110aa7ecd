"""``mella-eval store check|repair OUTPUT``: find and quarantine damaged store lines.

The store tolerates one kind of damage by itself: a half-written last line left by a
kill. Anything else (a corrupt line in the middle from a disk error or a hand edit, a
record whose key was garbled) stops the run, because silently skipping would hide data
loss. ``repair`` moves every bad line, byte for byte, to ``predictions.quarantine.jsonl``
beside the store and rewrites the store without them (atomically, under the run
folder's lock); the next ``run`` regenerates what was removed.

A line is bad when it is not a complete JSON object with the store's fields of the
right types, when its key is not a 64-digit hex SHA-256, or when its key is not the one
its inputs give: a garbled key that would otherwise stay in the file for good. A record
carries its generation inputs, so that needs nothing but the line; a version-1 record
(no inputs) is compared with the key the run's tasks give its task and sample id, when
they can be loaded.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mella_eval.errors import MellaError
from mella_eval.runner.config import STORE_FILE, load_config
from mella_eval.runner.lock import run_folder_lock
from mella_eval.runner.prepare import prepare_all, registry_for
from mella_eval.store import INPUTS_FIELD, generation_key

QUARANTINE_FILE = "predictions.quarantine.jsonl"
_KEY_RE = re.compile(r"^[0-9a-f]{64}$")
_FIELDS: dict[str, tuple[type, ...]] = {
    "key": (str,),
    "task": (str,),
    "sample_id": (str,),
    "text": (str, type(None)),
    "error": (str, type(None)),
}


@dataclass
class BadLine:
    """One damaged line: its 1-based number and why it is bad."""

    number: int
    reason: str


@dataclass
class StoreReport:
    """What ``check`` found (and ``repair`` moved)."""

    path: Path
    lines: int = 0
    bad: list[BadLine] = field(default_factory=list)
    keys_checked: bool = False
    note: str | None = None

    def summary(self) -> str:
        """A few lines for the console."""
        head = f"{self.path}: {self.lines} line(s), {len(self.bad)} bad"
        if not self.keys_checked:
            head += f" (keys not compared with the run's tasks: {self.note})"
        return "\n".join([head, *(f"  line {b.number}: {b.reason}" for b in self.bad[:20])])


def line_problem(raw: bytes) -> str | None:
    """Why a raw store line is not a usable record, or None when it is."""
    if not raw.endswith(b"\n"):
        return "truncated (no line end)"
    try:
        record = json.loads(raw)
    except ValueError:
        return "not valid JSON"
    if not isinstance(record, dict):
        return "not a JSON object"
    for name, types in _FIELDS.items():
        if name not in record:
            return f"no {name!r} field"
        if not isinstance(record[name], types):
            return f"field {name!r} has the wrong type"
    if not _KEY_RE.match(record["key"]):
        return "garbled key (not a 64-digit hex SHA-256)"
    return None


def check_store(output: Path) -> StoreReport:
    """Scan ``OUTPUT/predictions.jsonl`` without changing it."""
    path = output / STORE_FILE
    if not path.is_file():
        raise MellaError(f"{output}: no {STORE_FILE} (is this a run's output folder?)")
    report = StoreReport(path=path, keys_checked=True)
    # Loading the run's tasks (and hashing its images) is needed only for version-1
    # records, which do not carry their inputs: done once, on the first such record.
    expected = cache(lambda: _expected_keys(output, report))
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            report.lines = number
            problem = line_problem(raw)
            if problem is None:
                problem = _stale_key(json.loads(raw), expected)
            if problem is not None:
                report.bad.append(BadLine(number, problem))
    return report


def repair_store(output: Path) -> StoreReport:
    """Move bad lines to the quarantine file and rewrite the store without them."""
    with run_folder_lock(output, "store repair"):
        report = check_store(output)
        if not report.bad:
            return report
        numbers = {b.number for b in report.bad}
        keep, moved = bytearray(), bytearray()
        with report.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if number in numbers:
                    moved += raw if raw.endswith(b"\n") else raw + b"\n"
                else:
                    keep += raw
        with (output / QUARANTINE_FILE).open("ab") as side:
            side.write(bytes(moved))
            side.flush()
            os.fsync(side.fileno())
        tmp = report.path.with_name(report.path.name + ".repairing")
        with tmp.open("wb") as fresh:
            fresh.write(bytes(keep))
            fresh.flush()
            os.fsync(fresh.fileno())
        os.replace(tmp, report.path)  # quarantine first: a kill here loses no line
    return report


def _expected_keys(output: Path, report: StoreReport) -> dict[tuple[str, str], str] | None:
    """(task, sample id) -> the version-1 key this run gives it, or None when the tasks
    cannot be loaded (only version-1 records need it)."""
    try:
        config = load_config(output)
        tasks = prepare_all(config, registry_for(config))
    except MellaError as exc:
        report.keys_checked, report.note = False, str(exc)
        return None
    return {(t.spec.name, item.sample.id): item.legacy_key for t in tasks for item in t.items}


def _stale_key(
    record: dict[str, Any], expected: Callable[[], dict[tuple[str, str], str] | None]
) -> str | None:
    inputs = record.get(INPUTS_FIELD)
    if isinstance(inputs, dict):
        if generation_key(inputs) != record["key"]:
            return "key differs from the hash of the record's own inputs (garbled)"
        return None
    legacy = expected()
    wanted = None if legacy is None else legacy.get((record["task"], record["sample_id"]))
    if wanted is not None and wanted != record["key"]:
        return "key differs from the one this run computes for its task and sample (garbled)"
    return None
