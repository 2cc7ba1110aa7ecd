"""From results files to tidy grids: runs x languages for one kind and one metric.

Figures and tables read only ``results.json`` files (never re-running anything), so
everything they draw comes from a :class:`Grid`. A grid holds one block of the paper's
tables: one task kind (``know`` or ``ling``), one metric, its languages in the fixed
MELLA order, and a cell (value with bootstrap CI) per run and language.
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mella_eval.errors import ResultsError
from mella_eval.figures.sources import Source, TaskView, read_source

# The benchmark's language order; languages outside it follow, alphabetically.
LANGUAGE_ORDER: tuple[str, ...] = ("ar", "cs", "hu", "ko", "ru", "sr", "th", "vi")
KIND_ORDER: tuple[str, ...] = ("know", "ling")
KIND_TITLES = {"know": "Knowledge", "ling": "Linguistic"}
METRIC_TITLES = {
    "keyword_accuracy": "Keyword accuracy",
    "keyword_hit": "Keyword hit rate",
    "meteor": "METEOR",
    "bleu": "BLEU",
    "rouge_l": "ROUGE-L",
    "cider_d": "CIDEr-D",
    "chrf": "chrF",
    "language_fidelity": "Language fidelity",
}


@dataclass(frozen=True)
class LoadedRun:
    """One run (or leaderboard record) as figures see it: a unique display label and scores."""

    label: str
    source: Source

    @property
    def directory(self) -> Path:
        return self.source.directory

    @property
    def tasks(self) -> dict[str, TaskView]:
        return self.source.tasks


@dataclass(frozen=True)
class Cell:
    """One score (0-100) with its bootstrap 95% CI, when the run recorded one."""

    value: float
    ci_low: float | None = None
    ci_high: float | None = None

    @property
    def has_ci(self) -> bool:
        return self.ci_low is not None and self.ci_high is not None


@dataclass
class Grid:
    """Runs x languages for one task kind and one metric: one panel or one table block."""

    kind: str
    metric: str
    languages: list[str]
    runs: list[str]
    tasks: dict[str, str] = field(default_factory=dict)  # language -> task name
    keys: dict[str, str] = field(default_factory=dict)  # language -> metric key used
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (run, language)
    heading: str = ""  # a prefix for the title (the run, in category x language grids)

    @property
    def title(self) -> str:
        """Panel or block title, e.g. ``Knowledge: Keyword accuracy``."""
        title = f"{KIND_TITLES.get(self.kind, self.kind)}: {metric_title(self.metric)}"
        return f"{self.heading} · {title}" if self.heading else title

    def cell(self, run: str, language: str) -> Cell | None:
        return self.cells.get((run, language))

    def values(self, run: str) -> list[float]:
        """The run's scores in language order; NaN where the run lacks the task."""
        return [c.value if (c := self.cell(run, lang)) else math.nan for lang in self.languages]

    def mean(self, run: str) -> float | None:
        """Macro mean over the block's languages, only when the run has every one of them."""
        values = self.values(run)
        if not values or any(math.isnan(v) for v in values):
            return None
        return sum(values) / len(values)


def metric_title(metric: str) -> str:
    """Human name of a metric key (``cider_d`` -> ``CIDEr-D``)."""
    return METRIC_TITLES.get(metric, metric.replace("_", " "))


def language_sort_key(code: str) -> tuple[int, str]:
    """Fixed MELLA order first, then any other language alphabetically."""
    if code in LANGUAGE_ORDER:
        return (LANGUAGE_ORDER.index(code), code)
    return (len(LANGUAGE_ORDER), code)


def load_runs(paths: Sequence[Path], labels: Sequence[str] | None = None) -> list[LoadedRun]:
    """Read each run (a folder, its ``results.json``, or a leaderboard record) and label it.

    Without ``labels`` a run is named by its model; runs of the same model (e.g. two
    seeds) are told apart by seed, then by folder name, so legends never repeat a name.
    """
    if not paths:
        raise ResultsError("give at least one results folder or results.json file")
    if labels is not None and len(labels) != len(paths):
        raise ResultsError(f"--labels gives {len(labels)} label(s) for {len(paths)} run(s)")
    sources = [read_source(Path(p)) for p in paths]
    names = list(labels) if labels is not None else default_labels(sources)
    if len(set(names)) != len(names):
        raise ResultsError(f"run labels must be unique, got {names}")
    return [LoadedRun(name, source) for name, source in zip(names, sources, strict=True)]


