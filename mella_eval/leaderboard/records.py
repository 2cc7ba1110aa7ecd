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

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
)

from mella_eval.errors import SubmissionError
from mella_eval.limits import (
    MAX_NAME_CHARS,
    MAX_RECORD_BYTES,
    LimitError,
    check_json_text,
    check_strings,
    read_confined,
)
from mella_eval.results import CategoryResult, MetricValue, atomic_write_text

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
    categories: dict[str, CategoryResult] = Field(default_factory=dict)

    @model_serializer(mode="wrap")
    def _drop_empty_categories(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Records from before per-category scores keep their content hash (and file name)."""
        data = handler(self)
        if isinstance(data, dict) and not data.get("categories"):
            data.pop("categories", None)
        return data


class ScoreChange(_Model):
    """One metric of one task whose value or signature moved when the entry was rescored."""

    task: str
    metric: str
    old: float | None = Field(description="value before (None: the metric is new)")
    new: float | None = Field(description="value after (None: the task no longer has it)")
    signature: dict[str, list[Any]] = Field(
        default_factory=dict, description="signature field -> [before, after], changed ones only"
    )
    category: str | None = Field(
        default=None, description="the image category of a per-category value; None: the task's"
    )

    @model_serializer(mode="wrap")
    def _drop_no_category(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Changes recorded before per-category rescoring keep their content hash."""
        data = handler(self)
        if isinstance(data, dict) and data.get("category") is None:
            data.pop("category", None)
        return data


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
    predictions_sha256: str | None = Field(
        default=None,
        description="hash of every (task, sample id, prediction) rescored; predictions "
        "normalised (NFC, no invisible characters, whitespace runs as one space) since "
        "issue 22, byte-exact before",
    )
    tasks: dict[str, TaskScores]
    rescores: list[RescoreEvent] = Field(default_factory=list)

    def duplicate_key(self) -> str:
        """What makes two entries the same: the predictions themselves, or paper and model.

        A run entry is keyed on the content hash of its predictions, which the submitter
        cannot change without changing the scores; names and settings are free text.
        Records written before that hash existed fall back to their declared identity.
        """
        if self.entry_type == "run" and self.predictions_sha256:
            identity: Any = ["predictions", self.predictions_sha256]
        elif self.entry_type == "run":
            identity = [
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
        payload = self.model_dump(mode="json")
        # Records from before these fields existed keep their hash (and file name).
        if payload.get("predictions_sha256") is None:
            payload.pop("predictions_sha256")
        if not payload["rescores"]:
            del payload["rescores"]
        return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()

    def describe(self) -> str:
        """Short human label used in messages."""
        return f"{self.model} ({self.describe_entry()})"

    def describe_entry(self) -> str:
        """The entry without its name: kind and submission date."""
        return f"{self.entry_type}, submitted {self.submitted_at:%Y-%m-%d}"


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


def check_record_limits(record: SubmissionRecord) -> str:
    """The record's JSON text, after checking it against the limits every reader relies on.

    One accepted record is read by every later render and submit, so a record that is
    too deep, too large or carries huge strings is refused before it is written.
    """
    if len(record.model) > MAX_NAME_CHARS or not record.model.strip():
        raise SubmissionError(
            f"rejected: model name of {len(record.model)} characters "
            f"(1 to {MAX_NAME_CHARS} allowed)"
        )
    try:
        check_strings(record.model_dump(mode="json"), where="record")
        text = record.model_dump_json(indent=2) + "\n"
        check_json_text(text, max_bytes=MAX_RECORD_BYTES)
    except LimitError as exc:
        raise SubmissionError(f"rejected: the submission record is too large ({exc})") from None
    except (RecursionError, ValueError) as exc:
        raise SubmissionError(f"rejected: the record cannot be written ({exc})") from None
    return text


def write_record(folder: Path, record: SubmissionRecord) -> Path:
    """Write a record atomically (temporary file + rename) under its content-hash name."""
    text = check_record_limits(record)
    path = folder / record_filename(record)
    atomic_write_text(path, text)
    return path


def read_record(path: Path) -> SubmissionRecord:
    """Load one record and check that its content still matches the hash in its name."""
    try:
        text = read_confined(path.parent, path.name, max_bytes=MAX_RECORD_BYTES).decode("utf-8")
        check_json_text(text, max_bytes=MAX_RECORD_BYTES)
        record = SubmissionRecord.model_validate_json(text)
    except (LimitError, OSError, UnicodeDecodeError) as exc:
        raise SubmissionError(f"{path}: unreadable submission record ({exc})") from None
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


def read_records(folder: Path, skipped: list[str] | None = None) -> list[SubmissionRecord]:
    """Every record in a submissions folder, oldest first (ties broken by file name).

    With ``skipped`` given, an unreadable record is reported there and left out instead
    of stopping the caller: one bad file must not take the whole board down.
    """
    if not folder.is_dir():
        return []
    records = []
    for path in sorted(folder.glob("*.json")):
        try:
            records.append((read_record(path), path.name))
        except SubmissionError as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
    records.sort(key=lambda pair: (pair[0].submitted_at, pair[1]))
    return [record for record, _ in records]
