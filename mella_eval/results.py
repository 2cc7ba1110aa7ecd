"""The results format: ``DIR/results.json`` plus ``DIR/samples/<task>.jsonl``.

Versioned pydantic schema (its JSON Schema is exported to ``schemas/``). Files are
written to a temporary name and renamed into place, so a crash never leaves a
half-written result; ``results.json`` is written last and is the mark of a finished run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mella_eval.errors import ResultsError
from mella_eval.limits import (
    MAX_RESULTS_BYTES,
    MAX_SAMPLES_BYTES,
    LimitError,
    check_json_text,
    read_confined,
)

# 1.1 added per-category scores (TaskResult.categories, SampleRecord.categories); a 1.0
# file is a valid 1.1 file without them, so both are read. New results are written as 1.1.
SCHEMA_VERSION: Literal["1.1"] = "1.1"
READABLE_VERSIONS = ("1.0", "1.1")
UNCATEGORISED = "uncategorised"
RESULTS_FILE = "results.json"
SAMPLES_DIR = "samples"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MetricValue(_Model):
    """A corpus score on a 0-100 scale with its bootstrap 95% CI and signature."""

    value: float
    ci_low: float | None = None
    ci_high: float | None = None
    signature: dict[str, Any] = Field(default_factory=dict)


class CategoryResult(_Model):
    """A task's scores over the samples of one category (same metrics, bootstrap and seed).

    The signature is the task's (left empty here). A sample with several labels counts in
    each; scored samples without a label form ``uncategorised`` when others have labels.
    """

    n_scored: int
    metrics: dict[str, MetricValue]


class TaskResult(_Model):
    """Scores of one task."""

    task: str
    task_hash: str
    version: int | str
    kind: Literal["know", "ling"]
    language: str
    generation: dict[str, Any] = Field(description="sampling settings used for this task")
    n_samples: int = Field(description="samples selected (after --limit and --shard)")
    n_scored: int = Field(description="samples with a prediction (errors excluded)")
    n_errors: int
    headline: str = Field(description="key of the task's headline metric (its first)")
    metrics: dict[str, MetricValue]
    categories: dict[str, CategoryResult] = Field(
        default_factory=dict, description="per-category scores (schema 1.1; empty without labels)"
    )
    reportable: bool = Field(description="false when --limit, --shard or errors made it partial")
    samples_file: str
    samples_sha256: str


class GroupMetric(_Model):
    """Macro mean of one metric over the group's tasks that report it."""

    value: float
    tasks: int


class GroupResult(_Model):
    """Macro averages over a group's languages (each task counts once)."""

    group: str
    tasks: list[str]
    metrics: dict[str, GroupMetric]
    complete: bool = Field(description="every member task was part of this run")


class ModelInfo(_Model):
    """Which model produced the predictions; fingerprint changes when weights change."""

    name: str
    fingerprint: str
    revision: str | None = None


class RunInfo(_Model):
    """How the run was made, enough to reproduce it."""

    model: ModelInfo
    engine: str
    engine_settings: dict[str, Any] = Field(default_factory=dict)
    seed: int = 0
    limit: int | None = None
    shard: str | None = None
    tasks: dict[str, str] = Field(description="task name -> task hash")
    command: list[str] = Field(default_factory=list)
    started_at: datetime
    finished_at: datetime


class EnvironmentInfo(_Model):
    """Software and hardware the run used."""

    mella_eval: str
    python: str
    platform: str
    device: str
    packages: dict[str, str | None] = Field(default_factory=dict)


class Timings(_Model):
    """Wall-clock seconds of each stage."""

    generation_s: float = 0.0
    scoring_s: float = 0.0
    samples_generated: int = 0
    samples_per_s: float | None = None


class RunResult(_Model):
    """Everything ``results.json`` holds."""

    schema_version: Literal["1.0", "1.1"] = SCHEMA_VERSION
    run: RunInfo
    environment: EnvironmentInfo
    tasks: dict[str, TaskResult]
    groups: dict[str, GroupResult] = Field(default_factory=dict)
    timings: Timings = Timings()
    reportable: bool


class SampleRecord(_Model):
    """One line of ``samples/<task>.jsonl``: never the image, always enough to rescore."""

    id: str
    image_sha256: str | None = None
    prompt: str
    system: str | None = None
    prediction: str | None = None
    references: list[str]
    keywords: list[list[str]] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    metrics: dict[str, float | None] = Field(default_factory=dict)
    error: str | None = None
    finish_reason: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency_s: float | None = None


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; results are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def samples_to_jsonl(records: list[SampleRecord]) -> str:
    """Serialise sample records, one JSON object a line, UTF-8 kept readable."""
    return "".join(
        json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n" for r in records
    )


