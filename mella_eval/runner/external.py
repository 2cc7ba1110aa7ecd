"""``score``: score predictions made elsewhere (another harness, a paper's outputs).

Input is JSONL with ``task``, ``id`` and ``prediction`` per line, or a mella-eval run
folder whose ``samples/*.jsonl`` are read back, which is how a result is rescored from
its sample files alone.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mella_eval.data.dataset import TaskData, load_task_data
from mella_eval.data.records import read_jsonl
from mella_eval.errors import DataError, MellaError
from mella_eval.results import (
    RESULTS_FILE,
    SAMPLES_DIR,
    ModelInfo,
    RunInfo,
    RunResult,
    read_results,
    read_samples,
    write_results,
)
from mella_eval.runner.config import CONFIG_FILE, STORE_FILE
from mella_eval.runner.folder import FolderRefused, backup_run, replaced_names
from mella_eval.runner.lock import run_folder_lock
from mella_eval.runner.prepare import PreparedTask, WorkItem
from mella_eval.runner.quiet import console_err
from mella_eval.scoring import score_run
from mella_eval.tasks import TaskRegistry, task_hash
from mella_eval.tasks.spec import TaskSpec

Predictions = dict[tuple[str, str], dict[str, Any]]


def read_predictions(path: Path) -> tuple[Predictions, str]:
    """Predictions keyed by (task, sample id), and a fingerprint of their content."""
    if path.is_dir():
        return _from_run_folder(path)
    predictions: Predictions = {}
    digest = hashlib.sha256()
    for record, where in read_jsonl(path):
        task, sample_id = record.get("task"), record.get("id")
        if not isinstance(task, str) or not isinstance(sample_id, str | int):
            raise DataError("each line needs string fields 'task' and 'id'", where.path, where.line)
        _add(predictions, (task, str(sample_id)), record, where)
        digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return predictions, f"predictions:{digest.hexdigest()[:16]}"


def _add(
    predictions: Predictions, key: tuple[str, str], record: dict[str, Any], where: Any
) -> None:
    prediction = record.get("prediction")
    if prediction is not None and not isinstance(prediction, str):
        raise DataError("'prediction' must be a string or null", where.path, where.line, key[1])
    if key in predictions:
        raise DataError(f"duplicate prediction for task {key[0]!r}", where.path, where.line, key[1])
    predictions[key] = {
        "text": prediction,
        "error": record.get("error") or (None if prediction is not None else "no prediction"),
    }


def _from_run_folder(run_dir: Path) -> tuple[Predictions, str]:
    result = read_results(run_dir)
    predictions: Predictions = {}
    for name, task in result.tasks.items():
        for record in read_samples(run_dir, task):
            stored = record.model_dump()
            predictions[(name, record.id)] = {**stored, "text": record.prediction}
    return predictions, result.run.model.fingerprint


def score_predictions(
    registry: TaskRegistry,
    task_names: list[str] | None,
    predictions_path: Path,
    output: Path,
    *,
    model_name: str | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
    force: bool = False,
    scoring_workers: int | None = None,
) -> RunResult:
    """Score external predictions against the tasks' data; write a normal results folder.

    The output folder is locked like a ``run``'s. Results already there are replaced
    only when they are this command's own earlier output (the same predictions file,
    no task dropped), or with ``force`` after a backup.
    """
    started = datetime.now(UTC)
    predictions, fingerprint = read_predictions(predictions_path)
    names = task_names or sorted({task for task, _ in predictions})
    specs = registry.resolve(names)
    loaded = {spec.name: load_task_data(spec) for spec in specs}
    _check_unknown(predictions, loaded, predictions_path)
    with run_folder_lock(output, "score"):
        _guard_output(output, predictions_path, [s.name for s in specs], force)
        return _score_locked(
            registry, specs, loaded, predictions, fingerprint, predictions_path, output,
            model_name=model_name, bootstrap=bootstrap, seed=seed, started=started,
            workers=scoring_workers,
        )  # fmt: skip


def _guard_output(output: Path, source: Path, names: list[str], force: bool) -> None:
    """Refuse (or, forced, back up) results in ``output`` that are not this scoring's own."""
    present = replaced_names(output, (RESULTS_FILE, STORE_FILE, CONFIG_FILE))
    if not present or _own_results(output, source, names):
        return
    if not force:
        raise FolderRefused(
            f"{output} already holds {' and '.join(present)} of another run or predictions "
            "file, which this scoring would replace; use another --output, or --force to "
            f"replace them (a copy is kept in {output}/backup-<time>/)"
        )
    kept = backup_run(output, (RESULTS_FILE, SAMPLES_DIR))
    if kept is not None:
        print(f"mella-eval: replacing the results in {output}; a copy is in {kept}",
              file=console_err())  # fmt: skip


