"""House style for paper figures: palette, sizes, fonts, and language labels.

Sizes follow the common two-column venue layout (ACL, IEEE, NeurIPS single column
is close to "double"): 3.5 in for one column, 7.16 in across both. Fonts are
embedded as TrueType (Type 42) in PDF and PostScript, as many publishers reject the
Type 3 fonts matplotlib writes by default; SVG text becomes paths so it renders the
same without the fonts installed.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from typing import Any

from mella_eval.figures.fonts import safe_labels

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# colour-vision deficiency. Ordered so that the first runs get the strongest contrast.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
POSITIVE, NEGATIVE = "#0072B2", "#D55E00"
SEQUENTIAL_CMAP = "cividis"  # perceptually uniform and colour-vision-deficiency safe

WIDTHS_IN = {"single": 3.5, "double": 7.16}
FONT_SIZES = {"single": 7.0, "double": 8.0}


def colour(index: int) -> str:
    """Colour of the ``index``-th run (cycles after eight runs)."""
    return OKABE_ITO[index % len(OKABE_ITO)]


def figure_width(width: str) -> float:
    """Figure width in inches for ``single`` or ``double`` column."""
    try:
        return WIDTHS_IN[width]
    except KeyError:
        raise ValueError(f"width must be one of {sorted(WIDTHS_IN)}, got {width!r}") from None


# Read when saving, not when drawing, so they are applied again by save_style().
SAVE_PARAMS: dict[str, Any] = {
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "mella-eval",  # stable element ids: same results, same SVG bytes
    "savefig.bbox": "tight",
    "savefig.pad_inches": 0.02,
    "savefig.dpi": 300,
}
# Loggers that chatter about harmless font details (bold weight substitution, subsetting).
NOISY_LOGGERS = ("matplotlib.font_manager", "fontTools")


def rc_params(width: str, families: Sequence[str]) -> dict[str, Any]:
    """matplotlib settings for one figure; ``families`` is the glyph fallback chain."""
    size = FONT_SIZES[width]
    return {
        **SAVE_PARAMS,
        "font.family": list(families),
        "font.size": size,
        "axes.titlesize": size + 0.5,
        "axes.labelsize": size,
        "xtick.labelsize": size - 0.5,
        "ytick.labelsize": size - 0.5,
        "legend.fontsize": size - 0.5,
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "lines.linewidth": 1.0,
        "errorbar.capsize": 1.5,
        "legend.frameon": False,
    }


@contextlib.contextmanager
def figure_style(width: str, families: Sequence[str]) -> Iterator[None]:
    """Apply the house style for the figures created and saved inside the block."""
    import matplotlib

    params: Any = rc_params(width, families)  # matplotlib types keys as a Literal union
    with matplotlib.rc_context(params), quiet_font_logs():
        yield


@contextlib.contextmanager
def save_style() -> Iterator[None]:
    """Font embedding and output settings for ``savefig``."""
    import matplotlib

    params: Any = SAVE_PARAMS
    with matplotlib.rc_context(params), quiet_font_logs():
        yield


@contextlib.contextmanager
def quiet_font_logs() -> Iterator[None]:
    """Silence font-substitution chatter; real problems surface as FontWarning instead."""
    loggers = [logging.getLogger(name) for name in NOISY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def language_labels(codes: Sequence[str], native: bool) -> tuple[dict[str, str], list[str]]:
    """Axis labels for language codes, and the font chain that draws them.

    English names by default; with ``native`` the native names (العربية, 한국어, ไทย ...),
    falling back to the English name, with a warning, wherever no installed font or no
    text shaping can draw the native one.
    """
    from mella_eval.languages import resolve_language

    english: dict[str, str] = {}
    natives: dict[str, str] = {}
    for code in codes:
        try:
            spec = resolve_language(code)
            english[code] = spec.name or code
            natives[code] = spec.native_name or english[code]
        except ValueError:
            english[code] = natives[code] = code
    return safe_labels(natives if native else english, english)
