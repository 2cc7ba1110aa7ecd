"""One engine stream shared by concurrent callers, so batches from several calls overlap.

A Ray replica receives its work as separate calls, one per Ray Data batch. Generating
each call's requests with ``engine.generate`` drains the engine's batch at the end of
every call: the last few requests of a call run alone. :class:`SharedStream` keeps one
:meth:`~mella_eval.engines.vllm.VLLMEngine.stream` running on a thread of its own and
feeds it from a queue that every call fills; a call waits only for its own
predictions. With several calls in flight (Ray Data's ``max_concurrent_calls_per_actor``)
the next call's requests enter the engine while the previous call's last ones are still
generating, as in the local loop. Engines without ``stream`` (``hf``) serve the calls
one at a time.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from typing import Any

from mella_eval.engines.base import GenerationRequest, Prediction
from mella_eval.errors import EngineError

__all__ = ["SharedStream"]

#: How long an idle stream waits for a new request before checking for a stop.
_POLL_S = 0.05


class SharedStream:
    """Thread-safe ``generate`` over one engine; a single stream when the engine has one."""

    def __init__(self, engine: Any, max_in_flight: int = 256) -> None:
        self.engine = engine
        self._max_in_flight = max_in_flight
        self._lock = threading.Lock()
        self._streams = hasattr(engine, "stream")
        self._requests: queue.SimpleQueue[GenerationRequest] = queue.SimpleQueue()
        self._waiting: dict[str, list[Future[Prediction]]] = {}
        self._failure: BaseException | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Prediction]:
        """Predictions for ``requests``, in their order; other calls may run meanwhile."""
        if not self._streams:
            with self._lock:  # one batch at a time, like the engine's own generate
                return list(self.engine.generate(requests))
        futures = [self._submit(request) for request in requests]
        return [future.result() for future in futures]

    def close(self) -> None:
        """Stop the stream thread (what is in flight is aborted by the engine's stream)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _submit(self, request: GenerationRequest) -> Future[Prediction]:
        future: Future[Prediction] = Future()
        with self._lock:
            if self._failure is not None:
                raise EngineError(f"the replica's engine failed: {self._failure}")
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="engine-stream")
                self._thread.daemon = True
                self._thread.start()
            waiting = self._waiting.setdefault(request.key, [])
            waiting.append(future)
            first = len(waiting) == 1
        if first:  # a key retried while its first request still runs is served once
            self._requests.put(request)
        return future

    def _source(self) -> Iterator[GenerationRequest | None]:
        """New requests; ``None`` when there is none yet, so the engine steps.

        Never waits while the engine has work (a wait before every step would slow each
        decoding step); waits up to ``_POLL_S`` only when nothing is in flight.
        """
        while not self._stop.is_set():
            try:
                yield self._requests.get_nowait()
                continue
            except queue.Empty:
                pass
            if self._waiting:  # every waiting request is in the engine: step it
                yield None
                continue
            try:
                yield self._requests.get(timeout=_POLL_S)
            except queue.Empty:
                yield None

    def _run(self) -> None:
        try:
            for prediction in self.engine.stream(self._source(), self._max_in_flight):
                with self._lock:
                    futures = self._waiting.pop(prediction.key, [])
                for future in futures:
                    future.set_result(prediction)
        except BaseException as exc:  # the engine died: every waiting call fails with it
            with self._lock:
                self._failure = exc
                waiting, self._waiting = self._waiting, {}
            for futures in waiting.values():
                for future in futures:
                    future.set_exception(exc)
