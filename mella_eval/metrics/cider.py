"""CIDEr-D: consensus of TF-IDF weighted n-grams, as the COCO caption toolkit computes it.

This is pycocoevalcap's ``CiderScorer`` arithmetic, including its quirks (the Gaussian
length penalty compares *bigram* counts; unseen n-grams get document frequency 1), so
``cider_coco`` equals the toolkit. Document frequencies come from every reference of the
scoring call: scoring one sample at a time, as MELLA's prototype did, makes the IDF of
every reference n-gram log(1/1) = 0 and the score always 0.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from mella_eval.metrics.base import MeanMetric, ScoringItem
from mella_eval.metrics.ngrams import Tokens
from mella_eval.metrics.registry import register
from mella_eval.text.normalize import TEXT_PROCESSING_VERSION, normalizer_signature

Vec = tuple[list[dict[tuple[str, ...], float]], list[float], int]
Orders = list[Counter[tuple[str, ...]]]


def _orders(words: Tokens, n: int) -> Orders:
    """1..n-gram counts, one Counter per order, in the toolkit's insertion order."""
    return [Counter(zip(*(words[i:] for i in range(k)), strict=False)) for k in range(1, n + 1)]


def cider_scores(
    hyps: Sequence[Tokens], refs: Sequence[Sequence[Tokens]], n: int = 4, sigma: float = 6.0
) -> list[float]:
    """Per-sample CIDEr-D (toolkit scale, x10) with document frequencies over ``refs``."""
    crefs = [[_orders(r, n) for r in rs] for rs in refs]
    df: Counter[tuple[str, ...]] = Counter()
    for rs in crefs:
        df.update({g for r in rs for order in r for g in order})
    ref_len = math.log(float(len(crefs))) if crefs else 0.0
    idf = {g: ref_len - math.log(max(1.0, c)) for g, c in df.items()}
    penalty_den = 2 * sigma**2
    scores = []
    for hyp, rs in zip(hyps, crefs, strict=True):
        vh = _vec(_orders(hyp, n), idf, ref_len)
        total = np.zeros(n)
        for r in rs:
            total += _sim(vh, _vec(r, idf, ref_len), penalty_den)
        scores.append(float(np.mean(total)) / len(rs) * 10.0)
    return scores


def _vec(orders: Orders, idf: dict[Any, float], ref_len: float) -> Vec:
    """TF-IDF vectors per order, their norms, and the toolkit's "length" (bigram count)."""
    vec = [{g: float(tf) * idf.get(g, ref_len) for g, tf in order.items()} for order in orders]
    norms = []
    for v in vec:
        acc = 0.0
        for x in v.values():  # summed in insertion order, as the toolkit does
            acc += x**2
        norms.append(math.sqrt(acc))
    length = sum(orders[1].values()) if len(orders) > 1 else 0
    return vec, norms, length


def _sim(h: Vec, r: Vec, penalty_den: float) -> np.ndarray:
    (vh, nh, lh), (vr, nr, lr) = h, r
    delta = float(lh - lr)
    penalty = np.e ** (-(delta**2) / penalty_den)
    val = np.zeros(len(vh))
    for k, (hyp_k, ref_k) in enumerate(zip(vh, vr, strict=True)):
        acc = 0.0
        for gram, v in hyp_k.items():
            w = ref_k.get(gram, 0.0)
            if w:
                acc += min(v, w) * w
        if nh[k] != 0 and nr[k] != 0:
            acc /= nh[k] * nr[k]
        val[k] = acc * penalty
    return val


@register
class CiderD(MeanMetric):
    """CIDEr-D on the language's normalised, segmented tokens (x100, like papers)."""

    name = "cider_d"
    description = "CIDEr-D on language-aware tokens; DF over the task's references"

    def __init__(self, lang: Any, *, n: int = 4, sigma: float = 6.0) -> None:
        if not 1 <= n <= 4:
            raise ValueError(f"cider_d: n must be 1..4, got {n}")
        super().__init__(lang, n=n, sigma=sigma)
        self.n, self.sigma = n, sigma

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        hyps, refs = self.context.item_words(items)
        scores = cider_scores(hyps, refs, self.n, self.sigma)
        return np.array([[s, 1.0] for s in scores]).reshape(-1, 2)

    def signature(self) -> dict[str, Any]:
        return {
            "metric": self.name, "n": self.n,
            "version": f"pycocoevalcap-1.2-arithmetic+{TEXT_PROCESSING_VERSION}",
            "sigma": self.sigma, "segmenter": self.lang.segmenter,
            "normalization": normalizer_signature(self.lang), "case": "casefold",
            "df": "all references of the scoring call", "scale": "toolkit score x100",
        }  # fmt: skip