def default_labels(sources: Sequence[Source]) -> list[str]:
    """Model names, disambiguated by seed, then folder name, then position."""
    names = [s.model for s in sources]
    if len(set(names)) == len(names):
        return names
    seeds = [f"{s.model} (seed {s.seed})" for s in sources]
    if len(set(seeds)) == len(seeds):
        return seeds
    folders = [f"{s.model} ({s.directory.resolve().name})" for s in sources]
    if len(set(folders)) == len(folders):
        return folders
    return [f"{n} #{i}" for i, n in enumerate(names, start=1)]


def select_tasks(runs: Sequence[LoadedRun], patterns: Sequence[str] | None) -> list[str]:
    """Task names present in any run that match the patterns (names or globs)."""
    present = sorted({name for run in runs for name in run.tasks})
    if not patterns:
        return present
    chosen: list[str] = []
    for pattern in patterns:
        matches = fnmatch.filter(present, pattern)
        if not matches:
            raise ResultsError(
                f"no run has a task matching {pattern!r}; runs have: {', '.join(present)}"
            )
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def _task_metrics(runs: Sequence[LoadedRun], task: str) -> set[str]:
    """Metric keys any run reports for ``task`` (a paper record may report other ones)."""
    return {key for run in runs if task in run.tasks for key in run.tasks[task].metrics}


def _task_info(runs: Sequence[LoadedRun], task: str) -> TaskView:
    """The task as a real run recorded it (its headline), else as a record did."""
    having = [run for run in runs if task in run.tasks]
    best = next((run for run in having if run.source.has_samples), having[0])
    return best.tasks[task]


def build_grids(
    runs: Sequence[LoadedRun],
    metric: str | None = None,
    tasks: Sequence[str] | None = None,
) -> list[Grid]:
    """One grid per task kind (know, then ling) for ``metric`` (default: each headline).

    A kind whose tasks do not report ``metric`` is left out; if none does, that is an
    error naming the metrics that exist.
    """
    names = select_tasks(runs, tasks)
    grids: list[Grid] = []
    for kind in _kinds(runs, names):
        kind_tasks = [t for t in names if _task_info(runs, t).kind == kind]
        grid = _build_grid(runs, kind, kind_tasks, metric)
        if grid is not None:
            grids.append(grid)
    if not grids:
        available = sorted({k for t in names for k in _task_metrics(runs, t)})
        raise ResultsError(
            f"no selected task reports metric {metric!r}; available: {', '.join(available)}"
        )
    return grids


def _kinds(runs: Sequence[LoadedRun], names: Sequence[str]) -> list[str]:
    kinds = {_task_info(runs, t).kind for t in names}
    return sorted(kinds, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k))


def _build_grid(
    runs: Sequence[LoadedRun], kind: str, task_names: Sequence[str], metric: str | None
) -> Grid | None:
    by_language: dict[str, str] = {}
    keys: dict[str, str] = {}
    for task in task_names:
        info = _task_info(runs, task)
        key = metric or info.headline
        if key not in _task_metrics(runs, task):
            continue
        if info.language in by_language:
            raise ResultsError(
                f"tasks {by_language[info.language]!r} and {task!r} are both {kind} tasks in "
                f"language {info.language!r}; pick one with --tasks"
            )
        by_language[info.language] = task
        keys[info.language] = key
    if not by_language:
        return None
    languages = sorted(by_language, key=language_sort_key)
    distinct = set(keys.values())
    label = metric or (distinct.pop() if len(distinct) == 1 else "headline")
    grid = Grid(
        kind,
        label,
        languages,
        [r.label for r in runs],
        {lang: by_language[lang] for lang in languages},
        keys,
    )
    for run in runs:
        for language, task in grid.tasks.items():
            cell = _cell(run, task, grid.keys[language])
            if cell is not None:
                grid.cells[(run.label, language)] = cell
    return grid


def _cell(run: LoadedRun, task: str, key: str) -> Cell | None:
    info = run.tasks.get(task)
    if info is None:
        return None
    value = info.metrics.get(key)
    if value is None:
        return None
    return Cell(value.value, value.ci_low, value.ci_high)
