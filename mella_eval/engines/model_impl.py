"""Which vLLM implementation to load a checkpoint with: native, or the Transformers backend.

vLLM's native code for several vision-language families (Gemma 3, LLaVA, PaliGemma,
Qwen-VL, ...) imports torchvision. Where torchvision is missing or broken (the CPU
machines: the only wheel reachable is a CUDA build), the native model cannot load, but
vLLM's Transformers backend (``model_impl="transformers"``) can run the same weights
through the transformers model code. This module makes that choice before the engine
starts (a failed start costs a minute) and says why, so results record it.
"""

from __future__ import annotations

import importlib
import json
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["choose_model_impl", "model_architectures", "torchvision_usable"]


@cache
def torchvision_usable() -> bool:
    """True when ``import torchvision`` works (a CUDA wheel on a CPU torch fails at import)."""
    try:
        importlib.import_module("torchvision")
    except Exception:
        return False
    return True


def model_architectures(model: str, revision: str | None, trust_remote_code: bool) -> list[str]:
    """The ``architectures`` a checkpoint's config names (local folder or hub id)."""
    config_file = Path(model).expanduser() / "config.json"
    if config_file.is_file():
        try:
            data = json.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return [str(a) for a in data.get("architectures") or []]
    try:
        from transformers import AutoConfig

        config = AutoConfig.from_pretrained(
            model, revision=revision, trust_remote_code=trust_remote_code
        )
    except Exception:
        return []
    return list(getattr(config, "architectures", None) or [])


def _native_import_error(architecture: str) -> str | None:
    """Why vLLM's native module for ``architecture`` cannot be imported, or None if it can."""
    try:
        from vllm.model_executor.models import registry
    except ImportError:
        return None
    entry = getattr(registry, "_VLLM_MODELS", {}).get(architecture)
    if entry is None:
        return None  # not native: vLLM picks the Transformers backend by itself
    try:
        module = importlib.import_module(f"vllm.model_executor.models.{entry[0]}")
        # vision.get_vision_encoder_info imports pixtral (torchvision) only when first
        # called, so a module that uses it fails later, at the first request (PaliGemma).
        if hasattr(module, "get_vision_encoder_info"):
            importlib.import_module("vllm.model_executor.models.pixtral")
    except ImportError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def choose_model_impl(model: str, options: dict[str, Any]) -> tuple[str | None, str | None]:
    """``(model_impl, reason)``: ``("transformers", why)`` when native vLLM cannot load here.

    A ``model_impl`` the user set is kept. With torchvision working nothing is probed,
    so GPU machines never import model modules in the main process.
    """
    if options.get("model_impl") not in (None, "auto"):
        return str(options["model_impl"]), "set by the user"
    if torchvision_usable():
        return None, None
    architectures = model_architectures(
        model, options.get("revision"), bool(options.get("trust_remote_code"))
    )
    for architecture in architectures:
        error = _native_import_error(architecture)
        if error is not None:
            return "transformers", f"native vLLM {architecture} cannot load here ({error})"
    return None, None
