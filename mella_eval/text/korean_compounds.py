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
def noun_parts(noun: str, tag: str = "NNG") -> tuple[tuple[str, str], ...]:
    """``noun`` (kiwi's ``tag``) as kiwi's likeliest reading as two or more nouns (with
    their tags), or as itself.

    The reading counts when its log-probability is within :data:`_MAX_GAP` of the best
    single-word reading, and when it does not turn a common noun into a name: a member
    kiwi reads as a proper noun (NNP) needs a whole word that kiwi also reads as a name
    (서울역, 한강공원), so the common noun 부산물 副産物 "by-product" is not Busan + 물.
    The members are kiwi's, so no dictionary look-up can cut a word kiwi does not read as
    nouns (배추흰나비 is read 배추 + 희- "white" + 나비 at best).
    """
    single = ((noun, tag),)
    if len(noun) < 3:  # two syllables cannot hold a compound worth a split
        return single
    whole: tuple[float, str] | None = None
    split: tuple[float, tuple[tuple[str, str], ...], bool] | None = None
    for tokens, score in _kiwi().analyze(noun, top_n=_TOP_N):
        if len(tokens) == 1 and tokens[0].form == noun:
            whole = whole or (score, tokens[0].tag)
        elif (
            split is None
            and len(tokens) > 1
            and all(t.tag in _NOUN for t in tokens)
            and "".join(t.form for t in tokens) == noun
        ):
            parts = tuple((t.form, t.tag) for t in tokens)
            split = (score, parts, any(t.tag == "NNP" for t in tokens))
    if split is None:
        return single
    score, parts, has_name = split
    if whole is None:
        return parts
    best, whole_tag = whole
    if best - score <= _MAX_GAP and (whole_tag == "NNP" or not has_name):
        return parts
    if whole_tag == "NNG" and _made_of(parts):
        return parts
    return single


def _made_of(parts: tuple[tuple[str, str], ...]) -> bool:
    """A common noun + a one-syllable common noun (미역 + 국 "seaweed soup", 호박 + 죽,
    홍삼 + 즙, 녹차 + 밭): Korean compounds are right-headed, and a one-syllable head
    names what is made of, grows on or holds the first noun, which stays mentioned however
    unlikely kiwi finds the split (미역국 is stored as one word, 9 nats above its split)."""
    (first, first_tag), (last, last_tag) = parts[0], parts[-1]
    return len(parts) == 2 and first_tag == last_tag == "NNG" and len(first) >= 2 and len(last) == 1


@lru_cache(maxsize=_CACHE)
def text_pieces(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(form, tag, start, end) of the morphemes of ``text`` (an eojeol), compounds split."""
    out: list[tuple[str, str, int, int]] = []
    for tok in _kiwi().tokenize(text):
        if not _WORD.fullmatch(tok.form):
            continue
        parts = noun_parts(tok.form, tok.tag) if tok.tag in _NOUN else ((tok.form, tok.tag),)
        if len(parts) > 1 and tok.len == len(tok.form):
            pos = tok.start
            for form, tag in parts:
                out.append((form, tag, pos, pos + len(form)))
                pos += len(form)
        else:
            out.append((tok.form, tok.tag, tok.start, tok.start + tok.len))
    return tuple(out)


@lru_cache(maxsize=_CACHE)
def context_tag(window: str, offset: int, form: str) -> str:
    """kiwi's tag of the morpheme ``form`` that starts at ``offset`` of the eojeol in
    ``window`` (it and its neighbours): 공주 in 공주 놀이를 is NNG "princess", alone NNP."""
    for tok in _kiwi().tokenize(window):
        if tok.start >= offset and tok.form == form:
            return str(tok.tag)
    return ""


@lru_cache(maxsize=_CACHE)
def is_name(keyword: str) -> bool:
    """Whether kiwi's likeliest reading of ``keyword`` (spaces removed) alone is one
    proper noun (NNP): 부산, 공주 "Gongju" (rather than 공주 "princess")."""
    best = _kiwi().analyze(keyword, top_n=1)[0][0]
    return len(best) == 1 and best[0].form == keyword and best[0].tag == "NNP"
