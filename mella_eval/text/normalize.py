"""Text normalisation before matching: NFC, casefold, punctuation, named per-language steps.

Every metric that compares words goes through :func:`normalize`, so a prediction and its
references are always compared in the same form. Language-specific steps are named in
the language table (``normalizers:``) and looked up here; metric code never tests a
language code.
"""

from __future__ import annotations

import unicodedata

from mella_eval.languages import LanguageSpec
from mella_eval.text.normalizers import NORMALIZERS, check_normalizers

# Bumped whenever normalisation changes what a language-aware metric sees, and written
# into every such metric's signature version (2: Vietnamese tone placement, Russian ё).
TEXT_PROCESSING_VERSION = "text-2"


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
