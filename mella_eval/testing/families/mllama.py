"""Tiny Mllama (Llama 3.2 Vision: tiled vision encoder, cross-attention text decoder)."""

from __future__ import annotations

from pathlib import Path

from mella_eval.testing.families._common import (
    build_cached,
    llama_text_config,
    save_model,
    train_tokenizer,
)

VERSION = 1
_IMAGE, _PATCH = 56, 14

#: Llama 3 header format; the image placeholder comes first in the user turn.
CHAT_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "<|start_header_id|>{{ message['role'] }}<|end_header_id|>\n\n"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}<|image|>"
    "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}"
    "{% endfor %}{% endif %}<|eot_id|>{% endfor %}"
    "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}"
)


def _build(out: Path, seed: int) -> None:
    from transformers import (
        MllamaConfig,
        MllamaForConditionalGeneration,
        MllamaImageProcessorPil,
        MllamaProcessor,
    )

    special = ["<|finetune_right_pad_id|>", "<|begin_of_text|>", "<|eot_id|>"]
    special += ["<|start_header_id|>", "<|end_header_id|>", "<|python_tag|>", "<|image|>"]
    tokenizer = train_tokenizer(
        special,
        bos="<|begin_of_text|>",
        eos="<|eot_id|>",
        pad="<|finetune_right_pad_id|>",
        named={"image_token": "<|image|>"},
    )
    text = llama_text_config(tokenizer, cross_attention_layers=[1])
    vision = {
        "hidden_size": 64,
        "intermediate_size": 64,
        "num_hidden_layers": 2,
        "num_global_layers": 1,
        "attention_heads": 2,
        "intermediate_layers_indices": [0],
        "vision_output_dim": 128,  # hidden_size x (1 + len(intermediate_layers_indices))
        "image_size": _IMAGE,
        "patch_size": _PATCH,
        "max_num_tiles": 1,
        "supported_aspect_ratios": [[1, 1]],
    }
    config = MllamaConfig(
        text_config=text,
        vision_config=vision,
        image_token_index=tokenizer.convert_tokens_to_ids("<|image|>"),
    )
    image_processor = MllamaImageProcessorPil(
        size={"height": _IMAGE, "width": _IMAGE}, max_image_tiles=1
    )
    processor = MllamaProcessor(
        image_processor=image_processor, tokenizer=tokenizer, chat_template=CHAT_TEMPLATE
    )
    save_model(MllamaForConditionalGeneration, config, tokenizer, seed, out)
    processor.save_pretrained(out)


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the tiny Mllama checkpoint in ``out_dir``."""
    return build_cached("mllama", VERSION, out_dir, seed, lambda tmp: _build(tmp, seed))
