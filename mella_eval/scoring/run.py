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
from mella_eval.scoring.parallel import PendingJob, TaskJob, score_jobs, scoring_workers
from mella_eval.scoring.records import sample_record
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
    workers: int | None = None,
) -> dict[str, TaskResult]:
    """Score every task from its stored predictions and write its sample file.

    An older ``results.json`` is removed first: no mark of a finished run may survive
    while the sample files change. ``workers`` is ``--scoring-workers`` (None: auto, see
    :func:`~mella_eval.scoring.parallel.scoring_workers`); the results are the same for
    every count. ``status`` shows what is being scored.
    """
    remove_stale_results(out_dir)
    jobs = [_pending(out_dir, task, stored, sharded, bootstrap, seed) for task in tasks]
    samples = sum(len(task.items) for task in tasks)
    count = scoring_workers(workers, len(jobs), samples)
    if count == 1:
        results: dict[str, TaskResult] = {}
        for job in jobs:
            with status(f"scoring {job.name}"):
                results |= score_jobs([job], 1)
        return results
    with status(f"scoring {len(jobs)} tasks on {count} processes"):
        return score_jobs(jobs, count)


def _pending(
    out_dir: Path,
    task: PlannedTask[ItemT],
    stored: Lookup[ItemT],
    sharded: bool,
    bootstrap: int,
    seed: int,
) -> PendingJob:
    """One task's job; its records are looked up only when the job is built."""
    name = task.spec.name

    def build() -> TaskJob:
        records = [
            sample_record(
                item.sample, item.image_sha256, stored(name, item), image_error=item.image_error
            )
            for item in task.items
        ]
        return TaskJob(
            out_dir,
            task.spec,
            task.hash,
            task.generation.model_dump(mode="json"),
            records,
            partial=task.limited or sharded,
            bootstrap=bootstrap,
            seed=seed,
        )

    return PendingJob(name, scoring_cost(task), build, language=task.spec.language.code)


#: Languages whose analysers cost much more per byte than the others', relative to the
#: median language: seconds per reference byte of each MELLA language, traced in the
#: 10,000-sample run of ``benchmarks/bench_parallel_scoring.py`` (2026-12-06): Korean
#: 2.3x (kiwipiepy morphology of every eojeol, for the metrics and the keyword matcher),
#: Hungarian 1.5x (its analysers' ~1.4 s first load); ar, cs, ru, sr, th, vi 0.7-1.1x,
#: left at 1, as is every language not measured.
SLOW_LANGUAGES = {"ko": 2.3, "hu": 1.5}


def scoring_cost(task: PlannedTask[Any]) -> int:
    """A task's relative scoring cost: its reference bytes (UTF-8) times its metric count,
    times its language's factor (:data:`SLOW_LANGUAGES`).

    The metrics' time grows with the text they read (tokens, n-grams, alignments), and
    each metric reads it again; one unit per sample covers the fixed costs. Bytes, not
    characters: a Hangul or Thai character (3 bytes) costs the analysers several Latin
    letters' work. Still, Korean is the slowest language per byte: on the MELLA
    benchmark bytes alone ranked it fifth of eight, so the other process finished its
    last job ~4 s early (benchmarks/README.md). Used only to start the largest jobs
    first, so an estimate is enough; results do not depend on it.
    """
    text = sum(len(ref.encode("utf-8")) for item in task.items for ref in item.sample.references)
    factor = SLOW_LANGUAGES.get(task.spec.language.code, 1.0)
    return round((text + len(task.items)) * max(1, len(task.spec.metrics)) * factor)


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
    workers: int | None = None,
) -> RunResult:
    """:func:`task_results`, then the run's result: tasks, group means, environment, timing.

    ``describe_run`` is called after scoring, so the run's ``finished_at`` is its end.
    """
    t0 = time.perf_counter()
    results = task_results(
        out_dir,
        tasks,
        stored,
        sharded=sharded,
        bootstrap=bootstrap,
        seed=seed,
        status=status,
        workers=workers,
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
