"""Arabic keyword matching: clitics checked against a lexicon, broken plurals, compound names.

The rules are the grammar's (K. Schulz, *Standard Arabic* (2004), ch. 11 for the proclitics;
K. Ryding, *A Reference Grammar of Modern Standard Arabic* (2005), ch. 7.3 for the pronoun
suffixes, ch. 8 for the plurals); the lexicon that decides whether a letter sequence *is a
word* is Arramooz (arramooz-pysqlite: about 25k nouns with their broken plurals and 10k verbs,
the dictionary the qalsadi analyser uses). Measured alternatives (docs/metrics.md): qalsadi
returns every segmentation (و+زير beside وزير) without choosing, tashaphyne cuts وزير to زير,
camel-tools and farasapy download their data or binaries at run time.

Words arrive normalised (the language's ``arabic`` step: no harakat, one alef, ى -> ي,
ة -> ه), so the lexicon is normalised the same way.
"""

from __future__ import annotations

import sqlite3
from functools import cache, lru_cache
from pathlib import Path

from mella_eval.text.normalizers import arabic as _normalise

_CACHE = 200_000
_MIN_STEM = 2

# Proclitics in their fixed order (Schulz ch. 11): conjunction (و ف), preposition (ب ك ل),
# article ال; ل + ال is written لل (the alef drops).
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ك", "ل")
_ART = "ال"

# Pronoun suffixes on nouns (Ryding ch. 7.3), longest first. ة is written ت before them
# (مدينة -> مدينتهم). The article and a pronoun suffix exclude each other (a noun with a
# suffix is already definite), so a reading with ال never strips one.
_ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")
# The 1st person ي is also the nisba ending (مصري "Egyptian", سوقي "vulgar", a productive
# derivation, Ryding ch. 10.6), which replaces ة (مدينة -> مدني): so ي is read as "my" only
# after ت written for ة (مدينتي "my city"), where it cannot be a nisba.
_NISBA_LIKE = "ي"

# Sound plural and dual endings (Ryding ch. 8.1-8.2), for the "is it a word" check and for
# a keyword's own forms. Normalised: ة is ه.
_SOUND = ("ات", "ون", "ين", "ان")

# First members of compound names in construct (idafa) with the next word, written with or
# without a space: عبد الله / عبدالله, أبو ظبي / أبوظبي (أبي, أبا are its genitive and
# accusative). Normalised (أ -> ا). أم "mother of" is left out: it is also the conjunction
# "or" (شاي أم قهوة).
_NAME_HEADS = {"عبد": "عبد", "ابو": "ابو", "ابي": "ابو", "ابا": "ابو"}


@cache
def _lexicon() -> tuple[frozenset[str], dict[str, frozenset[str]], frozenset[str]]:
    """(every noun and verb, normalised; plural forms of each singular; words that are
    only ever plurals in the dictionary, mapped below)."""
    import arramooz

    path = Path(arramooz.__file__).parent / "data" / "arabicdictionary.sqlite"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        nouns = con.execute(
            "SELECT unvocalized, number, single, broken_plural, masculin_plural, "
            "feminin_plural, dualable FROM nouns"
        ).fetchall()
        verbs = con.execute("SELECT unvocalized FROM verbs").fetchall()
    finally:
        con.close()
    words = {_normalise(v) for (v,) in verbs}
    plurals: dict[str, set[str]] = {}
    singular_entries: set[str] = set()
    plural_only: dict[str, set[str]] = {}
    for word, number, single, broken, masc, fem, dual in nouns:
        w = _normalise(word)
        words.add(w)
        forms = plurals.setdefault(w, set())
        if number == "مفرد":
            singular_entries.add(w)
            forms.update(_normalise(p) for p in (broken or "").split(";") if p)
            forms.update(_sound_forms(w, bool(masc), bool(fem), bool(dual)))
        elif single:
            for s in single.split(";"):
                plural_only.setdefault(w, set()).add(_normalise(s))
    # a singular listed only as a plural's "single" still gets that plural
    for plural, singles in plural_only.items():
        for s in singles:
            plurals.setdefault(s, set()).add(plural)
    only = frozenset(p for p in plural_only if p not in singular_entries)
    merged = {w: frozenset(f) for w, f in plurals.items() if f}
    for p in only:  # a plural keyword accepts its singulars (and their plurals)
        merged[p] = frozenset(
            {*plural_only[p], *(f for s in plural_only[p] for f in merged.get(s, ()))}
        )
    return frozenset(words), merged, only


def _sound_forms(word: str, masc: bool, fem: bool, dual: bool) -> set[str]:
    """Sound plural and dual forms the dictionary's flags allow (Ryding ch. 8.1-8.2)."""
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


def _in_lexicon(s: str) -> bool:
    """``s`` is a dictionary word, or one with a sound plural/dual ending."""
    words = _lexicon()[0]
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


def _enclitic_readings(stem: str) -> set[str]:
    """``stem`` with a pronoun suffix removed (ت restored to ة), unless ``stem`` is a word."""
    if _in_lexicon(stem):
        return set()
    out: set[str] = set()
    for suffix in _ENCLITICS:
        rest = stem[: -len(suffix)]
        if not stem.endswith(suffix) or len(rest) < _MIN_STEM:
            continue
        bases = {rest, rest[:-1] + "ه"} if rest.endswith("ت") else {rest}
        if suffix == _NISBA_LIKE:  # only ة-nouns: the nisba drops ة (مدينة -> مدني)
            bases = {rest[:-1] + "ه"} if rest.endswith("ت") else set()
        out |= bases
    return out


def _is_word(stem: str) -> bool:
    return _in_lexicon(stem) or any(_in_lexicon(r) for r in _enclitic_readings(stem))


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
def text_readings(word: str, capitalised: bool = False) -> frozenset[str]:
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
            keys |= _enclitic_readings(stem)
        if _is_word(stem):
            break
    return frozenset(keys)


@lru_cache(maxsize=_CACHE)
def keyword_forms(word: str, capitalised: bool = False) -> frozenset[str]:
    """A (normalised) keyword word: itself without its article, and its plurals.

    Broken and sound plurals come from the dictionary's entry of the singular (سوق accepts
    أسواق, قصر accepts قصور); a keyword the dictionary only knows as a plural (أسواق)
    accepts its singular. A word the dictionary lacks (most names) stays as written.
    """
    bases = {word}
    if word.startswith(_ART) and len(word) - 2 >= _MIN_STEM:
        bases.add(word[2:])
    plurals = _lexicon()[1]
    return frozenset({*bases, *(f for b in bases for f in plurals.get(b, ()))})


def join_compound_name(first: str, second: str) -> str | None:
    """``first second`` as one word when ``first`` heads a compound name, else None.

    عبد الله and عبدالله, أبو ظبي and أبوظبي (and أبي ظبي) are one name in either spelling,
    and its second member alone (الله, ظبي "gazelle") is not a mention of it.
    """
    for head, stem in _proclitic_splits(first):
        canon = _NAME_HEADS.get(stem)
        if canon and not head.endswith(("ال", "لل")):
            return head + canon + second
    return None

