"""Adding entries to a leaderboard: rescored runs and numbers reported in papers.

Validation and rescoring happen outside the lock (they are slow and read only the
submitter's files); the duplicate check and the write happen inside one file lock on the
leaderboard folder, so two submits running at once both land, or one is refused as a
duplicate of the other, and no record is ever half-written (atomic rename).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mella_eval.errors import MellaError, SubmissionError
from mella_eval.leaderboard.definition import LeaderboardDefinition
from mella_eval.leaderboard.records import (
    SubmissionRecord,
    TaskScores,
    read_records,
    write_record,
)
from mella_eval.leaderboard.validate import check_run, predictions_digest
from mella_eval.limits import MAX_RECORD_BYTES, LimitError, check_json_text
from mella_eval.redact import redact
from mella_eval.results import RESULTS_FILE, MetricValue, read_results, read_samples, sha256_text
from mella_eval.text.spoofing import skeleton

LOCK_FILE = ".submit.lock"
LOCK_TIMEOUT_S = 60.0


@dataclass
class ReportedScore:
    """One number copied from a paper: a task (language + view) and a metric."""

    task: str
    metric: str
    value: float


def submit_run(
    definition: LeaderboardDefinition, run_dir: Path, *, now: datetime | None = None
) -> Path:
    """Validate, rescore and record a run folder; return the written record's path."""
    _refuse_known_duplicate(definition, run_dir)
    checked = check_run(definition, run_dir)
    run = checked.result.run
    record = SubmissionRecord(
        leaderboard=definition.name,
        entry_type="run",
        model=run.model.name,
        model_fingerprint=run.model.fingerprint,
        model_revision=run.model.revision,
        engine=run.engine,
        engine_settings=redact(run.engine_settings),
        seed=run.seed,
        submitted_at=now or datetime.now(UTC),
        results_sha256=sha256_text((run_dir / RESULTS_FILE).read_text(encoding="utf-8")),
        predictions_sha256=checked.predictions_sha256,
        tasks=checked.scores,
    )
    exact = record.model_copy(update={"predictions_sha256": checked.exact_predictions_sha256})
    return add_record(definition, record, also_keys=[exact.duplicate_key()])


def submit_reported(
    definition: LeaderboardDefinition,
    model: str,
    source: str,
    scores: list[ReportedScore],
    *,
    note: str | None = None,
    now: datetime | None = None,
) -> Path:
    """Record numbers copied from elsewhere; they are shown as "reported, not re-run"."""
    if not source.startswith(("http://", "https://")):
        raise SubmissionError(f"--source must be a URL (http:// or https://), got {source!r}")
    if not model.strip():
        raise SubmissionError("--model must name the model")
    if not scores:
        raise SubmissionError("a reported entry needs at least one score")
    record = SubmissionRecord(
        leaderboard=definition.name,
        entry_type="reported",
        model=model,
        source=source,
        note=note,
        submitted_at=now or datetime.now(UTC),
        tasks=_reported_tasks(definition, scores),
    )
    return add_record(definition, record)


def _reported_tasks(
    definition: LeaderboardDefinition, scores: list[ReportedScore]
) -> dict[str, TaskScores]:
    """Group reported numbers by task, checking each task and metric is on the board."""
    known = {name: (view, lang) for view, lang, name in definition.tasks()}
    tasks: dict[str, TaskScores] = {}
    for score in scores:
        if score.task not in known:
            raise SubmissionError(f"task {score.task!r} is not on leaderboard {definition.name!r}")
        view, lang = known[score.task]
        if score.metric not in view.metrics:
            raise SubmissionError(
                f"task {score.task}: metric {score.metric!r} is not a column "
                f"({', '.join(view.metrics)})"
            )
        if not 0.0 <= score.value <= 100.0:
            raise SubmissionError(
                f"task {score.task}: {score.metric} {score.value} is not on the 0-100 scale"
            )
        entry = tasks.setdefault(
            score.task,
            TaskScores(task=score.task, language=lang, kind=view.kind, metrics={}),
        )
        entry.metrics[score.metric] = MetricValue(value=score.value)
    return tasks


