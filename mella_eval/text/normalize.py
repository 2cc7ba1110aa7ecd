"""Text normalisation before matching: NFC, casefold, punctuation, named per-language steps.

Every metric that compares words goes through :func:`normalize`, so a prediction and its
references are always compared in the same form. Language-specific steps are named in
the language table (``normalizers:``) and looked up here; metric code never tests a
language code.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import regex

from mella_eval.languages import LanguageSpec

# Arabic: harakat (fathatan..sukun, maddah, hamza marks), superscript alef, Quranic marks.
_ARABIC_MARKS = {
    *range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD),
    *range(0x06DF, 0x06E9), *range(0x06EA, 0x06EE),
}  # fmt: skip
_TATWEEL = 0x0640
_ARABIC_TABLE: dict[int, str | None] = {
    **dict.fromkeys(_ARABIC_MARKS),
    _TATWEEL: None,
    **{ord(c): "ا" for c in "أإآٱ"},  # alef with hamza above/below, madda, wasla
    ord("ى"): "ي",  # alef maqsura -> ya
    ord("ی"): "ي",  # Farsi yeh -> ya
    ord("ة"): "ه",  # ta marbuta -> ha
}

# Serbian Cyrillic -> Latin (the official one-to-one gajica mapping), lower case only:
# normalisation casefolds before the named steps run.
_SERBIAN_CYR_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "đ", "е": "e", "ж": "ž",
    "з": "z", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "ć", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "č", "џ": "dž", "ш": "š",
}  # fmt: skip
_SERBIAN_TABLE = {ord(k): v for k, v in _SERBIAN_CYR_TO_LAT.items()}


# Vietnamese tone placement. The old and the new convention differ only in open syllables
# whose nucleus is oa, oe or uy (not after q): old "hoà", "khoẻ", "thuỷ"; new "hòa",
# "khỏe", "thủy". We write the new style (the one of the 1980s orthography rules and of
# most current dictionaries), moving the tone mark from the second vowel to the first.
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_PLAIN_TONED = {"o": "òóỏõọ", "u": "ùúủũụ"}
_VI_OLD_STYLE = regex.compile(r"(?<!q)(?:o([àáảãạèéẻẽẹ])|u([ỳýỷỹỵ]))(?![\p{L}\p{M}])")


def _vi_new_style(m: regex.Match[str]) -> str:
    toned = m.group(1) or m.group(2)
    base = next(b for b, marks in _TONED.items() if toned in marks)
    tone = _TONED[base].index(toned)
    first = "o" if m.group(1) else "u"
    return _PLAIN_TONED[first][tone] + base


def vietnamese_tones(text: str) -> str:
    """Old-style tone placement to new style ("hoà" -> "hòa", "thuỷ" -> "thủy").

    Both placements are in everyday use (and in model output) for the same word; without
    this a sentence that differs only in placement scores BLEU 37. Lower case only:
    normalisation casefolds first.
    """
    return _VI_OLD_STYLE.sub(_vi_new_style, text)


def russian_yo(text: str) -> str:
    """Fold ё to е: Russian prints ё optionally ("ёлка" / "елка" are one word)."""
    return text.replace("ё", "е")


def arabic(text: str) -> str:
    """Strip harakat and tatweel; unify alef, ya and ta-marbuta variants.

    Web alt-text is rarely vocalised while model output sometimes is; without this a
    diacritic or a spelling variant of the same word would count as a miss.
    """
    return text.translate(_ARABIC_TABLE)


def serbian_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic to Latin, so either script scores the same."""
    return text.translate(_SERBIAN_TABLE)


NORMALIZERS: dict[str, Callable[[str], str]] = {
    "arabic": arabic,
    "serbian_latin": serbian_latin,
    "vietnamese_tones": vietnamese_tones,
    "russian_yo": russian_yo,
}

# Bumped whenever normalisation changes what a language-aware metric sees, and written
# into every such metric's signature version (2: Vietnamese tone placement, Russian ё).
TEXT_PROCESSING_VERSION = "text-2"


def check_normalizers(names: tuple[str, ...] | list[str]) -> None:
    """Raise ValueError for a normaliser name the table uses but the code lacks."""
    unknown = [n for n in names if n not in NORMALIZERS]
    if unknown:
        raise ValueError(f"unknown normalizer(s) {unknown}; known: {sorted(NORMALIZERS)}")


def strip_punctuation(text: str) -> str:
    """Replace every Unicode punctuation character (category P*) by a space."""
    return "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)


def normalize(text: str, lang: LanguageSpec) -> str:
    """NFC + casefold + the language's named steps (in table order), then NFC again.

    Casefolding runs first so the named steps only need lower-case tables; the final
    NFC recomposes anything a step decomposed. Punctuation is left to the segmenters,
    which keep only letter, mark and digit runs.
    """
    out = unicodedata.normalize("NFC", text).casefold()
    check_normalizers(lang.normalizers)
    for name in lang.normalizers:
        out = NORMALIZERS[name](out)
    return unicodedata.normalize("NFC", out)


def normalizer_signature(lang: LanguageSpec) -> str:
    """Short description for metric signatures, e.g. ``nfc+casefold+arabic``."""
    return "+".join(("nfc", "casefold", *lang.normalizers))
