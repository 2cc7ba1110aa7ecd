"""Tiny Gemma 3 (SigLIP vision tower, Gemma 3 text decoder, 4 image tokens)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mella_eval.testing.families._common import build_cached, save_model, train_tokenizer

VERSION = 1
_IMAGE, _PATCH, _TOKENS_PER_IMAGE = 56, 14, 4

CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "<start_of_turn>{{ 'model' if message['role'] == 'assistant' else message['role'] }}\n"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}<start_of_image>"
    "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}"
    "{% endfor %}{% endif %}<end_of_turn>\n{% endfor %}"
    "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)


def _build(out: Path, seed: int) -> None:
    from transformers import (
        Gemma3Config,
        Gemma3ForConditionalGeneration,
        Gemma3ImageProcessorPil,
        Gemma3Processor,
    )

    tokenizer = train_tokenizer(
        [
            *("<pad>", "<eos>", "<bos>", "<start_of_turn>", "<end_of_turn>"),
            *("<start_of_image>", "<end_of_image>", "<image_soft_token>"),
        ],
        bos="<bos>",
        eos="<end_of_turn>",
        pad="<pad>",
        named={
            "boi_token": "<start_of_image>",
            "eoi_token": "<end_of_image>",
            "image_token": "<image_soft_token>",
        },
    )
    ids = tokenizer.convert_tokens_to_ids
    text: dict[str, Any] = {
        "vocab_size": len(tokenizer),
        "hidden_size": 128,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "num_key_value_heads": 1,
        "head_dim": 64,
        "sliding_window": 64,
        "max_position_embeddings": 2048,
        "pad_token_id": tokenizer.pad_token_id,
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
    }
    vision = {
        "hidden_size": 64,
        "intermediate_size": 64,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "image_size": _IMAGE,
        "patch_size": _PATCH,
        "vision_use_head": False,  # as in real Gemma 3; a pooling head breaks vLLM
    }
    config = Gemma3Config(
        text_config=text,
        vision_config=vision,
        mm_tokens_per_image=_TOKENS_PER_IMAGE,
        boi_token_index=ids("<start_of_image>"),
        eoi_token_index=ids("<end_of_image>"),
        image_token_index=ids("<image_soft_token>"),
    )
    image_processor = Gemma3ImageProcessorPil(
        size={"height": _IMAGE, "width": _IMAGE}, do_pan_and_scan=False
    )
    processor = Gemma3Processor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        chat_template=CHAT_TEMPLATE,
        image_seq_length=_TOKENS_PER_IMAGE,
    )
    save_model(Gemma3ForConditionalGeneration, config, tokenizer, seed, out)
    processor.save_pretrained(out)


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the tiny Gemma 3 checkpoint in ``out_dir``."""
    return build_cached("gemma3", VERSION, out_dir, seed, lambda tmp: _build(tmp, seed))