def _own_results(output: Path, source: Path, names: list[str]) -> bool:
    """Whether ``output`` holds only an earlier ``score`` of ``source`` over no more tasks."""
    if replaced_names(output, (STORE_FILE, CONFIG_FILE)):
        return False  # a generation run's folder
    try:
        previous = read_results(output)
    except MellaError:
        return False
    earlier = previous.run.engine_settings.get("predictions")
    return (
        previous.run.engine == "external"
        and isinstance(earlier, str)
        and Path(earlier).resolve() == source.resolve()
        and set(previous.tasks) <= set(names)
    )


def _score_locked(
    registry: TaskRegistry,
    specs: list[TaskSpec],
    loaded: dict[str, TaskData],
    predictions: Predictions,
    fingerprint: str,
    predictions_path: Path,
    output: Path,
    *,
    model_name: str | None,
    bootstrap: int,
    seed: int,
    started: datetime,
    workers: int | None,
) -> RunResult:
    missing = {"text": None, "error": f"no prediction in {predictions_path.name}"}
    tasks = [_prepared(spec, loaded[spec.name], predictions) for spec in specs]

    def stored(task: str, item: WorkItem) -> dict[str, Any]:
        return predictions.get((task, item.sample.id), missing)

    def describe_run() -> RunInfo:
        return RunInfo(
            model=ModelInfo(name=model_name or predictions_path.stem, fingerprint=fingerprint),
            engine="external",
            engine_settings={"predictions": str(predictions_path)},
            seed=seed,
            tasks={task.spec.name: task.hash for task in tasks},
            started_at=started,
            finished_at=datetime.now(UTC),
        )

    result = score_run(
        output,
        registry,
        tasks,
        stored,
        describe_run,
        sharded=False,
        bootstrap=bootstrap,
        seed=seed,
        workers=workers,
    )
    write_results(output, result)
    return result


def _prepared(spec: TaskSpec, data: TaskData, predictions: Predictions) -> PreparedTask:
    items = []
    for sample in data.samples:
        stored = predictions.get((spec.name, sample.id)) or {}
        image_sha = stored.get("image_sha256") or _image_sha(sample)
        items.append(
            WorkItem(
                sample, key=f"{spec.name}/{sample.id}", image_sha256=image_sha, image_error=None
            )
        )
    return PreparedTask(
        spec, task_hash(spec, data.fingerprint), spec.generation, items, limited=False
    )


def _image_sha(sample: Any) -> str | None:
    try:
        return str(sample.image.sha256)
    except DataError:
        return None


def _check_unknown(predictions: Predictions, loaded: dict[str, TaskData], path: Path) -> None:
    """Refuse predictions for samples the task does not have (a wrong file, or stale ids)."""
    ids = {name: {s.id for s in data.samples} for name, data in loaded.items()}
    for task, sample_id in predictions:
        if task in ids and sample_id not in ids[task]:
            raise DataError(f"task {task!r} has no sample with this id", path, sample_id=sample_id)
