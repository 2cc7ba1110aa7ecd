"""The generation loop between a stream of pending samples and the store.

Two shapes, chosen by what the engine offers:

- **Streaming** (engines with a ``stream`` method: vLLM). Samples flow from a lazy
  iterator through a thread that decodes their images a bounded window ahead, into
  the engine, which keeps at most ``window`` requests in flight and hands back each
  prediction when it finishes. Finished predictions are appended (fsynced) to the
  store every fraction of a second. The engine's batch never drains between chunks,
  and a ``kill -9`` loses only requests in flight plus the last fraction of a second.
- **Chunked** (hf, openai, data-parallel). Samples are taken a chunk at a time, the
  next chunk's images are decoded on a thread while the engine works, and each
  chunk's records are appended before the next starts.

Either way a rerun skips keys already stored, and an engine that dies
(``EngineDied``) stops the run without recording the unfinished requests as errors:
what finished before is kept.
"""

from __future__ import annotations

import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from PIL import Image as PILImage

from mella_eval.engines.base import Engine, GenerationRequest, Prediction, SamplingSettings
from mella_eval.errors import EngineError, ImageError
from mella_eval.store import INPUTS_FIELD, USES_FIELD, PredictionStore

if TYPE_CHECKING:
    from PIL.Image import Image

    from mella_eval.data.images import ImageRef

__all__ = [
    "GenerationStats",
    "PendingRequest",
    "count_prediction",
    "generate_missing",
    "load_or_reason",
    "store_record",
    "unique_requests",
]

#: Exceptions that mean "this sample's image is unusable", not "the run is broken".
_IMAGE_ERRORS: tuple[type[BaseException], ...] = (
    ImageError,
    OSError,  # includes PIL.UnidentifiedImageError and truncated files
    ValueError,
    SyntaxError,  # PIL raises it for some malformed headers
    PILImage.DecompressionBombError,
)
#: PIL names in-memory files by address ("<_io.BytesIO object at 0x7f...>").
_OBJECT_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")


@dataclass
class PendingRequest:
    """A sample still to generate; images are loaded only when its chunk runs."""

    key: str
    task: str
    sample_id: str
    prompt: str
    system: str | None
    sampling: SamplingSettings
    load_images: Callable[[], list[Image]]
    #: Where the images come from, for executors that load them elsewhere (Ray workers).
    images: tuple[ImageRef, ...] = ()
    #: ``store.generation_inputs`` the key was made from (kept in the record).
    inputs: dict[str, Any] | None = None
    #: Every (task, sample id) that asks for this generation; default: its own.
    uses: tuple[tuple[str, str], ...] = ()


@dataclass
class GenerationStats:
    """Counts for one call; ``skipped`` were already in the store (resume)."""

    seen: int = 0
    skipped: int = 0
    generated: int = 0
    errors: int = 0
    image_errors: int = 0
    chunks: int = 0
    elapsed_s: float = 0.0
    error_examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def store_record(pending: PendingRequest, prediction: Prediction) -> dict[str, Any]:
    """The store record for one prediction: its fields plus key, inputs and users.

    ``task`` and ``sample_id`` name the first sample that asked; ``uses`` all of them.
    """
    record = prediction.to_dict()
    record.update(key=pending.key, task=pending.task, sample_id=pending.sample_id)
    uses = pending.uses or ((pending.task, pending.sample_id),)
    record[USES_FIELD] = [list(pair) for pair in uses]
    if pending.inputs is not None:
        record[INPUTS_FIELD] = pending.inputs
    return record


def load_or_reason(load_images: Callable[[], list[Image]]) -> list[Image] | str:
    """Decoded images, or the reason they cannot be used (recorded on the sample)."""
    try:
        images = load_images()
        for image in images:
            image.load()  # force decoding now, so a corrupt file fails here, not in the engine
    except _IMAGE_ERRORS as exc:
        # PIL names in-memory files by address ("<_io.BytesIO object at 0x7f...>"): drop
        # it, so the reason is the same in every process (local run, Ray worker, rerun).
        return f"image error: {type(exc).__name__}: {_OBJECT_ADDRESS.sub('>', str(exc))}"
    return images


