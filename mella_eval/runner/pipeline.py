"""``run``: generate what the store lacks, score, write results.

Generation and scoring meet only in files: predictions are appended to the store chunk
by chunk as they finish, and scoring reads the store. Ctrl-C or a crash during
generation leaves the store intact and no ``results.json``; rerunning resumes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mella_eval.data.images import ImageRef, remember_failed_downloads
from mella_eval.errors import MellaError
from mella_eval.results import RunResult, write_results
from mella_eval.runner.config import (
    STORE_FILE,
    RunConfig,
    load_config,
    load_engine_info,
    save_config,
    save_engine_info,
)
from mella_eval.runner.folder import refuse_symlinks
from mella_eval.runner.lock import run_folder_lock
from mella_eval.runner.migration import migrate_legacy, uses_by_key
from mella_eval.runner.prepare import PreparedTask, WorkItem, prepare_all, registry_for
from mella_eval.runner.progress import Progress
from mella_eval.runner.quiet import LOG_FILE, console_err, third_party_to_log
from mella_eval.runner.score_store import score_tasks
from mella_eval.tasks import TaskRegistry

if TYPE_CHECKING:
    from PIL import Image

    from mella_eval.generation.loop import PendingRequest


@dataclass
class RunOutcome:
    """What a finished run produced."""

    result: RunResult
    output: Path
    generated: int = 0
    skipped: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def run_evaluation(
    config: RunConfig, output: Path, *, quiet: bool = False, verbose: bool = False
) -> RunOutcome:
    """The whole ``run`` command: prepare, generate the missing, score, write.

    Third-party output (engine logs, warnings, progress bars of other packages) goes to
    ``OUTPUT/logs/run.log`` unless ``verbose``; see ``runner.quiet``.
    """
    from mella_eval.engines.fingerprint import model_fingerprint

    started = datetime.now(UTC)
    registry = registry_for(config)
    registry.resolve(config.tasks)  # fail on unknown tasks before touching the model
    fingerprint = model_fingerprint(config.model, config.engine_options.get("revision"))
    config = config.model_copy(update={"model_fingerprint": fingerprint})
    _check_output(output, config)
    with remember_failed_downloads():  # one try per image URL and run, not one per read
        tasks = prepare_all(config, registry)  # data errors surface before anything is written
        with run_folder_lock(output):
            return _locked_run(config, registry, tasks, output, started, quiet, verbose)


def _locked_run(
    config: RunConfig,
    registry: TaskRegistry,
    tasks: list[PreparedTask],
    output: Path,
    started: datetime,
    quiet: bool,
    verbose: bool,
) -> RunOutcome:
    """The part of ``run`` that writes into the output folder (under its lock)."""
    _check_output(output, config)  # again: another run may have finished in between
    save_config(output, config)
    progress = Progress(quiet=quiet)
    with third_party_to_log(output / LOG_FILE, verbose=verbose):
        t0 = time.perf_counter()
        generated, skipped, engine_info = _generate(config, output, tasks, progress)
        generation_s = time.perf_counter() - t0
        result = score_tasks(config, registry, tasks, output, started, engine_info, progress)
    result.timings.generation_s = round(generation_s, 3)
    result.timings.samples_generated = generated
    if generated and generation_s > 0:
        result.timings.samples_per_s = round(generated / generation_s, 3)
    write_results(output, result)
    return RunOutcome(result=result, output=output, generated=generated, skipped=skipped)


def _check_output(output: Path, config: RunConfig) -> None:
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MellaError(f"cannot write to output folder {output}: {exc.strerror}") from None
    refuse_symlinks(output)  # before the probe below writes through a planted link
    try:
        probe = output / ".write-test"
        probe.write_text("")
        probe.unlink()
    except OSError as exc:
        raise MellaError(f"cannot write to output folder {output}: {exc.strerror}") from None
    if (output / "run-config.json").exists():
        previous = load_config(output)
        differs = [f for f in previous.same_run(config) if f != "tasks"]
        if differs:
            raise MellaError(
                f"{output} holds a different run (differs in {', '.join(differs)}); "
                "use another --output"
            )


def _generate(
    config: RunConfig, output: Path, tasks: list[PreparedTask], progress: Progress
) -> tuple[int, int, dict[str, Any]]:
    """Generate every missing prediction as one stream over all tasks.

    One stream keeps the engine's batches full (a task of 10 samples alone would leave a
    GPU idle); progress is attributed back to tasks by order. A generation that several
    samples ask for (the same image and prompt) is requested once, for the first of
    them. Stored errors are retried: a fetch that failed yesterday may work today.
    Returns (generated, reused, engine info): reused counts the samples that needed no
    request of their own.
    """
    from mella_eval.generation.loop import generate_missing
    from mella_eval.store import PredictionStore

    store = PredictionStore(output / STORE_FILE)
    migration = migrate_legacy(store, tasks)
    if migration.migrated or migration.differing:
        print(f"mella-eval: {migration.summary()}", file=console_err())
    uses = uses_by_key(tasks)
    todo = _first_requests(tasks, store)
    reused = sum(len(t.items) for t in tasks) - sum(len(items) for items in todo.values())
    if not any(todo.values()):
        store.add_uses(uses)
        return 0, reused, load_engine_info(output, config.engine)
    pending = [_pending(t, item, uses[item.key]) for t in tasks for item in todo[t.spec.name]]
    if config.ray is not None:
        generated, info = _generate_on_ray(config, output, store, pending, todo, progress)
        store.add_uses(uses)
        return generated, reused, info
    engine = _start_engine(config)
    try:
        with progress.tasks({name: len(items) for name, items in todo.items() if items}) as advance:
            stats = generate_missing(
                engine,
                pending,
                store,
                chunk_size=config.chunk_size,
                on_progress=advance,
                retry_errors=True,
            )
        info = dict(engine.info())
        save_engine_info(output, info)
    finally:
        engine.close()
    store.add_uses(uses)
    return stats.generated, reused, info


def _first_requests(tasks: list[PreparedTask], store: Any) -> dict[str, list[WorkItem]]:
    """Per task, its samples whose generation is neither stored nor asked for earlier."""
    asked: set[str] = set()
    todo: dict[str, list[WorkItem]] = {}
    for task in tasks:
        todo[task.spec.name] = []
        for item in task.items:
            if item.key in asked or store.has(item.key, ok_only=True):
                continue
            asked.add(item.key)
            todo[task.spec.name].append(item)
    return todo


def _generate_on_ray(
    config: RunConfig,
    output: Path,
    store: Any,
    pending: list[PendingRequest],
    todo: dict[str, list[WorkItem]],
    progress: Progress,
) -> tuple[int, dict[str, Any]]:
    """The same stream of requests, spread over a Ray cluster (mella_eval.generation.ray)."""
    from mella_eval.generation.ray import RaySettings, generate_on_ray

    settings = RaySettings(**{**(config.ray or {}), "batch_size": config.chunk_size})
    if isinstance(settings.replicas, list):
        settings.replicas = (int(settings.replicas[0]), int(settings.replicas[1]))
    with progress.tasks({name: len(items) for name, items in todo.items() if items}) as advance:
        outcome = generate_on_ray(
            config.engine,
            config.model,
            dict(config.engine_options),
            pending,
            store,
            settings,
            on_progress=advance,
            quiet=progress.quiet,
        )
    info = {**outcome.engine_info, "ray_rows_per_node": outcome.rows_per_node}
    save_engine_info(output, info)
    return outcome.stats.generated, info


def _start_engine(config: RunConfig) -> Any:
    from mella_eval.engines import get_engine

    return get_engine(config.engine, config.model, dict(config.engine_options))


def _pending(task: PreparedTask, item: WorkItem, uses: list[tuple[str, str]]) -> PendingRequest:
    """The generation request for one work item; its image is decoded only when its chunk runs."""
    from mella_eval.engines.base import SamplingSettings
    from mella_eval.generation.loop import PendingRequest

    generation = task.generation
    sampling = SamplingSettings(
        max_new_tokens=generation.max_new_tokens,
        temperature=generation.temperature,
        top_p=generation.top_p,
        seed=generation.seed,
        stop=tuple(generation.stop),
    )
    return PendingRequest(
        key=item.key,
        task=task.spec.name,
        sample_id=item.sample.id,
        prompt=item.sample.prompt,
        system=item.sample.system,
        sampling=sampling,
        load_images=partial(_load_one, item.sample.image),
        images=(item.sample.image,),
        inputs=item.inputs,
        uses=tuple(uses),
    )


def _load_one(image: ImageRef) -> list[Image.Image]:
    return [image.load()]
