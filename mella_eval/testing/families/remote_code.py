"""Tiny remote-code checkpoint: a LLaVA model shipped as custom code with ``auto_map``.

Many research checkpoints (InternVL2, MiniCPM-V, Phi-3-vision) ship their own
``configuration_*.py`` and ``modeling_*.py`` and load only with
``trust_remote_code=True``. This one wraps the tiny LLaVA under a new model type that
transformers does not know, so loading it without the flag must fail, and with the
flag must give exactly the LLaVA model's outputs.
"""

from __future__ import annotations

import json
from pathlib import Path

from mella_eval.testing.families import llava
from mella_eval.testing.families._common import build_cached, save_model

VERSION = 2
MODEL_TYPE = "mella_tiny_llava"

_CONFIGURATION = '''"""Custom configuration shipped inside the checkpoint (remote code)."""
from transformers import LlavaConfig


class MellaTinyLlavaConfig(LlavaConfig):
    model_type = "mella_tiny_llava"
'''

_MODELING = '''"""Custom model shipped inside the checkpoint (remote code)."""
from transformers import LlavaForConditionalGeneration, LlavaModel

from .configuration_mella_tiny_llava import MellaTinyLlavaConfig


class MellaTinyLlavaModel(LlavaModel):
    config_class = MellaTinyLlavaConfig


class MellaTinyLlavaForConditionalGeneration(LlavaForConditionalGeneration):
    config_class = MellaTinyLlavaConfig
'''

_AUTO_MAP = {
    "AutoConfig": "configuration_mella_tiny_llava.MellaTinyLlavaConfig",
    # vLLM's Transformers backend builds the base model through AutoModel.
    "AutoModel": "modeling_mella_tiny_llava.MellaTinyLlavaModel",
    "AutoModelForImageTextToText": (
        "modeling_mella_tiny_llava.MellaTinyLlavaForConditionalGeneration"
    ),
}


def _build(out: Path, seed: int) -> None:
    """Write the code and a config that points at it, then save weights through that code."""
    from transformers import AutoConfig, AutoModelForImageTextToText

    config, processor, tokenizer = llava.make_parts(seed)
    (out / "configuration_mella_tiny_llava.py").write_text(_CONFIGURATION, encoding="utf-8")
    (out / "modeling_mella_tiny_llava.py").write_text(_MODELING, encoding="utf-8")
    data = config.to_dict()
    data.update(
        model_type=MODEL_TYPE,
        architectures=["MellaTinyLlavaForConditionalGeneration"],
        auto_map=_AUTO_MAP,
    )
    config_path = out / "config.json"
    config_path.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    custom = AutoConfig.from_pretrained(out, trust_remote_code=True)
    save_model(
        lambda cfg: AutoModelForImageTextToText.from_config(cfg, trust_remote_code=True),
        custom,
        tokenizer,
        seed,
        out,
    )
    processor.save_pretrained(out)


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the remote-code checkpoint in ``out_dir``."""
    return build_cached("remote_code", VERSION, out_dir, seed, lambda tmp: _build(tmp, seed))
