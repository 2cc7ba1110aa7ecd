"""Turning task specs into keyed work: samples, task hashes, store keys, shards.

The store key covers what decides a generation and nothing else (model fingerprint,
engine and its output-changing options, image content, rendered prompt and system turn,
sampling settings; see ``store.generation_inputs``), so a rerun reuses exactly the
generations that are still valid, and a change that only decides scores (references,
keywords, categories, metrics) regenerates nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mella_eval.data.dataset import load_task_data
from mella_eval.data.sample import Sample
from mella_eval.engines.chat_template import template_key_suffix
from mella_eval.engines.output_options import output_options
from mella_eval.errors import ImageError, ResultsError
from mella_eval.runner.config import RunConfig
from mella_eval.store import (
    generation_inputs,
    generation_key,
    legacy_prediction_key,
    parse_shard,
    shard_of,
)
from mella_eval.tasks import Overrides, TaskRegistry
from mella_eval.tasks.spec import GenerationSpec, TaskSpec, task_hash


@dataclass(frozen=True)
class Shard:
    """``--shard i/n``: this process handles the keys whose shard index is ``i`` (0-based)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        return cls(*parse_shard(text))

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


@dataclass
class WorkItem:
    """One sample of a task with its store key and the inputs the key was built from."""

    sample: Sample
    key: str
    image_sha256: str | None
    image_error: str | None
    #: ``store.generation_inputs`` of the sample; ``key`` is their hash. Empty for
    #: predictions made elsewhere (``score --predictions FILE``), which have no store.
    inputs: dict[str, Any] = field(default_factory=dict)
    #: The sample's key in a version-1 store (``store.legacy_prediction_key``), to migrate.
    legacy_key: str = ""


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
    engine: Mapping[str, Any],
    limit: int | None,
    shard: Shard | None,
    seed: int | None,
) -> PreparedTask:
    """Load a task's data, hash it, and key every sample this shard must handle.

    ``engine`` is ``engines.output_options(name, options)``: the engine's part of the key.
    """
    data = load_task_data(spec, limit=limit)
    the_hash = task_hash(spec, data.fingerprint)
    generation = effective_generation(spec, seed)
    sampling = sampling_dict(generation)
    items = []
    for sample in data.samples:
        image_sha, image_error = _image_hash(sample)
        image = image_sha or f"unreadable:{image_error}"
        inputs = generation_inputs(
            model_fingerprint, engine, [image], sample.prompt, sample.system, sampling
        )
        key = generation_key(inputs)
        if shard is None or shard_of(key, shard.count) == shard.index:
            legacy = legacy_prediction_key(
                model_fingerprint, the_hash, sample.id, image, sample.prompt, sample.system,
                sampling,
            )  # fmt: skip
            items.append(WorkItem(sample, key, image_sha, image_error, inputs, legacy))
    limited = limit is not None
    return PreparedTask(spec, the_hash, generation, items, limited, len(data.samples))


def registry_for(config: RunConfig) -> TaskRegistry:
    """The task registry the run was configured with."""
    overrides = Overrides(Path(config.data_override)) if config.data_override else None
    return TaskRegistry.discover([Path(p) for p in config.include_paths], overrides)


def prepare_all(config: RunConfig, registry: TaskRegistry) -> list[PreparedTask]:
    """Load, hash and key every selected task."""
    shard = Shard.parse(config.shard) if config.shard else None
    # A --chat-template changes every prompt, so it is part of the key's model identity.
    model_key = config.model_fingerprint + template_key_suffix(config.engine_options)
    engine = output_options(config.engine, config.engine_options)
    tasks = [
        prepare_task(
            spec, model_key, engine=engine, limit=config.limit, shard=shard, seed=config.seed
        )
        for spec in registry.resolve(config.tasks)
    ]
    check_shard_count(shard, tasks)
    return tasks


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
