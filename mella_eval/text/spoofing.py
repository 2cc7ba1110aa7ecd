"""Text that looks like other text: invisible characters, bidi controls, confusables.

A submitted model name or caption can hide characters a reader never sees (zero-width
spaces, bidi overrides that reorder what is shown) or use letters of another script
that look the same (Cyrillic ``В`` for Latin ``B``). Three tools, one per use:

* :func:`show_bidi_controls` / :func:`split_bidi`: bidi embeddings, overrides and
  isolates shown as visible code points (``U+202E``) instead of being applied (the
  inspect page and the rendered leaderboard);
* :func:`strip_ignorables`: Unicode's default-ignorable code points removed (the
  duplicate check of predictions);
* :func:`skeleton`: a key under which names that look alike are equal (the leaderboard's
  near-duplicate check), after Unicode TR39's skeleton.

The confusable mapping is Unicode's ``confusables.txt`` (UTS #39, security data) as the
``confusable-homoglyphs`` package ships it, offline, in ``confusables.json`` (each
source character and its prototype, recorded in both directions).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

__all__ = [
    "BIDI_CONTROLS",
    "show_bidi_controls",
    "skeleton",
    "split_bidi",
    "strip_ignorables",
]

# Embeddings, overrides and isolates: shown as visible code points, never applied.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_SPLIT = re.compile("([" + "".join(sorted(BIDI_CONTROLS)) + "])")
# Default_Ignorable_Code_Point, from Unicode's DerivedCoreProperties.txt (15.1): zero-width
# characters, bidi marks and controls, variation selectors, fillers, tags.
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def split_bidi(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, is_bidi_control)``; each control is a piece of its own."""
    return [(part, part in BIDI_CONTROLS) for part in _BIDI_SPLIT.split(text) if part]


def show_bidi_controls(text: str) -> str:
    """``text`` with each bidi control replaced by its visible name, e.g. ``U+202E``."""
    return "".join(f"U+{ord(p):04X}" if control else p for p, control in split_bidi(text))


def strip_ignorables(text: str) -> str:
    """``text`` without default-ignorable code points (they render as nothing)."""
    return _IGNORABLE.sub("", text)


def skeleton(text: str) -> str:
    """A key equal for texts a reader cannot tell apart, case included.

    TR39's skeleton (NFD, map each character to its confusable prototype, NFD) with
    three additions for names: NFKC first (full-width and other compatibility forms),
    default-ignorables removed (zero-width and bidi characters), and case folded by
    upper-casing before mapping. Upper case, because the mapping is not case-blind:
    Cyrillic ``в`` only looks like Latin ``b`` once both are capitals (``В``, ``B``).
    A consequence: ``O``, ``o`` and ``0`` share a key, as ``l``, ``I`` and ``1`` do.
    """
    folded = strip_ignorables(unicodedata.normalize("NFKC", text)).casefold().upper()
    prototypes = _prototypes()
    mapped = "".join(prototypes.get(c, c) for c in unicodedata.normalize("NFD", folded))
    return unicodedata.normalize("NFD", mapped)


@cache
def _prototypes() -> dict[str, str]:
    """Character -> the prototype of its confusable class (loaded once, ~50 ms).

    ``confusables.json`` lists each pair of ``confusables.txt`` both ways, so a class is
    a star: the prototype joined to every character that maps to it. The prototype is
    the member with more than one neighbour, or in a lone pair the multi-character one;
    in a pair of two single characters either serves, since only equality matters.
    """
    source = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    pairs: dict[str, list[dict[str, str]]] = json.loads(source.read_text(encoding="utf-8"))
    neighbours = {key: {entry["c"] for entry in entries} for key, entries in pairs.items()}
    mapping: dict[str, str] = {}
    for char, linked in neighbours.items():
        if len(char) != 1 or len(linked) != 1:
            continue  # a prototype (several sources) maps to itself
        (other,) = linked
        if len(neighbours.get(other, ())) > 1 or len(other) > 1 or other < char:
            mapping[char] = other
    return mapping
