"""Korean keyword pieces: kiwipiepy morphemes, and when a noun compound is split.

Kiwi's dictionary decides what is one word. A noun kiwi holds as one morpheme (배추흰나비
"cabbage white butterfly", 호박벌 "bumblebee", 부산물 "by-product", and the species names
its supplementary dictionary holds as proper nouns: 오리너구리 "platypus", 고래상어) is one
lexical word, even where kiwi's language model reads it in context as two nouns (오리 +
너구리): its first noun is a look-alike. Two kinds of dictionary compounds still mention
their members (:func:`noun_parts`):

* a compound whose last member is a *material head*, a noun whose dictionary definition
  names a dish, drink or field by what it is made of or grows (:data:`MATERIAL_HEADS`:
  미역국, 호박죽, 보리밭, 배추김치, 김치찌개): Korean compounds are right-headed and the
  first noun fills the head's material slot;
* a proper noun made of a place name and a common noun (한강공원, 인천공항), read so by
  kiwi within 1/100 of the whole word's likelihood (경주마 "racehorse" is not).

A noun kiwi's dictionary does not hold (홍삼즙, 녹차밭) is read as kiwi reads it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex

_CACHE = 200_000
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_NOUN = ("NNG", "NNP")

# How much less likely (kiwi's log-probability, natural log) a reading may be than the
# likeliest one and still count: 1/100.
_MAX_GAP = math.log(100)
_TOP_N = 5
_Parts = tuple[tuple[str, str], ...]  # (form, tag) of each noun of a reading

#: Heads that take their material as first member. Each is a noun of the 표준국어대사전
#: (NIKL, https://stdict.korean.go.kr) whose definition names what the dish, drink, field
#: or village is made of, grows or holds (citations in docs/metrics.md): a compound X + head
#: with X a noun mentions X (미역국: 미역; 보리밭: 보리; 한옥마을: 한옥).
MATERIAL_HEADS = frozenset(
    # soups, stews, porridges, rice, rice cakes, pancakes, jelly, juice, tea, jam, liquor
    {"국", "탕", "찌개", "전골", "죽", "밥", "떡", "전", "묵", "즙", "차", "잼", "주"}
    # dishes named by the ingredient cooked so: kimchi, stuffed kimchi, grilled, braised,
    # stir-fried, seasoned, fried, steamed
    | {"김치", "소박이", "구이", "조림", "볶음", "무침", "튀김", "찜"}
    # land and settlements named by what grows or stands there
    | {"밭", "숲", "마을"}
)


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


@lru_cache(maxsize=_CACHE)
def _readings(noun: str) -> tuple[dict[str, float], tuple[float, _Parts] | None]:
    """Kiwi's analyses of ``noun`` alone: the scores of the dictionary morphemes that are
    the whole word (by tag; empty when kiwi's dictionary lacks it), and the likeliest
    reading as two or more dictionary nouns (score and (form, tag) parts), if any."""
    whole: dict[str, float] = {}
    split: tuple[float, _Parts] | None = None
    for tokens, score in _kiwi().analyze(noun, top_n=_TOP_N):
        if len(tokens) == 1 and tokens[0].form == noun and not tokens[0].oov:
            whole.setdefault(str(tokens[0].tag), score)
        elif (
            split is None
            and len(tokens) > 1
            and all(t.tag in _NOUN and not t.oov for t in tokens)
            and "".join(t.form for t in tokens) == noun
        ):
            split = (score, tuple((t.form, str(t.tag)) for t in tokens))
    return whole, split


def in_dictionary(noun: str) -> bool:
    """Whether kiwi's dictionary holds ``noun`` as one noun morpheme (common or proper)."""
    return any(tag in _NOUN for tag in _readings(noun)[0])


@lru_cache(maxsize=_CACHE)
def _unambiguous(syllable: str) -> bool:
    """Whether kiwi reads a one-syllable noun alone as that noun only: no other reading
    within 1/100 (팥 "red bean"; not 개 "dog" / counter / prefix)."""
    scores = [score for _, score in _kiwi().analyze(syllable, top_n=2)]
    return len(scores) < 2 or scores[0] - scores[1] > _MAX_GAP


@lru_cache(maxsize=_CACHE)
def noun_parts(noun: str, tag: str = "NNG") -> tuple[tuple[str, str], ...]:
    """``noun`` (kiwi's ``tag``) as the nouns it mentions, with their tags, or as itself.

    A word kiwi's dictionary lacks is read as kiwi reads it (its likeliest reading as
    dictionary nouns). A dictionary word splits only into its likeliest reading as nouns,
    and only when the last is a :data:`MATERIAL_HEADS` noun (a one-syllable first member,
    often a homograph, also needs kiwi's split within 1/100 and an unambiguous reading of
    the syllable: 팥죽, not 개떡 "coarse rice cake", 물김치), or when the word is a proper
    noun read as a name of two syllables or more + nouns, within 1/100 or with two
    syllables or more after the name (한강공원, 남산타워; not 경주마 "racehorse").
    """
    single = ((noun, tag),)
    if len(noun) < 2:
        return single
    whole, split = _readings(noun)
    if split is None:
        return single
    score, parts = split
    if not any(t in _NOUN for t in whole):
        return parts
    gap = max(whole.values()) - score
    (first, first_tag), (last, last_tag) = parts[0], parts[-1]
    near = gap <= _MAX_GAP
    material = last_tag == "NNG" and _material_headed(last)
    if material and (len(first) >= 2 or (near and _unambiguous(first))):
        return parts
    named = "NNP" in whole and first_tag == "NNP" and len(first) >= 2
    if named and (near or len(noun) - len(first) >= 2):
        return parts
    return single


def _material_headed(noun: str) -> bool:
    """Whether ``noun`` is a material head or, compounds being right-headed, a noun whose
    own last member is one (볶음밥 "fried rice" = 볶음 + 밥, so 김치볶음밥 is a 밥 dish)."""
    if noun in MATERIAL_HEADS:
        return True
    inner = noun_parts(noun)
    return len(inner) > 1 and inner[-1][0] in MATERIAL_HEADS


def _merge_dictionary_words(
    tokens: list[tuple[str, str, int, int]],
) -> Iterable[tuple[str, str, int, int]]:
    """Adjacent noun morphemes that kiwi read apart in context but whose concatenation
    its dictionary holds as one noun, as that noun (오리 + 너구리 -> 오리너구리), longest
    first; the rest as they are."""
    i = 0
    while i < len(tokens):
        j = i + 1
        while j < len(tokens) and tokens[j][1] in _NOUN and tokens[j][2] == tokens[j - 1][3]:
            j += 1
        if tokens[i][1] not in _NOUN or j - i < 2:
            yield tokens[i]
            i += 1
            continue
        for k in range(j, i + 1, -1):
            form = "".join(t[0] for t in tokens[i:k])
            if in_dictionary(form):
                tag = "NNP" if "NNG" not in _readings(form)[0] else "NNG"
                yield form, tag, tokens[i][2], tokens[k - 1][3]
                i = k
                break
        else:
            yield tokens[i]
            i += 1


@lru_cache(maxsize=_CACHE)
def text_pieces(text: str) -> tuple[tuple[str, str, int, int], ...]:
    """(form, tag, start, end) of the morphemes of ``text`` (an eojeol), compounds split."""
    tokens = [
        (tok.form, str(tok.tag), tok.start, tok.start + tok.len)
        for tok in _kiwi().tokenize(text)
        if _WORD.fullmatch(tok.form)
    ]
    out: list[tuple[str, str, int, int]] = []
    for form, tag, start, end in _merge_dictionary_words(tokens):
        parts = noun_parts(form, tag) if tag in _NOUN else ((form, tag),)
        if len(parts) > 1 and end - start == len(form):
            pos = start
            for part, part_tag in parts:
                out.append((part, part_tag, pos, pos + len(part)))
                pos += len(part)
        else:
            out.append((form, tag, start, end))
    return tuple(out)


@lru_cache(maxsize=_CACHE)
def context_tag(window: str, offset: int, form: str) -> str:
    """kiwi's tag of the morpheme ``form`` that starts at ``offset`` of the eojeol in
    ``window`` (it and its neighbours): 공주 in 공주 놀이를 is NNG "princess", alone NNP."""
    for tok in _kiwi().tokenize(window):
        if tok.start >= offset and tok.form == form:
            return str(tok.tag)
    return ""


@cache
def place_names() -> frozenset[str]:
    """Korean place names of GeoNames (data/ko_place_names.txt, built by
    scripts/build_korean_place_names.py): 청주, 부여, 공주, 경주."""
    path = Path(__file__).parent / "data" / "ko_place_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=_CACHE)
def is_name(keyword: str) -> bool:
    """Whether ``keyword`` (spaces removed) is a name: a Korean place of GeoNames (청주
    Cheongju, though kiwi reads 청주 alone first as 淸酒 "rice wine"), or a word kiwi reads
    alone as a proper noun with no common-noun reading within 1/100 (부산, 명동; not 유자
    "citron", a proper noun by a hair)."""
    if keyword in place_names():
        return True
    best, score = _kiwi().analyze(keyword, top_n=1)[0]
    if len(best) != 1 or best[0].form != keyword or best[0].tag != "NNP":
        return False
    common = _readings(keyword)[0].get("NNG")
    return common is None or score - common > _MAX_GAP
