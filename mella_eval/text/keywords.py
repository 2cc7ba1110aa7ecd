"""Finding reference keywords in a prediction, the core of keyword accuracy (D_know).

A keyword entry is a tuple of surface forms (``("Beograd", "Београд")``); the entry is
found when any form is. A form is found when a mention of the *same word* occurs,
inflected, cliticised or compounded as the language allows; a different word that merely
shares a prefix or a stem never counts. How a language does this is data: the table's
``matcher:`` names one of :data:`mella_eval.text.matchers.MATCHERS` (default: simplemma
lemmas where simplemma knows the language, whole words elsewhere).

Both sides go through the language's normalisation (:func:`normalize`) first. A text is
analysed word by word (or eojeol by eojeol) from the *original* string, so every match
also has a character span in the original text (:meth:`KeywordMatcher.spans`, used to
highlight hits).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from mella_eval.languages import LanguageSpec
from mella_eval.text.case_rules import CASED_SCRIPTS, lower_case_only, word_cases
from mella_eval.text.matchers import (
    Piece,
    PieceMatcher,
    WordMatcher,
    get_matcher,
    simplemma_knows,
)
from mella_eval.text.normalize import normalize

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SENTENCE_END = regex.compile(r"[.!?…:;\n]")


@cache
def snowball_stem(language: str) -> Callable[[str], str]:
    """A memoised Snowball stemmer for ``language`` (METEOR's stem stage uses it)."""
    from nltk.stem.snowball import SnowballStemmer

    stemmer = SnowballStemmer(language)
    return lru_cache(maxsize=200_000)(stemmer.stem)


@dataclass(frozen=True)
class PreparedText:
    """A prediction analysed once and reused for all its keywords.

    Word matchers fill ``pieces`` (one per word), ``keys`` and, in cased scripts,
    ``cases`` (see :func:`mella_eval.text.case_rules.word_cases`), ``written`` (each word
    as written) and ``gaps`` (the text before each word); piece matchers fill ``pieces``,
    ``joined`` (their forms concatenated) and ``cuts`` (piece boundaries in ``joined``,
    with ``starts`` mapping each cut back to its piece).
    """

    pieces: tuple[Piece, ...]
    keys: tuple[frozenset[str], ...] = ()
    cases: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()
    joined: str = ""
    cuts: dict[int, int] | None = None


_PREPARED: dict[tuple[str, LanguageSpec], Callable[[str], PreparedText]] = {}


def default_matcher(lang: LanguageSpec) -> str:
    """The table's ``matcher``, else simplemma where it knows the language, else words."""
    if lang.matcher:
        return lang.matcher
    return "simplemma" if simplemma_knows(lang.matcher_lang or lang.code) else "words"


class KeywordMatcher:
    """Decides whether keyword entries occur in predictions, and where, for one language.

    ``stem=False`` turns inflection-aware matching off for spaced scripts (exact whole
    words after normalisation); Korean and Thai keep their piece matching.
    """

    def __init__(self, lang: LanguageSpec, *, stem: bool = True) -> None:
        self.lang = lang
        name = default_matcher(lang)
        impl = get_matcher(name, lang.matcher_lang or lang.code)
        if not stem and isinstance(impl, WordMatcher):
            name, impl = "words", get_matcher("words", lang.code)
        self.name = name
        self.impl: WordMatcher | PieceMatcher = impl
        self.mode = f"{name}({impl.tool})"
        # Capitals mark names in every cased script (mella_eval.text.case_rules).
        self._cased = any(s in CASED_SCRIPTS for s in lang.scripts)
        if self._cased and isinstance(impl, WordMatcher):
            self.mode += "+case"
        self._norm = lru_cache(maxsize=200_000)(lambda s: normalize(s, lang))
        # keyword_accuracy and keyword_hit analyse the same predictions: share the work
        self.prepare = _PREPARED.setdefault((name, lang), lru_cache(4096)(self._analyse))  # type: ignore[method-assign,assignment]

    def prepare(self, text: str) -> PreparedText:
        """Analyse a prediction once (reused for all its keywords, cached)."""
        return self._analyse(text)

    def _analyse(self, text: str) -> PreparedText:
        impl = self.impl
        if isinstance(impl, PieceMatcher):
            pieces = tuple(impl.pieces(text, self._norm))
            cuts, pos = {0: 0}, 0
            for i, p in enumerate(pieces):
                pos += len(p.form)
                cuts[pos] = i + 1
            return PreparedText(pieces, joined="".join(p.form for p in pieces), cuts=cuts)
        words, caps = [], []
        for m in _WORD.finditer(text):
            cap = m.group()[0].isupper()
            for w in _WORD.findall(self._norm(m.group())):  # a step may split a word
                words.append(Piece(w, m.start(), m.end()))
                caps.append(cap)
        words, caps = _join_words(impl, words, caps)
        keys, written, gaps, end = [], [], [], 0
        for i, (w, cap) in enumerate(zip(words, caps, strict=True)):
            raw, gap = text[w.start : w.end], text[end : w.start]
            # At a sentence start or in capitals the case says nothing: both readings.
            blind = cap and (not i or _SENTENCE_END.search(gap) is not None or raw.isupper())
            key = impl.raw_word_keys(raw, w.form, cap)
            keys.append(key | impl.raw_word_keys(raw, w.form, False) if blind else key)
            written.append(raw)
            gaps.append(gap)
            end = max(end, w.end)
        context = impl.context_keys(tuple(w.form for w in words))
        if context is not None:
            keys = [k | c for k, c in zip(keys, context, strict=True)]
        if not self._cased:
            return PreparedText(tuple(words), tuple(keys))
        has_upper = any(c.isupper() for c in text)
        cases = word_cases(written, has_upper)
        return PreparedText(tuple(words), tuple(keys), cases, tuple(written), tuple(gaps))

    def found(self, prepared: PreparedText, forms: Sequence[str]) -> bool:
        """True when any surface form of one keyword entry occurs in ``prepared``."""
        return any(next(self._matches(prepared, form), None) is not None for form in forms)

    def spans(self, text: str, forms: Sequence[str]) -> list[tuple[int, int]]:
        """Character spans ``(start, end)`` in ``text`` of every match of one entry.

        Sorted; overlapping matches (two forms of one entry) are merged.
        """
        prepared = self.prepare(text)
        found = sorted(span for form in forms for span in self._matches(prepared, form))
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _matches(self, prepared: PreparedText, form: str) -> Iterator[tuple[int, int]]:
        """Spans in the original text of the matches of one form (a generator)."""
        impl = self.impl
        if isinstance(impl, PieceMatcher):
            drop = str.maketrans("", "", impl.drop_chars)
            needle = "".join(_WORD.findall(self._norm(form).translate(drop)))
            yield from _piece_matches(prepared, needle, impl)
            return
        split = [
            (Piece(w, 0, 0), m.group()[0].isupper())
            for m in _WORD.finditer(form)
            for w in _WORD.findall(self._norm(m.group()))
        ]
        words, caps = _join_words(impl, [w for w, _ in split], [c for _, c in split])
        kw = [impl.keyword_keys(w.form, cap) for w, cap in zip(words, caps, strict=True)]
        plain = [w.form for w in words]
        names = (
            tuple(
                j
                for j, (w, cap) in enumerate(zip(plain, caps, strict=True))
                if cap and impl.may_be_name(w)
            )
            if prepared.cases
            else ()
        )
        m, keys, pieces = len(kw), prepared.keys, prepared.pieces
        if not m:
            return
        for i in range(len(keys) - m + 1):
            if all(keys[i + j] & kw[j] for j in range(m)) and self._case_ok(
                prepared, i, plain, names
            ):
                yield pieces[i].start, pieces[i + m - 1].end
        if impl.joined_spellings:
            yield from self._joined_matches(prepared, plain, names)
        if impl.spacing_variants:
            yield from _spacing_variants(impl, prepared, plain, caps)

    def _case_ok(
        self, prepared: PreparedText, i: int, kw_words: list[str], names: tuple[int, ...]
    ) -> bool:
        """Whether the case of the text allows a match of ``kw_words`` at word ``i``.

        A capitalised keyword is not mentioned by lower-case letters when the language's
        lexicon knows them, or the keyword's own letters in lower case, as a common word
        (``Most`` / ``mostě``, ``Тесла`` / ``теслом``); the matcher may add its own rules
        (Vietnamese name boundaries). See :mod:`mella_eval.text.case_rules`.
        """
        m = len(kw_words)
        if not names:
            return True
        impl = self.impl
        assert isinstance(impl, WordMatcher)
        if lower_case_only(prepared.cases, i, names) and (
            impl.is_common(tuple(prepared.pieces[i + j].form for j in names))
            or impl.is_common(tuple(kw_words[j] for j in names))
        ):
            return False
        return impl.span_ok(prepared.cases, prepared.gaps, prepared.written, i, m, names)

    def _joined_matches(
        self, prepared: PreparedText, words: list[str], names: tuple[int, ...]
    ) -> Iterator[tuple[int, int]]:
        """A keyword written as one word where the text has several, or the reverse.

        Some names are written both ways (Vietnamese ``Sa Pa`` / ``Sapa``, ``Kon Tum`` /
        ``Kontum``, and without diacritics ``Saigon``): the letters must be the same in
        the matcher's ``respelling`` and the case rules still apply.
        """
        respell = self.impl.respelling  # type: ignore[union-attr]
        target, pieces = respell("".join(words)), prepared.pieces
        for i in range(len(pieces)):
            if not target.startswith(respell(pieces[i].form)):
                continue
            joined = ""
            for k in range(i, min(len(pieces), i + 4)):
                joined += respell(pieces[k].form)
                if len(joined) >= len(target):
                    break
            else:
                continue
            n = k - i + 1
            if joined == target and n != len(words) and self._joined_case_ok(prepared, i, n, names):
                yield pieces[i].start, pieces[k].end

    def _joined_case_ok(
        self, prepared: PreparedText, i: int, n: int, names: tuple[int, ...]
    ) -> bool:
        """The case test of a respelt match: the text's first word stands for the name."""
        if not names or not prepared.cases:
            return True
        return not (
            prepared.cases[i] == "l"
            and self.impl.is_common(  # type: ignore[union-attr]
                tuple(p.form for p in prepared.pieces[i : i + n])
            )
        )


def _spacing_variants(
    impl: WordMatcher, prepared: PreparedText, words: list[str], caps: list[bool]
) -> Iterator[tuple[int, int]]:
    """Matches of a name written with the space its keyword lacks, or without the space
    its keyword has (بور سعيد / بورسعيد): two text words read together against a one-word
    keyword, one text word against the keyword's words written together."""
    keys, pieces = prepared.keys, prepared.pieces
    if len(words) == 1:
        kw = impl.keyword_keys(words[0], caps[0])
        for i in range(len(pieces) - 1):
            if impl.word_keys(pieces[i].form + pieces[i + 1].form, caps[0]) & kw:
                yield pieces[i].start, pieces[i + 1].end
    else:
        kw = impl.keyword_keys("".join(words), caps[0])
        for i, key in enumerate(keys):
            if key & kw:
                yield pieces[i].start, pieces[i].end


def _join_words(
    impl: WordMatcher, words: list[Piece], caps: list[bool]
) -> tuple[list[Piece], list[bool]]:
    """Adjacent words the matcher reads as one (``WordMatcher.join_words``), joined."""
    out, out_caps, i = [], [], 0
    while i < len(words):
        joined = impl.join_words(words[i].form, words[i + 1].form) if i + 1 < len(words) else None
        if joined is None:
            out.append(words[i])
            out_caps.append(caps[i])
            i += 1
        else:
            out.append(Piece(joined, words[i].start, words[i + 1].end))
            out_caps.append(caps[i])
            i += 2
    return out, out_caps


def _piece_matches(
    prepared: PreparedText, needle: str, impl: PieceMatcher
) -> Iterator[tuple[int, int]]:
    """Occurrences of ``needle`` in the joined pieces that start and end on a cut.

    The start may also fall inside a piece where the matcher allows it (a name glued to
    the word before it, see ``PieceMatcher.may_cut_inside``); the end never may.
    """
    if not needle or prepared.cuts is None:
        return
    cuts, pieces, joined = prepared.cuts, prepared.pieces, prepared.joined
    start = joined.find(needle)
    while start >= 0:
        end = start + len(needle)
        first, last = cuts.get(start), cuts.get(end)
        if first is None and last is not None:  # glued to a word before it
            bounds = sorted(cuts)
            lo = bounds[bisect_right(bounds, start) - 1]
            first = cuts[lo] if impl.may_cut_inside(needle, joined[lo:start]) else None
        if (
            first is not None
            and last is not None
            and impl.accepts(needle, pieces[first])
            and not _starts_longer_word(prepared, needle, last, impl)
            and not impl.inside_longer_name(needle, joined, start, end)
        ):
            yield pieces[first].start, pieces[last - 1].end
        start = joined.find(needle, start + 1)


_LOOKAHEAD = 3  # pieces after a match that may complete a longer dictionary word


def _starts_longer_word(prepared: PreparedText, needle: str, last: int, impl: PieceMatcher) -> bool:
    """Ask the matcher whether the match (ending before piece ``last``) only starts a word.

    Candidates are the next pieces, concatenated while each is written directly after
    the one before it in the original text (a space, ฯ or ๆ ends the candidates).
    """
    pieces, after, rest = prepared.pieces, [], ""
    end = pieces[last - 1].end
    for piece in pieces[last : last + _LOOKAHEAD]:
        if piece.start != end:
            break
        rest, end = rest + piece.form, piece.end
        after.append(rest)
    return bool(after) and impl.starts_longer_word(needle, after)
