"""OpenAI-compatible chat-completions engine (``vllm serve``, hosted APIs) over httpx.

Images travel as PNG data URLs inside the chat messages. Requests run on a bounded
thread pool (``max_concurrency``) so a server is kept busy without being flooded.
Rate limits (429) and server errors (5xx) and transport failures (timeouts, resets)
are retried with exponential backoff, honouring ``Retry-After``; a request that still
fails becomes an error prediction, so the run goes on and a later resume with
``retry_errors`` tries it again. Authentication and "model not found" errors fail the
whole run at once: every other request would fail the same way.

The API key is read from the environment variable named by ``api_key_env`` and lives
only in the HTTP client's headers; it is never part of ``info()``, results or logs.
The httpx transport can be injected, which is how the error paths are tested.
"""

from __future__ import annotations

import base64
import io
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import httpx

from mella_eval.engines.base import GenerationRequest, Prediction
from mella_eval.engines.chat_template import resolve_chat_template
from mella_eval.engines.prompt import build_messages
from mella_eval.errors import EngineError

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["OpenAIEngine", "image_data_url"]

_RETRY_STATUS = {408, 409, 425, 429} | set(range(500, 600))
_FATAL_STATUS = {401, 403, 404}


def image_data_url(image: Image, fmt: str = "png") -> str:
    """Lossless PNG (default) data URL, so the server sees exactly the local pixels."""
    buffer = io.BytesIO()
    rgb = image if image.mode in ("RGB", "L") else image.convert("RGB")
    rgb.save(buffer, format=fmt.upper())
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/{fmt.lower()};base64,{encoded}"


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class OpenAIEngine:
    """Chat completions against ``base_url``.

    Options: ``base_url`` (default ``http://127.0.0.1:8000/v1``), ``api_key_env``
    (default ``OPENAI_API_KEY``; unset means no Authorization header), ``max_concurrency``
    (8), ``timeout`` (seconds, 120), ``max_retries`` (5), ``backoff_base`` (1.0 s),
    ``backoff_max`` (30 s), ``image_format`` (png|jpeg), ``extra_body`` (dict merged into
    each request), ``transport`` (an ``httpx.BaseTransport``, for tests), ``chat_template``
    (a file or bundled name, sent as the ``chat_template`` request field that vLLM's and
    SGLang's servers accept). ``trust_remote_code`` is the server's own flag.
    """

    name = "openai"

    def __init__(
        self,
        model: str,
        *,
        base_url: str = "http://127.0.0.1:8000/v1",
        api_key_env: str = "OPENAI_API_KEY",
        max_concurrency: int = 8,
        timeout: float = 120.0,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        image_format: str = "png",
        extra_body: dict[str, Any] | None = None,
        transport: httpx.BaseTransport | None = None,
        chat_template: str | None = None,
        trust_remote_code: bool = False,
    ) -> None:
        if trust_remote_code:
            raise EngineError(
                "openai engine: --trust-remote-code belongs to the server; "
                "start it with its own flag (vllm serve --trust-remote-code)"
            )
        self.model_name = model
        template = resolve_chat_template(chat_template)
        if template is not None:
            extra_body = {"chat_template": template.text, **(extra_body or {})}
        self.settings: dict[str, Any] = {
            "base_url": base_url.rstrip("/"),
            "api_key_env": api_key_env,
            "max_concurrency": max(1, int(max_concurrency)),
            "timeout": float(timeout),
            "max_retries": max(0, int(max_retries)),
            "backoff_base": float(backoff_base),
            "backoff_max": float(backoff_max),
            "image_format": image_format,
            "extra_body": dict(extra_body or {}),
        }
        headers = {"Content-Type": "application/json"}
        api_key = os.environ.get(api_key_env)
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._client = httpx.Client(
            base_url=self.settings["base_url"],
            headers=headers,
            timeout=float(timeout),
            transport=transport,
        )

    def info(self) -> dict[str, Any]:
        """Settings without secrets: the key's variable name is recorded, never its value."""
        return {
            "engine": self.name,
            "model": self.model_name,
            "options": dict(self.settings),
            "versions": {"httpx": httpx.__version__},
        }

    def close(self) -> None:
        self._client.close()

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Prediction]:
        """All requests concurrently (bounded), results in request order."""
        if not requests:
            return []
        workers = min(self.settings["max_concurrency"], len(requests))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mella-http") as pool:
            return list(pool.map(self._one, requests))

    def _body(self, req: GenerationRequest) -> dict[str, Any]:
        fmt = self.settings["image_format"]
        parts = [
            {"type": "image_url", "image_url": {"url": image_data_url(img, fmt)}}
            for img in req.images
        ]
        s = req.sampling
        body: dict[str, Any] = {
            "model": self.model_name,
            "messages": build_messages(req, image_parts=parts),
            "max_tokens": s.max_new_tokens,
            "temperature": s.temperature,
            "top_p": 1.0 if s.greedy else s.top_p,
        }
        if s.seed is not None:
            body["seed"] = s.seed
        if s.stop:
            body["stop"] = list(s.stop)
        body.update(self.settings["extra_body"])
        return body

    def _one(self, req: GenerationRequest) -> Prediction:
        start = time.perf_counter()
        body = self._body(req)
        retries = self.settings["max_retries"]
        for attempt in range(retries + 1):
            try:
                return self._post(req, body, start)
            except _Retryable as exc:
                if attempt == retries:
                    reason = f"gave up after {retries + 1} attempts: {exc}"
                    return Prediction.failed(req.key, reason, time.perf_counter() - start)
                time.sleep(self._delay(attempt, exc.retry_after))
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        backoff = self.settings["backoff_base"] * (2**attempt)
        if retry_after is not None:
            backoff = max(backoff, retry_after)
        return float(min(backoff, self.settings["backoff_max"]))

    def _post(self, req: GenerationRequest, body: dict[str, Any], start: float) -> Prediction:
        try:
            response = self._client.post("/chat/completions", json=body)
        except httpx.TransportError as exc:  # timeouts, refused or reset connections
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        status = response.status_code
        if status in _RETRY_STATUS:
            raise _Retryable(f"HTTP {status}: {response.text[:200]}", _retry_after(response))
        if status in _FATAL_STATUS:
            raise EngineError(
                f"openai engine: HTTP {status} from {self.settings['base_url']} "
                f"(check the model name and ${self.settings['api_key_env']}): "
                f"{response.text[:200]}"
            )
        elapsed = time.perf_counter() - start
        if status >= 400:
            return Prediction.failed(req.key, f"HTTP {status}: {response.text[:300]}", elapsed)
        return _parse_completion(req.key, response, elapsed)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _parse_completion(key: str, response: httpx.Response, elapsed: float) -> Prediction:
    """A prediction from a chat-completion body, or an error one if the body is malformed."""
    try:
        data = response.json()
        choice = data["choices"][0]
        text = choice["message"]["content"]
        if not isinstance(text, str):
            raise TypeError(f"content is {type(text).__name__}")
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        snippet = response.text[:200]
        return Prediction.failed(key, f"malformed response ({exc!r}): {snippet}", elapsed)
    usage = data.get("usage") or {}
    return Prediction(
        key=key,
        text=text,
        finish_reason=choice.get("finish_reason"),
        prompt_tokens=usage.get("prompt_tokens"),
        completion_tokens=usage.get("completion_tokens"),
        latency_s=elapsed,
    )
