"""Rescoring a whole leaderboard with today's metrics, and keeping the samples to do it.

Metrics change (a tokenizer fix, a new normaliser, a language-ID rule) and so do task
data (a corrected keywords file, a fixed reference), so a number on a board is only
comparable with numbers scored by the same code on the same data. ``leaderboard rescore``
rescores every run entry's stored predictions against the *current* task data
(references, keywords, category labels), headline and per-category scores alike, through
the one scoring path (:func:`mella_eval.scoring.score_task`), rewrites the records
that moved and writes into each one what changed (old value, new value, signature
fields). Reported entries (numbers from papers) have no samples and are left exactly as
they are.

The samples are kept content-addressed: at submit time each task's sample file is copied
to ``<board>/samples/<sha256>.jsonl``, where the SHA-256 is the one the record already
holds (``TaskScores.samples_sha256``), so a record names its own samples and a tampered
copy is detected when read. Entries submitted before samples were kept can be rescored
from their run folders (``--runs``), found by the same hashes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock, Timeout
from pydantic import ValidationError

from mella_eval import __version__
from mella_eval.data.dataset import load_task_data
from mella_eval.data.sample import Sample
from mella_eval.errors import MellaError, SubmissionError
from mella_eval.leaderboard.definition import LeaderboardDefinition
from mella_eval.leaderboard.records import (
    RescoreEvent,
    ScoreChange,
    SubmissionRecord,
    TaskScores,
    read_record,
    write_record,
)
from mella_eval.leaderboard.submit import LOCK_FILE, LOCK_TIMEOUT_S
from mella_eval.results import (
    CategoryResult,
    MetricValue,
    SampleRecord,
    atomic_write_text,
    read_results,
    sha256_text,
)
from mella_eval.scoring import score_task
from mella_eval.tasks import TaskRegistry, task_hash
from mella_eval.tasks.spec import TaskSpec

SAMPLES_DIR = "samples"
Status = Literal["changed", "unchanged", "reported", "skipped"]


@dataclass
class CurrentTask:
    """A board task as it is defined today: spec, samples by id, and its task hash."""

    spec: TaskSpec
    samples: dict[str, Sample]
    hash: str


@dataclass
class RescoreOutcome:
    """What rescoring did to one record file."""

    file: str
    status: Status
    model: str = "?"
    changes: list[ScoreChange] = field(default_factory=list)
    new_file: str | None = None
    reason: str = ""


def samples_dir(definition: LeaderboardDefinition) -> Path:
    return definition.base_dir / SAMPLES_DIR


def archive_samples(definition: LeaderboardDefinition, run_dir: Path) -> list[Path]:
    """Copy each task's sample file of an accepted run to ``samples/<sha256>.jsonl``."""
    result = read_results(run_dir)
    folder = samples_dir(definition)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for _, _, name in definition.tasks():
        task = result.tasks[name]
        text = (run_dir / task.samples_file).read_text(encoding="utf-8")
        if sha256_text(text) != task.samples_sha256:
            raise SubmissionError(f"{run_dir / task.samples_file}: changed since it was checked")
        target = folder / f"{task.samples_sha256}.jsonl"
        if not target.exists():
            atomic_write_text(target, text)
        written.append(target)
    return written


def index_run_samples(run_dirs: Sequence[Path]) -> dict[str, Path]:
    """SHA-256 -> sample file, over the ``samples/*.jsonl`` of older run folders."""
    index: dict[str, Path] = {}
    for run_dir in run_dirs:
        for path in sorted((run_dir / SAMPLES_DIR).glob("*.jsonl")):
            index.setdefault(sha256_text(path.read_text(encoding="utf-8")), path)
    return index