def unique_requests(
    pending: Iterable[PendingRequest],
    stats: GenerationStats,
    stored: Callable[[str], bool] = lambda key: False,
) -> Iterator[PendingRequest]:
    """Each key once, skipping keys ``stored`` already holds; counts seen and skipped.

    One place for both executors (this loop and ``generation.ray``), so a key asked for
    twice, or already stored, is counted the same way wherever the run goes.
    """
    seen_keys: set[str] = set()
    for item in pending:
        stats.seen += 1
        if item.key in seen_keys or stored(item.key):
            stats.skipped += 1
            continue
        seen_keys.add(item.key)
        yield item


def _unique_missing(
    pending: Iterable[PendingRequest],
    store: PredictionStore,
    retry_errors: bool,
    stats: GenerationStats,
) -> Iterator[PendingRequest]:
    """Skip keys already stored (or repeated in the stream), counting them."""
    return unique_requests(pending, stats, lambda key: store.has(key, ok_only=retry_errors))


Loaded = list[tuple[PendingRequest, "list[Image] | str"]]


def _load_chunk(chunk: list[PendingRequest]) -> Loaded:
    """Decode a chunk's images (runs on the prefetch thread)."""
    return [(item, load_or_reason(item.load_images)) for item in chunk]


def _run_chunk(engine: Engine, loaded: Loaded, stats: GenerationStats) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    requests: list[GenerationRequest] = []
    by_key: dict[str, PendingRequest] = {}
    for item, images in loaded:
        if isinstance(images, str):
            failed = Prediction.failed(item.key, images)
            count_prediction(stats, failed)
            records.append(store_record(item, failed))
            continue
        requests.append(
            GenerationRequest(item.key, item.prompt, item.system, images, item.sampling)
        )
        by_key[item.key] = item
    predictions = engine.generate(requests) if requests else []
    if [p.key for p in predictions] != [r.key for r in requests]:
        raise EngineError("engine returned predictions that do not match its requests")
    for prediction in predictions:
        count_prediction(stats, prediction)
        records.append(store_record(by_key[prediction.key], prediction))
    return records


