"""The Arabic lexicon behind the keyword matcher: Arramooz, normalised.

Arramooz (arramooz-pysqlite 0.4.2, the dictionary the qalsadi analyser uses) gives about
25k nouns with their broken plurals and word types, 10k verbs, 600 function words and
corpus frequencies. This module reads it once into sets keyed by the normalised word
(the language's ``arabic`` step: no harakat, one alef, ى -> ي, ة -> ه) and parses the
plural fields; :mod:`mella_eval.text.arabic_morphology` applies the grammar's rules.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import regex

from mella_eval.text.normalizers import arabic as _normalise

MIN_ROOT = 3  # Arabic roots have three letters
MARKS = regex.compile(r"[\u064B-\u065F\u0670\u0640]")  # harakat, dagger alef, tatweel
_CASE_ENDING = regex.compile(r"[\u064B-\u064D]+$")  # tanwin
_NOTE_PREFIX = regex.compile(r"^\s*(?:\+ات|\+ون|ج\s*:|ج\s)\s*")  # sound plural, "plural:"
_NOTE_AFTER = regex.compile(r"[\s(\[:]")  # a comment after the plural
_ARABIC = regex.compile(r"\p{Arabic}+")


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]  # every noun, verb and function word, normalised
    attested: frozenset[str]  # words of Arramooz's corpus frequency list
    ta_only: frozenset[str]  # normalised words that are words only when ه is written ة
    forms: dict[str, frozenset[str]]  # a keyword's plural (or singular) forms
    nouns: frozenset[str]  # nouns with a primitive (جامد) or verbal-noun (مصدر) reading
    primitive: frozenset[str]  # nouns with a primitive (جامد) reading
    adjectives: frozenset[str]  # adjectives and participles (صفة, صيغة, اسم فاعل, منسوب ...)
    homographs: dict[str, frozenset[str]]  # plural that is also a singular -> its singulars


@cache
def lexicon() -> Lexicon:
    """Arramooz, normalised: its nouns (with plurals), verbs, stop words and frequencies."""
    import arramooz

    data = Path(arramooz.__file__).parent / "data"
    nouns = _rows(data / "arabicdictionary.sqlite",
                  "SELECT vocalized, unvocalized, number, single, broken_plural, "
                  "masculin_plural, feminin_plural, dualable, wordtype FROM nouns")  # fmt: skip
    verbs = _rows(data / "arabicdictionary.sqlite", "SELECT unvocalized FROM verbs")
    stop = _rows(data / "stopwords.sqlite", "SELECT DISTINCT WORD FROM classedstopwords")
    freq = _rows(data / "wordfreq.sqlite", "SELECT vocalized, unvocalized, freq FROM wordfreq")
    vocal_freq: dict[str, int] = {}
    for vocalized, _, n in freq:
        key = _normalise_vocalized(vocalized)
        vocal_freq[key] = vocal_freq.get(key, 0) + n
    words = {_normalise(w) for (w,) in (*verbs, *stop)}
    singular = {_normalise(n[1]) for n in nouns if n[2] == "مفرد"}
    senses: dict[str, list[tuple[int, set[str]]]] = {}
    plural_of: dict[str, set[str]] = {}
    for vocalized, word, number, single, broken, masc, fem, dual, _ in nouns:
        w = _normalise(word)
        words.add(w)
        if number == "مفرد":
            forms = {_normalise(p) for p in plural_list(broken)}
            forms |= sound_forms(w, bool(masc), bool(fem), bool(dual))
            weight = vocal_freq.get(_normalise_vocalized(vocalized), 0)
            senses.setdefault(w, []).append((weight, forms))
        elif single:
            for s in plural_list(single):
                plural_of.setdefault(w, set()).add(_normalise(s))
                # the plural entry names its singular (أَسْمَاك: سَمَك), which the singular's
                # own entry may lack: a reading of that singular, weighted by its sense
                weight = vocal_freq.get(_normalise_vocalized(s), 0)
                senses.setdefault(_normalise(s), []).append((weight, {w}))
    forms_of: dict[str, frozenset[str]] = {}
    homographs: dict[str, set[str]] = {}
    for w, readings in senses.items():
        dominant = _dominant(readings)
        forms_of[w] = frozenset(dominant - singular)  # جمال "beauty" is a word
        for p in dominant & singular:  # ... and a plural of جمل only where agreement says so
            homographs.setdefault(p, set()).add(w)
    for plural, singles in plural_of.items():
        if plural not in singular:  # أسواق accepts سوق and the other plurals of سوق
            forms_of[plural] = frozenset(
                {*singles, *(f for s in singles for f in forms_of.get(s, ()))}
            )
    attested = frozenset(_normalise(w) for _, w, _ in freq)
    raw = [w for (w,) in (*verbs, *stop)] + [n[1] for n in nouns]
    with_ha = {_normalise(w) for w in raw if not w.endswith("ة")}
    ta_only = frozenset(_normalise(w) for w in raw if w.endswith("ة")) - with_ha
    kinds = {(_normalise(n[1]), (n[8] or "").split(":")[-1]) for n in nouns}
    return Lexicon(
        words=frozenset(words),
        attested=attested,
        ta_only=ta_only,
        forms=forms_of,
        nouns=frozenset(w for w, kind in kinds if kind in _NOUN_TYPES),
        primitive=frozenset(w for w, kind in kinds if kind == "جامد"),
        adjectives=frozenset(w for w, kind in kinds if kind and kind not in _NOUN_TYPES),
        homographs={p: frozenset(s) for p, s in homographs.items()},
    )


_NOUN_TYPES = frozenset({"جامد", "مصدر"})  # Arramooz wordtype: not adjectives or participles


def _rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def _normalise_vocalized(word: str) -> str:
    """A vocalised form without its case ending (رَجُلٌ and رَجُل are one key)."""
    return _CASE_ENDING.sub("", word.replace("\u0651", "")).rstrip()


def plural_list(field: str | None) -> list[str]:
    """The plain plural forms of a dictionary field.

    The field lists plurals separated by ``;``, with notes: ``+ات`` (a sound plural too),
    ``ج:`` ("plural:"), a comment after the word (``أَطْفَالٌ (...)``, ``خَوَاتِمُ وَخَوَاتِيمُ``:
    the first word is the plural), ``جج:`` (the plural of a plural: left out) and ``مؤ:``
    (what follows is the feminine of an adjective, not a plural: the rest is left out).
    """
    out: list[str] = []
    if not field:
        return out
    for part in field.split(";"):
        if "مؤ:" in part or "مؤ :" in part:
            break
        if "جج" in part:
            continue
        part = _NOTE_PREFIX.sub("", part.strip()).strip()
        word = _NOTE_AFTER.split(part, maxsplit=1)[0] if part else ""
        bare = MARKS.sub("", word)
        if len(bare) >= MIN_ROOT and _ARABIC.fullmatch(bare) and not bare.startswith("مؤن"):
            out.append(word)
    return out


def _dominant(readings: list[tuple[int, set[str]]]) -> set[str]:
    """The plurals of the keyword's most frequent sense (رَجُل "man": رجال, not أرجل of
    رِجْل "leg"), by Arramooz's corpus frequencies; all senses' when none is attested."""
    best = max(weight for weight, _ in readings)
    return set().union(*(forms for weight, forms in readings if weight == best))


def sound_forms(word: str, masc: bool, fem: bool, dual: bool) -> set[str]:
    """Sound plural and dual forms the dictionary's flags allow (Ryding 2005, number)."""
    stem = word[:-1] if word.endswith("ه") else word
    out: set[str] = set()
    if fem:
        out.add(stem + "ات")
    if masc:
        out.update((word + "ون", word + "ين"))
    if dual:
        t = stem + "ت" if word.endswith("ه") else word
        out.update((t + "ان", t + "ين"))
    return out
