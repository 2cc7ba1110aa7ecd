"""BLEU and chrF / chrF++ through sacrebleu, on the language's own tokens.

By default (``tokenize: language``) the text is normalised and segmented by the
language table (pythainlp for Thai, kiwipiepy morphemes for Korean, Unicode words
elsewhere) and handed to sacrebleu already tokenised (``tok:none``): Thai BLEU on
unsegmented text is 0 whatever the model writes. Naming an offline sacrebleu tokenizer
instead (``13a``, ``intl``, ``char``, ``zh``, ``none``) passes the raw text to sacrebleu
untouched, for numbers comparable with other sacrebleu users. Tokenizers that download a
model at run time (``spm``, ``flores101``, ``flores200``) are refused. ``chrf`` and
``chrf_pp`` default to the raw text (sacrebleu's chrF exactly, comparable with published
chrF); ``chrf_norm`` is chrF on the normalised, segmented text.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.base import ScoringItem, SumMetric
from mella_eval.metrics.chrf_fast import chrf_sentence_stats
from mella_eval.metrics.registry import register
from mella_eval.text.normalize import TEXT_PROCESSING_VERSION, normalizer_signature

OFFLINE_TOKENIZERS = ("13a", "intl", "char", "zh", "none")


def _check_tokenize(name: str, tokenize: str) -> None:
    if tokenize != "language" and tokenize not in OFFLINE_TOKENIZERS:
        raise ValueError(
            f"{name}: tokenize must be 'language' or one of {OFFLINE_TOKENIZERS} "
            f"(others download a model at run time), got {tokenize!r}"
        )


class _Sacre(SumMetric):
    """Shared plumbing: text preparation, references as sacrebleu's padded streams."""

    tokenize: str

    def _texts(self, items: list[ScoringItem]) -> tuple[list[str], list[list[str]]]:
        """Predictions and references as sacrebleu will see them."""
        if self.tokenize != "language":
            return [it.prediction for it in items], [list(it.references) for it in items]
        hyps_t, refs_t = self.context.item_words(items)
        return [" ".join(h) for h in hyps_t], [[" ".join(r) for r in rs] for rs in refs_t]

    def _base_signature(self) -> dict[str, Any]:
        lang_mode = self.tokenize == "language"
        return {
            "metric": self.name,
            "version": f"sacrebleu-{_sacrebleu_version()}"
            + (f"+{TEXT_PROCESSING_VERSION}" if lang_mode else ""),
            "tokenizer": "none (pre-segmented)" if lang_mode else self.tokenize,
            "segmenter": self.lang.segmenter if lang_mode else None,
            "normalization": normalizer_signature(self.lang) if lang_mode else "none",
            "case": "casefold" if lang_mode else "mixed",
        }


def _sacrebleu_version() -> str:
    import sacrebleu

    return str(sacrebleu.__version__)


@register
class Bleu(_Sacre):
    """Corpus BLEU (sacrebleu), n-gram order ``n`` (default 4), on language-aware tokens."""

    name = "bleu"
    description = "sacrebleu BLEU on language-aware tokens"

    def __init__(self, lang: LanguageSpec, *, n: int = 4, tokenize: str = "language") -> None:
        if n not in (1, 2, 3, 4):
            raise ValueError(f"bleu: n must be 1..4, got {n!r}")
        _check_tokenize(self.name, tokenize)
        super().__init__(lang, n=n, tokenize=tokenize)
        self.n, self.tokenize = n, tokenize
        from sacrebleu.metrics import BLEU

        tok = "none" if tokenize == "language" else tokenize
        self._corpus = BLEU(tokenize=tok, max_ngram_order=n)
        self._sentence = BLEU(tokenize=tok, max_ngram_order=n, effective_order=True)

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        hyps, refs = self._texts(items)
        width = max((len(r) for r in refs), default=0)
        # sacrebleu wants one stream per reference position; None marks a missing one.
        streams = [[rs[k] if k < len(rs) else None for rs in refs] for k in range(width)]
        if not items:
            return np.zeros((0, 2 + 2 * self.n))
        rows = self._corpus._extract_corpus_statistics(hyps, streams)  # type: ignore[arg-type]
        return np.array(rows, dtype=float).reshape(-1, 2 + 2 * self.n)

    def from_totals(self, totals: np.ndarray) -> float:
        return float(self._corpus._compute_score_from_stats([int(x) for x in totals]).score)

    def sample_scores(self, stats: np.ndarray) -> list[float | None]:
        """Sentence BLEU uses effective order, as ``sacrebleu.sentence_bleu`` does."""
        return [
            float(self._sentence._compute_score_from_stats([int(x) for x in row]).score)
            for row in stats
        ]

    def signature(self) -> dict[str, Any]:
        return {**self._base_signature(), "n": self.n, "smooth": "exp"}


@register
class Chrf(_Sacre):
    """chrF (``word_order: 0``) or chrF++ (``word_order: 2``), sacrebleu's statistics.

    Character n-grams are counted by :mod:`mella_eval.metrics.chrf_fast` (identical
    numbers, several times faster); the score is sacrebleu's own computation.
    """

    name = "chrf"
    description = "sacrebleu chrF / chrF++ on the raw text (comparable with published chrF)"
    default_word_order = 0
    default_tokenize = "none"

    def __init__(
        self, lang: LanguageSpec, *, word_order: int | None = None, tokenize: str | None = None
    ) -> None:
        word_order = self.default_word_order if word_order is None else word_order
        tokenize = self.default_tokenize if tokenize is None else tokenize
        if word_order not in (0, 1, 2):
            raise ValueError(f"{self.name}: word_order must be 0, 1 or 2, got {word_order!r}")
        if tokenize not in ("language", "none"):
            raise ValueError(f"{self.name}: tokenize must be 'language' or 'none'")
        super().__init__(lang, word_order=word_order, tokenize=tokenize)
        self.word_order, self.tokenize = word_order, tokenize
        from sacrebleu.metrics import CHRF

        self._scorer = CHRF(word_order=word_order)

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        hyps, refs = self._texts(items)
        rows = [chrf_sentence_stats(self._scorer, h, rs) for h, rs in zip(hyps, refs, strict=True)]
        return np.array(rows, dtype=float).reshape(-1, 3 * (6 + self.word_order))

    def from_totals(self, totals: np.ndarray) -> float:
        return float(self._scorer._compute_score_from_stats([int(x) for x in totals]).score)

    def signature(self) -> dict[str, Any]:
        return {**self._base_signature(), "word_order": self.word_order, "char_order": 6,
                "beta": 2}  # fmt: skip


@register
class ChrfPlusPlus(Chrf):
    """chrF++: chrF with word unigrams and bigrams (``chrf`` with ``word_order: 2``)."""

    name = "chrf_pp"
    description = "sacrebleu chrF++ (word_order 2) on the raw text"
    default_word_order = 2


@register
class ChrfNorm(Chrf):
    """chrF on the language's normalised, segmented text (``chrf`` with ``tokenize:
    language``): casefolded, script-unified (Serbian), tone placement and ё folded, and
    Thai/Korean segmented; not comparable with published chrF, but blind to spelling
    variants that do not change the word."""

    name = "chrf_norm"
    description = "sacrebleu chrF on normalised, language-segmented text"
    default_tokenize = "language"
