"""Per-scoring-call caches shared by all metrics of one task.

BLEU, ROUGE-L, CIDEr-D and METEOR all need the same language-aware tokens, and the four
``*_coco`` metrics the same PTB tokens and one Meteor JVM. Segmenting Thai or Korean and
starting Java are the expensive steps, so they happen once per call here, not once per
metric. ``score_items`` creates one context, attaches it to every metric and closes it.
The JVM is the process's shared one (:func:`~mella_eval.metrics.java.shared_jvm`): it
outlives the context, so the next task does not start Java again.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.items import ScoringItem
from mella_eval.metrics.java import CocoJvm, shared_jvm
from mella_eval.text.normalize import normalize
from mella_eval.text.segment import get_segmenter

Tokens = tuple[str, ...]


class ScoringContext:
    """Token caches and the shared Meteor process for one language and one call."""

    def __init__(self, lang: LanguageSpec) -> None:
        self.lang = lang
        self.segmenter = get_segmenter(lang.segmenter)
        self._words: dict[str, Tokens] = {}
        self._ptb: dict[str, str] = {}

    def words(self, texts: Sequence[str]) -> list[Tokens]:
        """Normalised, segmented tokens of each text (the language-aware path)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._words]
        if missing:
            segs = self.segmenter.many([normalize(t, self.lang) for t in missing])
            self._words.update(zip(missing, map(tuple, segs), strict=True))
        return [self._words[t] for t in texts]

    def item_words(self, items: Sequence[ScoringItem]) -> tuple[list[Tokens], list[list[Tokens]]]:
        """(prediction tokens, reference tokens per sample)."""
        self.words([t for it in items for t in (it.prediction, *it.references)])
        return (
            [self._words[it.prediction] for it in items],
            [[self._words[r] for r in it.references] for it in items],
        )

    def ptb(self, items: Sequence[ScoringItem]) -> tuple[list[str], list[list[str]]]:
        """PTB-tokenised predictions and references (pycocoevalcap's preprocessing)."""
        texts = [t for it in items for t in (it.prediction, *it.references)]
        missing = [t for t in dict.fromkeys(texts) if t not in self._ptb]
        if missing:
            self._ptb.update(zip(missing, self.jvm.tokenize(missing), strict=True))
        return (
            [self._ptb[it.prediction] for it in items],
            [[self._ptb[r] for r in it.references] for it in items],
        )

    @property
    def jvm(self) -> CocoJvm:
        """The process's JVM (PTB tokenizer + Meteor 1.5), started on first use."""
        return shared_jvm()

    def close(self) -> None:
        """Drop the token caches (the shared JVM stays up for the next task)."""
        self._words.clear()
        self._ptb.clear()

    def __enter__(self) -> ScoringContext:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
