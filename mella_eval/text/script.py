"""Which writing system (ISO 15924) a text is in, from Unicode character names.

Script is the cheap, certain half of a language check: a Thai task answered in
English is caught here before any statistical language identifier is consulted.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

_NAME_PREFIX_TO_SCRIPT = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "ARABIC": "Arab", "HANGUL": "Hang", "THAI": "Thai",
    "GREEK": "Grek", "HEBREW": "Hebr", "DEVANAGARI": "Deva", "BENGALI": "Beng", "CJK": "Hani",
    "HIRAGANA": "Hira", "KATAKANA": "Kana", "GEORGIAN": "Geor", "ARMENIAN": "Armn",
    "ETHIOPIC": "Ethi", "KHMER": "Khmr", "LAO": "Laoo", "MYANMAR": "Mymr", "SINHALA": "Sinh",
    "TAMIL": "Taml", "TELUGU": "Telu", "KANNADA": "Knda", "MALAYALAM": "Mlym",
    "GUJARATI": "Gujr", "GURMUKHI": "Guru", "ORIYA": "Orya", "TIBETAN": "Tibt",
}  # fmt: skip


@lru_cache(maxsize=4096)
def char_script(char: str) -> str | None:
    """ISO 15924 code of one letter, or None for digits, punctuation and unknown scripts."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return _NAME_PREFIX_TO_SCRIPT.get(name.split(" ", 1)[0]) if name else None


def script_counts(text: str) -> Counter[str]:
    """Number of letters per script in ``text``."""
    return Counter(s for s in map(char_script, text) if s is not None)


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in; None when it has no letters."""
    counts = script_counts(text)
    return counts.most_common(1)[0][0] if counts else None
