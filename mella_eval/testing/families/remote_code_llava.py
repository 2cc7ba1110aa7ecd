"""Tiny remote-code checkpoint vLLM does NOT know: a LLaVA shipped as custom code.

The other remote-code family (``remote_code``, built by ``remote_code_idefics3``) names
an architecture vLLM implements natively, as InternVL2 or Phi-3-vision do. This one
names its own class (``MellaTinyLlavaForConditionalGeneration``), as a new research
model would, so vLLM builds it through its Transformers backend from the ``auto_map``
(``AutoModel``).
Same seed, same weights as the tiny LLaVA, so both engines must give its tokens.

The weights are saved under the names the remote code's modules have
(``save_original_format=False``). With the default, transformers 5 runs the LLaVA
class's legacy-key conversion backwards on save, and for a subclass under an unknown
``model_type`` writes ``model.language_model.model.*``: a layout no released checkpoint
has (legacy LLaVA: ``language_model.model.*``; transformers 5: ``model.language_model.*``).
HF reads it back, but vLLM 0.32 looks conversions up by architecture name, finds none for
the custom class, and stops ("no module or parameter named 'model.language_model.model'").
A real remote-code checkpoint's keys are its own modules' names, as here.
"""

from __future__ import annotations

from pathlib import Path

from mella_eval.testing.families import llava
from mella_eval.testing.families._common import (
    build_cached,
    from_remote_code,
    save_model,
    write_remote_code,
)

VERSION = 3
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
    config, processor, tokenizer = llava.make_parts(seed)
    custom = write_remote_code(
        out,
        {
            "configuration_mella_tiny_llava.py": _CONFIGURATION,
            "modeling_mella_tiny_llava.py": _MODELING,
        },
        config,
        model_type=MODEL_TYPE,
        architecture="MellaTinyLlavaForConditionalGeneration",
        auto_map=_AUTO_MAP,
    )
    save_model(from_remote_code, custom, tokenizer, seed, out, save_original_format=False)
    processor.save_pretrained(out)


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the LLaVA-based remote-code checkpoint in ``out_dir``."""
    return build_cached("remote_code_llava", VERSION, out_dir, seed, lambda tmp: _build(tmp, seed))
