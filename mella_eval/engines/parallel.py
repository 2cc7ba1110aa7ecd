"""Data parallelism: one engine per device group, each in its own process, results merged.

vLLM's own data-parallel mode couples ranks through torch.distributed barriers; a
crashed or slow rank then stalls the others. Independent engine processes that share
nothing are simpler and just as fast for offline captioning: the parent deals each
chunk out round-robin, every worker generates its share with its own engine on its
own GPUs (``CUDA_VISIBLE_DEVICES`` is set before the backend is imported), and the
predictions are put back in request order. Works for any registered engine; the
tests use the HF engine on CPU, ``vllm`` uses it for ``data_parallel_size > 1``.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from mella_eval.engines.base import GenerationRequest, Prediction
from mella_eval.engines.registry import get_engine
from mella_eval.errors import EngineDied, EngineError

__all__ = ["DataParallelEngine", "device_groups"]


def device_groups(replicas: int, per_replica: int, visible: str | None = None) -> list[str]:
    """``CUDA_VISIBLE_DEVICES`` value for each replica, e.g. 2 x 2 over 0-3 → ["0,1", "2,3"]."""
    ids = [d for d in (visible or "").split(",") if d.strip()] or [
        str(i) for i in range(replicas * per_replica)
    ]
    if len(ids) < replicas * per_replica:
        raise EngineError(
            f"data_parallel_size {replicas} x tensor_parallel_size {per_replica} needs "
            f"{replicas * per_replica} devices, CUDA_VISIBLE_DEVICES lists {len(ids)}"
        )
    return [",".join(ids[i * per_replica : (i + 1) * per_replica]) for i in range(replicas)]


def _worker(conn: Connection, name: str, model: str, options: dict[str, Any], devices: str) -> None:
    """Process body: own engine on own devices; serve generate calls until told to stop."""
    if devices:
        os.environ["CUDA_VISIBLE_DEVICES"] = devices
    try:
        engine = get_engine(name, model, options)
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", engine.info()))
    try:
        while (requests := conn.recv()) is not None:
            try:
                conn.send(("ok", engine.generate(requests)))
            except Exception as exc:
                conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        engine.close()


class DataParallelEngine:
    """``replicas`` copies of engine ``name`` in spawned processes."""

    def __init__(
        self,
        name: str,
        model: str,
        options: dict[str, Any],
        replicas: int,
        devices: Sequence[str] | None = None,
    ) -> None:
        self.name, self.model_name, self.replicas = name, model, replicas
        groups = list(devices) if devices is not None else [""] * replicas
        ctx = mp.get_context("spawn")  # fork after CUDA/vLLM init is unsafe
        self._conns: list[Connection] = []
        self._procs: list[Any] = []
        for group in groups:
            parent, child = ctx.Pipe()
            proc = ctx.Process(target=_worker, args=(child, name, model, options, group))
            proc.start()
            self._conns.append(parent)
            self._procs.append(proc)
        self._infos = [self._receive(i) for i in range(replicas)]

    def _receive(self, index: int) -> Any:
        try:
            status, payload = self._conns[index].recv()
        except EOFError as exc:
            self.close()
            raise EngineDied(
                f"data-parallel replica {index} died; finished predictions are kept, "
                "rerun the same command to resume"
            ) from exc
        if status == "error":
            self.close()
            raise EngineError(f"data-parallel replica {index}: {payload}")
        return payload

    def info(self) -> dict[str, Any]:
        return {**self._infos[0], "data_parallel_size": self.replicas}

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Prediction]:
        """Deal requests round-robin to replicas, then restore the request order."""
        results: dict[int, Prediction] = {}
        shares: list[list[int]] = [[] for _ in self._conns]
        for i, req in enumerate(requests):
            try:
                for image in req.images:
                    image.load()  # undecodable images fail here, not while pickling
            except Exception as exc:
                results[i] = Prediction.failed(req.key, f"image error: {exc}")
                continue
            shares[i % len(self._conns)].append(i)
        for conn, share in zip(self._conns, shares, strict=True):
            conn.send([requests[i] for i in share])
        for index, share in enumerate(shares):
            results.update(zip(share, self._receive(index), strict=True))
        return [results[i] for i in range(len(requests))]

    def close(self) -> None:
        for conn in self._conns:
            with contextlib.suppress(OSError, ValueError):  # replica already gone
                conn.send(None)
        for proc in self._procs:
            proc.join(timeout=60)
            if proc.is_alive():
                proc.kill()
                proc.join()
        self._conns, self._procs = [], []
