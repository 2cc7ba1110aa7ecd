"""Paper figures from grids: grouped bars, radar polygons and heatmaps.

Every function takes the grids of :func:`mella_eval.figures.data.build_grids` (one
panel per task kind) and returns a matplotlib ``Figure`` without saving it, so tests
can inspect the artists; :func:`save_figure` writes it with fonts embedded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mella_eval.errors import ResultsError
from mella_eval.figures.data import Grid, metric_title
from mella_eval.figures.style import (
    SEQUENTIAL_CMAP,
    colour,
    figure_style,
    figure_width,
    language_labels,
    save_style,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FORMATS = (".pdf", ".svg", ".png")


def _labels(grids: Sequence[Grid], native: bool) -> tuple[dict[str, str], list[str]]:
    codes = list(dict.fromkeys(lang for g in grids for lang in g.languages))
    return language_labels(codes, native)


def _error_offsets(grid: Grid, run: str) -> list[list[float]]:
    """``[below, above]`` distances from each value to its CI ends (NaN without a CI)."""
    below, above = [], []
    for lang in grid.languages:
        cell = grid.cell(run, lang)
        if cell is None or cell.ci_low is None or cell.ci_high is None:
            below.append(math.nan)
            above.append(math.nan)
        else:
            below.append(max(cell.value - cell.ci_low, 0.0))
            above.append(max(cell.ci_high - cell.value, 0.0))
    return [below, above]


def _top(grid: Grid) -> float:
    """Upper y limit: a little over the highest value or CI end."""
    ends = [c.ci_high if c.ci_high is not None else c.value for c in grid.cells.values()]
    return max([*ends, 1.0]) * 1.12


def _locator(bins: int) -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10])


def _new_figure(width_in: float, height_in: float) -> Figure:
    """A figure outside pyplot: no global state, no GUI backend, nothing to close."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width_in, height_in), layout="constrained")


