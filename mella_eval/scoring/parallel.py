"""Scoring tasks on several processes: same results as one process, every core busy.

A full Crossmodal-3600 run is 36 tasks (~130,000 samples, ~260,000 references) and the
metrics are CPU-bound Python (nltk METEOR, CIDEr-D, keyword analysis), so one process
uses one core. Tasks are independent (each has its own corpus statistics, bootstrap seed
and sample file), so they are scored by a pool of processes, one task per job.

- **Identical results.** A worker runs exactly :func:`~mella_eval.scoring.task.task_result`
  on the same records with the same seed; nothing it computes depends on what the process
  scored before. Results are returned in the tasks' order, whatever order they finish in.
- **Balanced.** Jobs start largest first (longest-processing-time order), estimated from
  the task's reference text and metric count, so the last job to finish is a small one.
- **Bounded memory.** A task's records are built only when its job is submitted, and at
  most ``workers + 1`` jobs are in flight: the parent never holds all records at once.
- **Safe to start anywhere.** Workers are *spawned*, not forked: ``run`` scores in the
  process that held a vLLM engine (CUDA, threads), after which a fork is unsafe. Each
  worker inherits file descriptors 1 and 2, so third-party output lands where the
  parent's does (``logs/run.log`` unless ``--verbose``); warnings raised in a worker are
  recorded and raised again in the parent, so mella-eval's own still reach the console.
- **Failures.** A task whose scoring raises stops the run with that error, with the task
  named; a worker that dies (killed, out of memory) gives a :class:`ScoringProcessError`
  naming the tasks it may have held. Either way no ``results.json`` is written and every
  sample file already written is whole (each is written atomically).

Spawning a process and importing the metric libraries costs seconds, so small runs (the
demo, tests, ``--limit``) stay in one process: see :func:`scoring_workers`.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mella_eval.results import SampleRecord, TaskResult
from mella_eval.scoring.task import task_result
from mella_eval.tasks.spec import TaskSpec

#: Below this many samples in all, ``auto`` scores in one process: starting a worker and
#: importing the metric libraries there (2-4 s each) costs more than it saves.
MIN_PARALLEL_SAMPLES = 4000

#: Memory a scoring worker may need at its peak: Python with kiwipiepy, pythainlp, nltk
#: and lingua loaded (~1.1-2.3 GiB measured, benchmarks/README.md) plus a Meteor/PTB JVM
#: for the ``*_coco`` metrics (~1.5 GiB). ``auto`` starts no more workers than fit.
WORKER_MEMORY_BYTES = 3 * 1024**3


class ScoringProcessError(RuntimeError):
    """A scoring worker died (killed or out of memory) before returning its task."""


@dataclass(frozen=True)
class TaskJob:
    """Everything :func:`task_result` needs for one task: what a worker receives."""

    out_dir: Path
    spec: TaskSpec
    task_hash: str
    generation: dict[str, Any]
    records: list[SampleRecord]
    partial: bool
    bootstrap: int
    seed: int


@dataclass(frozen=True)
class PendingJob:
    """A task not built yet: its name, estimated cost and how to build its records."""

    name: str
    cost: int
    build: Callable[[], TaskJob]


@dataclass(frozen=True)
class _Warning:
    """A warning raised in a worker, as plain data (its ``source`` may not pickle)."""

    message: str
    category: type[Warning]
    filename: str
    lineno: int


@dataclass
class _Outcome:
    result: TaskResult
    warnings: list[_Warning] = field(default_factory=list)


def usable_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def available_memory() -> int | None:
    """Bytes of memory available to new processes (``MemAvailable``), or None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def scoring_workers(requested: int | None, tasks: int, samples: int) -> int:
    """How many processes score this run: 1 means in this process.

    ``requested`` (``--scoring-workers``) wins, capped at the task count. ``None`` (auto)
    uses every usable core, but no more workers than tasks or than the available memory
    holds (:data:`WORKER_MEMORY_BYTES` each), and one process for runs under
    :data:`MIN_PARALLEL_SAMPLES` samples.
    """
    if requested is not None:
        if requested < 1:
            raise ValueError(f"scoring workers must be at least 1, not {requested}")
        return max(1, min(requested, tasks))
    if tasks < 2 or samples < MIN_PARALLEL_SAMPLES:
        return 1
    workers = min(usable_cores(), tasks)
    memory = available_memory()
    if memory is not None:
        workers = min(workers, max(1, memory // WORKER_MEMORY_BYTES))
    return max(1, workers)


def score_job(job: TaskJob) -> TaskResult:
    """Score one task in this process (the serial path, and each worker's body)."""
    try:
        return task_result(
            job.out_dir,
            job.spec,
            job.task_hash,
            job.generation,
            job.records,
            partial=job.partial,
            bootstrap=job.bootstrap,
            seed=job.seed,
        )
    except Exception as exc:
        exc.add_note(f"while scoring task {job.spec.name}")
        raise


def _score_in_worker(job: TaskJob) -> _Outcome:
    """A worker's job: :func:`score_job`, with the warnings it raised kept for the parent."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = score_job(job)
    kept = [_Warning(str(w.message), w.category, w.filename, w.lineno) for w in caught]
    return _Outcome(result, kept)


def _reraise(caught: Sequence[_Warning]) -> None:
    """Raise a worker's warnings here, where the console's filters decide what shows."""
    for w in caught:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def score_jobs(
    jobs: Sequence[PendingJob],
    workers: int,
    on_done: Callable[[str], None] = lambda _name: None,
) -> dict[str, TaskResult]:
    """Every job's :class:`TaskResult`, keyed by task name in the order of ``jobs``.

    ``workers`` 1 scores here, in order; more spawns a pool (see the module doc).
    ``on_done`` is called with each task's name as it finishes.
    """
    if workers <= 1:
        results = {}
        for job in jobs:
            results[job.name] = score_job(job.build())
            on_done(job.name)
        return results
    finished = _score_in_pool(jobs, workers, on_done)
    return {job.name: finished[job.name] for job in jobs}


def _largest_first(jobs: Sequence[PendingJob]) -> Iterator[PendingJob]:
    """Longest-processing-time order (ties: the given order, so the schedule is fixed)."""
    order = sorted(range(len(jobs)), key=lambda i: (-jobs[i].cost, i))
    return (jobs[i] for i in order)


def _score_in_pool(
    jobs: Sequence[PendingJob], workers: int, on_done: Callable[[str], None]
) -> dict[str, TaskResult]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    queue = _largest_first(jobs)
    running: dict[Future[_Outcome], str] = {}
    finished: dict[str, TaskResult] = {}
    try:
        while True:
            while len(running) < workers + 1 and (job := next(queue, None)) is not None:
                running[pool.submit(_score_in_worker, job.build())] = job.name
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: running[f]):
                name = running.pop(future)
                outcome = _outcome(future, name, running.values())
                _reraise(outcome.warnings)
                finished[name] = outcome.result
                on_done(name)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return finished


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop at once after a failure (or Ctrl-C): drop queued jobs, end running workers.

    Waiting would let the other workers finish tasks whose results are thrown away
    anyway; a worker ended mid-task leaves at most a temporary file, never a half
    sample file (they are written atomically). Python 3.11's executor has no public
    ``terminate_workers`` (3.14 has), hence its process table.
    """
    for process in (getattr(pool, "_processes", None) or {}).values():
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)  # quick: its workers are gone


def _outcome(future: Future[_Outcome], name: str, others: Any) -> _Outcome:
    try:
        return future.result()
    except BrokenProcessPool:
        held = ", ".join(sorted({name, *others}))
        raise ScoringProcessError(
            f"a scoring process died (killed, or out of memory?) while scoring {held}; "
            "no results.json was written. Score again with fewer processes "
            "(--scoring-workers 1): the predictions are kept, nothing is generated again"
        ) from None
