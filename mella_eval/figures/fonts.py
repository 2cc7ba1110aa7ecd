"""Fonts that render every language label, picked by family name with a fallback chain.

Native language names need Arabic, Thai, Hangul and Cyrillic glyphs that matplotlib's
bundled DejaVu Sans only partly has. We ask matplotlib for a per-glyph fallback list
(its ``font.family`` may be a list since 3.6) built from whatever families are
installed, and check every label's characters against it *before* drawing: a label
that would render as tofu is replaced by its English name with a :class:`FontWarning`
instead. Arabic also needs shaping (joining forms, right-to-left order), which
matplotlib does through libraqm from 3.11 on; older versions get the English name.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from mella_eval.text.script import char_script

BASE_FAMILY = "DejaVu Sans"  # bundled with matplotlib: Latin (incl. Vietnamese), Cyrillic
# First installed family wins; Debian packages that provide them are named in docs/figures.md.
SCRIPT_FAMILIES: dict[str, tuple[str, ...]] = {
    "Latn": (BASE_FAMILY, "Noto Sans"),
    "Cyrl": (BASE_FAMILY, "Noto Sans"),
    "Arab": ("Noto Sans Arabic", "Noto Naskh Arabic", BASE_FAMILY),
    "Thai": ("Noto Sans Thai", "Loma", "Garuda", "Norasi"),
    # TrueType first: CFF-flavoured OpenType (Noto Sans CJK) cannot be embedded as Type 42.
    "Hang": ("NanumGothic", "NanumBarunGothic", "Noto Sans KR", "UnDotum", "Noto Sans CJK KR"),
}
FONT_PACKAGES = "fonts-noto-core fonts-nanum"
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa"})


class FontWarning(UserWarning):
    """A label cannot be drawn as asked (no font for its script, or no shaping)."""


@cache
def installed_families() -> frozenset[str]:
    """Family names matplotlib can find on this machine (after refreshing a stale cache)."""
    from matplotlib import font_manager

    refresh_stale_font_cache()
    return frozenset(entry.name for entry in font_manager.fontManager.ttflist)


def font_cache_is_stale() -> bool:
    """Whether fonts were installed after matplotlib wrote its font list cache.

    matplotlib scans the system fonts once and caches the list; fonts installed later
    (``scripts/setup.sh`` on a machine that used matplotlib before) stay invisible, and
    figures silently fall back to English names. A font file's *ctime* is set when it
    lands on this machine (package files keep their build-time mtime), so a font file
    changed after the cache file was written means the cache is stale.
    """
    import matplotlib
    from matplotlib import font_manager

    cache_file = Path(
        matplotlib.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json"
    )
    try:
        written = cache_file.stat().st_mtime
    except OSError:
        return False  # no cache file: matplotlib scanned the fonts itself just now
    known = {os.path.realpath(entry.fname) for entry in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts(fontext="ttf"):
        real = os.path.realpath(path)
        try:
            if real not in known and os.stat(real).st_ctime > written:
                return True
        except OSError:
            continue
    return False


def refresh_stale_font_cache() -> bool:
    """Rebuild matplotlib's font list when it is stale; returns whether it did."""
    from matplotlib import font_manager

    if not font_cache_is_stale():
        return False
    fresh = font_manager._load_fontmanager(try_read_cache=False)  # type: ignore[attr-defined]
    font_manager.fontManager.__dict__.update(fresh.__dict__)  # keep module aliases valid
    type(font_manager.fontManager)._findfont_cached.cache_clear()  # type: ignore[attr-defined]
    _font_path.cache_clear()
    return True


@cache
def _font_path(family: str) -> str | None:
    from matplotlib import font_manager

    properties = font_manager.FontProperties(family=family)
    try:
        return str(font_manager.findfont(properties, fallback_to_default=False))
    except ValueError:
        return None


def has_glyph(family: str, char: str) -> bool:
    """Whether the installed ``family`` maps ``char`` to a real glyph (not .notdef)."""
    from matplotlib import font_manager

    path = _font_path(family)
    if path is None:
        return False
    return font_manager.get_font(path).get_char_index(ord(char)) != 0


def shaping_supported() -> bool:
    """Whether matplotlib shapes complex scripts (libraqm layout arrived in 3.11)."""
    from matplotlib import ft2font

    return hasattr(ft2font.FT2Font, "_layout")


def scripts_of(texts: Iterable[str]) -> list[str]:
    """Scripts used by the texts' letters, in first-seen order."""
    seen: dict[str, None] = {}
    for text in texts:
        for char in text:
            script = char_script(char)
            if script is not None:
                seen.setdefault(script, None)
    return list(seen)


def font_chain(texts: Iterable[str]) -> list[str]:
    """The family fallback list for drawing ``texts``: the base font, then one per script.

    Scripts with no installed family are left out here; :func:`renderable` catches the
    labels that then cannot be drawn.
    """
    chain = [BASE_FAMILY]
    families = installed_families()
    for script in scripts_of(texts):
        for family in SCRIPT_FAMILIES.get(script, ()):
            if family in families:
                if family not in chain:
                    chain.append(family)
                break
    return chain


def missing_chars(text: str, chain: Sequence[str]) -> list[str]:
    """Characters of ``text`` that no family in ``chain`` can draw."""
    return [
        c
        for c in dict.fromkeys(text)
        if not c.isspace() and not any(has_glyph(f, c) for f in chain)
    ]


def renderable(text: str, chain: Sequence[str]) -> str | None:
    """Why ``text`` cannot be drawn correctly with ``chain``, or None when it can."""
    missing = missing_chars(text, chain)
    if missing:
        return f"no installed font has {''.join(missing)!r} (install {FONT_PACKAGES})"
    if RTL_SCRIPTS.intersection(scripts_of([text])) and not shaping_supported():
        return "this matplotlib cannot shape right-to-left text (needs matplotlib >= 3.11)"
    return None


def safe_labels(
    native: dict[str, str], fallback: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """Native labels where they render, the fallback (English) name where they would not.

    Returns the labels and the font chain to draw them with; warns once per replaced label.
    """
    chain = font_chain(native.values())
    labels: dict[str, str] = {}
    for key, text in native.items():
        problem = renderable(text, chain)
        if problem is None:
            labels[key] = text
        else:
            warnings.warn(
                f"using {fallback[key]!r} for {text!r}: {problem}", FontWarning, stacklevel=2
            )
            labels[key] = fallback[key]
    return labels, font_chain(labels.values())