def generate_missing(
    engine: Engine,
    pending: Iterable[PendingRequest],
    store: PredictionStore,
    *,
    chunk_size: int = 256,
    on_progress: Callable[[int], None] | None = None,
    retry_errors: bool = False,
    prefetch: bool = True,
) -> GenerationStats:
    """Generate every pending request whose key is not in ``store``.

    Streams through ``engine.stream`` when the engine has one (``chunk_size`` is then
    the number of requests in flight and of images decoded ahead), else chunk by chunk.
    ``on_progress(n)`` is called after each store append with the number of samples it
    finished (generated or failed). With ``retry_errors`` a key whose stored record is
    an error is generated again (the new record supersedes the old one). With
    ``prefetch`` the next chunk's images are decoded on a thread while the engine works
    on the current one, so the accelerator does not wait for image I/O; at most two
    chunks of images are in memory.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be >= 1")
    stats = GenerationStats()
    start = time.perf_counter()
    todo = _unique_missing(pending, store, retry_errors, stats)
    stream = getattr(engine, "stream", None)
    if callable(stream):
        _generate_streaming(stream, todo, store, stats, chunk_size, on_progress)
        stats.elapsed_s = time.perf_counter() - start
        return stats
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mella-images") as pool:
        # The first chunk is decoded here: nothing could overlap with it anyway.
        following = list(islice(todo, chunk_size))
        ready: Loaded | Future[Loaded] | None = _load_chunk(following) if following else None
        while ready is not None:
            loaded = ready.result() if isinstance(ready, Future) else ready
            following = list(islice(todo, chunk_size))
            ready = pool.submit(_load_chunk, following) if following and prefetch else None
            records = _run_chunk(engine, loaded, stats)
            finished = store.append(records)
            stats.chunks += 1
            del loaded, records  # drop this chunk's images before the one after next
            if following and not prefetch:
                ready = _load_chunk(following)
            if on_progress is not None:
                on_progress(finished)
    stats.elapsed_s = time.perf_counter() - start
    return stats


class _ImagePrefetcher:
    """Decodes images on a thread, at most ``depth`` samples ahead of the consumer.

    The bounded queue is what keeps memory flat: a slow engine stops the thread, a
    fast one never waits for image I/O. ``close`` stops the thread even mid-stream.
    """

    _END = object()

    def __init__(self, todo: Iterator[PendingRequest], depth: int) -> None:
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=max(1, depth))
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._fill, args=(todo,), name="mella-images", daemon=True
        )
        self._thread.start()

    def _fill(self, todo: Iterator[PendingRequest]) -> None:
        try:
            for item in todo:
                if not self._put((item, load_or_reason(item.load_images))):
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            self._put(exc)
            return
        self._put(self._END)

    def _put(self, value: Any) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __iter__(self) -> Iterator[tuple[PendingRequest, list[Image] | str]]:
        while (value := self._queue.get()) is not self._END:
            if isinstance(value, BaseException):
                raise value
            yield value

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


class _StoreWriter:
    """Buffers finished records and appends them at most every ``interval_s`` seconds.

    One fsync per engine step would cost more than the step on a fast GPU; a fraction
    of a second of finished work is all a kill can lose.
    """

    def __init__(
        self,
        store: PredictionStore,
        on_progress: Callable[[int], None] | None,
        interval_s: float = 0.5,
    ) -> None:
        self.store, self.on_progress, self.interval_s = store, on_progress, interval_s
        self.buffer: list[dict[str, Any]] = []
        self.last = time.perf_counter()

    def add(self, record: dict[str, Any]) -> None:
        self.buffer.append(record)
        if time.perf_counter() - self.last >= self.interval_s:
            self.flush()

    def flush(self) -> None:
        self.last = time.perf_counter()
        if not self.buffer:
            return
        written = self.store.append(self.buffer)
        self.buffer = []
        if self.on_progress is not None:
            self.on_progress(written)


def _generate_streaming(
    stream: Callable[..., Iterator[Prediction]],
    todo: Iterator[PendingRequest],
    store: PredictionStore,
    stats: GenerationStats,
    window: int,
    on_progress: Callable[[int], None] | None,
) -> None:
    """Feed the engine continuously and store each prediction as it finishes."""
    prefetcher = _ImagePrefetcher(todo, depth=window)
    writer = _StoreWriter(store, on_progress)
    waiting: dict[str, PendingRequest] = {}

    def requests() -> Iterator[GenerationRequest]:
        for item, images in prefetcher:
            if isinstance(images, str):
                failed = Prediction.failed(item.key, images)
                count_prediction(stats, failed)
                writer.add(store_record(item, failed))
                continue
            waiting[item.key] = item
            yield GenerationRequest(item.key, item.prompt, item.system, images, item.sampling)

    try:
        for prediction in stream(requests(), max_in_flight=window):
            item = waiting.pop(prediction.key, None)
            if item is None:
                raise EngineError(f"engine returned an unknown key {prediction.key[:12]}")
            count_prediction(stats, prediction)
            writer.add(store_record(item, prediction))
        stats.chunks += 1
    finally:
        prefetcher.close()
        writer.flush()  # finished predictions are kept even when the engine died


def count_prediction(stats: GenerationStats, prediction: Prediction) -> None:
    """Count one finished prediction: generated, image error or other error (with examples).

    An image that cannot be used is recorded as an error starting with ``image error``
    (``load_or_reason``), wherever it was loaded: here, or on a Ray worker.
    """
    if prediction.error is None:
        stats.generated += 1
    elif prediction.error.startswith("image error"):
        stats.image_errors += 1
    else:
        stats.errors += 1
        if len(stats.error_examples) < 5:
            stats.error_examples.append(prediction.error)
