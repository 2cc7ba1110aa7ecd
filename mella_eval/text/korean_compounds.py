"""Korean keyword pieces: kiwipiepy morphemes, and when a noun compound is split.

Kiwi decides. In context it already cuts compositional compounds it has not stored as one
word (한옥마을 -> 한옥 + 마을, 홍삼즙을 -> 홍삼 + 즙) and keeps lexicalised ones whole
(배추흰나비 "cabbage white butterfly", 부산물 "by-product", 경주마 "racehorse"). A noun it
keeps as one token is split only where kiwi's own language model finds the reading as
separate nouns nearly as likely as the single word (:func:`noun_parts`): 배추김치 (cabbage
+ kimchi) and 김치찌개 are stored whole but also read as two nouns, 배추흰나비 has no
reading as nouns at all, 호랑나비 "swallowtail" only a far less likely one.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import Any

import regex

_CACHE = 200_000
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_NOUN = ("NNG", "NNP")

# How much less likely (kiwi's log-probability, natural log) the reading as separate nouns
# may be than the single word: 1/100.
_MAX_GAP = math.log(100)
_TOP_N = 5


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


@lru_cache(maxsize=_CACHE)
def noun_parts(noun: str) -> tuple[str, ...]:
    """``noun`` as kiwi's most likely reading as two or more nouns, or ``(noun,)``.

    The reading counts when its log-probability is within :data:`_MAX_GAP` of the best
    single-word reading, and when it does not turn a common noun into a name: a member
    kiwi reads as a proper noun (NNP) needs a whole word that kiwi also reads as a name
    (서울역, 한강공원), so the common noun 부산물 副産物 "by-product" is not Busan + 물.
    The members are kiwi's, so no dictionary look-up can cut a word kiwi does not read as
    nouns (배추흰나비 is read 배추 + 희- "white" + 나비 at best).
    """
    if len(noun) < 3:  # noqa: PLR2004 - two syllables cannot hold a compound worth a split
        return (noun,)
    whole: tuple[float, str] | None = None
    split: tuple[float, tuple[str, ...], bool] | None = None
    for tokens, score in _kiwi().analyze(noun, top_n=_TOP_N):
        if len(tokens) == 1 and tokens[0].form == noun:
            whole = whole or (score, tokens[0].tag)
        elif (
            split is None
            and len(tokens) > 1
            and all(t.tag in _NOUN for t in tokens)
            and "".join(t.form for t in tokens) == noun
        ):
            split = (score, tuple(t.form for t in tokens), any(t.tag == "NNP" for t in tokens))
    if split is None:
        return (noun,)
    score, parts, has_name = split
    if whole is None:
        return parts
    best, tag = whole
    return parts if best - score <= _MAX_GAP and (tag == "NNP" or not has_name) else (noun,)


@lru_cache(maxsize=_CACHE)
def eojeol_pieces(eojeol: str) -> tuple[tuple[str, int, int], ...]:
    """(form, start, end) of the morphemes of one eojeol, noun compounds split."""
    out: list[tuple[str, int, int]] = []
    for tok in _kiwi().tokenize(eojeol):
        if not _WORD.fullmatch(tok.form):
            continue
        parts = noun_parts(tok.form) if tok.tag in _NOUN else (tok.form,)
        if len(parts) > 1 and tok.len == len(tok.form):
            pos = tok.start
            for part in parts:
                out.append((part, pos, pos + len(part)))
                pos += len(part)
        else:
            out.append((tok.form, tok.start, tok.start + tok.len))
    return tuple(out)
