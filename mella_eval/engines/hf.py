"""HF transformers engine: the correctness reference and the fallback without vLLM.

Slow but simple: ``AutoProcessor`` + ``AutoModelForImageTextToText`` and batched
``generate`` with left padding (decoder-only models must be padded on the left so
that every row's new tokens follow its own prompt directly). Greedy decoding here is
what the vLLM engine is tested against, token for token.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import torch
import transformers
from transformers import AutoModelForImageTextToText

from mella_eval.engines.base import GenerationRequest, Prediction, SamplingSettings
from mella_eval.engines.chat_template import (
    load_template_owner,
    remote_code_error,
    resolve_chat_template,
)
from mella_eval.engines.decode import completion_text
from mella_eval.engines.prompt import render_prompt
from mella_eval.errors import EngineDied, EngineError

__all__ = ["HFEngine"]

_DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}


def _pick_device(device: str) -> str:
    if device != "auto":
        return device
    return "cuda" if torch.cuda.is_available() else "cpu"


def _pick_dtype(dtype: str, device: str) -> torch.dtype:
    """float32 on CPU (bfloat16 matmuls are slow or unsupported there), bf16 on GPU."""
    if dtype == "auto":
        return torch.bfloat16 if device.startswith("cuda") else torch.float32
    if dtype not in _DTYPES:
        raise EngineError(f"hf engine: dtype must be one of auto, {', '.join(_DTYPES)}")
    return _DTYPES[dtype]


class HFEngine:
    """Batched generation with HF transformers.

    Options: ``device`` (auto|cpu|cuda|cuda:N), ``dtype`` (auto|float32|float16|bfloat16),
    ``batch_size`` (requests per ``generate`` call), ``revision``, ``trust_remote_code``
    (run code shipped in the checkpoint), ``chat_template`` (a file or bundled name).
    """

    name = "hf"

    def __init__(
        self,
        model: str,
        *,
        device: str = "auto",
        dtype: str = "auto",
        batch_size: int = 8,
        revision: str | None = None,
        trust_remote_code: bool = False,
        chat_template: str | None = None,
    ) -> None:
        self.model_name = model
        self.device = _pick_device(device)
        self.dtype = _pick_dtype(dtype, self.device)
        self.batch_size = max(1, int(batch_size))
        self.revision = revision
        self.trust_remote_code = bool(trust_remote_code)
        self.chat_template = resolve_chat_template(chat_template)
        self.processor = load_template_owner(
            model,
            revision=revision,
            trust_remote_code=self.trust_remote_code,
            chat_template=self.chat_template,
        )
        self.model = self._load_model(model)
        self.model.eval()
        self.tokenizer = self.processor.tokenizer
        self.tokenizer.padding_side = "left"
        self.eos_ids = set(_as_list(self.model.generation_config.eos_token_id))

    def _load_model(self, model: str) -> Any:
        try:
            loaded: Any = AutoModelForImageTextToText.from_pretrained(
                model,
                revision=self.revision,
                dtype=self.dtype,
                trust_remote_code=self.trust_remote_code,
            )
        except (OSError, ValueError) as exc:
            if (remote := remote_code_error(model, exc)) is not None:
                raise remote from None
            raise EngineError(f"hf engine cannot load {model!r}: {exc}") from exc
        return loaded.to(self.device)

    def info(self) -> dict[str, Any]:
        return {
            "engine": self.name,
            "model": self.model_name,
            "revision": self.revision,
            "device": self.device,
            "dtype": str(self.dtype).removeprefix("torch."),
            "batch_size": self.batch_size,
            "trust_remote_code": self.trust_remote_code,
            "chat_template": self.chat_template.info() if self.chat_template else None,
            "versions": {"transformers": transformers.__version__, "torch": torch.__version__},
        }

    def close(self) -> None:
        del self.model
        if torch.cuda.is_available():
            torch.cuda.empty_cache()

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Prediction]:
        """Generate in batches of requests that share sampling settings and image count."""
        results: dict[int, Prediction] = {}
        groups: dict[tuple[SamplingSettings, int], list[int]] = {}
        for i, req in enumerate(requests):
            groups.setdefault((req.sampling, len(req.images)), []).append(i)
        for (sampling, _), indices in groups.items():
            for start in range(0, len(indices), self.batch_size):
                batch = indices[start : start + self.batch_size]
                preds = self._generate_isolated([requests[i] for i in batch], sampling)
                results.update(zip(batch, preds, strict=True))
        return [results[i] for i in range(len(requests))]

    def _generate_isolated(
        self, batch: list[GenerationRequest], sampling: SamplingSettings
    ) -> list[Prediction]:
        """Run a batch; if it fails, run its requests one by one so one bad image fails alone.

        When every request of a failed batch then fails alone with the same error, the
        model is broken, not the samples: that raises :class:`EngineDied` instead of
        recording the same error on every sample.
        """
        try:
            return self._generate_batch(batch, sampling)
        except torch.OutOfMemoryError as exc:
            raise EngineError(
                f"hf engine ran out of memory; lower --engine-arg batch_size "
                f"(now {self.batch_size}): {str(exc).splitlines()[0][:200]}"
            ) from exc
        except EngineError:
            raise
        except Exception as exc:
            if len(batch) == 1:
                return [Prediction.failed(batch[0].key, f"{type(exc).__name__}: {exc}")]
            batch_error = f"{type(exc).__name__}: {exc}"
        singles = [p for req in batch for p in self._generate_isolated([req], sampling)]
        if all(p.error == batch_error for p in singles):
            raise EngineDied(f"hf engine fails on every request ({batch_error[:300]})")
        return singles

    def _generate_batch(
        self, batch: list[GenerationRequest], sampling: SamplingSettings
    ) -> list[Prediction]:
        start = time.perf_counter()
        texts = [render_prompt(self.processor, req) for req in batch]
        images = [req.images for req in batch] if batch[0].images else None
        inputs = self.processor(text=texts, images=images, padding=True, return_tensors="pt")
        inputs = inputs.to(self.device)
        if "pixel_values" in inputs:
            inputs["pixel_values"] = inputs["pixel_values"].to(self.dtype)
        kwargs = _sampling_kwargs(sampling)
        if sampling.seed is not None:
            torch.manual_seed(sampling.seed)
        with torch.inference_mode():
            output = self.model.generate(**inputs, **kwargs)
        prompt_len = inputs["input_ids"].shape[1]
        new_tokens = output[:, prompt_len:].tolist()
        elapsed = time.perf_counter() - start
        prompt_counts = inputs["attention_mask"].sum(dim=1).tolist()
        return [
            self._prediction(req, ids, int(n_prompt), sampling, elapsed)
            for req, ids, n_prompt in zip(batch, new_tokens, prompt_counts, strict=True)
        ]

    def _prediction(
        self,
        req: GenerationRequest,
        ids: list[int],
        n_prompt: int,
        sampling: SamplingSettings,
        elapsed: float,
    ) -> Prediction:
        """Cut padding after EOS; the text comes from the shared decoder (``engines.decode``)."""
        raw, finish, n_completion = ids, "length", len(ids)
        for pos, tok in enumerate(ids):
            if tok in self.eos_ids:  # rows that ended early are padded after their EOS
                ids, finish, n_completion = ids[:pos], "stop", pos + 1
                break
        kept = raw[:n_completion]  # vLLM counts the EOS token too
        text, stopped = completion_text(self.tokenizer, ids, sampling.stop)
        if stopped:
            finish = "stop"
        return Prediction(req.key, text, finish, n_prompt, n_completion, elapsed, token_ids=kept)


def _sampling_kwargs(sampling: SamplingSettings) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"max_new_tokens": sampling.max_new_tokens}
    if sampling.greedy:
        kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
    else:
        kwargs.update(do_sample=True, temperature=sampling.temperature, top_p=sampling.top_p)
    return kwargs


def _as_list(value: Any) -> list[int]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [int(value)]
