"""The metric contract: per-sample statistics first, then a corpus aggregate.

This is sacrebleu's shape. Corpus BLEU is not the mean of sentence BLEU, and a
bootstrap CI must resample the *statistics* and re-aggregate, so every metric exposes
both steps and per-sample and corpus scores share one code path.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.context import ScoringContext
from mella_eval.metrics.items import GroupOutcome, MetricOutcome, ScoringItem

__all__ = ["GroupOutcome", "MeanMetric", "Metric", "MetricOutcome", "ScoringItem", "SumMetric"]


class Metric(ABC):
    """Base class of registered metrics. Subclasses set ``name`` and implement two steps."""

    name: ClassVar[str]
    description: ClassVar[str] = ""
    needs_keywords: ClassVar[bool] = False
    needs_references: ClassVar[bool] = True

    def __init__(self, lang: LanguageSpec, **args: Any) -> None:
        self.lang = lang
        self.args = args
        self._context: ScoringContext | None = None

    @property
    def context(self) -> ScoringContext:
        """Shared per-call caches (tokens, the COCO JVM); a private one when used alone."""
        if self._context is None:
            self._context = ScoringContext(self.lang)
        return self._context

    def attach(self, context: ScoringContext) -> None:
        """Share ``context`` with the other metrics of one scoring call."""
        self._context = context

    @abstractmethod
    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        """One row of sufficient statistics per item (shape ``(n, k)``)."""

    @abstractmethod
    def aggregate(self, stats: np.ndarray) -> float:
        """Corpus score (0-100) from a stack of per-sample statistics."""

    def sample_scores(self, stats: np.ndarray) -> list[float | None]:
        """Per-sample scores; by default each row aggregated on its own."""
        return [self.aggregate(row[None, :]) for row in stats]

    def resampled(self, stats: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Corpus scores of bootstrap resamples; ``counts[b, i]`` = copies of sample i.

        The default rebuilds each resample; :class:`SumMetric` does it in one product.
        """
        return np.array([self.aggregate(np.repeat(stats, c, axis=0)) for c in counts])

    @abstractmethod
    def signature(self) -> dict[str, Any]:
        """Everything needed to reproduce the number: metric, version, tokenisation, ..."""


class SumMetric(Metric):
    """A metric whose corpus score depends only on the column sums of its statistics.

    BLEU, chrF, Meteor and every mean-of-samples metric have this shape; it makes a
    bootstrap of 1,000 resamples one matrix product instead of 1,000 re-aggregations.
    """

    @abstractmethod
    def from_totals(self, totals: np.ndarray) -> float:
        """Corpus score (0-100) from summed statistics."""

    def aggregate(self, stats: np.ndarray) -> float:
        if len(stats) == 0:
            return 0.0
        return self.from_totals(np.asarray(stats, dtype=float).sum(axis=0))

    def resampled(self, stats: np.ndarray, counts: np.ndarray) -> np.ndarray:
        totals = counts.astype(float) @ np.asarray(stats, dtype=float)
        return np.array([self.from_totals(t) for t in totals])


class MeanMetric(SumMetric):
    """Corpus score = mean of per-sample scores over the samples that count.

    Stats rows are ``[score, counts]`` with ``counts`` 0 for a sample that has nothing to
    score (e.g. no keywords), which is then left out of the mean and scores None.
    """

    def from_totals(self, totals: np.ndarray) -> float:
        return float(100.0 * totals[0] / totals[1]) if totals[1] > 0 else 0.0

    def sample_scores(self, stats: np.ndarray) -> list[float | None]:
        return [float(100.0 * s) if c > 0 else None for s, c in stats]
