"""Thai compounds: which ones mention their first noun, and which names a keyword may end.

Thai compounds are head-initial. A noun followed by a verb that says how it is made or
what it does (ปลาเผา "grilled fish", ไก่ทอด "fried chicken", ตลาดนัด "appointed market",
i.e. weekend market) names a kind of that noun, so the noun is mentioned; this is the
productive noun + verb pattern of Thai compounding (S. Iwasaki and P. Ingkaphirom Horie,
*A Reference Grammar of Thai*, Cambridge 2005, on compound nouns). A noun followed by another
noun is often a new thing that only borrows the first one's name (แมวน้ำ "seal", ปลาหมึก
"squid", กล้วยไม้ "orchid", ดาวเรือง "marigold"), so those stay look-alikes.

Which words are verbs is decided by the Thai WordNet bundled with pythainlp
(``wordnet_th.db``: Thai words mapped to Princeton WordNet synsets; a word with a verb
synset ``*-v`` is a verb). Whether a compound of the Thai WordNet is a kind of its first
member is decided by Princeton WordNet 3.0's hypernyms (``data/th_wordnet_kinds.tsv``:
นกแก้ว "parrot" is a bird, นก; แมวน้ำ "seal" is no cat, แมว). Which keywords are place names
is decided by pythainlp's list of Thailand's provinces (``thailand_provinces_th.csv``), and
which names contain common words by GeoNames and Thai Wikipedia's road titles
(``data/th_place_names.txt``). Both files are built by ``scripts/build_thai_lexicon_data.py``.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

_CACHE = 200_000
_DATA = Path(__file__).parent / "data"

#: Thai verbs of cooking. A noun followed by one of them names a dish of that noun, also
#: where the compound is a Royal Institute headword (ไข่เจียว "omelette", ข้าวผัด "fried
#: rice"): the noun is mentioned. A closed class: each is a verb headword of the Royal
#: Institute Dictionary (พจนานุกรมฉบับราชบัณฑิตยสถาน พ.ศ. 2554) whose sense is a way of
#: making food (ต้ม boil, ทอด fry, ผัด stir-fry, ย่าง grill, ปิ้ง toast over a fire, เผา roast
#: in the fire, นึ่ง steam, อบ bake, ตุ๋น double-boil, ลวก blanch, เจียว fry in much oil, คั่ว
#: dry-roast, รมควัน smoke, ยำ dress (a salad), ดอง pickle, หมัก marinate, แกง make a
#: curry); Iwasaki and Ingkaphirom Horie (2005), on compound nouns, give noun + verb of
#: preparation as the productive pattern (ไก่ทอด, ปลาเผา).
COOKING_VERBS = frozenset({
    "ต้ม", "ทอด", "ผัด", "ย่าง", "ปิ้ง", "เผา", "นึ่ง", "อบ", "ตุ๋น",
    "ลวก", "เจียว", "คั่ว", "รมควัน", "ยำ", "ดอง", "หมัก", "แกง",
})  # fmt: skip


def _corpus_file(name: str) -> Path:
    import pythainlp.corpus

    return Path(pythainlp.corpus.__file__).parent / name


@cache
def _verbs() -> frozenset[str]:
    """Thai words with at least one verb synset in pythainlp's Thai WordNet."""
    return _with_synsets("v")


@cache
def _statives() -> frozenset[str]:
    """Verbs and adjectives (Thai adjectives are stative verbs) of the Thai WordNet."""
    return _with_synsets("v", "a", "s")


def _with_synsets(*kinds: str) -> frozenset[str]:
    con = sqlite3.connect(f"file:{_corpus_file('wordnet_th.db')}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT li, synsetid FROM word_synset").fetchall()
    finally:
        con.close()
    return frozenset(li for li, synset in rows if synset.rsplit("-", 1)[-1] in kinds)


def is_verb(word: str) -> bool:
    """Whether the Thai WordNet has a verb sense of ``word`` (เผา, ทอด, นึ่ง; not น้ำ)."""
    return word in _verbs()


@lru_cache(maxsize=_CACHE)
def noun_verb_split(
    word: str, is_word: Callable[[str], bool], lexicalised: bool = False
) -> tuple[str, str] | None:
    """``word`` as (noun, verb) when it is a dictionary word followed by a verb, else None.

    ไก่ทอด -> (ไก่, ทอด), เรือหางยาว -> (เรือ, หางยาว) (a noun and a stative verb);
    ดาวเรือง (เรือง has no verb sense in the WordNet) and ไก่งวง (งวง "trunk") stay whole.
    A ``lexicalised`` word (a Royal Institute headword, a concept of the Thai WordNet) splits
    only before a cooking verb or a described noun: ไข่เจียว "omelette" -> (ไข่, เจียว), but
    ทองหยอด and บัวลอย (desserts; หยอด "drip", ลอย "float") stay whole. The longest first
    member wins.
    """
    for cut in range(len(word) - 1, 0, -1):
        head, rest = word[:cut], word[cut:]
        if not is_word(head) or is_verb(head):
            continue
        if rest in COOKING_VERBS or _described(rest, is_word):
            return head, rest
        if not lexicalised and is_verb(rest):
            return head, rest
    return None


