"""From stored generations to every task's result and the run's ``results.json`` content.

The one place a :class:`~mella_eval.results.RunResult` is assembled. ``run`` and
``merge`` look predictions up in the prediction store, ``score`` in a predictions file
or another run's sample files; each passes its lookup, and the rest is shared. The
caller writes ``results.json`` (once, last), after adding what only it knows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from statistics import fmean
from typing import Any, Protocol, TypeVar

from mella_eval.data.sample import Sample
from mella_eval.results import (
    GroupMetric,
    GroupResult,
    RunInfo,
    RunResult,
    TaskResult,
    Timings,
    remove_stale_results,
)
from mella_eval.scoring.environment import environment_info
from mella_eval.scoring.records import sample_record
from mella_eval.scoring.task import task_result
from mella_eval.tasks.registry import TaskRegistry
from mella_eval.tasks.spec import GenerationSpec, TaskSpec


class PlannedSample(Protocol):
    """What scoring needs of one selected sample (``runner.prepare.WorkItem`` is one)."""

    @property
    def sample(self) -> Sample: ...
    @property
    def image_sha256(self) -> str | None: ...
    @property
    def image_error(self) -> str | None: ...


ItemT = TypeVar("ItemT", bound=PlannedSample)
ItemT_co = TypeVar("ItemT_co", bound=PlannedSample, covariant=True)


class PlannedTask(Protocol[ItemT_co]):
    """What scoring needs of one selected task (``runner.prepare.PreparedTask`` is one)."""

    @property
    def spec(self) -> TaskSpec: ...
    @property
    def hash(self) -> str: ...
    @property
    def generation(self) -> GenerationSpec: ...
    @property
    def limited(self) -> bool: ...
    @property
    def items(self) -> Sequence[ItemT_co]: ...


#: (task name, sample) -> its stored prediction (``text``, ``error``, token counts), or None.
Lookup = Callable[[str, ItemT], Mapping[str, Any] | None]


@contextmanager
def _no_status(_: str) -> Iterator[None]:
    yield


def task_results(
    out_dir: Path,
    tasks: Sequence[PlannedTask[ItemT]],
    stored: Lookup[ItemT],
    *,
    sharded: bool,
    bootstrap: int,
    seed: int,
    status: Callable[[str], AbstractContextManager[Any]] = _no_status,
) -> dict[str, TaskResult]:
    """Score every task from its stored predictions and write its sample file.

    An older ``results.json`` is removed first: no mark of a finished run may survive
    while the sample files change. ``status`` shows which task is being scored.
    """
    remove_stale_results(out_dir)
    results: dict[str, TaskResult] = {}
    for task in tasks:
        name = task.spec.name
        records = [
            sample_record(
                item.sample, item.image_sha256, stored(name, item), image_error=item.image_error
            )
            for item in task.items
        ]
        with status(f"scoring {name}"):
            results[name] = task_result(
                out_dir,
                task.spec,
                task.hash,
                task.generation.model_dump(mode="json"),
                records,
                partial=task.limited or sharded,
                bootstrap=bootstrap,
                seed=seed,
            )
    return results


def score_run(
    out_dir: Path,
    registry: TaskRegistry,
    tasks: Sequence[PlannedTask[ItemT]],
    stored: Lookup[ItemT],
    describe_run: Callable[[], RunInfo],
    *,
    sharded: bool,
    bootstrap: int,
    seed: int,
    status: Callable[[str], AbstractContextManager[Any]] = _no_status,
) -> RunResult:
    """:func:`task_results`, then the run's result: tasks, group means, environment, timing.

    ``describe_run`` is called after scoring, so the run's ``finished_at`` is its end.
    """
    t0 = time.perf_counter()
    results = task_results(
        out_dir, tasks, stored, sharded=sharded, bootstrap=bootstrap, seed=seed, status=status
    )
    return RunResult(
        run=describe_run(),
        environment=environment_info(),
        tasks=results,
        groups=group_results(registry, results),
        timings=Timings(scoring_s=round(time.perf_counter() - t0, 3)),
        reportable=all(t.reportable for t in results.values()),
    )


def group_results(registry: TaskRegistry, tasks: dict[str, TaskResult]) -> dict[str, GroupResult]:
    """Macro means per group over the member tasks in this run (each language once)."""
    groups = {}
    for name in sorted(registry.groups):
        members = [t.name for t in registry.resolve([name])]
        present = [tasks[m] for m in members if m in tasks]
        if not present:
            continue
        keys = sorted({k for t in present for k in t.metrics})
        metrics = {
            key: GroupMetric(
                value=fmean(t.metrics[key].value for t in present if key in t.metrics),
                tasks=sum(1 for t in present if key in t.metrics),
            )
            for key in keys
        }
        groups[name] = GroupResult(
            group=name,
            tasks=[t.task for t in present],
            metrics=metrics,
            complete=len(present) == len(members),
        )
    return groups
