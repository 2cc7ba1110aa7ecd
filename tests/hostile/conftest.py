"""Fixtures for the hostile-input and fault suite: real HTTP servers on 127.0.0.1.

Every server runs in a daemon thread of the test process, is bounded (each handler
gives up after a few seconds) and is shut down at teardown. Runs use the ``openai``
engine against :class:`FakeOpenAI`, so no model is loaded: the cases are about the
harness, not about generation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, TaskWriter, draw_image
from tests.leaderboard.conftest import lb_assets, lb_root, run_copy  # noqa: F401 (fixtures)

Handler = Callable[[BaseHTTPRequestHandler], None]
CAPTION = "Egy piros kör a kék égen."


class LocalServer:
    """A threaded HTTP server on 127.0.0.1 whose GET/POST calls ``handler``."""

    def __init__(self, handler: Handler) -> None:
        owner = self
        self.requests: list[dict[str, Any]] = []
        self.bytes_sent = 0
        self.lock = threading.Lock()

        class _Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:
                handler(self)

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with owner.lock:
                    owner.requests.append({"path": self.path, "body": body})
                self.body = body  # type: ignore[attr-defined]
                handler(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def http_server() -> Iterator[Callable[[Handler], LocalServer]]:
    """Start servers with a given handler; all are stopped at teardown."""
    started: list[LocalServer] = []

    def start(handler: Handler) -> LocalServer:
        server = LocalServer(handler)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


def openai_handler(delay_s: float = 0.0) -> Handler:
    """A chat-completions endpoint that answers every request with :data:`CAPTION`."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        time.sleep(delay_s)
        body = json.dumps(
            {
                "choices": [
                    {"message": {"role": "assistant", "content": CAPTION}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 20, "completion_tokens": 7},
            }
        ).encode()
        request.send_response(200)
        request.send_header("content-type", "application/json")
        request.send_header("content-length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handle


@pytest.fixture
def fake_openai(http_server: Callable[[Handler], LocalServer]) -> LocalServer:
    return http_server(openai_handler())


@pytest.fixture
def hu_task(write_task: TaskWriter) -> Path:
    """A two-sample Hungarian know task (images drawn under the task folder)."""
    return write_task()


def run_argv(task_yaml: Path, output: Path, base_url: str, *extra: str) -> list[str]:
    """``mella-eval run`` arguments for the openai engine against ``base_url``."""
    return [
        "run", "--model", "fake-vlm", "--engine", "openai",
        "--engine-arg", f"base_url={base_url}", "--engine-arg", "max_retries=0",
        "--include-path", str(task_yaml.parent), "--tasks", task_yaml.stem,
        "--output", str(output), "--bootstrap", "0", "--quiet", *extra,
    ]  # fmt: skip


def cli(
    argv: list[str], *, cwd: Path | None = None, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    """``mella-eval ARGV`` in a fresh process (bounded), this worktree's code first."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **env}
    return subprocess.run(
        [sys.executable, "-m", "mella_eval", *argv],
        cwd=cwd or REPO, env=environment, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run a Python snippet in a fresh process with this worktree's code first."""
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO, env=environment, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


__all__ = ["CAPTION", "LocalServer", "cli", "draw_image", "openai_handler", "python", "run_argv"]