def _legend_on_top(fig: Figure, runs: Sequence[str], width: str) -> None:
    """One legend above all panels; a single row while it fits (entries fill by column)."""
    longest = max(map(len, runs))
    entry_in = longest * 0.055 + 0.4  # ~6.5 pt characters plus the colour handle
    per_row = max(1, int(figure_width(width) // entry_in))
    fig.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=min(len(runs), per_row),
        handlelength=1.2,
        columnspacing=1.0,
        borderaxespad=0.0,
    )


def plot_bars(
    grids: Sequence[Grid], *, width: str = "double", native_names: bool = False
) -> Figure:
    """Grouped bars per language (one bar per run), CI error bars, one panel per kind."""
    labels, fonts = _labels(grids, native_names)
    with figure_style(width, fonts):
        panel_h = 1.45 if width == "single" else 1.6
        fig = _new_figure(figure_width(width), panel_h * len(grids))
        axes = fig.subplots(len(grids), 1, squeeze=False)
        for index, (ax, grid) in enumerate(zip(axes[:, 0], grids, strict=True)):
            _bar_panel(ax, grid, labels, width, legend=index == 0)
        _legend_on_top(fig, grids[0].runs, width)
    return fig


def _bar_panel(ax: Axes, grid: Grid, labels: dict[str, str], width: str, legend: bool) -> None:
    count = len(grid.runs)
    bar_w = 0.8 / count
    for i, run in enumerate(grid.runs):
        xs = [j - 0.4 + bar_w * (i + 0.5) for j in range(len(grid.languages))]
        ax.bar(
            xs,
            grid.values(run),
            bar_w,
            yerr=_error_offsets(grid, run),
            color=colour(i),
            label=run if legend else None,
            linewidth=0,
            error_kw={"elinewidth": 0.6, "capthick": 0.6, "ecolor": "#333333"},
        )
    _language_axis(ax, grid, labels, width)
    ax.set_ylim(0, _top(grid))
    ax.yaxis.set_major_locator(_locator(5))
    ax.set_ylabel(metric_title(grid.metric))
    ax.set_title(grid.title.split(":")[0], loc="left", fontweight="bold")
    ax.yaxis.grid(True, linewidth=0.4, color="#dddddd")
    ax.set_axisbelow(True)


def _language_axis(ax: Axes, grid: Grid, labels: dict[str, str], width: str) -> None:
    names = [labels[lang] for lang in grid.languages]
    rotate = width == "single" and max(map(len, names)) > 6
    ax.set_xticks(range(len(names)))
    ax.set_xticklabels(
        names,
        rotation=30 if rotate else 0,
        ha="right" if rotate else "center",
        rotation_mode="anchor",
    )
    ax.tick_params(axis="x", length=0)
    ax.set_xlim(-0.6, len(names) - 0.4)


def plot_heatmap(
    grids: Sequence[Grid], *, width: str = "double", native_names: bool = False
) -> Figure:
    """Runs by languages, one annotated heatmap panel per kind."""
    labels, fonts = _labels(grids, native_names)
    with figure_style(width, fonts):
        heights = [0.55 + 0.24 * len(g.runs) for g in grids]
        fig = _new_figure(figure_width(width), sum(heights) + 0.2)
        axes = fig.subplots(len(grids), 1, squeeze=False, gridspec_kw={"height_ratios": heights})
        for ax, grid in zip(axes[:, 0], grids, strict=True):
            _heat_panel(fig, ax, grid, labels, width)
    return fig


def _heat_panel(fig: Figure, ax: Axes, grid: Grid, labels: dict[str, str], width: str) -> None:
    import numpy as np
    from matplotlib import colormaps

    matrix = np.array([grid.values(run) for run in grid.runs], dtype=float)
    finite = matrix[np.isfinite(matrix)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    cmap = colormaps[SEQUENTIAL_CMAP].with_extremes(bad="#eeeeee")
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap=cmap, vmin=low,
                      vmax=high if high > low else low + 1, aspect="auto")  # fmt: skip
    for (row, col), value in np.ndenumerate(matrix):
        if math.isnan(value):
            ax.text(col, row, "–", ha="center", va="center", fontsize="small", color="#555555")
            continue
        red, green, blue, _ = image.cmap(image.norm(value))
        luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue  # ITU-R BT.709
        ax.text(col, row, f"{value:.1f}", ha="center", va="center", fontsize="small",
                color="white" if luminance < 0.45 else "black")  # fmt: skip
    _language_axis(ax, grid, labels, width)
    ax.set_yticks(range(len(grid.runs)))
    ax.set_yticklabels(grid.runs)
    ax.tick_params(axis="y", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(grid.title, loc="left", fontweight="bold")
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.01)
    bar.outline.set_visible(False)
    bar.ax.tick_params(labelsize="small", length=2)


def plot_radar(
    grids: Sequence[Grid], *, width: str = "double", native_names: bool = False
) -> Figure:
    """One polygon per run across languages, one polar panel per kind (MELLA Fig. 2 style)."""
    labels, fonts = _labels(grids, native_names)
    if any(len(g.languages) < 3 for g in grids):
        raise ResultsError("a radar plot needs at least three languages; use --kind bars")
    with figure_style(width, fonts):
        rows, cols = (len(grids), 1) if width == "single" else (1, len(grids))
        side = 2.7 if width == "single" else min(figure_width(width) / cols, 3.4)
        fig = _new_figure(figure_width(width), side * rows + 0.3)
        for index, grid in enumerate(grids, start=1):
            ax = fig.add_subplot(rows, cols, index, projection="polar")
            _radar_panel(ax, grid, labels, first=index == 1)
        _legend_on_top(fig, grids[0].runs, width)
    return fig


def _radar_panel(ax: Any, grid: Grid, labels: dict[str, str], first: bool) -> None:
    count = len(grid.languages)
    angles = [2 * math.pi * k / count for k in range(count)]
    closed = [*angles, angles[0]]
    for i, run in enumerate(grid.runs):
        values = grid.values(run)
        ring = [*values, values[0]]
        ax.plot(closed, ring, color=colour(i), linewidth=1.0, label=run if first else None)
        if not any(math.isnan(v) for v in values):
            ax.fill(closed, ring, color=colour(i), alpha=0.12, linewidth=0)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_xticks(angles)
    ax.set_xticklabels([labels[lang] for lang in grid.languages])
    for text, angle in zip(ax.get_xticklabels(), angles, strict=True):
        side = math.sin(angle)  # clockwise from the top: > 0 on the right half
        text.set_horizontalalignment("left" if side > 0.1 else "right" if side < -0.1 else "center")
    ax.set_ylim(0, _top(grid))
    ax.yaxis.set_major_locator(_locator(4))
    ax.set_rlabel_position(180 / count)  # between the first two spokes, off the data lines
    ax.tick_params(axis="y", labelsize="x-small", labelcolor="#555555")
    ax.tick_params(axis="x", pad=1)
    ax.grid(linewidth=0.4, color="#cccccc")
    ax.set_title(grid.title, fontweight="bold", pad=12)


def save_figure(fig: Figure, path: Path) -> Path:
    """Write the figure: PDF/SVG vector with fonts embedded (TrueType / paths), or PNG."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ResultsError(f"--out must end in one of {', '.join(FORMATS)}, got {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with save_style():
        fig.savefig(path, metadata=_metadata(suffix))
    return path


def _metadata(suffix: str) -> dict[str, Any] | None:
    """Stable metadata so that the same results give byte-identical vector files."""
    if suffix == ".pdf":
        return {"Creator": "mella-eval", "CreationDate": None}
    if suffix == ".svg":
        return {"Creator": "mella-eval", "Date": None}
    return {"Software": "mella-eval"}
