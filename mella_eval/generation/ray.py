"""Generation on a Ray cluster with Ray Data: engine replicas as actors, results streamed home.

The local loop (:mod:`mella_eval.generation.loop`) feeds one engine; this executor spreads the
same requests over a cluster without a scheduler of our own. The pending requests become
a Ray Data dataset of *metadata* (key, prompt, sampling, image path/URL), never images;
a CPU stage on the workers reads and decodes each image; an actor pool holds one engine
per replica (``map_batches`` with a class, so the model loads once per actor); the
driver takes finished batches back with ``iter_batches`` and appends them to the same
keyed :class:`~mella_eval.store.PredictionStore` as the local loop, batch by batch.

Why exactness holds: the replica is built by :func:`~mella_eval.engines.get_engine` with
the run's options, so it renders the checkpoint's own chat template and uses the same
sampling settings; images are decoded by :meth:`ImageRef.load`, the local path's code,
and travel as the exact RGB pixels; the records are made by the local loop's
``store_record``. Order does not matter because the store is keyed.

Why resumability holds: keys already stored are filtered out before the dataset is
built; a killed driver loses only the batches not yet appended; a lost worker's
in-flight batches are retried by Ray (actors restart, tasks retry) and the store
ignores a key it already holds.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import threading
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from mella_eval.data.images import ImageRef
from mella_eval.engines.base import GenerationRequest, Prediction, SamplingSettings
from mella_eval.engines.registry import get_engine
from mella_eval.errors import EngineError
from mella_eval.generation.loop import (
    GenerationStats,
    PendingRequest,
    count_prediction,
    load_or_reason,
    store_record,
    unique_requests,
)
from mella_eval.generation.shared_stream import SharedStream
from mella_eval.store import PredictionStore

if TYPE_CHECKING:
    import ray.data

__all__ = ["EngineReplica", "RaySettings", "decode_images", "generate_on_ray", "request_rows"]

#: Decoded pixels of a sample whose image failed (never given to an engine).
_NO_PIXELS = np.zeros((1, 1, 3), dtype=np.uint8)


@dataclass
class RaySettings:
    """Where and how wide to run: the options that matter on a real cluster.

    ``address`` is a Ray address (``ray://host:10001``, ``host:6379``) or ``"auto"``;
    ``None`` joins ``RAY_ADDRESS`` or starts a private local cluster. ``replicas`` is a
    fixed count, or ``(min, max)`` for an autoscaling pool. ``num_gpus`` per replica
    should equal the engine's ``tensor_parallel_size``; ``resources`` are custom Ray
    resources each replica asks for (pin replicas to labelled nodes).
    """

    address: str | None = None
    replicas: int | tuple[int, int] = 1
    num_cpus: float = 1.0
    num_gpus: float = 0.0
    resources: dict[str, float] = field(default_factory=dict)
    loader_cpus: float = 0.25
    batch_size: int = 64
    #: Batches each replica holds at once. Their requests share one engine stream with
    #: ``batch_size`` requests in the engine (the local loop's window), so the next
    #: batch's requests enter as the previous batch's last ones finish.
    calls_per_replica: int = 4
    #: Seconds to wait until the minimum number of replicas is up (model loaded) before
    #: the first batch is dealt, so work spreads over all of them; a cluster that cannot
    #: place them fails with a clear timeout instead of hanging.
    start_timeout_s: int = 3600

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        if isinstance(self.replicas, tuple):
            data["replicas"] = list(self.replicas)
        return data


def request_rows(pending: Sequence[PendingRequest]) -> list[dict[str, Any]]:
    """One dataset row per request: everything a worker needs, with images by reference."""
    rows = []
    for item in pending:
        if len(item.images) != 1:
            raise EngineError(f"{item.sample_id}: the Ray executor takes one image per sample")
        ref = item.images[0]
        rows.append(
            {
                "key": item.key,
                "prompt": item.prompt,
                "system": item.system or "",
                "sampling": json.dumps(item.sampling.to_dict()),
                # empty rather than None: Arrow turns an all-None column into float NaN
                "image_path": str(ref.path) if ref.path is not None else "",
                "image_url": ref.url or "",
                "image_data": ref.data or b"",
            }
        )
    return rows


def decode_images(batch: dict[str, np.ndarray]) -> dict[str, Any]:
    """Ray Data CPU stage: read and decode each row's image on a worker, as exact RGB pixels.

    A failure becomes the same ``image error: ...`` reason the local loop records.
    """
    pixels: list[np.ndarray] = []
    errors: list[str] = []
    for path, url, data in zip(
        batch["image_path"], batch["image_url"], batch["image_data"], strict=True
    ):
        ref = ImageRef(path=Path(path) if path else None, url=url or None, data=data or None)
        loaded = load_or_reason(partial(_load_one, ref))
        if isinstance(loaded, str):
            pixels.append(_NO_PIXELS)
            errors.append(loaded)
        else:
            pixels.append(np.asarray(loaded[0], dtype=np.uint8))
            errors.append("")
    out = {k: batch[k] for k in ("key", "prompt", "system", "sampling")}
    out["pixels"] = _object_array(pixels)
    out["image_error"] = np.array(errors, dtype=object)
    return out


def _load_one(ref: ImageRef) -> list[Image.Image]:
    return [ref.load()]


def _object_array(items: list[Any]) -> np.ndarray:
    """A 1-D object array (numpy would otherwise try to stack same-shaped images)."""
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


class EngineReplica:
    """One engine in one Ray actor: the model loads once, then serves batch after batch."""

    def __init__(
        self, engine: str, model: str, options: dict[str, Any], max_in_flight: int = 256
    ) -> None:
        import psutil
        import ray

        init_at = time.time()
        self.engine = get_engine(engine, model, options)
        # Ray Data calls this actor from several threads at once (one per batch in
        # flight); one shared engine stream keeps the batch full across those calls.
        self.shared = SharedStream(self.engine, max_in_flight)
        self.node_id = ray.get_runtime_context().get_node_id()
        self._info_sent = False
        self._info_lock = threading.Lock()
        #: Wall-clock times (epoch seconds) of this replica's start, for the run's log
        #: and the benchmark: worker process start, actor init, engine ready.
        self.start_times = {
            "process": psutil.Process().create_time(),
            "init": init_at,
            "engine_ready": time.time(),
        }

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, Any]:
        keys = [str(k) for k in batch["key"]]
        predictions: dict[str, Prediction] = {}
        requests = []
        for i, key in enumerate(keys):
            if batch["image_error"][i]:
                predictions[key] = Prediction.failed(key, str(batch["image_error"][i]))
                continue
            sampling = json.loads(str(batch["sampling"][i]))
            sampling["stop"] = tuple(sampling["stop"])
            system = batch["system"][i]
            image = Image.fromarray(np.asarray(batch["pixels"][i], dtype=np.uint8), "RGB")
            requests.append(
                GenerationRequest(
                    key,
                    str(batch["prompt"][i]),
                    str(system) if system else None,
                    [image],
                    SamplingSettings(**sampling),
                )
            )
        if requests:
            generated = self.shared.generate(requests)
            if [p.key for p in generated] != [r.key for r in requests]:
                raise EngineError("engine returned predictions that do not match its requests")
            predictions.update((p.key, p) for p in generated)
        with self._info_lock:
            first_call, self._info_sent = not self._info_sent, True
        info = (
            json.dumps({"engine": self.engine.info(), "start_times": self.start_times})
            if first_call
            else ""
        )
        texts = [json.dumps(predictions[k].to_dict()) for k in keys]
        return {
            "key": np.array(keys, dtype=object),
            "prediction": np.array(texts, dtype=object),
            "node_id": np.array([self.node_id] * len(keys), dtype=object),
            "engine_info": np.array([info] + [""] * (len(keys) - 1), dtype=object),
        }

    def __del__(self) -> None:
        """Ray Data drops the replica when the pool shuts down: leave no process behind.

        Ray ends an actor's process without running ``atexit`` handlers, which is where
        vLLM stops its engine-core process, so an engine's children are stopped here
        (seen on this machine: an orphaned ``VLLM::EngineCore`` holding its KV cache).
        """
        engine = getattr(self, "engine", None)
        try:
            if getattr(self, "shared", None) is not None:
                self.shared.close()
            if engine is not None:
                engine.close()  # may fail when run at interpreter shutdown (imports gone)
        except Exception:
            pass
        finally:
            for child in multiprocessing.active_children():
                child.terminate()
                child.join(timeout=10)
                if child.is_alive():
                    child.kill()


def build_dataset(
    pending: Sequence[PendingRequest],
    engine: str,
    model: str,
    options: dict[str, Any],
    settings: RaySettings,
) -> ray.data.Dataset:
    """The lazy pipeline: metadata rows -> decode on workers -> engine actors."""
    import ray.data

    rows = request_rows(pending)
    blocks = max(1, min(len(rows), -(-len(rows) // settings.batch_size)))
    low, high = (
        settings.replicas if isinstance(settings.replicas, tuple) else (settings.replicas,) * 2
    )
    calls = max(1, settings.calls_per_replica)
    in_flight = settings.batch_size  # as the local loop's window (--chunk-size)
    return (
        ray.data.from_items(rows, override_num_blocks=blocks)
        .map_batches(
            decode_images,
            batch_size=settings.batch_size,
            batch_format="numpy",
            num_cpus=settings.loader_cpus,
        )
        .map_batches(
            EngineReplica,
            fn_constructor_args=(engine, model, options, in_flight),
            batch_size=settings.batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(
                min_size=low,
                max_size=high,
                max_tasks_in_flight_per_actor=calls,
                max_concurrent_calls_per_actor=calls,
                enable_true_multi_threading=calls > 1,
            ),
            num_cpus=settings.num_cpus,
            num_gpus=settings.num_gpus or None,
            resources=settings.resources or None,
        )
    )


@dataclass
class RayOutcome:
    """Counts like the local loop's, plus which node generated how many samples."""

    stats: GenerationStats
    engine_info: dict[str, Any]
    rows_per_node: dict[str, int]
    #: Per replica that served a batch: epoch seconds of its process start, actor init
    #: and engine ready (see :class:`EngineReplica`).
    replica_starts: list[dict[str, float]] = field(default_factory=list)


def generate_on_ray(
    engine: str,
    model: str,
    options: dict[str, Any],
    pending: Sequence[PendingRequest],
    store: PredictionStore,
    settings: RaySettings,
    *,
    on_progress: Callable[[int], None] | None = None,
    quiet: bool = True,
) -> RayOutcome:
    """Generate ``pending`` on the cluster, appending each finished batch to ``store``.

    ``pending`` should already exclude stored keys (the caller knows which errors it
    retries); repeated keys are dropped here.
    """
    import ray

    start = time.perf_counter()
    stats = GenerationStats()
    by_key = {item.key: item for item in unique_requests(pending, stats)}
    nodes: Counter[str] = Counter()
    info: dict[str, Any] = {}
    replica_starts: list[dict[str, float]] = []
    owns_connection = _connect(settings.address, quiet, settings.start_timeout_s)
    try:
        dataset = build_dataset(list(by_key.values()), engine, model, options, settings)
        for batch in _finished_batches(dataset):
            records = []
            for key, text, node, engine_info in zip(
                batch["key"],
                batch["prediction"],
                batch["node_id"],
                batch["engine_info"],
                strict=True,
            ):
                prediction = Prediction(**json.loads(str(text)))
                count_prediction(stats, prediction)
                records.append(store_record(by_key[str(key)], prediction))
                nodes[str(node)] += 1
                if engine_info:
                    first = json.loads(str(engine_info))
                    info = info or first["engine"]
                    replica_starts.append(first["start_times"])
            finished = store.append(records)
            stats.chunks += 1
            if on_progress is not None:
                on_progress(finished)
    finally:
        if owns_connection:
            ray.shutdown()
    stats.elapsed_s = time.perf_counter() - start
    info = {**info, "executor": {"ray": settings.to_dict()}} if info else {}
    return RayOutcome(stats, info, dict(nodes), replica_starts)


def _finished_batches(dataset: ray.data.Dataset) -> Iterator[dict[str, np.ndarray]]:
    """Blocks as the replicas finish them (no re-batching, so nothing waits to fill up)."""
    yield from dataset.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=0)


def _connect(address: str | None, quiet: bool, start_timeout_s: int) -> bool:
    """Join the cluster (or start a private one), keeping the console to our own output.

    Returns whether this call connected (and so should disconnect); a caller that
    already holds a connection (a notebook, the benchmark) keeps it.
    """
    import ray
    import ray.data

    level = logging.WARNING if quiet else logging.INFO
    owns = not ray.is_initialized()
    if owns:
        extra: dict[str, Any] = {"include_dashboard": False} if address is None else {}
        ray.init(address=address, logging_level=level, log_to_driver=not quiet, **extra)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the run's own progress bars count samples
    context.print_on_execution_start = False
    context.wait_for_min_actors_s = start_timeout_s
    # Ray Data prefers a replica on the node that holds a batch's decoded images (up to its
    # in-flight limit) over an idle one elsewhere; engines, not image transfers, are the
    # bottleneck here, so deal batches to the least busy replica instead.
    with warnings.catch_warnings():  # deprecated for 2027; still honoured by 2.60 (tested)
        warnings.simplefilter("ignore")
        context.execution_options.actor_locality_enabled = False
    logging.getLogger("ray.data").setLevel(level)
    logging.getLogger("ray.data._internal.progress").setLevel(max(level, logging.ERROR))
    return owns
