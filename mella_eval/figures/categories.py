"""Category x language grids: where in a run do the scores come from?

A :class:`~mella_eval.figures.data.Grid` whose rows are image categories instead of
runs, one per run and task kind, built from the per-category values of results schema
1.1 (or leaderboard records). The heatmap draws it like any other grid.
"""

from __future__ import annotations

from collections.abc import Sequence

from mella_eval.errors import ResultsError
from mella_eval.figures.data import Cell, Grid, LoadedRun, build_grids


def category_grids(
    runs: Sequence[LoadedRun],
    metric: str | None = None,
    tasks: Sequence[str] | None = None,
) -> list[Grid]:
    """One grid per run and kind: categories (rows) x languages (columns) for ``metric``.

    The tasks and metric keys per language are those :func:`build_grids` picks, so the
    category grids agree with the run x language heatmap. A run without any
    per-category values (schema 1.0 results, data without categories) is an error.
    """
    grids = []
    for kind_grid in build_grids(runs, metric, tasks):
        for run in runs:
            grid = _category_grid(run, kind_grid)
            if grid is not None:
                grids.append(grid)
    if not grids:
        raise ResultsError(
            "no per-category scores in these runs (results schema 1.0, or task data without "
            "a category field); re-score with this version: mella-eval score --predictions DIR"
        )
    return grids


def _category_grid(run: LoadedRun, kind_grid: Grid) -> Grid | None:
    cells: dict[tuple[str, str], Cell] = {}
    for language, task in kind_grid.tasks.items():
        view = run.tasks.get(task)
        for name, category in (view.categories if view else {}).items():
            value = category.metrics.get(kind_grid.keys[language])
            if value is not None:
                cells[(name, language)] = Cell(value.value, value.ci_low, value.ci_high)
    if not cells:
        return None
    return Grid(
        kind=kind_grid.kind,
        metric=kind_grid.metric,
        languages=list(kind_grid.languages),
        runs=sorted({name for name, _ in cells}),
        tasks=dict(kind_grid.tasks),
        keys=dict(kind_grid.keys),
        cells=cells,
        heading=run.label,
    )
