"""Scoring tasks on several processes: same results as one process, every core busy.

A full Crossmodal-3600 run is 36 tasks (~130,000 samples, ~260,000 references) and the
metrics are CPU-bound Python (nltk METEOR, CIDEr-D, keyword analysis), so one process
uses one core. Tasks are independent (each has its own corpus statistics, bootstrap seed
and sample file), so with N workers this process and N - 1 spawned processes take jobs
from one queue.

- **Identical results.** Every task runs exactly :func:`~mella_eval.scoring.task.task_result`
  on the same records with the same seed; nothing it computes depends on what the process
  scored before. Results are returned in the tasks' order, whatever order they finish in.
- **One language, one process.** Loading a language's analysers (Korean morphology, Thai
  segmentation, stemmers, lemma tables) costs seconds, the same in every process. When
  there are at least twice as many languages as processes, a job is all of one
  language's tasks (MELLA's know + ling), so no language is loaded twice; with fewer, a
  job is one task, so that a one- or two-language run still uses every core.
- **Balanced.** Jobs start largest first (longest-processing-time order), estimated from
  the tasks' reference bytes and metric count, so the last job to finish is a small one.
  This process scores too: it needs no start-up, and scores while the others start.
- **Bounded memory.** A job's records are built only when the job is taken, and each
  spawned worker holds one job at a time: no process ever holds all records at once.
- **Safe to start anywhere.** Workers are *spawned*, not forked: ``run`` scores in the
  process that held a vLLM engine (CUDA, threads), after which a fork is unsafe. Each
  worker inherits file descriptors 1 and 2, so third-party output lands where the
  parent's does (``logs/run.log`` unless ``--verbose``); warnings raised in a worker are
  recorded and raised again in the parent, so mella-eval's own still reach the console.
- **Failures.** A task whose scoring raises stops the run with that error, with the task
  named (an exception note); a worker that dies (killed, out of memory) gives a
  :class:`ScoringProcessError` naming the tasks it held. Either way no ``results.json``
  is written and every sample file already written is whole (each is written
  atomically).

Spawning a process and importing the metric libraries costs seconds, so small runs (the
demo, tests, ``--limit``) stay in one process: see :func:`scoring_workers`.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.process import BaseProcess
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
    """A task not built yet: its name, estimated cost and how to build its records.

    ``language`` groups tasks that share loaded resources (see the module doc).
    """

    name: str
    cost: int
    build: Callable[[], TaskJob]
    language: str = ""


@dataclass(frozen=True)
class _Bundle:
    """Tasks scored one after another by one process (one language's, or a single task)."""

    jobs: tuple[PendingJob, ...]

    @property
    def cost(self) -> int:
        return sum(job.cost for job in self.jobs)

    @property
    def names(self) -> list[str]:
        return [job.name for job in self.jobs]


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
    """How many processes score this run, this one included: 1 means this one alone.

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


def _score_in_worker(jobs: list[TaskJob]) -> list[_Outcome]:
    """A worker's job: :func:`score_job` for each task, with the warnings each raised."""
    return [_score_keeping_warnings(job) for job in jobs]


def _score_keeping_warnings(job: TaskJob) -> _Outcome:
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

    ``workers`` 1 scores here, in order; more spawns ``workers - 1`` processes that
    score beside this one (see the module doc).
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


def bundles(jobs: Sequence[PendingJob], processes: int) -> list[_Bundle]:
    """The jobs grouped for ``processes`` processes, largest first (see the module doc).

    One bundle per language when there are at least two per process, else one per task;
    ties keep the given order, so the schedule is fixed.
    """
    by_language: dict[str, list[PendingJob]] = {}
    for job in jobs:
        by_language.setdefault(job.language, []).append(job)
    if len(by_language) >= 2 * processes:
        grouped = [_Bundle(tuple(group)) for group in by_language.values()]
    else:
        grouped = [_Bundle((job,)) for job in jobs]
    order = sorted(range(len(grouped)), key=lambda i: (-grouped[i].cost, i))
    return [grouped[i] for i in order]


class _JobQueue:
    """Bundles largest first, taken by the parent and by the pool's feeder thread.

    Building a job reads its tasks' predictions (the prediction store), so it happens
    under a lock, one at a time; ``stop`` makes every later ``take`` return None.
    """

    def __init__(self, jobs: Sequence[PendingJob], processes: int) -> None:
        self._bundles = bundles(jobs, processes)
        self._lock = threading.Lock()
        self.stopped = threading.Event()

    def take(self) -> tuple[list[str], list[TaskJob]] | None:
        with self._lock:
            if self.stopped.is_set() or not self._bundles:
                return None
            bundle = self._bundles.pop(0)
            return bundle.names, [job.build() for job in bundle.jobs]


def _score_in_pool(
    jobs: Sequence[PendingJob], workers: int, on_done: Callable[[str], None]
) -> dict[str, TaskResult]:
    """``workers - 1`` spawned processes and this one take jobs from one queue.

    This process scores too (it has the libraries loaded and needs no start-up), while
    a feeder thread keeps each spawned worker supplied with one job at a time. Results
    from the workers are collected once this process finds the queue empty.
    """
    queue = _JobQueue(jobs, workers)
    pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=get_context("spawn"))
    feeder = _Feeder(pool, queue, workers - 1)
    feeder.start()
    finished: dict[str, TaskResult] = {}
    try:
        while (taken := queue.take()) is not None:
            for name, job in zip(*taken, strict=True):
                finished[name] = score_job(job)
                on_done(name)
        feeder.join()
        feeder.raise_error()
        for future, names in feeder.submitted:
            outcomes = _outcomes(future, feeder.submitted)
            for name, outcome in zip(names, outcomes, strict=True):
                _reraise(outcome.warnings)
                finished[name] = outcome.result
                on_done(name)
    except BaseException:
        queue.stopped.set()
        _stop(pool, feeder)
        feeder.join()
        raise
    pool.shutdown(wait=True)
    feeder.wait_for_workers()
    return finished


