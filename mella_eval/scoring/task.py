"""Scoring one task's sample records with its metrics, and summarising it for results.

The one path from records to scores, shared by ``run``, ``score``, ``merge``,
leaderboard rescoring and figures. Samples whose generation failed (``error`` set) are
excluded from the scores and make the task non-reportable; they are never silently
scored as empty captions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mella_eval.results import (
    UNCATEGORISED,
    CategoryResult,
    MetricValue,
    SampleRecord,
    TaskResult,
    write_samples,
)
from mella_eval.scoring.corpus import score_items
from mella_eval.scoring.records import length_checked, scorable, to_items
from mella_eval.tasks.spec import TaskSpec

DEFAULT_BOOTSTRAP = 1000


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


def task_result(
    out_dir: Path,
    spec: TaskSpec,
    task_hash: str,
    generation: dict[str, Any],
    records: list[SampleRecord],
    *,
    partial: bool,
    bootstrap: int,
    seed: int,
) -> TaskResult:
    """Score one task's records, write its sample file, and summarise it.

    ``partial`` marks a task run on a subset (``--limit``, ``--shard``): its scores are
    not reportable. ``generation`` is the sampling settings used, as plain data.
    """
    scoring = score_task(spec, records, bootstrap=bootstrap, seed=seed)
    metrics = scoring.metrics
    samples_file, samples_sha = write_samples(out_dir, spec.name, scoring.records)
    errors = sum(1 for r in scoring.records if r.error is not None)  # too long to score too
    return TaskResult(
        task=spec.name,
        task_hash=task_hash,
        version=spec.version,
        kind=spec.kind,
        language=spec.language.code,
        generation=generation,
        n_samples=len(records),
        n_scored=len(records) - errors,
        n_errors=errors,
        headline=spec.metrics[0].key,
        metrics=metrics,
        categories=scoring.categories,
        reportable=not (partial or errors or not metrics),
        samples_file=samples_file,
        samples_sha256=samples_sha,
    )
