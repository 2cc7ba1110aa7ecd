"""What a figure can be drawn from: a run's ``results.json`` or a leaderboard record.

Leaderboard records (``leaderboards/<name>/submissions/*.json``) include numbers
reported in papers, so a figure can put a published baseline beside your own runs.
Both become a :class:`Source`: per task its kind, language, headline and scores.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from mella_eval.errors import MellaError, ResultsError
from mella_eval.results import RESULTS_FILE, CategoryResult, MetricValue, read_results

# Records do not store a headline; these are the MELLA ones (the first metric of each
# kind's task files). A record task without it falls back to its first metric.
KIND_HEADLINES = {"know": "keyword_accuracy", "ling": "meteor"}


@dataclass(frozen=True)
class TaskView:
    """The part of a task's scores that figures and tables use."""

    kind: str
    language: str
    headline: str
    metrics: dict[str, MetricValue]
    categories: dict[str, CategoryResult] = field(default_factory=dict)  # schema 1.1


@dataclass(frozen=True)
class Source:
    """One run or leaderboard record, before it gets its display label."""

    model: str
    seed: int | None
    directory: Path
    tasks: dict[str, TaskView]
    has_samples: bool  # a run folder (sample files for paired tests), not a record


def read_source(path: Path) -> Source:
    """Read a run folder, a ``results.json``, or a leaderboard record JSON file."""
    if path.is_file() and path.name != RESULTS_FILE and _is_record(path):
        return _from_record(path)
    result = read_results(path)
    tasks = {
        name: TaskView(t.kind, t.language, t.headline, dict(t.metrics), dict(t.categories))
        for name, t in result.tasks.items()
    }
    directory = path if path.is_dir() else path.parent
    return Source(result.run.model.name, result.run.seed, directory, tasks, has_samples=True)


def _is_record(path: Path) -> bool:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultsError(f"{path}: not a readable JSON file ({exc})") from None
    return isinstance(raw, dict) and "record_version" in raw


def _from_record(path: Path) -> Source:
    from mella_eval.leaderboard.records import read_record

    try:
        record = read_record(path)
    except MellaError as exc:
        raise ResultsError(str(exc)) from None
    tasks = {}
    for name, scores in record.tasks.items():
        if not scores.metrics:
            continue
        headline = KIND_HEADLINES.get(scores.kind, "")
        if headline not in scores.metrics:
            headline = next(iter(scores.metrics))
        tasks[name] = TaskView(
            scores.kind, scores.language, headline, dict(scores.metrics), dict(scores.categories)
        )
    return Source(record.model, record.seed, path.parent, tasks, has_samples=False)