def rescore_board(
    definition: LeaderboardDefinition,
    *,
    run_dirs: Sequence[Path] = (),
    now: datetime | None = None,
) -> list[RescoreOutcome]:
    """Rescore every record of the board; one bad record is reported and skipped."""
    specs = _current_tasks(definition)
    extra = index_run_samples(run_dirs)
    outcomes = []
    for path in sorted(definition.submissions_dir.glob("*.json")):
        try:
            record = read_record(path)
        except (MellaError, OSError, ValueError) as exc:
            reason = str(exc).removeprefix(f"{path}: ")
            outcomes.append(RescoreOutcome(path.name, "skipped", reason=reason))
            continue
        if record.entry_type == "reported":
            outcomes.append(RescoreOutcome(path.name, "reported", model=record.model))
            continue
        try:
            outcomes.append(
                _rescore_record(definition, path, record, specs, extra, now or datetime.now(UTC))
            )
        except MellaError as exc:
            outcomes.append(RescoreOutcome(path.name, "skipped", record.model, reason=str(exc)))
    return outcomes


def _current_tasks(definition: LeaderboardDefinition) -> dict[str, CurrentTask]:
    """Every board task with its current data, loaded once for all records."""
    registry = TaskRegistry.discover(definition.task_dirs())
    current = {}
    for _, _, name in definition.tasks():
        spec = registry.get(name)
        try:
            data = load_task_data(spec)
        except MellaError as exc:
            raise SubmissionError(f"task {name}: cannot load its data ({exc})") from None
        samples = {sample.id: sample for sample in data.samples}
        current[name] = CurrentTask(spec, samples, task_hash(spec, data.fingerprint))
    return current


def _rescore_record(
    definition: LeaderboardDefinition,
    path: Path,
    record: SubmissionRecord,
    current: dict[str, CurrentTask],
    extra: dict[str, Path],
    now: datetime,
) -> RescoreOutcome:
    """Rescore one run entry; rewrite it (new content-hash name) only when something moved."""
    tasks: dict[str, TaskScores] = {}
    changes: list[ScoreChange] = []
    for name, old in record.tasks.items():
        if name not in current:
            raise SubmissionError(f"task {name} is no longer on the leaderboard")
        task = current[name]
        samples = _with_current_data(name, _stored_samples(definition, name, old, extra), task)
        fresh = score_task(
            task.spec, samples, bootstrap=definition.bootstrap, seed=record.seed or 0
        )
        changes += compare_scores(name, old.metrics, fresh.metrics, definition.tolerance)
        changes += compare_categories(name, old.categories, fresh.categories, definition.tolerance)
        tasks[name] = old.model_copy(
            update={
                "metrics": dict(fresh.metrics),
                "categories": fresh.categories,
                "task_hash": task.hash,
            }
        )
    if not changes:
        return RescoreOutcome(path.name, "unchanged", record.model)
    event = RescoreEvent(rescored_at=now, mella_eval=__version__, changes=changes)
    updated = record.model_copy(update={"tasks": tasks, "rescores": [*record.rescores, event]})
    new_path = _replace_record(definition, path, updated)
    return RescoreOutcome(path.name, "changed", record.model, changes, new_path.name)


def _with_current_data(
    task: str, records: list[SampleRecord], current: CurrentTask
) -> list[SampleRecord]:
    """The stored predictions with today's references, keywords and category labels.

    The predictions are the entry's; what they are scored against is the task's as it is
    now (as at submit time, where the sample files must match the task data). A sample
    added to or removed from the task since cannot be scored without a new run.
    """
    got = {record.id for record in records}
    if got != current.samples.keys() or len(got) != len(records):
        missing = sorted(current.samples.keys() - got)[:5]
        unknown = sorted(got - current.samples.keys())[:5]
        raise SubmissionError(
            f"task {task}: the stored samples no longer match the task's samples (missing "
            f"{missing}, unknown {unknown}); the model must be re-run on the current task"
        )
    return [
        record.model_copy(
            update={
                "references": list(sample.references),
                "keywords": [list(entry) for entry in sample.keywords],
                "categories": list(sample.categories),
            }
        )
        for record in records
        for sample in [current.samples[record.id]]
    ]