def sha256_text(text: str) -> str:
    """Hex SHA-256 of UTF-8 text (used to tie results.json to its sample files)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_samples(out_dir: Path, task: str, records: list[SampleRecord]) -> tuple[str, str]:
    """Write one task's sample file; return its relative path and content hash."""
    text = samples_to_jsonl(records)
    relative = f"{SAMPLES_DIR}/{task}.jsonl"
    atomic_write_text(out_dir / relative, text)
    return relative, sha256_text(text)


def write_results(out_dir: Path, result: RunResult) -> Path:
    """Write ``results.json`` (after the sample files it points to)."""
    path = out_dir / RESULTS_FILE
    atomic_write_text(path, result.model_dump_json(indent=2) + "\n")
    return path


def remove_stale_results(out_dir: Path) -> None:
    """Delete an older ``results.json`` before any sample file of a new scoring is written.

    ``results.json`` is the mark of a finished run and carries the hashes of its sample
    files; a kill between rewriting the samples and writing the new ``results.json``
    must leave no mark at all rather than an old one that contradicts the samples.
    """
    (out_dir / RESULTS_FILE).unlink(missing_ok=True)


def read_results(path: Path) -> RunResult:
    """Load and validate ``results.json`` from a file or its directory.

    The file is size-capped, must be a regular file and is depth-checked before parsing:
    a results folder may come from anyone (leaderboard submissions).
    """
    file = path / RESULTS_FILE if path.is_dir() else path
    try:
        text = read_confined(file.parent, file.name, max_bytes=MAX_RESULTS_BYTES).decode("utf-8")
        check_json_text(text, max_bytes=MAX_RESULTS_BYTES)
        raw = json.loads(text)
    except FileNotFoundError:
        raise ResultsError(
            f"{file.parent}: no {RESULTS_FILE} (is this a finished run's output folder?)"
        ) from None
    except LimitError as exc:
        raise ResultsError(f"{file}: refused ({exc})") from None
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ResultsError(f"{file}: not valid JSON ({exc})") from None
    version = raw.get("schema_version") if isinstance(raw, dict) else None
    if version not in READABLE_VERSIONS:
        raise ResultsError(
            f"{file}: schema_version {version!r}, this mella-eval reads "
            f"{', '.join(map(repr, READABLE_VERSIONS))}"
        )
    try:
        return RunResult.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise ResultsError(
            f"{file}: invalid results ({where}: {first['msg']}; {exc.error_count()} error(s))"
        ) from None


def read_samples(run_dir: Path, task: TaskResult, *, verify: bool = True) -> list[SampleRecord]:
    """Load one task's sample records; with ``verify``, check the recorded content hash.

    ``samples_file`` comes from ``results.json``, which a submitter writes: it must name a
    regular, size-capped file inside ``run_dir`` (see :func:`read_confined`).
    """
    path = run_dir / task.samples_file
    try:
        text = read_confined(run_dir, task.samples_file, max_bytes=MAX_SAMPLES_BYTES).decode(
            "utf-8"
        )
    except FileNotFoundError:
        raise ResultsError(f"{path}: sample file missing") from None
    except LimitError as exc:
        raise ResultsError(f"samples_file {task.samples_file!r} refused: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ResultsError(f"{path}: not valid UTF-8 ({exc.reason})") from None
    if verify and sha256_text(text) != task.samples_sha256:
        raise ResultsError(f"{path}: content does not match the hash in {RESULTS_FILE} (edited?)")
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(SampleRecord.model_validate_json(line))
        except ValidationError as exc:
            raise ResultsError(
                f"{path}:{number}: invalid sample record ({exc.errors()[0]['msg']})"
            ) from None
    return records


def version_satisfies(actual: str, required: str) -> bool:
    """Does a results file of version ``actual`` meet a requirement of ``required``?

    Same major version and at least the required minor: minor versions only add
    optional fields, so a board that asks for 1.0 accepts 1.1 results too.
    """
    try:
        have = tuple(int(p) for p in actual.split("."))
        need = tuple(int(p) for p in required.split("."))
    except ValueError:
        return False
    return len(have) == 2 and len(need) == 2 and have[0] == need[0] and have[1] >= need[1]


def json_schema() -> dict[str, Any]:
    """JSON Schema of results.json (exported to ``schemas/results.schema.json``)."""
    schema = RunResult.model_json_schema()
    schema["$id"] = f"https://mella-eval/schemas/results-{SCHEMA_VERSION}.json"
    return schema


def export_schema(path: Path) -> None:
    """Write the JSON Schema (``python -m mella_eval.results schemas/results.schema.json``)."""
    atomic_write_text(path, json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    import sys

    export_schema(Path(sys.argv[1] if len(sys.argv) > 1 else "schemas/results.schema.json"))
