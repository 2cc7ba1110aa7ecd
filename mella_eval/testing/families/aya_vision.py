"""Tiny Aya Vision (SigLIP vision tower, Cohere 2 text decoder, pixel-shuffle adapter)."""

from __future__ import annotations

from pathlib import Path

from mella_eval.testing.families._common import build_cached, save_model, train_tokenizer

VERSION = 1
_IMAGE, _PATCH, _DOWNSAMPLE = 56, 14, 2

#: Cohere's turn format, reduced to what captioning needs.
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}<|START_OF_TURN_TOKEN|>"
    "{{ {'user': '<|USER_TOKEN|>', 'system': '<|SYSTEM_TOKEN|>'}.get(message['role'], "
    "'<|CHATBOT_TOKEN|>') }}"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}<image>"
    "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}"
    "{% endfor %}{% endif %}<|END_OF_TURN_TOKEN|>{% endfor %}"
    "{% if add_generation_prompt %}<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>{% endif %}"
)

_SPECIAL = [
    "<PAD>",
    "<BOS_TOKEN>",
    "<|END_OF_TURN_TOKEN|>",
    "<|START_OF_TURN_TOKEN|>",
    "<|USER_TOKEN|>",
    "<|CHATBOT_TOKEN|>",
    "<|SYSTEM_TOKEN|>",
    "<image>",
    "<|START_OF_IMG|>",
    "<|END_OF_IMG|>",
    "<|IMG_PATCH|>",
    "<|IMG_LINE_BREAK|>",
    "TILE",
    "TILE_GLOBAL",
]


def _build(out: Path, seed: int) -> None:
    from transformers import (
        AyaVisionConfig,
        AyaVisionForConditionalGeneration,
        AyaVisionProcessor,
        GotOcr2ImageProcessorPil,
    )

    tokenizer = train_tokenizer(
        _SPECIAL, bos="<BOS_TOKEN>", eos="<|END_OF_TURN_TOKEN|>", pad="<PAD>"
    )
    text = {
        "model_type": "cohere2",
        "vocab_size": len(tokenizer),
        "hidden_size": 128,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "num_key_value_heads": 1,
        "sliding_window": 64,
        "layer_types": ["sliding_attention", "full_attention"],
        "max_position_embeddings": 2048,
        "pad_token_id": tokenizer.pad_token_id,
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
    }
    vision = {
        "model_type": "siglip_vision_model",
        "hidden_size": 64,
        "intermediate_size": 64,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "image_size": _IMAGE,
        "patch_size": _PATCH,
        "vision_use_head": False,  # as in real Aya Vision; a pooling head breaks vLLM
    }
    config = AyaVisionConfig(
        text_config=text,
        vision_config=vision,
        downsample_factor=_DOWNSAMPLE,
        image_token_index=tokenizer.convert_tokens_to_ids("<|IMG_PATCH|>"),
    )
    image_processor = GotOcr2ImageProcessorPil(
        size={"height": _IMAGE, "width": _IMAGE}, crop_to_patches=False, max_patches=2
    )
    processor = AyaVisionProcessor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        patch_size=_PATCH,
        img_size=_IMAGE,
        downsample_factor=_DOWNSAMPLE,
        chat_template=CHAT_TEMPLATE,
    )
    save_model(AyaVisionForConditionalGeneration, config, tokenizer, seed, out)
    processor.save_pretrained(out)


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the tiny Aya Vision checkpoint in ``out_dir``."""
    return build_cached("aya_vision", VERSION, out_dir, seed, lambda tmp: _build(tmp, seed))
