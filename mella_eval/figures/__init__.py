"""Figures and tables for papers, drawn from results files only (never re-running anything).

``data`` turns runs into tidy runs x languages grids; ``plots`` and ``delta`` draw them
(bars, radar, heatmap, paired deltas); ``categories`` builds
category x language grids; ``tables`` prints LaTeX, Markdown and CSV;
``style`` and ``fonts`` hold the palette, sizes and the font fallback chain.
Importing this package imports matplotlib only when a figure is drawn.
"""

from mella_eval.figures.categories import category_grids
from mella_eval.figures.data import (
    LANGUAGE_ORDER,
    Cell,
    Grid,
    LoadedRun,
    build_grids,
    load_runs,
)
from mella_eval.figures.delta import (
    DeltaPoint,
    compute_deltas,
    paired_compare_fn,
    plot_delta,
    significance_marker,
)
from mella_eval.figures.fonts import FontWarning
from mella_eval.figures.plots import plot_bars, plot_heatmap, plot_radar, save_figure
from mella_eval.figures.tables import render_table, table_grids

__all__ = [
    "LANGUAGE_ORDER",
    "Cell",
    "DeltaPoint",
    "FontWarning",
    "Grid",
    "LoadedRun",
    "build_grids",
    "category_grids",
    "compute_deltas",
    "load_runs",
    "paired_compare_fn",
    "plot_bars",
    "plot_delta",
    "plot_heatmap",
    "plot_radar",
    "render_table",
    "save_figure",
    "significance_marker",
    "table_grids",
]
