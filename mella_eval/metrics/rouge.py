"""ROUGE-L on the language's own tokens.

``rouge-score`` keeps only ``[a-z0-9]`` by default, so Russian, Arabic or Thai score 0;
here the tokens come from the language table's segmenter. The score per sample is the
LCS F-measure against the best reference (rouge-score's multi-reference rule), and the
corpus score is the mean over samples.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.base import MeanMetric, ScoringItem
from mella_eval.metrics.ngrams import rouge_l_f
from mella_eval.metrics.registry import register
from mella_eval.text.normalize import TEXT_PROCESSING_VERSION, normalizer_signature


@register
class RougeL(MeanMetric):
    """ROUGE-L F_beta (default beta 1) on language-aware tokens, mean over samples, x100."""

    name = "rouge_l"
    description = "ROUGE-L F on language-aware tokens (max over references)"

    def __init__(self, lang: LanguageSpec, *, beta: float = 1.0) -> None:
        if beta <= 0:
            raise ValueError(f"rouge_l: beta must be > 0, got {beta}")
        super().__init__(lang, beta=beta)
        self.beta = float(beta)

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        hyps, refs = self.context.item_words(items)
        rows = [[rouge_l_f(h, rs, self.beta), 1.0] for h, rs in zip(hyps, refs, strict=True)]
        return np.array(rows, dtype=float).reshape(-1, 2)

    def signature(self) -> dict[str, Any]:
        return {
            "metric": self.name, "beta": self.beta,
            "version": f"mella-eval-lcs+{TEXT_PROCESSING_VERSION}",
            "segmenter": self.lang.segmenter, "normalization": normalizer_signature(self.lang),
            "case": "casefold", "multi_ref": "max F over references",
        }  # fmt: skip
