"""The COCO caption toolkit's protocol, exactly as pycocoevalcap 1.2 runs it.

``bleu_coco``, ``rouge_l_coco``, ``cider_coco`` and ``meteor_coco`` reproduce the numbers
papers report (MELLA's prototype among them): PTB tokenisation with lower-casing and
punctuation removal, BLEU with "closest" reference length, ROUGE-L with beta 1.2, CIDEr-D,
and Meteor 1.5 with ``-l en -norm`` for every language. They are English-centric on
purpose; the language-aware metrics (``bleu``, ``meteor``, ...) are the correct ones for
MELLA's languages. All four share the scoring call's one PTB run and one Meteor JVM.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.base import MeanMetric, ScoringItem, SumMetric
from mella_eval.metrics.cider import cider_scores
from mella_eval.metrics.ngrams import bleu_coco_from_totals, bleu_coco_row, rouge_l_coco

_PROTOCOL = "pycocoevalcap-1.2"
_TOKENIZER = "ptb(stanford-corenlp-3.4.1,-lowerCase,punct-removed)"

# Meteor 1.5 "default" task parameters for English (alpha, beta, gamma, delta) and the
# module weights (exact, stem, synonym, paraphrase): what `-l en -norm` uses.
_ALPHA, _BETA, _GAMMA, _DELTA = 0.85, 0.20, 0.60, 0.75
_WEIGHTS = (1.0, 0.6, 0.8, 0.6)


def _coco_signature(name: str, **extra: Any) -> dict[str, Any]:
    return {"metric": name, "version": _PROTOCOL, "tokenizer": _TOKENIZER,
            "case": "lower", "normalization": "ptb", **extra}  # fmt: skip


class BleuCoco(SumMetric):
    """BLEU-n of the COCO toolkit (n=1..4; ``n: 4`` is the usual BLEU-4)."""

    name = "bleu_coco"
    description = "COCO-toolkit BLEU-n (PTB tokens, closest ref length)"

    def __init__(self, lang: LanguageSpec, *, n: int = 4) -> None:
        if n not in (1, 2, 3, 4):
            raise ValueError(f"bleu_coco: n must be 1, 2, 3 or 4, got {n!r}")
        super().__init__(lang, n=n)
        self.n = n

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        hyps, refs = self.context.ptb(items)
        rows = [bleu_coco_row(h.split(), [r.split() for r in rs], self.n)
                for h, rs in zip(hyps, refs, strict=True)]  # fmt: skip
        return np.array(rows, dtype=float).reshape(-1, 2 + 2 * self.n)

    def from_totals(self, totals: np.ndarray) -> float:
        return 100.0 * bleu_coco_from_totals(totals, self.n)

    def signature(self) -> dict[str, Any]:
        return _coco_signature(self.name, n=self.n, ref_length="closest")


class RougeLCoco(MeanMetric):
    """ROUGE-L of the COCO toolkit: LCS F-measure with beta 1.2, mean over samples."""

    name = "rouge_l_coco"
    description = "COCO-toolkit ROUGE-L (beta 1.2)"

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        hyps, refs = self.context.ptb(items)
        rows = [[rouge_l_coco(h, rs), 1.0] for h, rs in zip(hyps, refs, strict=True)]
        return np.array(rows, dtype=float).reshape(-1, 2)

    def signature(self) -> dict[str, Any]:
        return _coco_signature(self.name, beta=1.2)


class CiderCoco(MeanMetric):
    """CIDEr-D of the COCO toolkit on PTB tokens (x100)."""

    name = "cider_coco"
    description = "COCO-toolkit CIDEr-D, DF over the scoring call"

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        hyps, refs = self.context.ptb(items)
        scores = cider_scores([h.split() for h in hyps], [[r.split() for r in rs] for rs in refs])
        return np.array([[s, 1.0] for s in scores], dtype=float).reshape(-1, 2)

    def signature(self) -> dict[str, Any]:
        return _coco_signature(self.name, n=4, sigma=6.0, df="all references of the call")


class MeteorCoco(SumMetric):
    """Meteor 1.5 as pycocoevalcap runs it (``-l en -norm``), corpus score from summed stats."""

    name = "meteor_coco"
    description = "COCO-toolkit METEOR 1.5 (-l en -norm) via one persistent JVM"

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        if not items:  # no JVM for nothing
            return np.zeros((0, 23))
        hyps, refs = self.context.ptb(items)
        rows = np.array(self.context.jvm.meteor_stats(list(zip(hyps, refs, strict=True))))
        rows = rows.reshape(-1, 23)
        # Meteor does not add a perfect match's single chunk when it aggregates; zero it
        # here so column sums reproduce its corpus score (the sample score is unchanged).
        rows[_perfect(rows), 20] = 0.0
        return rows

    def from_totals(self, totals: np.ndarray) -> float:
        return 100.0 * meteor_from_stats(totals)

    def signature(self) -> dict[str, Any]:
        return _coco_signature(
            self.name, jar="meteor-1.5", options="-l en -norm",
            modules="exact,stem,synonym,paraphrase(en)",
        )  # fmt: skip


def _perfect(rows: np.ndarray) -> np.ndarray:
    """Rows whose every word matched in one chunk (Meteor's 'test = ref' case)."""
    test_total = rows[:, [4, 6, 8, 10, 12, 14, 16, 18]].sum(1)
    ref_total = rows[:, [5, 7, 9, 11, 13, 15, 17, 19]].sum(1)
    return (test_total == rows[:, 0]) & (ref_total == rows[:, 1]) & (rows[:, 20] == 1.0)


def meteor_from_stats(s: np.ndarray) -> float:
    """Meteor 1.5 ``computeMetrics`` on one (possibly summed) stats vector."""
    tlen, rlen, tfun, rfun = s[0], s[1], s[2], s[3]
    tw = _DELTA * (tlen - tfun) + (1 - _DELTA) * tfun
    rw = _DELTA * (rlen - rfun) + (1 - _DELTA) * rfun
    tm = rm = 0.0
    for i, w in enumerate(_WEIGHTS):
        tm += s[4 + 4 * i] * w * _DELTA + s[6 + 4 * i] * w * (1 - _DELTA)
        rm += s[5 + 4 * i] * w * _DELTA + s[7 + 4 * i] * w * (1 - _DELTA)
    with np.errstate(divide="ignore", invalid="ignore"):
        p, r = np.float64(tm) / tw, np.float64(rm) / rw
        fmean = 1.0 / ((1 - _ALPHA) / p + _ALPHA / r)
        t_total = sum(s[4 + 4 * i] + s[6 + 4 * i] for i in range(4))
        r_total = sum(s[5 + 4 * i] + s[7 + 4 * i] for i in range(4))
        chunks, twm, rwm = s[20], s[21], s[22]
        if t_total == tlen and r_total == rlen and chunks == 1:
            frag = 0.0
        else:
            frag = np.float64(chunks) / ((twm + rwm) / 2)
        score = fmean * (1.0 - _GAMMA * frag**_BETA)
    return 0.0 if np.isnan(score) else float(max(score, 0.0))
