"""Tiny LLaVA-1.5 (CLIP vision tower, Llama text decoder, 16 image tokens)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mella_eval.testing.families._common import (
    build_cached,
    llama_text_config,
    save_model,
    train_tokenizer,
)

VERSION = 1
_IMAGE, _PATCH = 56, 14

#: The LLaVA-1.5 conversation format ("USER: <image>\n... ASSISTANT:").
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{% if message['role'] == 'system' %}{{ message['content'] }}\n"
    "{% else %}{{ message['role'] | upper }}: "
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}<image>\n"
    "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}"
    "{% endfor %}{% endif %}{{ eos_token if message['role'] == 'assistant' else ' ' }}"
    "{% endif %}{% endfor %}{% if add_generation_prompt %}ASSISTANT:{% endif %}"
)


def make_parts(seed: int) -> tuple[Any, Any, Any]:
    """(config, processor, tokenizer) of the tiny LLaVA; ``remote_code_llava`` reuses them."""
    from transformers import CLIPImageProcessorPil, LlavaConfig, LlavaProcessor

    tokenizer = train_tokenizer(
        ["<unk>", "<s>", "</s>", "<image>"],
        bos="<s>",
        eos="</s>",
        pad="<unk>",
        named={"image_token": "<image>"},
    )
    vision = {
        "hidden_size": 64,
        "intermediate_size": 64,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "image_size": _IMAGE,
        "patch_size": _PATCH,
        "projection_dim": 64,
    }
    config = LlavaConfig(
        text_config={"model_type": "llama", **llama_text_config(tokenizer)},
        vision_config={"model_type": "clip_vision_model", **vision},
        image_token_index=tokenizer.convert_tokens_to_ids("<image>"),
        image_seq_length=(_IMAGE // _PATCH) ** 2,
        vision_feature_layer=-1,
    )
    image_processor = CLIPImageProcessorPil(
        size={"shortest_edge": _IMAGE}, crop_size={"height": _IMAGE, "width": _IMAGE}
    )
    processor = LlavaProcessor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        patch_size=_PATCH,
        vision_feature_select_strategy="default",
        num_additional_image_tokens=1,  # CLIP's CLS token, dropped by "default"
        chat_template=CHAT_TEMPLATE,
    )
    return config, processor, tokenizer


def _build(out: Path, seed: int) -> None:
    from transformers import LlavaForConditionalGeneration

    config, processor, tokenizer = make_parts(seed)
    save_model(LlavaForConditionalGeneration, config, tokenizer, seed, out)
    processor.save_pretrained(out)


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the tiny LLaVA-1.5 checkpoint in ``out_dir``."""
    return build_cached("llava", VERSION, out_dir, seed, lambda tmp: _build(tmp, seed))