class _Feeder(threading.Thread):
    """Submits jobs from the queue to the pool, at most ``slots`` unfinished at a time.

    One job per worker, none waiting in the pool's queue: a job waiting there could have
    been scored by the parent meanwhile. Building the next job takes milliseconds.
    """

    def __init__(self, pool: ProcessPoolExecutor, queue: _JobQueue, slots: int) -> None:
        super().__init__(name="mella-scoring-feeder", daemon=True)
        self.pool, self.queue = pool, queue
        self.slots = threading.Semaphore(slots)
        self.submitted: list[tuple[Future[list[_Outcome]], list[str]]] = []
        self.error: BaseException | None = None
        # the pool's processes and its manager thread (which joins them), kept when the
        # pool is shut down early: the pool forgets both
        self.workers: list[BaseProcess] = []
        self.manager: threading.Thread | None = None

    def run(self) -> None:
        try:
            while not self.queue.stopped.is_set():
                if not self.slots.acquire(timeout=0.1):
                    continue
                taken = self.queue.take()
                if taken is None:
                    # Nothing left to hand out: each worker exits once its last job is
                    # done, so its teardown (~1.2 s of freeing analysers, measured) runs
                    # while this process still scores, not after it.
                    self.workers = _workers(self.pool)
                    self.manager = getattr(self.pool, "_executor_manager_thread", None)
                    self.pool.shutdown(wait=False)
                    return
                names, built = taken
                future = self.pool.submit(_score_in_worker, built)
                future.add_done_callback(lambda _: self.slots.release())
                self.submitted.append((future, names))
        except BaseException as exc:  # a broken pool, a job that cannot be built
            self.error = exc
            self.queue.stopped.set()

    def wait_for_workers(self) -> None:
        """Wait until the workers of a pool shut down early have exited and been reaped.

        The pool's manager thread joins them; joining them here as well would race it
        for their exit status (one of the two waits then never sees the exit).
        """
        if self.manager is not None:
            self.manager.join()

    def raise_error(self) -> None:
        """Raise what stopped the feeder (a pool broken on submit: a worker died)."""
        if isinstance(self.error, BrokenProcessPool):
            raise _died(_lost(self.submitted)) from None
        if self.error is not None:
            raise self.error


def _workers(pool: ProcessPoolExecutor) -> list[BaseProcess]:
    """The pool's worker processes. Python 3.11's executor has no public list (nor a
    ``terminate_workers``: 3.14 has), hence its process table."""
    return list((getattr(pool, "_processes", None) or {}).values())


def _stop(pool: ProcessPoolExecutor, feeder: _Feeder) -> None:
    """Stop at once after a failure (or Ctrl-C): drop queued jobs, end running workers
    (the pool's, and the feeder's: those of a pool already shut down, still finishing).

    Waiting would let the other workers finish tasks whose results are thrown away
    anyway; a worker ended mid-task leaves at most a temporary file, never a half
    sample file (they are written atomically).
    """
    for process in [*_workers(pool), *feeder.workers]:
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)  # quick: its workers are gone
    feeder.wait_for_workers()


_Submitted = Sequence[tuple[Future[list[_Outcome]], list[str]]]


def _outcomes(future: Future[list[_Outcome]], submitted: _Submitted) -> list[_Outcome]:
    """A worker's outcomes; a dead worker becomes a :class:`ScoringProcessError`."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise _died(_lost(submitted)) from None


def _lost(submitted: _Submitted) -> list[str]:
    """The tasks whose worker died before returning them."""
    return [
        name
        for future, names in submitted
        if isinstance(future.exception(), BrokenProcessPool)
        for name in names
    ]


def _died(tasks: Sequence[str]) -> ScoringProcessError:
    held = f" while scoring {', '.join(sorted(tasks))}" if tasks else ""
    return ScoringProcessError(
        f"a scoring process died (killed, or out of memory?){held}; no results.json was "
        "written. Score again with fewer processes (--scoring-workers 1): the predictions "
        "are kept, nothing is generated again"
    )
