"""Checking a run folder against a leaderboard and rescoring it from its sample files.

Nothing in ``results.json`` is taken on trust. Every leaderboard task must be present,
complete, of the required version and computed on the *current* task definition and
data (task hash); the sample files must hold exactly the task's samples with the task's
own references and keywords; and the claimed scores must equal what the one scoring path
(:func:`mella_eval.scoring.score_records`) computes from the predictions. Problems are
collected over all tasks so one rejection lists everything to fix.
"""

from __future__ import annotations

import hashlib
import json
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from mella_eval.data.dataset import TaskData, load_task_data
from mella_eval.data.sample import Sample
from mella_eval.errors import MellaError, SubmissionError
from mella_eval.leaderboard.definition import LeaderboardDefinition, View
from mella_eval.leaderboard.records import TaskScores
from mella_eval.results import (
    RunResult,
    SampleRecord,
    TaskResult,
    read_results,
    read_samples,
    version_satisfies,
)
from mella_eval.scoring import score_task
from mella_eval.tasks import TaskRegistry, task_hash
from mella_eval.tasks.spec import TaskSpec
from mella_eval.text.spoofing import strip_ignorables


@dataclass
class Mismatch:
    """A claimed score that rescoring did not reproduce."""

    task: str
    metric: str
    claimed: float | None
    rescored: float | None

    def line(self) -> str:
        """One row of the diff shown to the submitter."""
        claimed, rescored = _fmt(self.claimed), _fmt(self.rescored)
        return f"  {self.task:<22} {self.metric:<20} {claimed:>12} {rescored:>12}"


@dataclass
class Checked:
    """A run that passed every check: its results and the rescored scores per task."""

    result: RunResult
    scores: dict[str, TaskScores] = field(default_factory=dict)
    predictions_sha256: str = ""
    exact_predictions_sha256: str = ""  # byte-exact: the key of records from before normalising


def predictions_digest(
    records_by_task: dict[str, list[SampleRecord]], *, normalise: bool = True
) -> str:
    """SHA-256 of every (task, sample id, prediction), sorted: the duplicate key of a run.

    Only what the model produced counts; names, settings and per-sample metrics are free
    for a submitter to change and so must not make a copy look new. Predictions are
    compared normalised (:func:`normalised_prediction`): a trailing space or another
    Unicode composition of one caption does not make a new entry. ``normalise=False``
    gives the byte-exact digest that records written before this rule hold.
    """
    rows = sorted(
        (task, record.id, _prediction_key(record.prediction, normalise))
        for task, records in records_by_task.items()
        for record in records
    )
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalised_prediction(text: str) -> str:
    """A prediction as the duplicate check sees it: NFC, no invisible format characters
    (zero-width, bidi controls: Unicode default-ignorables), whitespace runs as one space,
    no leading or trailing space."""
    return " ".join(strip_ignorables(unicodedata.normalize("NFC", text)).split())


def _prediction_key(prediction: str | None, normalise: bool) -> str | None:
    if prediction is None or not normalise:
        return prediction
    return normalised_prediction(prediction)


def _fmt(value: float | None) -> str:
    return "missing" if value is None else f"{value:.6f}"


def check_run(definition: LeaderboardDefinition, run_dir: Path) -> Checked:
    """Validate and rescore ``run_dir``; raise SubmissionError listing every problem."""
    try:
        result = read_results(run_dir)
    except MellaError as exc:
        raise SubmissionError(f"rejected: {exc}") from None
    _check_run_level(definition, result)
    specs = _current_specs(definition)
    problems: list[str] = []
    mismatches: list[Mismatch] = []
    checked = Checked(result=result)
    by_task: dict[str, list[SampleRecord]] = {}
    for view, lang, name in definition.tasks():
        task = result.tasks[name]
        spec = specs[name]
        try:
            data = _task_data(spec)
            _check_task_header(view, lang, spec, task, data.fingerprint)
            records = _checked_samples(run_dir, spec, task, data.samples)
        except SubmissionError as exc:
            problems.append(str(exc))
            continue
        by_task[name] = records
        scores, wrong = _rescore(definition, spec, task, records, result.run.seed)
        mismatches.extend(wrong)
        checked.scores[name] = scores
    if problems:
        raise SubmissionError("rejected:\n  " + "\n  ".join(problems))
    if mismatches:
        raise SubmissionError(_mismatch_message(mismatches))
    checked.predictions_sha256 = predictions_digest(by_task)
    checked.exact_predictions_sha256 = predictions_digest(by_task, normalise=False)
    return checked


def _check_run_level(definition: LeaderboardDefinition, result: RunResult) -> None:
    """Schema version, partial runs, and missing tasks: checks that need no task data."""
    if not version_satisfies(result.schema_version, definition.schema_version):
        raise SubmissionError(
            f"rejected: results schema_version {result.schema_version!r}, "
            f"leaderboard {definition.name!r} requires {definition.schema_version!r}"
        )
    if result.run.limit is not None or result.run.shard is not None:
        raise SubmissionError(
            f"rejected: the run used --limit/--shard (limit={result.run.limit}, "
            f"shard={result.run.shard}); submit a full, merged run"
        )
    missing = [name for _, _, name in definition.tasks() if name not in result.tasks]
    if missing:
        raise SubmissionError(f"rejected: missing task(s): {', '.join(missing)}")
    partial = [n for _, _, n in definition.tasks() if not result.tasks[n].reportable]
    if partial:
        raise SubmissionError(
            f"rejected: task(s) not reportable (incomplete or with errors): {', '.join(partial)}"
        )


