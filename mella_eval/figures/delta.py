"""Candidate-minus-baseline deltas per language, with paired-bootstrap CIs and significance.

The delta's CI and p-value come from a paired bootstrap over the samples both runs
scored (``mella_eval.scoring.paired_compare``), not from the two runs' separate CIs:
overlapping per-run intervals say little about whether a paired difference is real.
The comparison is passed in as a function so the plot can be tested without the
metrics stack, and so callers can choose the number of resamples and the seed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from mella_eval.errors import ResultsError
from mella_eval.figures.data import Grid, LoadedRun, build_grids, metric_title
from mella_eval.figures.style import (
    NEGATIVE,
    POSITIVE,
    figure_style,
    figure_width,
    language_labels,
)
from mella_eval.scoring import paired_compare
from mella_eval.tasks import TaskRegistry

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SIGNIFICANCE = ((0.01, "**"), (0.05, "*"))  # strictest first
SIGNIFICANCE_NOTE = "paired bootstrap: * p < 0.05, ** p < 0.01"


class Paired(Protocol):
    """A paired comparison of candidate against baseline, in score points.

    ``p_value`` is two-sided: a delta plot flags significant drops as well as gains.
    """

    @property
    def delta(self) -> float: ...
    @property
    def p_value(self) -> float: ...
    @property
    def ci_low(self) -> float: ...
    @property
    def ci_high(self) -> float: ...


# (task name, metric key) -> paired comparison of candidate against baseline.
CompareFn = Callable[[str, str], Paired]


@dataclass(frozen=True)
class DeltaPoint:
    """One language's paired difference (candidate - baseline) with a two-sided p."""

    language: str
    task: str
    metric: str
    delta: float
    ci_low: float
    ci_high: float
    p_value: float

    @property
    def marker(self) -> str:
        return significance_marker(self.p_value)


@dataclass(frozen=True)
class TwoSided:
    """The forward comparison's delta and CI with the two-sided p of both directions."""

    delta: float
    p_value: float
    ci_low: float
    ci_high: float


def two_sided(p_forward: float, p_backward: float) -> float:
    """Two-sided p from the one-sided "A better than B" p of both directions.

    Each one-sided p counts ties (resamples with no difference) against "better", so
    ``1 - p`` is not the other direction's p; identical runs would look significant.
    Both directions come from the same resamples, so this is exact.
    """
    return min(1.0, 2.0 * min(p_forward, p_backward))


def significance_marker(p_value: float) -> str:
    """``**`` for p < 0.01, ``*`` for p < 0.05, empty otherwise."""
    return next((mark for limit, mark in SIGNIFICANCE if p_value < limit), "")


def paired_compare_fn(
    baseline: LoadedRun, candidate: LoadedRun, *, samples: int = 1000, seed: int = 0
) -> CompareFn:
    """The real comparison: task specs from the registry, samples from both run folders.

    ``paired_compare`` tests one direction; it is run both ways (same seed, so the same
    resamples) to get a two-sided p.
    """
    for run in (baseline, candidate):
        if not run.source.has_samples:
            raise ResultsError(
                f"{run.label!r} is a leaderboard record without sample files; "
                "a paired delta needs two run folders"
            )

    registries: list[Any] = []  # discovered on first use, once

    def compare(task: str, metric: str) -> TwoSided:
        if not registries:
            registries.append(TaskRegistry.discover())
        spec = registries[0].get(task)
        base, cand = baseline.directory, candidate.directory
        forward = paired_compare(spec, base, cand, metric, samples=samples, seed=seed)
        backward = paired_compare(spec, cand, base, metric, samples=samples, seed=seed)
        p_value = two_sided(forward.p_value, backward.p_value)
        return TwoSided(forward.delta, p_value, forward.ci_low, forward.ci_high)

    return compare


