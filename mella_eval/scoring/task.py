"""Scoring sample records with a task's metrics: the one path shared by ``run``,
``score``, leaderboard rescoring and paired comparisons.

Samples whose generation failed (``error`` set) are excluded from the scores and make
the task non-reportable; they are never silently scored as empty captions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mella_eval.errors import ResultsError
from mella_eval.limits import MAX_SCORED_CHARS
from mella_eval.metrics import ScoringItem
from mella_eval.results import (
    UNCATEGORISED,
    CategoryResult,
    MetricValue,
    SampleRecord,
    read_results,
    read_samples,
)
from mella_eval.scoring.corpus import paired_bootstrap, score_items
from mella_eval.tasks.spec import TaskSpec

DEFAULT_BOOTSTRAP = 1000


def too_long(record: SampleRecord) -> str | None:
    """Why a record's text is too long to score, or None (see ``limits.MAX_SCORED_CHARS``).

    Meteor 1.5's aligner (``meteor_coco``) ran its 2 GB JVM out of memory on a 100,000
    character caption and took the whole scoring call with it; a long text fails its
    own sample instead, before any metric sees it.
    """
    texts = [("prediction", record.prediction or "")]
    texts += [(f"reference {i + 1}", ref) for i, ref in enumerate(record.references)]
    for what, text in texts:
        if len(text) > MAX_SCORED_CHARS:
            return (
                f"{what} of {len(text)} characters is longer than the scoring limit of "
                f"{MAX_SCORED_CHARS}; not scored"
            )
    return None


def length_checked(records: list[SampleRecord]) -> list[SampleRecord]:
    """The records, each one too long to score turned into a failed sample with its reason."""
    out = []
    for record in records:
        reason = None if record.error is not None else too_long(record)
        out.append(record if reason is None else record.model_copy(
            update={"error": reason, "prediction": None}))  # fmt: skip
    return out


def scorable(records: list[SampleRecord]) -> list[SampleRecord]:
    """Records that have a prediction and no error."""
    return [r for r in records if r.error is None and r.prediction is not None]


def to_items(records: list[SampleRecord]) -> list[ScoringItem]:
    """The metrics' view of sample records."""
    return [
        ScoringItem(
            prediction=r.prediction or "",
            references=list(r.references),
            keywords=[tuple(k) for k in r.keywords],
        )
        for r in records
    ]


@dataclass
class TaskScoring:
    """A task scored: corpus values, per-category values, records with per-sample scores."""

    metrics: dict[str, MetricValue]
    categories: dict[str, CategoryResult]
    records: list[SampleRecord]


def category_groups(records: list[SampleRecord]) -> dict[str, list[int]]:
    """Category -> indices of the records in it (sorted by name).

    A record with several labels is in each. Records without a label go to
    ``uncategorised``, but only when some record has a label: a task without any
    categories has no per-category scores at all.
    """
    groups: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        for label in record.categories or [UNCATEGORISED]:
            groups.setdefault(label, []).append(index)
    if list(groups) == [UNCATEGORISED]:
        return {}
    return dict(sorted(groups.items()))


def score_records(
    spec: TaskSpec,
    records: list[SampleRecord],
    *,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> tuple[dict[str, MetricValue], list[SampleRecord]]:
    """Corpus scores (with CI) for a task, and the records with per-sample scores filled in."""
    scored = score_task(spec, records, bootstrap=bootstrap, seed=seed)
    return scored.metrics, scored.records


def score_task(
    spec: TaskSpec,
    records: list[SampleRecord],
    *,
    bootstrap: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> TaskScoring:
    """:func:`score_records` plus per-category values (same bootstrap and seed).

    A record too long to score (:func:`too_long`) comes back failed, with its reason.
    """
    records = length_checked(records)
    usable = scorable(records)
    if not usable:
        return TaskScoring({}, {}, records)
    wanted = [(m.key, m.name, m.args) for m in spec.metrics]
    groups = category_groups(usable)
    outcomes = score_items(
        wanted, to_items(usable), spec.language, bootstrap=bootstrap, seed=seed, groups=groups
    )
    values = {
        key: MetricValue(value=o.score, ci_low=o.ci_low, ci_high=o.ci_high, signature=o.signature)
        for key, o in outcomes.items()
    }
    categories = {
        name: CategoryResult(
            n_scored=len(indices),
            metrics={
                key: MetricValue(value=g.score, ci_low=g.ci_low, ci_high=g.ci_high)
                for key, o in outcomes.items()
                if (g := o.groups.get(name)) is not None
            },
        )
        for name, indices in groups.items()
    }
    per_sample: dict[str, dict[str, float | None]] = {r.id: {} for r in usable}
    for key, outcome in outcomes.items():
        for record, value in zip(usable, outcome.per_sample, strict=True):
            per_sample[record.id][key] = value
    updated = [r.model_copy(update={"metrics": per_sample.get(r.id, {})}) for r in records]
    return TaskScoring(values, categories, updated)


def paired_compare(
    spec: TaskSpec,
    baseline_dir: Path,
    candidate_dir: Path,
    metric_key: str,
    *,
    samples: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> Any:
    """Paired bootstrap of ``candidate - baseline`` on the samples both runs scored.

    Returns the metrics package's ``PairedResult`` (delta, p_value, ci_low, ci_high).
    """
    metric = next((m for m in spec.metrics if m.key == metric_key), None)
    if metric is None:
        raise ResultsError(f"task {spec.name!r} has no metric {metric_key!r}")
    base = {r.id: r for r in scorable(_task_records(baseline_dir, spec.name))}
    cand = {r.id: r for r in scorable(_task_records(candidate_dir, spec.name))}
    shared = sorted(base.keys() & cand.keys())
    if not shared:
        raise ResultsError(f"task {spec.name!r}: the two runs share no scored samples")
    items_a = to_items([base[i] for i in shared])
    items_b = to_items([cand[i] for i in shared])
    return paired_bootstrap(
        metric.name, metric.args, items_a, items_b, spec.language, samples=samples, seed=seed
    )


def _task_records(run_dir: Path, task: str) -> list[SampleRecord]:
    result = read_results(run_dir)
    if task not in result.tasks:
        raise ResultsError(f"{run_dir}: no results for task {task!r}")
    return read_samples(run_dir, result.tasks[task])
