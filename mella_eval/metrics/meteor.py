"""METEOR for every language: nltk's implementation on language-aware tokens.

Matching modules, in nltk's order: exact, then stem (a Snowball stemmer where the
language table names one: ar, hu, ru, en, ...), then WordNet synonyms only where real
synonym data exists (English WordNet, when it is installed on ``NLTK_DATA``). Elsewhere
the synonym stage gets a stub whose ``synsets()`` is empty, so no English synonyms are
applied to Russian. The signature lists the modules that actually ran.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.base import MeanMetric, ScoringItem
from mella_eval.metrics.registry import register
from mella_eval.text.keywords import snowball_stem
from mella_eval.text.normalize import TEXT_PROCESSING_VERSION, normalizer_signature

# Languages with real synonym data an offline install can have (nltk's WordNet is English).
_WORDNET_LANGS = frozenset({"en"})


class NoSynonyms:
    """A WordNet stand-in with no synsets: the synonym stage matches nothing."""

    def synsets(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


class CachedStemmer:
    """nltk stemmer interface over a memoised function (identity when no stemmer)."""

    def __init__(self, language: str | None) -> None:
        self._stem = snowball_stem(language) if language else None

    def stem(self, word: str) -> str:
        return self._stem(word) if self._stem else word


@cache
def english_wordnet() -> Any | None:
    """nltk's English WordNet if its data is installed; never downloads."""
    try:
        from nltk.corpus import wordnet

        wordnet.synsets("dog")
    except (LookupError, OSError):
        return None
    return wordnet


@register
class Meteor(MeanMetric):
    """nltk METEOR (alpha 0.9, beta 3, gamma 0.5) on the language's tokens, x100."""

    name = "meteor"
    description = "nltk METEOR on language-aware tokens; Snowball stems; WordNet for en only"

    def __init__(self, lang: LanguageSpec, *, synonyms: bool = True, stem: bool = True) -> None:
        super().__init__(lang, synonyms=synonyms, stem=stem)
        self.use_stem, self.use_synonyms = stem, synonyms

    def _resources(self) -> tuple[CachedStemmer, Any, list[str]]:
        """Stemmer, synonym source and module names, built on first use (nltk imports
        slowly, and task validation builds metrics without scoring)."""
        lang = self.lang
        wn = english_wordnet() if self.use_synonyms and lang.code in _WORDNET_LANGS else None
        modules = ["exact"]
        if self.use_stem and lang.stemmer:
            modules.append(f"stem(snowball-{lang.stemmer})")
        if wn is not None:
            modules.append("synonym(wordnet-en)")
        stemmer = CachedStemmer(lang.stemmer if self.use_stem else None)
        return stemmer, (wn if wn is not None else NoSynonyms()), modules

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        from nltk.translate.meteor_score import meteor_score

        hyps, refs = self.context.item_words(items)
        stemmer, wordnet, _ = self._resources()
        rows = []
        for hyp, rs in zip(hyps, refs, strict=True):
            score = meteor_score(rs, hyp, stemmer=stemmer, wordnet=wordnet) if rs else 0.0
            rows.append([score, 1.0])
        return np.array(rows, dtype=float).reshape(-1, 2)

    def signature(self) -> dict[str, Any]:
        import nltk

        return {
            "metric": self.name, "version": f"nltk-{nltk.__version__}+{TEXT_PROCESSING_VERSION}",
            "modules": "+".join(self._resources()[2]), "segmenter": self.lang.segmenter,
            "normalization": normalizer_signature(self.lang), "case": "casefold",
            "alpha": 0.9, "beta": 3.0, "gamma": 0.5, "multi_ref": "max over references",
        }  # fmt: skip
