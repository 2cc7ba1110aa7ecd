"""What metrics read and return: plain data, below both the metric contract and the caches.

:mod:`mella_eval.metrics.base` (the contract) and :mod:`mella_eval.metrics.context` (the
shared token caches) both need these types; keeping them here lets ``base`` import
``context`` at the top without a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ScoringItem:
    """One scored sample: a prediction, its references, and its keywords (D_know)."""

    prediction: str
    references: list[str]
    keywords: list[tuple[str, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class GroupOutcome:
    """A metric's score over one subset of the items (a category), with its bootstrap CI."""

    score: float
    ci_low: float | None
    ci_high: float | None
    n: int


@dataclass
class MetricOutcome:
    """A metric's corpus score (0-100), bootstrap CI, per-sample scores and signature.

    ``groups`` holds the same metric over named subsets (categories), when asked for.
    """

    score: float
    per_sample: list[float | None]
    signature: dict[str, Any]
    ci_low: float | None = None
    ci_high: float | None = None
    groups: dict[str, GroupOutcome] = field(default_factory=dict)