@cache
def _kinds() -> frozenset[tuple[str, str]]:
    """(compound, head) pairs where the compound is a kind of the head (WordNet 3.0)."""
    lines = (_DATA / "th_wordnet_kinds.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(tuple(line.split("\t")) for line in lines if not line.startswith("#"))  # type: ignore[misc]


def is_kind_of(word: str, head: str) -> bool:
    """Whether a sense of ``word`` is ``head`` or below it in WordNet's hypernym tree."""
    return (word, head) in _kinds()


def wordnet_concept(word: str) -> bool:
    """Whether the Thai WordNet has ``word`` (a concept of its own)."""
    return word in _wordnet_words()


def kind_split(word: str) -> tuple[str, str] | None:
    """``word`` as (head, rest) when it is a WordNet kind of its first member (นกแก้ว ->
    (นก, แก้ว), ลิงแสม -> (ลิง, แสม)); the longest head wins."""
    for cut in range(len(word) - 1, 0, -1):
        if is_kind_of(word, word[:cut]):
            return word[:cut], word[cut:]
    return None


@cache
def _place_names() -> dict[str, bool]:
    """Place name -> whether it is also a common word (newmm's dictionary: บ้านใหม่)."""
    lines = (_DATA / "th_place_names.txt").read_text(encoding="utf-8").splitlines()
    rows = (line.split("\t") for line in lines if not line.startswith("#"))
    return {row[0]: len(row) > 1 for row in rows}


@cache
def _proper_place_names() -> frozenset[str]:
    """The place names that are no common words: the ones looked for around a keyword."""
    return frozenset(name for name, common in _place_names().items() if not common)


@cache
def _place_name_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(n) for n in _proper_place_names()}))


def inside_place_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside a longer place name of ``text`` (หิน in
    ชายหาดหัวหิน "Hua Hin beach", ข้าวสาร "milled rice" in ถนนข้าวสาร "Khao San Road")."""
    names = _proper_place_names()
    for n in _place_name_lengths():
        if n <= end - start:
            continue
        for a in range(max(0, end - n), min(start, len(text) - n) + 1):
            if text[a : a + n] in names:
                return True
    return False


def is_known_place(word: str, common: Callable[[str], bool]) -> bool:
    """A place name of the GeoNames list, a province, or the end of a province's name."""
    return word in _place_names() or is_place_name(word, common)


def describes(rest: str, is_word: Callable[[str], bool]) -> bool:
    """``rest``, written after a noun, says how it is made or what it is like (a verb:
    เผา "grilled"; or a noun and a stative verb: หางยาว "long-tailed")."""
    return is_verb(rest) or _described(rest, is_word)


def _described(rest: str, is_word: Callable[[str], bool]) -> bool:
    """``rest`` is a noun and a stative verb saying what it is like (หาง|ยาว "long tail":
    เรือหางยาว "long-tail boat" is a boat)."""
    statives = _statives()
    return any(
        is_word(rest[:cut]) and rest[:cut] not in statives and rest[cut:] in statives
        for cut in range(1, len(rest))
    )


@cache
def _provinces() -> tuple[str, ...]:
    with _corpus_file("thailand_provinces_th.csv").open(encoding="utf-8") as f:
        return tuple(row[0] for row in csv.reader(f) if row)


@lru_cache(maxsize=_CACHE)
def is_place_name(word: str, common: Callable[[str], bool]) -> bool:
    """A province's official name (ภูเก็ต), or the end of one that is not a ``common``
    word (อยุธยา of พระนครศรีอยุธยา; not แก้ว "glass" of สระแก้ว)."""
    names = _provinces()
    return word in names or (not common(word) and any(n.endswith(word) for n in names))


@cache
def _wordnet_words() -> frozenset[str]:
    """Every Thai word of pythainlp's Thai WordNet (a concept of its own)."""
    con = sqlite3.connect(f"file:{_corpus_file('wordnet_th.db')}?mode=ro", uri=True)
    try:
        return frozenset(li for (li,) in con.execute("SELECT DISTINCT li FROM word_synset"))
    finally:
        con.close()


@lru_cache(maxsize=_CACHE)
def modifier_split(word: str, is_word: Callable[[str], bool]) -> tuple[str, str] | None:
    """``word`` as (head, last noun) when the last noun is mentioned, else None.

    Thai compounds are head-initial, so a noun at the end modifies the head: it names an
    ingredient, a material or a place (ข้าวมันไก่ "chicken rice", ทุ่งนา "rice fields"),
    and is mentioned, unless the compound is a concept of its own in the Thai WordNet
    (รถไฟ "train" is not ไฟ "fire", กล้วยไม้ "orchid" not ไม้, แมวน้ำ "seal" not น้ำ).
    The head alone is not a mention (ตาก in ตากใบ, a district): the caller marks it.
    """
    if word in _wordnet_words():
        return None
    for cut in range(len(word) - 1, 0, -1):  # the shortest last member
        head, last = word[:cut], word[cut:]
        if is_word(head) and is_word(last) and not is_verb(last):
            return head, last
    return None
