"""Finding reference keywords in a prediction, the core of keyword accuracy (D_know).

A keyword entry is a tuple of surface forms (``("Beograd", "Београд")``); the entry is
found when any form is. Both sides go through the language's normalisation first, then
the match mode the language's segmenter declares (see :mod:`mella_eval.text.segment`):

* ``words``: the form's words appear as consecutive whole words of the prediction. Where
  the language has a Snowball stemmer, a prediction word also matches when its stem equals
  the keyword word's stem or the keyword word itself (Hungarian ``parlamentben`` stems to
  ``parlament``), so inflection does not hide a correct entity.
* ``boundaries``: for unspaced scripts (Thai) the form, spaces removed, must occur in the
  prediction starting and ending on word-segment boundaries.
* ``eojeol``: each word of the form must begin a whitespace-separated word of the
  prediction, in order (Korean: 경복궁은 contains 경복궁).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from mella_eval.languages import LanguageSpec
from mella_eval.text.normalize import normalize
from mella_eval.text.segment import get_segmenter, unicode_words


@cache
def snowball_stem(language: str) -> Callable[[str], str]:
    """A memoised Snowball stemmer for ``language`` (stemming dominates otherwise)."""
    from nltk.stem.snowball import SnowballStemmer

    stemmer = SnowballStemmer(language)
    return lru_cache(maxsize=200_000)(stemmer.stem)


@dataclass(frozen=True)
class PreparedText:
    """A prediction in the form the match mode needs, computed once per prediction."""

    words: tuple[str, ...]
    stems: tuple[str, ...]
    joined: str = ""
    boundaries: frozenset[int] = frozenset()


class KeywordMatcher:
    """Decides whether keyword entries occur in predictions, for one language."""

    def __init__(self, lang: LanguageSpec, *, stem: bool = True) -> None:
        self.lang = lang
        self.segmenter = get_segmenter(lang.segmenter)
        self.mode = self.segmenter.keyword_mode
        self.stemmer_name = lang.stemmer if stem and self.mode == "words" else None

    @property
    def stem(self) -> Callable[[str], str] | None:
        """The language's memoised Snowball stemmer, loaded on first use (nltk is slow to
        import and task validation builds metrics without scoring anything)."""
        return snowball_stem(self.stemmer_name) if self.stemmer_name else None

    def prepare(self, text: str, segments: Sequence[str] | None = None) -> PreparedText:
        """Normalise and cut a prediction once; reused for all its keywords.

        ``segments`` may pass the normalised text's segmentation when the caller already
        has it (the scoring context does), so Thai is not segmented twice.
        """
        norm = normalize(text, self.lang)
        if self.mode == "boundaries":
            segs = self.segmenter.segment(norm) if segments is None else segments
            cuts, pos = {0}, 0
            for seg in segs:
                pos += len(seg)
                cuts.add(pos)
            return PreparedText((), (), "".join(segs), frozenset(cuts))
        words = tuple(unicode_words(norm))
        stem = self.stem
        stems = tuple(map(stem, words)) if stem else words
        return PreparedText(words, stems)

    def found(self, pred: PreparedText, forms: Sequence[str]) -> bool:
        """True when any surface form of one keyword entry occurs in ``pred``."""
        return any(self._form_found(pred, form) for form in forms)

    def _form_found(self, pred: PreparedText, form: str) -> bool:
        kw = unicode_words(normalize(form, self.lang))
        if not kw:
            return False
        if self.mode == "boundaries":
            return _on_boundaries(pred, "".join(kw))
        if self.mode == "eojeol":
            return _runs(pred.words, kw, lambda w, k: w.startswith(k))
        if self.stem is None:
            return _runs(pred.words, kw, str.__eq__)
        stem = self.stem
        cands = [{k, stem(k)} for k in kw]
        n, m = len(pred.words), len(kw)
        return any(
            all(pred.words[i + j] == kw[j] or pred.stems[i + j] in cands[j] for j in range(m))
            for i in range(n - m + 1)
        )


def _runs(words: Sequence[str], kw: Sequence[str], same: Callable[[str, str], bool]) -> bool:
    """Whether ``kw`` matches consecutive ``words`` somewhere, word by word."""
    m = len(kw)
    return any(all(same(words[i + j], kw[j]) for j in range(m)) for i in range(len(words) - m + 1))


def _on_boundaries(pred: PreparedText, needle: str) -> bool:
    """Whether ``needle`` occurs in the joined segments starting and ending on cuts."""
    start = pred.joined.find(needle)
    while start >= 0:
        if start in pred.boundaries and start + len(needle) in pred.boundaries:
            return True
        start = pred.joined.find(needle, start + 1)
    return False
