"""Keyword accuracy and keyword hit rate: cultural groundedness on D_know.

MELLA reports "Keyword Accuracy" without defining it; this is our definition.
Per sample, accuracy = (keyword entries found in the prediction) / (keyword entries),
where an entry is found when any of its surface forms is mentioned, inflected, cliticised
or compounded as the language allows, by the language's matcher (see
:mod:`mella_eval.text.keywords`). The corpus score is the
mean over samples that have at least one keyword; samples without keywords score None.
``keyword_hit`` is the share of those samples where at least one entry was found.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.base import MeanMetric, ScoringItem
from mella_eval.text.keywords import KeywordMatcher
from mella_eval.text.normalize import TEXT_PROCESSING_VERSION, normalizer_signature


class _KeywordBase(MeanMetric):
    needs_keywords = True
    needs_references = False

    def __init__(self, lang: LanguageSpec, *, stem: bool = True) -> None:
        super().__init__(lang, stem=stem)
        self.matcher = KeywordMatcher(lang, stem=stem)

    def found_counts(self, items: list[ScoringItem]) -> list[tuple[int, int]]:
        """(entries found, entries) per sample."""
        out = []
        for it in items:
            if not it.keywords:
                out.append((0, 0))
                continue
            pred = self.matcher.prepare(it.prediction)
            out.append((sum(self.matcher.found(pred, forms) for forms in it.keywords),
                        len(it.keywords)))  # fmt: skip
        return out

    def signature(self) -> dict[str, Any]:
        # mella-eval-3: Czech possessive adjectives; Thai ORST compounds, Volubilis look-alikes
        # mella-eval-4 (issue 19): case rule for capitalised keywords, name paradigms (cs,
        # sr), Hungarian noun forms, Vietnamese name boundaries; Arabic lexicon-checked
        # clitics, plurals, compound names; Korean compounds as kiwi reads them, names by
        # tag; Thai noun + verb compounds, provinces
        # mella-eval-5 (issue 19, round two): Arabic plural homographs by agreement, toponymic
        # compound names, unit nouns; Korean one-word nouns by kiwi's dictionary, material
        # heads, GeoNames places; Thai WordNet kinds, cooking verbs, place names; Russian
        # adjective-only names; Vietnamese one-syllable name boundaries, French-era spellings
        # mella-eval-6: Czech and Serbian noun paradigms for words simplemma lacks (no greedy
        # lemma for them); Arabic indefinite accusative alif, X + al-Din names
        return {
            "metric": self.name, "version": f"mella-eval-6+{TEXT_PROCESSING_VERSION}",
            "match": self.matcher.mode, "normalization": normalizer_signature(self.lang),
            "case": "casefold",
        }  # fmt: skip


class KeywordAccuracy(_KeywordBase):
    """Mean over samples of the share of keyword entries found (x100)."""

    name = "keyword_accuracy"
    description = "share of reference keyword entries found in the prediction"

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        rows = [[f / n if n else 0.0, 1.0 if n else 0.0] for f, n in self.found_counts(items)]
        return np.array(rows, dtype=float).reshape(-1, 2)


class KeywordHit(_KeywordBase):
    """Share of samples (with keywords) where at least one entry was found (x100)."""

    name = "keyword_hit"
    description = "share of samples with at least one keyword found"

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        rows = [[float(f > 0), 1.0 if n else 0.0] for f, n in self.found_counts(items)]
        return np.array(rows, dtype=float).reshape(-1, 2)
