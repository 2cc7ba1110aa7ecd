"""Turning task specs into keyed work: samples, task hashes, store keys, shards.

The store key covers everything that determines a prediction (model fingerprint, task
hash, sample id, image content, rendered prompt, sampling settings), so a rerun reuses
exactly the predictions that are still valid and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mella_eval.data.dataset import load_task_data
from mella_eval.data.sample import Sample
from mella_eval.errors import ImageError, ResultsError
from mella_eval.tasks.spec import GenerationSpec, TaskSpec, task_hash


@dataclass(frozen=True)
class Shard:
    """``--shard i/n``: this process handles the keys whose shard index is ``i`` (0-based)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        from mella_eval.store import parse_shard

        return cls(*parse_shard(text))

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass
class WorkItem:
    """One sample of a task with its store key and the image hash the key was built from."""

    sample: Sample
    key: str
    image_sha256: str | None
    image_error: str | None


@dataclass
class PreparedTask:
    """A task ready to run: spec, hash, sampling settings, and its (sharded) work items."""

    spec: TaskSpec
    hash: str
    generation: GenerationSpec
    items: list[WorkItem]
    limited: bool
    n_samples: int = 0  # before sharding


def effective_generation(spec: TaskSpec, seed: int | None) -> GenerationSpec:
    """The task's sampling settings, with the run's ``--seed`` when one was given."""
    return spec.generation if seed is None else spec.generation.model_copy(update={"seed": seed})


def prepare_task(
    spec: TaskSpec,
    model_fingerprint: str,
    *,
    limit: int | None,
    shard: Shard | None,
    seed: int | None,
) -> PreparedTask:
    """Load a task's data, hash it, and key every sample this shard must handle."""
    from mella_eval.store import prediction_key, shard_of

    data = load_task_data(spec, limit=limit)
    the_hash = task_hash(spec, data.fingerprint)
    generation = effective_generation(spec, seed)
    items = []
    for sample in data.samples:
        image_sha, image_error = _image_hash(sample)
        key = prediction_key(
            model_fingerprint,
            the_hash,
            sample.id,
            image_sha or f"unreadable:{image_error}",
            sample.prompt,
            sample.system,
            sampling_dict(generation),
        )
        if shard is None or shard_of(key, shard.count) == shard.index:
            items.append(WorkItem(sample, key, image_sha, image_error))
    limited = limit is not None
    return PreparedTask(spec, the_hash, generation, items, limited, len(data.samples))


def check_shard_count(shard: Shard | None, tasks: list[PreparedTask]) -> None:
    """Refuse more shards than samples: some shard would surely be empty, and a run that
    generates nothing and exits 0 hides a typo in ``--shard``."""
    total = sum(task.n_samples for task in tasks)
    if shard is not None and shard.count > total:
        raise ResultsError(
            f"--shard {shard}: {shard.count} shards for {total} sample(s) in the selected "
            "tasks; use at most one shard per sample"
        )


def sampling_dict(generation: GenerationSpec) -> dict[str, Any]:
    """Sampling settings as plain data (store keys and results)."""
    return generation.model_dump(mode="json")


def _image_hash(sample: Sample) -> tuple[str | None, str | None]:
    try:
        return sample.image.sha256, None
    except ImageError as exc:
        return None, str(exc)
