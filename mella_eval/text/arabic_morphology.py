"""Arabic keyword matching: clitics checked against a lexicon, broken plurals, compound names.

The rules are the grammar's: K. Schulz, *Standard Arabic* (2004), ch. 11 for the
proclitics; K. Ryding, *A Reference Grammar of Modern Standard Arabic* (2005), its chapters
on the suffixed pronouns, on number (sound and broken plurals) and on the nisba adjective.
The lexicon that decides whether a letter sequence *is a word* is Arramooz
(arramooz-pysqlite: about 25k nouns with their broken plurals, 10k verbs, 600 function
words and corpus frequencies; the dictionary the qalsadi analyser uses). Measured
alternatives (docs/metrics.md): qalsadi returns every segmentation (و+زير beside وزير)
without choosing, tashaphyne cuts وزير to زير, camel-tools and farasapy download their data
or binaries at run time. Two-word place names come from GeoNames (data/ar_place_names.tsv).

Words arrive normalised (the language's ``arabic`` step: no harakat, one alef, ى -> ي,
ة -> ه), so the lexicon is normalised the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import regex

from mella_eval.text.normalizers import arabic as _normalise

_CACHE = 200_000
_MIN_STEM = 2
_MIN_ROOT = 3
_FIVE_NOUNS = frozenset({"اب", "اخ", "حم"})  # normalised أب, أخ, حم (الأسماء الخمسة)

# Proclitics in their fixed order (Schulz ch. 11): conjunction (و ف), preposition (ب ك ل),
# article ال; ل + ال is written لل (the alef drops).
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")
_ART = "ال"

# Pronoun suffixes on nouns (Ryding 2005, suffixed pronouns), longest first. ة is written
# ت before them (مدينة -> مدينتهم). The article and a pronoun suffix exclude each other
# (a noun with a suffix is already definite), so a reading with ال never strips one.
_ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")
# The 1st person ي is also the nisba ending (مصري "Egyptian", سوقي "vulgar", a productive
# derivation, Ryding 2005, nisba), which replaces ة (مدينة -> مدني): so ي is read as "my" only
# after ت written for ة (مدينتي "my city"), where it cannot be a nisba.
_NISBA_LIKE = "ي"

# Sound plural and dual endings (Ryding 2005, number), for the "is it a word" check and for
# a keyword's own forms. Normalised: ة is ه.
_SOUND = ("ات", "ون", "ين", "ان")

# First members of compound names in construct (idafa) with the next word, written with or
# without a space: عبد الله / عبدالله, أبو ظبي / أبوظبي (أبي, أبا are its genitive and
# accusative). Normalised (أ -> ا). أم "mother of" is left out: it is also the conjunction
# "or" (شاي أم قهوة).
_NAME_HEADS = {"عبد": "عبد", "ابو": "ابو", "ابي": "ابو", "ابا": "ابو"}


@dataclass(frozen=True)
class _Lexicon:
    words: frozenset[str]  # every noun, verb and function word, normalised
    attested: frozenset[str]  # words of Arramooz's corpus frequency list
    ta_only: frozenset[str]  # normalised words that are words only when ه is written ة
    forms: dict[str, frozenset[str]]  # a keyword's plural (or singular) forms


@cache
def _lexicon() -> _Lexicon:
    """Arramooz, normalised: its nouns (with plurals), verbs, stop words and frequencies."""
    import arramooz

    data = Path(arramooz.__file__).parent / "data"
    nouns = _rows(data / "arabicdictionary.sqlite",
                  "SELECT vocalized, unvocalized, number, single, broken_plural, "
                  "masculin_plural, feminin_plural, dualable FROM nouns")  # fmt: skip
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
    for vocalized, word, number, single, broken, masc, fem, dual in nouns:
        w = _normalise(word)
        words.add(w)
        if number == "مفرد":
            forms = {_normalise(p) for p in _plural_list(broken)}
            forms |= _sound_forms(w, bool(masc), bool(fem), bool(dual))
            weight = vocal_freq.get(_normalise_vocalized(vocalized), 0)
            senses.setdefault(w, []).append((weight, forms))
        elif single:
            for s in _plural_list(single):
                plural_of.setdefault(w, set()).add(_normalise(s))
    forms_of: dict[str, frozenset[str]] = {}
    for w, readings in senses.items():
        forms_of[w] = frozenset(_dominant(readings)) - singular  # جمال "beauty" is a word
    for plural, singles in plural_of.items():
        if plural not in singular:  # أسواق accepts سوق and the other plurals of سوق
            forms_of[plural] = frozenset(
                {*singles, *(f for s in singles for f in forms_of.get(s, ()))}
            )
    attested = frozenset(_normalise(w) for _, w, _ in freq)
    raw = [w for (w,) in (*verbs, *stop)] + [n[1] for n in nouns]
    with_ha = {_normalise(w) for w in raw if not w.endswith("ة")}
    ta_only = frozenset(_normalise(w) for w in raw if w.endswith("ة")) - with_ha
    return _Lexicon(words=frozenset(words), attested=attested, ta_only=ta_only, forms=forms_of)


def _rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def _normalise_vocalized(word: str) -> str:
    """A vocalised form without its case ending (رَجُلٌ and رَجُل are one key)."""
    return regex.sub(r"[\u064B-\u064D]+$", "", word.replace("\u0651", "")).rstrip()


def _plural_list(field: str | None) -> list[str]:
    """The plain plural forms of a dictionary field ("بُيُوتٌ;أبْيَاتٌ جج:" -> [بُيُوتٌ]).

    A form with a note (a space, ``:``, ``(``) is a special plural (جج: the plural of a
    plural) or a comment, and is left out.
    """
    out = []
    for part in (field or "").split(";"):
        part = part.strip().removeprefix("+ات").strip()
        if part and not regex.search(r"[\s:()]", part):
            out.append(part)
    return out


def _dominant(readings: list[tuple[int, set[str]]]) -> set[str]:
    """The plurals of the keyword's most frequent sense (رَجُل "man": رجال, not أرجل of
    رِجْل "leg"), by Arramooz's corpus frequencies; all senses' when none is attested."""
    best = max(weight for weight, _ in readings)
    return set().union(*(forms for weight, forms in readings if weight == best))


def _sound_forms(word: str, masc: bool, fem: bool, dual: bool) -> set[str]:
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


def _in_lexicon(s: str, written_ha: bool = False) -> bool:
    """``s`` is a dictionary word, or one with a sound plural/dual ending.

    ``written_ha``: the text wrote ه at the end, not ة (which normalisation folds into
    ه), so كتابه is not the word كتابة "writing".
    """
    lex = _lexicon()
    if written_ha and s in lex.ta_only:
        return False
    words = lex.words
    if s in words:
        return True
    for end in _SOUND:
        base = s[: -len(end)]
        if s.endswith(end) and len(base) >= _MIN_STEM:
            if base in words or base + "ه" in words:
                return True
            if base.endswith("ت") and base[:-1] + "ه" in words:  # مدينتان, مدينتين
                return True
    return False


def _enclitic_readings(stem: str, written_ha: bool = False) -> set[str]:
    """``stem`` with a pronoun suffix removed (ت restored to ة), unless ``stem`` is a word.

    What is left must have three letters or more (Arabic roots have three), so أبها, بنها
    (towns) are not أب, بن + ها; the "five nouns" أب, أخ, حم lengthen before a suffix
    (أبوه, أباه, أبيه "his father", Ryding 2005, the "five nouns") and are restored.
    """
    if _in_lexicon(stem, written_ha):
        return set()
    out: set[str] = set()
    for suffix in _ENCLITICS:
        rest = stem[: -len(suffix)]
        if not stem.endswith(suffix) or len(rest) < _MIN_ROOT:
            continue
        if rest[:-1] in _FIVE_NOUNS and rest[-1] in "وايی":
            out.add(rest[:-1])
            continue
        bases = {rest, rest[:-1] + "ه"} if rest.endswith("ت") else {rest}
        if suffix == _NISBA_LIKE:  # only ة-nouns: the nisba drops ة (مدينة -> مدني)
            bases = {rest[:-1] + "ه"} if rest.endswith("ت") else set()
        out |= bases
    return out


def _is_word(stem: str, written_ha: bool = False) -> bool:
    """A dictionary word, or a pronoun suffix on a word of the frequency list (وجده "he
    found him" is not و + جدة; لمكة is ل + مكة, لمك being no attested word)."""
    attested = _lexicon().attested
    readings = _enclitic_readings(stem, written_ha)
    return _in_lexicon(stem, written_ha) or any(r in attested for r in readings)


def _proclitic_splits(word: str) -> list[tuple[str, str]]:
    """Every (proclitics, stem) split of ``word``, shortest proclitics first."""
    splits = {("", word)}
    for conj in _CONJ:
        for prep in _PREP:
            heads = [conj + prep]
            heads.append(conj + "لل" if prep == "ل" else conj + prep + _ART)
            for head in heads:
                if head and word.startswith(head) and len(word) - len(head) >= _MIN_STEM:
                    splits.add((head, word[len(head) :]))
    return sorted(splits, key=lambda s: len(s[0]))


@lru_cache(maxsize=_CACHE)
def text_readings(word: str, capitalised: bool = False, written_ha: bool = False) -> frozenset[str]:
    """The stems a (normalised) text word, or a joined place name, can be read as.

    ``written_ha``: the original word ends in ه, not in ة (see :func:`_in_lexicon`).
    """
    if _SEP in word:
        return _name_keys(word, _word_readings)
    return _word_readings(word, written_ha)


def raw_text_readings(raw: str, word: str, capitalised: bool = False) -> frozenset[str]:
    """:func:`text_readings` of ``word``, normalised from the text's ``raw`` word."""
    return text_readings(word, capitalised, _MARKS.sub("", raw).endswith("ه"))


_MARKS = regex.compile(r"[\u064B-\u065F\u0670\u0640]")  # harakat, dagger alef, tatweel


def _word_readings(word: str, written_ha: bool = False) -> frozenset[str]:
    """The stems a (normalised) text word can be read as.

    Proclitics are removed shortest first, and stop at the first stem that is a word: a
    word of the dictionary is read whole (وزير "minister" is not و + زير "jar", كتاب not
    ك + تاب), while والقاهرة, بالسوق, ولبنان are read as clitic + word. Pronoun suffixes are
    removed from a stem that is not itself a word (مدينتهم -> مدينة; سمك "fish" stays).
    """
    keys: set[str] = set()
    for head, stem in _proclitic_splits(word):
        keys.add(stem)
        if not head.endswith(("ال", "لل")):
            keys |= _enclitic_readings(stem, written_ha)
        if _is_word(stem, written_ha):
            break
    return frozenset(keys)


@lru_cache(maxsize=_CACHE)
def keyword_forms(word: str, capitalised: bool = False) -> frozenset[str]:
    """The forms a (normalised) keyword word, or a joined place name, accepts."""
    if _SEP in word:
        return _name_keys(word, _keyword_forms)
    return _keyword_forms(word)


def _keyword_forms(word: str) -> frozenset[str]:
    """A (normalised) keyword word: itself without its article, and its plurals.

    Broken and sound plurals come from the dictionary's entry of the singular (سوق accepts
    أسواق, قصر accepts قصور); a keyword the dictionary only knows as a plural (أسواق)
    accepts its singular. A word the dictionary lacks (most names) stays as written.
    """
    bases = {word}
    if word.startswith(_ART) and len(word) - 2 >= _MIN_STEM:
        bases.add(word[2:])
    forms = _lexicon().forms
    return frozenset({*bases, *(f for b in bases for f in forms.get(b, ()))})


def join_compound_name(first: str, second: str) -> str | None:
    """``first second`` as one word when they are one name, else None.

    Compound names headed by عبد or أبو: عبد الله and عبدالله, أبو ظبي and أبوظبي (and
    أبي ظبي) are one name in either spelling, and the second member alone (الله, ظبي
    "gazelle") is not a mention of it. Two-word place names of GeoNames (بيت لحم, رأس
    الخيمة, بور سعيد) are joined with a separator: their parts are mentions only where a
    part is a place name itself (الكويت in مدينة الكويت), not بيت "house" in بيت لحم.
    """
    for head, stem in _proclitic_splits(first):
        if head.endswith(("ال", "لل")):
            continue
        canon = _NAME_HEADS.get(stem)
        if canon:
            return head + canon + second
        if f"{stem} {second}" in _place_names():
            return f"{head}{stem}{_SEP}{second}"
    return None


_SEP = "_"  # between the two parts of a joined place name


@cache
def _place_names() -> dict[str, tuple[str, ...]]:
    """Two-word Arabic place names (GeoNames) -> their parts that are place names.

    Built by ``scripts/build_arabic_place_names.py`` (GeoNames, CC BY 4.0).
    """
    path = Path(__file__).parent / "data" / "ar_place_names.tsv"
    out: dict[str, tuple[str, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, parts = line.partition("\t")
            out[name] = tuple(p for p in parts.split(",") if p)
    return out


def _name_keys(joined: str, keys: Callable[[str], frozenset[str]]) -> frozenset[str]:
    """Keys of a joined place name: the name without the space (with its proclitics
    read off), and the keys of those parts that are place names themselves."""
    first, second = joined.split(_SEP, 1)
    out = set(keys(first + second))
    for _, stem in _proclitic_splits(first):
        parts = _place_names().get(f"{stem} {second}")
        if parts is not None:
            for part in parts:
                out |= keys(part)
            break
    return frozenset(out)
