"""Tiny remote-code checkpoint that vLLM runs natively: an Idefics3 shipped as custom code.

Real remote-code VLMs (InternVL2 ``InternVLChatModel``, Phi-3-vision
``Phi3VForCausalLM``, MiniCPM-V) ship ``configuration_*.py`` / ``modeling_*.py`` with
``auto_map`` under a ``model_type`` transformers does not know, while their
``architectures`` entry names a class vLLM implements natively. vLLM then loads the
config through the remote code and the weights through its own model. This checkpoint
has that layout: ``model_type: mella_tiny_idefics3``, remote classes subclassing
transformers' Idefics3, and ``architectures: [Idefics3ForConditionalGeneration]`` (the
remote class carries that name, as InternVL2's carries vLLM's). Same seed, same weights
as the plain tiny Idefics3, so both engines must give its tokens.
"""

from __future__ import annotations

from pathlib import Path

from mella_eval.testing.families._common import build_cached, from_remote_code, write_remote_code
from mella_eval.testing.tiny_model import make_parts, save_seeded_model

VERSION = 1
MODEL_TYPE = "mella_tiny_idefics3"

_CONFIGURATION = '''"""Custom configuration shipped inside the checkpoint (remote code)."""
from transformers import Idefics3Config


class MellaTinyIdefics3Config(Idefics3Config):
    model_type = "mella_tiny_idefics3"
'''

_MODELING = '''"""Custom model shipped inside the checkpoint (remote code).

The class keeps the name vLLM registers natively, as InternVL2's ``InternVLChatModel`` does.
"""
from transformers import Idefics3ForConditionalGeneration as _Idefics3

from .configuration_mella_tiny_idefics3 import MellaTinyIdefics3Config


class Idefics3ForConditionalGeneration(_Idefics3):
    config_class = MellaTinyIdefics3Config
'''

_AUTO_MAP = {
    "AutoConfig": "configuration_mella_tiny_idefics3.MellaTinyIdefics3Config",
    "AutoModelForImageTextToText": (
        "modeling_mella_tiny_idefics3.Idefics3ForConditionalGeneration"
    ),
}


def _build(out: Path, seed: int) -> None:
    """Write the code and a config that points at it, then save weights through that code."""
    config, processor = make_parts()
    custom = write_remote_code(
        out,
        {
            "configuration_mella_tiny_idefics3.py": _CONFIGURATION,
            "modeling_mella_tiny_idefics3.py": _MODELING,
        },
        config,
        model_type=MODEL_TYPE,
        architecture="Idefics3ForConditionalGeneration",
        auto_map=_AUTO_MAP,
    )
    # the same draws, in the same order, as build_tiny_idefics3
    save_seeded_model(custom, seed, out, make=from_remote_code)
    processor.save_pretrained(out)


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the Idefics3-based remote-code checkpoint in ``out_dir``."""
    return build_cached(
        "remote_code_idefics3", VERSION, out_dir, seed, lambda tmp: _build(tmp, seed)
    )
