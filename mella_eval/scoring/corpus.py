"""Scoring entry points: corpus score, per-sample scores, bootstrap CI, paired test.

One call scores one task (one language): it builds every requested metric, shares one
:class:`ScoringContext` between them (tokens segmented once, one PTB run and one Meteor
JVM for the ``*_coco`` metrics), and closes it at the end. Confidence intervals resample
the per-sample *statistics* and re-aggregate (not the per-sample scores: corpus BLEU is
not a mean), with a seeded generator so the same inputs give the same interval.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.base import GroupOutcome, Metric, MetricOutcome, ScoringItem
from mella_eval.metrics.context import ScoringContext
from mella_eval.metrics.items import scorable_items
from mella_eval.metrics.registry import build_metric

_CHUNK = 100  # resamples per matrix product: bounds memory at 100 x n counts


@dataclass(frozen=True)
class PairedResult:
    """Paired bootstrap of run B (candidate) against run A (baseline) on the same samples.

    ``delta`` = score(B) - score(A); ``p_value`` is one-sided for "B is better than A":
    the share of resamples in which B did not beat A (with +1 smoothing); the CI is the
    95% percentile interval of the resampled deltas.
    """

    delta: float
    p_value: float
    ci_low: float
    ci_high: float


def _resample_counts(n: int, samples: int, seed: int) -> Iterator[np.ndarray]:
    """Chunks of bootstrap multiplicities (rows sum to n), reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    done = 0
    while done < samples:
        size = min(_CHUNK, samples - done)
        idx = rng.integers(0, n, size=(size, n))
        yield np.stack([np.bincount(row, minlength=n) for row in idx])
        done += size


def bootstrap_scores(metric: Metric, stats: np.ndarray, samples: int, seed: int) -> np.ndarray:
    """Corpus scores of ``samples`` bootstrap resamples of the statistics rows."""
    if len(stats) == 0 or samples <= 0:
        return np.zeros(0)
    parts = [metric.resampled(stats, c) for c in _resample_counts(len(stats), samples, seed)]
    return np.concatenate(parts)


def _ci(values: np.ndarray) -> tuple[float | None, float | None]:
    if len(values) == 0:
        return None, None
    lo, hi = np.percentile(values, [2.5, 97.5])
    return float(lo), float(hi)


def _reference_info(items: Sequence[ScoringItem]) -> dict[str, Any]:
    counts = [len(it.references) for it in items]
    lo, hi = (min(counts), max(counts)) if counts else (0, 0)
    return {"refs_per_sample": str(lo) if lo == hi else f"{lo}-{hi}", "samples": len(items)}


def group_outcomes(
    metric: Metric,
    stats: np.ndarray,
    groups: Mapping[str, Sequence[int]],
    bootstrap: int,
    seed: int,
) -> dict[str, GroupOutcome]:
    """Score each subset from the task's statistics rows: aggregate and bootstrap the rows.

    The rows were computed once over the whole task, so corpus-level inputs (CIDEr-D's
    document frequencies) stay the task's; only aggregation is restricted to the subset.
    """
    out = {}
    for name, indices in groups.items():
        rows = stats[np.asarray(indices, dtype=int)]
        lo, hi = _ci(bootstrap_scores(metric, rows, bootstrap, seed))
        out[name] = GroupOutcome(metric.aggregate(rows), lo, hi, len(rows))
    return out


def score_items(
    metrics: list[tuple[str, str, dict[str, Any]]],
    items: list[ScoringItem],
    lang: LanguageSpec,
    *,
    bootstrap: int = 1000,
    seed: int = 0,
    groups: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, MetricOutcome]:
    """Score ``items`` with each ``(result key, metric name, args)``; see module doc.

    ``groups`` names subsets of item indices (categories); each metric is also scored per
    subset (``MetricOutcome.groups``), with the same bootstrap and seed.
    """
    out: dict[str, MetricOutcome] = {}
    items = scorable_items(items)
    with ScoringContext(lang) as ctx:
        for key, name, args in metrics:
            metric = build_metric(name, args, lang)
            _check_references(metric, items)
            metric.attach(ctx)
            stats = metric.sample_stats(items)
            lo, hi = _ci(bootstrap_scores(metric, stats, bootstrap, seed))
            signature = {**metric.signature(), "args": dict(args), **_reference_info(items)}
            out[key] = MetricOutcome(
                score=metric.aggregate(stats), per_sample=metric.sample_scores(stats),
                signature=signature, ci_low=lo, ci_high=hi,
                groups=group_outcomes(metric, stats, groups or {}, bootstrap, seed),
            )  # fmt: skip
    return out


def _check_references(metric: Metric, items: Sequence[ScoringItem]) -> None:
    """Reference-based metrics need >= 1 reference per sample: say which sample lacks it."""
    if not metric.needs_references:
        return
    for i, it in enumerate(items):
        if not it.references:
            raise ValueError(f"metric {metric.name!r}: sample {i} has no references")


def _check_aligned(items_a: list[ScoringItem], items_b: list[ScoringItem]) -> None:
    if len(items_a) != len(items_b):
        raise ValueError(f"paired test needs aligned samples: {len(items_a)} vs {len(items_b)}")
    for i, (a, b) in enumerate(zip(items_a, items_b, strict=True)):
        if a.references != b.references or a.keywords != b.keywords:
            raise ValueError(f"sample {i}: references/keywords differ between the two runs")


def paired_bootstrap(
    metric_name: str,
    args: dict[str, Any],
    items_a: list[ScoringItem],
    items_b: list[ScoringItem],
    lang: LanguageSpec,
    *,
    samples: int = 1000,
    seed: int = 0,
) -> PairedResult:
    """Is run B (e.g. fine-tuned) better than run A (baseline)? Koehn (2004).

    Both runs are resampled with the same sample indices; see :class:`PairedResult`.
    """
    items_a, items_b = scorable_items(items_a), scorable_items(items_b)
    _check_aligned(items_a, items_b)
    if not items_a:
        raise ValueError("paired test needs at least one sample")
    with ScoringContext(lang) as ctx:
        metric = build_metric(metric_name, args, lang)
        _check_references(metric, items_a)
        metric.attach(ctx)
        stats_a, stats_b = metric.sample_stats(items_a), metric.sample_stats(items_b)
    delta = metric.aggregate(stats_b) - metric.aggregate(stats_a)
    deltas = bootstrap_scores(metric, stats_b, samples, seed) - bootstrap_scores(
        metric, stats_a, samples, seed
    )
    p_value = (1.0 + float(np.sum(deltas <= 0))) / (len(deltas) + 1.0)
    lo, hi = _ci(deltas)
    return PairedResult(delta=delta, p_value=p_value, ci_low=lo or 0.0, ci_high=hi or 0.0)