def compute_deltas(
    baseline: LoadedRun,
    candidate: LoadedRun,
    compare: CompareFn,
    metric: str | None = None,
    tasks: Sequence[str] | None = None,
) -> list[tuple[Grid, list[DeltaPoint]]]:
    """Per kind, the paired delta of every language both runs have."""
    grids = build_grids([baseline, candidate], metric, tasks)
    out = []
    for grid in grids:
        points = []
        for lang in grid.languages:
            if grid.cell(baseline.label, lang) is None or grid.cell(candidate.label, lang) is None:
                continue
            result = compare(grid.tasks[lang], grid.keys[lang])
            points.append(
                DeltaPoint(
                    lang,
                    grid.tasks[lang],
                    grid.keys[lang],
                    float(result.delta),
                    float(result.ci_low),
                    float(result.ci_high),
                    float(result.p_value),
                )
            )
        if points:
            out.append((grid, points))
    if not out:
        raise ResultsError("the two runs share no task to compare")
    return out


def plot_delta(
    deltas: Sequence[tuple[Grid, list[DeltaPoint]]],
    *,
    width: str = "double",
    native_names: bool = False,
    title: str | None = None,
) -> Figure:
    """Bars of candidate - baseline per language with paired CIs and * / ** markers."""
    from matplotlib.figure import Figure

    codes = list(dict.fromkeys(p.language for _, points in deltas for p in points))
    labels, fonts = language_labels(codes, native_names)
    with figure_style(width, fonts):
        height = (1.35 if width == "single" else 1.5) * len(deltas)
        fig = Figure(figsize=(figure_width(width), height), layout="constrained")
        axes = fig.subplots(len(deltas), 1, squeeze=False)
        for ax, (grid, points) in zip(axes[:, 0], deltas, strict=True):
            _delta_panel(ax, grid, points, labels, width)
        # below the last panel's tick labels, so it can overlap nothing
        fig.text(1.0, 0.0, SIGNIFICANCE_NOTE, ha="right", va="top", fontsize="x-small")
        if title:
            fig.suptitle(title, fontsize="medium")
    return fig


def _delta_panel(
    ax: Axes, grid: Grid, points: Sequence[DeltaPoint], labels: dict[str, str], width: str
) -> None:
    xs = list(range(len(points)))
    deltas = [p.delta for p in points]
    errors = [
        [max(p.delta - p.ci_low, 0.0) for p in points],
        [max(p.ci_high - p.delta, 0.0) for p in points],
    ]
    ax.bar(
        xs,
        deltas,
        0.6,
        yerr=errors,
        color=[POSITIVE if d >= 0 else NEGATIVE for d in deltas],
        linewidth=0,
        error_kw={"elinewidth": 0.6, "capthick": 0.6, "ecolor": "#333333"},
    )
    ax.axhline(0, color="black", linewidth=0.6)
    span = max([abs(v) for p in points for v in (p.ci_low, p.ci_high)] + [1.0])
    for x, point in zip(xs, points, strict=True):
        if point.marker:
            above = point.delta >= 0
            y = (point.ci_high if above else point.ci_low) + (0.04 if above else -0.04) * span
            ax.text(
                x, y, point.marker, ha="center", va="bottom" if above else "top", fontweight="bold"
            )
    names = [labels[p.language] for p in points]
    rotate = width == "single" and max(map(len, names)) > 6
    ax.set_xticks(xs)
    ax.set_xticklabels(
        names,
        rotation=30 if rotate else 0,
        ha="right" if rotate else "center",
        rotation_mode="anchor",
    )
    ax.tick_params(axis="x", length=0)
    ax.set_ylim(-span * 1.25 if min(p.ci_low for p in points) < 0 else 0, span * 1.25)
    ax.set_ylabel(f"Δ {metric_title(grid.metric)}")
    ax.set_title(grid.title.split(":")[0], loc="left", fontweight="bold")
    ax.yaxis.grid(True, linewidth=0.4, color="#dddddd")
    ax.set_axisbelow(True)


def describe(points: Sequence[DeltaPoint]) -> str:
    """One line per language for the terminal: delta, CI, p and marker."""
    return "\n".join(
        f"{p.task:<16} {p.metric:<18} {p.delta:+7.2f}  [{p.ci_low:+.2f}, {p.ci_high:+.2f}]  "
        f"p={p.p_value:.3f} {p.marker}".rstrip()
        for p in points
        if not math.isnan(p.delta)
    )
