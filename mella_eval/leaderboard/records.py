"""Accepted submissions: one JSON record per entry under ``submissions/``.

A record keeps only what the board shows and what proves where it came from: the
rescored metric values (with CI and signature) per task, the run's identity, and the
hashes of the files it was rescored from. The file name carries the record's content
hash, so an edited record no longer matches its name and is refused when read.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mella_eval.errors import SubmissionError
from mella_eval.results import MetricValue, atomic_write_text

RECORD_VERSION = 1
HASH_CHARS = 16


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TaskScores(_Model):
    """One task's scores in an entry; for reported entries only the metrics given."""

    task: str
    language: str
    kind: Literal["know", "ling"]
    version: int | str | None = None
    task_hash: str | None = None
    n_samples: int | None = None
    n_scored: int | None = None
    samples_sha256: str | None = None
    metrics: dict[str, MetricValue]


class ScoreChange(_Model):
    """One metric of one task whose value or signature moved when the entry was rescored."""

    task: str
    metric: str
    old: float | None = Field(description="value before (None: the metric is new)")
    new: float | None = Field(description="value after (None: the task no longer has it)")
    signature: dict[str, list[Any]] = Field(
        default_factory=dict, description="signature field -> [before, after], changed ones only"
    )


class RescoreEvent(_Model):
    """A ``leaderboard rescore`` that changed this entry: when, with what, and what moved."""

    rescored_at: datetime
    mella_eval: str
    changes: list[ScoreChange]


class SubmissionRecord(_Model):
    """A leaderboard entry: a rescored run, or numbers reported elsewhere (``reported``)."""

    record_version: Literal[1] = 1
    leaderboard: str
    entry_type: Literal["run", "reported"]
    model: str
    model_fingerprint: str | None = None
    model_revision: str | None = None
    engine: str | None = None
    engine_settings: dict[str, Any] = Field(default_factory=dict)
    seed: int | None = None
    source: str | None = Field(default=None, description="where reported numbers come from")
    note: str | None = None
    submitted_at: datetime
    results_sha256: str | None = None
    tasks: dict[str, TaskScores]
    rescores: list[RescoreEvent] = Field(default_factory=list)

    def duplicate_key(self) -> str:
        """What makes two entries the same: model weights and settings, or paper and model."""
        if self.entry_type == "run":
            identity: Any = [
                "run",
                self.model_fingerprint,
                self.engine,
                self.engine_settings,
                self.seed,
            ]
        else:
            identity = ["reported", self.model, self.source]
        return hashlib.sha256(canonical_json(identity).encode("utf-8")).hexdigest()

    def content_hash(self) -> str:
        """SHA-256 of the record's canonical JSON (goes into the file name)."""
        content = self.model_dump(mode="json")
        if not content["rescores"]:  # records from before rescoring existed keep their hash
            del content["rescores"]
        return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()

    def describe(self) -> str:
        """Short human label used in messages."""
        return f"{self.model} ({self.entry_type}, submitted {self.submitted_at:%Y-%m-%d})"


def canonical_json(value: Any) -> str:
    """Key-sorted compact JSON: equal content gives equal text, hence equal hashes."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def slug(text: str) -> str:
    """A file-name-safe fragment of a model name (the hash keeps names unique)."""
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return cleaned[:40] or "model"


def record_filename(record: SubmissionRecord) -> str:
    """``<date>-<model slug>-<content hash>.json``."""
    digest = record.content_hash()[:HASH_CHARS]
    return f"{record.submitted_at:%Y%m%d}-{slug(record.model)}-{digest}.json"


def write_record(folder: Path, record: SubmissionRecord) -> Path:
    """Write a record atomically (temporary file + rename) under its content-hash name."""
    path = folder / record_filename(record)
    atomic_write_text(path, record.model_dump_json(indent=2) + "\n")
    return path


def read_record(path: Path) -> SubmissionRecord:
    """Load one record and check that its content still matches the hash in its name."""
    try:
        record = SubmissionRecord.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise SubmissionError(
            f"{path}: invalid submission record ({where}: {first['msg']})"
        ) from None
    expected = path.stem.rsplit("-", 1)[-1]
    if record.content_hash()[:HASH_CHARS] != expected:
        raise SubmissionError(f"{path}: content does not match the hash in its name (edited?)")
    return record


def read_records(folder: Path) -> list[SubmissionRecord]:
    """Every record in a submissions folder, oldest first (ties broken by file name)."""
    if not folder.is_dir():
        return []
    records = [(read_record(p), p.name) for p in sorted(folder.glob("*.json"))]
    records.sort(key=lambda pair: (pair[0].submitted_at, pair[1]))
    return [record for record, _ in records]