def _current_specs(definition: LeaderboardDefinition) -> dict[str, TaskSpec]:
    """The current definitions of every leaderboard task (bundled plus ``task_paths``)."""
    try:
        registry = TaskRegistry.discover(definition.task_dirs())
    except MellaError as exc:
        raise SubmissionError(f"rejected: cannot load the leaderboard's tasks ({exc})") from None
    specs = {}
    for _, _, name in definition.tasks():
        try:
            specs[name] = registry.get(name)
        except MellaError as exc:
            raise SubmissionError(f"rejected: leaderboard task {name}: {exc}") from None
    return specs


def _task_data(spec: TaskSpec) -> TaskData:
    """The task's current data; a data problem rejects the submission naming the task."""
    try:
        return load_task_data(spec)
    except MellaError as exc:
        raise SubmissionError(f"task {spec.name}: cannot load its data ({exc})") from None


def _check_task_header(
    view: View, lang: str, spec: TaskSpec, task: TaskResult, fingerprint: str
) -> None:
    """Version, kind, language, metric columns and the task hash of one task."""
    name = spec.name
    if str(task.version) != str(view.task_version):
        raise SubmissionError(f"task {name}: version {task.version}, required {view.task_version}")
    if task.language != lang or task.kind != spec.kind or spec.kind != view.kind:
        raise SubmissionError(
            f"task {name}: language/kind {task.language}/{task.kind}, expected {lang}/{view.kind}"
        )
    absent = [m for m in view.metrics if m not in task.metrics]
    if absent:
        raise SubmissionError(f"task {name}: no score for metric(s) {', '.join(absent)}")
    current = task_hash(spec, fingerprint)
    if task.task_hash != current:
        raise SubmissionError(
            f"task {name}: stale task hash {task.task_hash} (current definition and data: "
            f"{current}); re-run it with the current task"
        )


def _checked_samples(
    run_dir: Path, spec: TaskSpec, task: TaskResult, samples: list[Sample]
) -> list[SampleRecord]:
    """The task's sample records, which must match the task's own samples one to one."""
    try:
        records = read_samples(run_dir, task, verify=True)
    except MellaError as exc:
        raise SubmissionError(f"task {spec.name}: {exc}") from None
    expected = {s.id: s for s in samples}
    got = {r.id: r for r in records}
    if len(got) != len(records) or got.keys() != expected.keys():
        extra, lacking = sorted(got.keys() - expected.keys()), sorted(expected.keys() - got.keys())
        raise SubmissionError(
            f"task {spec.name}: sample ids differ from the task data "
            f"(missing {lacking[:5]}, unknown {extra[:5]}, {len(records)} records)"
        )
    failed = [r.id for r in records if r.error is not None or r.prediction is None]
    if failed:
        raise SubmissionError(
            f"task {spec.name}: {len(failed)} sample(s) without a prediction "
            f"(e.g. {failed[0]!r}); the task is incomplete"
        )
    for record in records:
        sample = expected[record.id]
        same_keywords = [tuple(k) for k in record.keywords] == list(sample.keywords)
        if (
            record.references != sample.references
            or not same_keywords
            or record.prompt != sample.prompt
            or (record.categories and record.categories != list(sample.categories))
        ):
            raise SubmissionError(
                f"task {spec.name}: sample {record.id!r} has references, keywords, prompt or "
                "categories that differ from the task data"
            )
    # Per-category scores always use the task data's labels (1.0 sample files have none).
    return [r.model_copy(update={"categories": list(expected[r.id].categories)}) for r in records]


def _rescore(
    definition: LeaderboardDefinition,
    spec: TaskSpec,
    task: TaskResult,
    records: list[SampleRecord],
    seed: int,
) -> tuple[TaskScores, list[Mismatch]]:
    """Rescore one task; compare every claimed metric with the rescored value."""
    scoring = score_task(spec, records, bootstrap=definition.bootstrap, seed=seed)
    rescored = scoring.metrics
    wrong = []
    for key in sorted(task.metrics.keys() | rescored.keys()):
        claimed = task.metrics.get(key)
        fresh = rescored.get(key)
        if (
            claimed is None
            or fresh is None
            or not math.isfinite(claimed.value)  # NaN: every comparison with it is False
            or not math.isfinite(fresh.value)
            or abs(claimed.value - fresh.value) > definition.tolerance
        ):
            wrong.append(
                Mismatch(
                    spec.name,
                    key,
                    None if claimed is None else claimed.value,
                    None if fresh is None else fresh.value,
                )
            )
    scores = TaskScores(
        task=spec.name,
        language=spec.language.code,
        kind=spec.kind,
        version=task.version,
        task_hash=task.task_hash,
        n_samples=task.n_samples,
        n_scored=task.n_scored,
        samples_sha256=task.samples_sha256,
        metrics=dict(rescored),
        categories=scoring.categories,
    )
    return scores, wrong


def _mismatch_message(mismatches: list[Mismatch]) -> str:
    """The diff a submitter sees when claimed and rescored scores disagree."""
    header = f"  {'task':<22} {'metric':<20} {'claimed':>12} {'rescored':>12}"
    return (
        f"rejected: {len(mismatches)} claimed score(s) differ from rescoring the sample "
        "files (tampered results or a modified scorer):\n"
        + "\n".join([header, *(m.line() for m in mismatches)])
    )