def _stored_samples(
    definition: LeaderboardDefinition, task: str, scores: TaskScores, extra: dict[str, Path]
) -> list[SampleRecord]:
    """The task's sample records, from the board's archive or a given run folder."""
    digest = scores.samples_sha256
    if digest is None:
        raise SubmissionError(f"task {task}: the record names no sample file")
    path = samples_dir(definition) / f"{digest}.jsonl"
    if not path.is_file():
        path = extra.get(digest, path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SubmissionError(
            f"task {task}: no stored samples {digest[:16]}... (submitted before samples were "
            "kept? pass its run folder with --runs)"
        ) from None
    if sha256_text(text) != digest:
        raise SubmissionError(f"{path}: content does not match its SHA-256 (edited?)")
    try:
        return [SampleRecord.model_validate_json(line) for line in text.splitlines() if line]
    except ValidationError as exc:
        raise SubmissionError(f"{path}: invalid sample record ({exc.errors()[0]['msg']})") from None


def compare_scores(
    task: str, old: dict[str, MetricValue], new: dict[str, MetricValue], tolerance: float
) -> list[ScoreChange]:
    """Metrics whose value moved by more than ``tolerance`` or whose signature changed."""
    changes = []
    for metric in sorted(old.keys() | new.keys()):
        before, after = old.get(metric), new.get(metric)
        signature = _signature_diff(
            before.signature if before else {}, after.signature if after else {}
        )
        moved = before is None or after is None or abs(before.value - after.value) > tolerance
        if moved or signature:
            changes.append(
                ScoreChange(
                    task=task, metric=metric, old=before.value if before else None,
                    new=after.value if after else None, signature=signature,
                )
            )  # fmt: skip
    return changes


def _signature_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    }


def compare_categories(
    task: str,
    old: dict[str, CategoryResult],
    new: dict[str, CategoryResult],
    tolerance: float,
) -> list[ScoreChange]:
    """Per-category metrics (and sample counts) that moved, one change each."""
    changes = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        before_n = before.n_scored if before else None
        after_n = after.n_scored if after else None
        if before_n != after_n:
            changes.append(
                ScoreChange(task=task, category=name, metric="n_scored",
                            old=before_n, new=after_n)
            )  # fmt: skip
        for change in compare_scores(
            task, before.metrics if before else {}, after.metrics if after else {}, tolerance
        ):
            changes.append(change.model_copy(update={"category": name}))
    return changes


def _replace_record(
    definition: LeaderboardDefinition, old_path: Path, record: SubmissionRecord
) -> Path:
    """Under the submit lock: write the new record atomically, then drop the old file.

    The new file is complete before the old one goes, so a crash in between leaves both
    (the entry shows twice until the older file is deleted), never neither or half of one.
    """
    folder = definition.submissions_dir
    try:
        with FileLock(str(folder / LOCK_FILE), timeout=LOCK_TIMEOUT_S):
            new_path = write_record(folder, record)
            if new_path.name != old_path.name:
                old_path.unlink(missing_ok=True)
    except Timeout:
        raise SubmissionError(f"another submit holds {folder / LOCK_FILE}; try again") from None
    return new_path


def format_outcomes(outcomes: Sequence[RescoreOutcome]) -> str:
    """The command's report: a summary line, then each record and what moved in it."""
    counts = {s: sum(o.status == s for o in outcomes) for s in ("changed", "unchanged")}
    reported = sum(o.status == "reported" for o in outcomes)
    skipped = sum(o.status == "skipped" for o in outcomes)
    lines = [
        f"{len(outcomes)} record(s): {counts['changed']} changed, {counts['unchanged']} "
        f"unchanged, {reported} reported (left as is), {skipped} skipped"
    ]
    for o in outcomes:
        if o.status == "skipped":
            lines.append(f"skipped    {o.file}: {o.reason}")
        elif o.status == "changed":
            lines.append(f"changed    {o.model} ({o.file} -> {o.new_file})")
            lines += [f"  {_describe(c)}" for c in o.changes]
        else:
            lines.append(f"{o.status:<10} {o.model} ({o.file})")
    return "\n".join(lines) + "\n"


def _describe(change: ScoreChange) -> str:
    def number(value: float | None) -> str:
        return "-" if value is None else f"{value:.4f}"

    metric = change.metric if change.category is None else f"{change.metric} [{change.category}]"
    text = f"{change.task:<24} {metric:<20} {number(change.old)} -> {number(change.new)}"
    if change.signature:
        moved = "; ".join(f"{k}: {a!r} -> {b!r}" for k, (a, b) in change.signature.items())
        text += f"   signature {moved}"
    return text