def _refuse_known_duplicate(definition: LeaderboardDefinition, run_dir: Path) -> None:
    """Fail fast, before minutes of rescoring, on predictions already on the board.

    Advisory only: ``add_record`` repeats the check under the lock.
    """
    try:
        result = read_results(run_dir)
        by_task = {
            name: read_samples(run_dir, result.tasks[name], verify=False)
            for _, _, name in definition.tasks()
        }
    except (MellaError, KeyError):
        return  # check_run reports unreadable results with the full context
    probe = SubmissionRecord(
        leaderboard=definition.name,
        entry_type="run",
        model=result.run.model.name,
        predictions_sha256=predictions_digest(by_task),
        submitted_at=datetime.now(UTC),
        tasks={},
    )
    exact = probe.model_copy(
        update={"predictions_sha256": predictions_digest(by_task, normalise=False)}
    )
    _check_duplicate(definition.submissions_dir, probe, also_keys=[exact.duplicate_key()])


def _check_duplicate(folder: Path, record: SubmissionRecord, also_keys: Sequence[str] = ()) -> None:
    """Refuse a copy of an entry (same predictions, or same paper and model) and a model
    name that only looks like another entry's.

    ``also_keys``: further keys that count as the same entry (the byte-exact predictions
    digest that records from before normalised predictions hold).
    """
    keys = {record.duplicate_key(), *also_keys}
    look = skeleton(record.model)
    for existing in read_records(folder, skipped=[]):
        if existing.duplicate_key() in keys:
            raise SubmissionError(
                f"rejected: duplicate of the entry {existing.describe()} "
                "(same predictions; or same source and model)"
            )
        if existing.model != record.model and skeleton(existing.model) == look:
            raise SubmissionError(
                f"rejected: the model name {record.model!a} looks like the entry "
                f"{existing.model!a} ({existing.describe_entry()}): names are compared "
                "ignoring case, width, invisible and bidi characters and lookalike letters "
                "(Unicode TR39 confusables); spell it exactly as the entry does if it is "
                "the same model, or choose a name that reads differently"
            )


def add_record(
    definition: LeaderboardDefinition, record: SubmissionRecord, also_keys: Sequence[str] = ()
) -> Path:
    """Under the leaderboard's lock: refuse a duplicate or a lookalike name, else write the
    record atomically."""
    from filelock import FileLock, Timeout

    folder = definition.submissions_dir
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(folder / LOCK_FILE), timeout=LOCK_TIMEOUT_S):
            _check_duplicate(folder, record, also_keys)
            return write_record(folder, record)
    except Timeout:
        raise SubmissionError(f"another submit holds {folder / LOCK_FILE}; try again") from None


def parse_scores(text: str, definition: LeaderboardDefinition) -> list[ReportedScore]:
    """Reported scores from a JSON file or inline JSON.

    Accepted shapes: ``{"<task>": {"<metric>": value}}`` or ``{"<view>": {"<lang>":
    {"<metric>": value}}}``, e.g. ``{"know": {"ar": {"keyword_accuracy": 6.26}}}``.
    """
    path = Path(text)
    raw_text = (
        path.read_text(encoding="utf-8")
        if not text.lstrip().startswith("{") and path.is_file()
        else text
    )
    try:
        check_json_text(raw_text, max_bytes=MAX_RECORD_BYTES)
        raw = json.loads(raw_text)
    except LimitError as exc:
        raise SubmissionError(f"--scores refused ({exc})") from None
    except json.JSONDecodeError as exc:
        raise SubmissionError(f"--scores is neither a JSON file nor inline JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise SubmissionError("--scores must be a JSON object")
    views = {v.name: v for v in definition.views}
    scores: list[ReportedScore] = []
    for key, inner in raw.items():
        if key in views and isinstance(inner, dict):
            for lang, metrics in inner.items():
                scores.extend(_metric_scores(views[key].task_name(lang), metrics))
        else:
            scores.extend(_metric_scores(key, inner))
    return scores


def _metric_scores(task: str, metrics: object) -> list[ReportedScore]:
    if not isinstance(metrics, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in metrics.values()
    ):
        raise SubmissionError(f"--scores: {task!r} must map metric names to numbers")
    return [ReportedScore(task, str(m), float(v)) for m, v in metrics.items()]
