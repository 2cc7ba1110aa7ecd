"""Keyword forms in every script a language is written in (Serbian: Cyrillic and Latin).

A Serbian caption may use either script, so a Serbian keyword entry always lists both
spellings. The normaliser used for matching only maps lower-case Cyrillic to Latin; a
keyword file keeps readable, case-preserving forms in both directions, made here.
Which languages get variants is a table keyed by language code, not code paths.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["SCRIPT_VARIANTS", "script_variants", "serbian_to_cyrillic", "serbian_to_latin"]

# The official one-to-one Serbian alphabets (Vuk's Cyrillic and Gaj's Latin), lower case.
_CYR = tuple("абвгдђежзијклљмнњопрстћуфхцчџш")
_LAT = ("a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
        "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š")  # fmt: skip
_CYR_TO_LAT = dict(zip(_CYR, _LAT, strict=True))
_LAT_TO_CYR = dict(zip(_LAT, _CYR, strict=True))
_DIGRAPHS = ("lj", "nj", "dž")


def _with_case(out: str, source: str, next_upper: bool) -> str:
    """Carry the case of ``source`` over: ``Љ`` -> ``Lj``, but ``ЉУ`` -> ``LJU``."""
    if not source.isupper():
        return out
    return out.upper() if (len(out) == 1 or next_upper) else out[0].upper() + out[1:]


def serbian_to_latin(text: str) -> str:
    """Cyrillic -> Latin, letter by letter, case kept; other characters pass through."""
    out = []
    for i, char in enumerate(text):
        lat = _CYR_TO_LAT.get(char.lower())
        if lat is None:
            out.append(char)
            continue
        following = text[i + 1] if i + 1 < len(text) else ""
        out.append(_with_case(lat, char, following.isupper()))
    return "".join(out)


def serbian_to_cyrillic(text: str) -> str:
    """Latin -> Cyrillic; the digraphs lj, nj, dž become one letter (as in nearly all
    words; rare compounds such as ``nadživeti`` are spelt with two letters in Cyrillic)."""
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair.lower() in _DIGRAPHS:
            cyr = _LAT_TO_CYR[pair.lower()]
            out.append(cyr.upper() if pair[0].isupper() else cyr)
            i += 2
            continue
        one = _LAT_TO_CYR.get(text[i].lower())
        out.append(text[i] if one is None else (one.upper() if text[i].isupper() else one))
        i += 1
    return "".join(out)


#: language code -> functions giving the same form in each of its other scripts.
SCRIPT_VARIANTS: dict[str, tuple[Callable[[str], str], ...]] = {
    "sr": (serbian_to_latin, serbian_to_cyrillic),
}


def script_variants(form: str, lang_code: str) -> list[str]:
    """``form`` and its spellings in the language's other scripts, without repeats."""
    out = [form]
    for convert in SCRIPT_VARIANTS.get(lang_code, ()):
        variant = convert(form)
        if variant not in out:
            out.append(variant)
    return out
