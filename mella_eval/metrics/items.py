"""What metrics read and return: plain data, below both the metric contract and the caches.

:mod:`mella_eval.metrics.base` (the contract) and :mod:`mella_eval.metrics.context` (the
shared token caches) both need these types; keeping them here lets ``base`` import
``context`` at the top without a cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mella_eval.text.surrogates import has_surrogates, replace_surrogates


@dataclass(frozen=True)
class ScoringItem:
    """One scored sample: a prediction, its references, and its keywords (D_know)."""

    prediction: str
    references: list[str]
    keywords: list[tuple[str, ...]] = field(default_factory=list)


def _clean(text: str) -> str:
    return replace_surrogates(text)[0]


def scorable_items(items: Sequence[ScoringItem]) -> list[ScoringItem]:
    """``items`` with lone surrogates replaced by U+FFFD (``mella_eval.text.surrogates``).

    Text from files and engines is cleaned where it enters; this is the same rule once
    more at the metrics' door, for callers of the public API, because several metrics
    hand text to code that cannot take a surrogate (UTF-8 for the COCO JVM, Rust for
    lingua, numpy's UTF-32 view in chrF). Every metric scores the cleaned text.
    """
    out = []
    for item in items:
        texts = [item.prediction, *item.references, *(f for k in item.keywords for f in k)]
        if not any(has_surrogates(t) for t in texts):
            out.append(item)
            continue
        out.append(
            ScoringItem(
                prediction=_clean(item.prediction),
                references=[_clean(r) for r in item.references],
                keywords=[tuple(_clean(f) for f in k) for k in item.keywords],
            )
        )
    return out


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
