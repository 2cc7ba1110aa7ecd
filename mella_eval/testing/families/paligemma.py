"""Tiny PaliGemma 2 (SigLIP vision tower, Gemma 2 text decoder), shipped WITHOUT a template.

Real PaliGemma 2 checkpoints have no chat template: prompts are plain task prefixes
("caption en"). Running one needs ``--chat-template paligemma`` (bundled), which is
exactly what a user of a real checkpoint must do, so the tiny one ships none either.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mella_eval.testing.families._common import build_cached, save_model, train_tokenizer

VERSION = 1
_IMAGE, _PATCH = 56, 14
_IMAGE_TOKENS = (_IMAGE // _PATCH) ** 2


def _build(out: Path, seed: int) -> None:
    from transformers import (
        PaliGemmaConfig,
        PaliGemmaForConditionalGeneration,
        PaliGemmaProcessor,
        SiglipImageProcessorPil,
    )

    tokenizer = train_tokenizer(
        ["<pad>", "<eos>", "<bos>", "<image>"],
        bos="<bos>",
        eos="<eos>",
        pad="<pad>",
        named={"image_token": "<image>"},
    )
    image_processor: Any = SiglipImageProcessorPil(size={"height": _IMAGE, "width": _IMAGE})
    image_processor.image_seq_length = _IMAGE_TOKENS
    # The processor adds PaliGemma's 1,024 <loc> and 128 <seg> tokens to the vocabulary.
    processor = PaliGemmaProcessor(image_processor=image_processor, tokenizer=tokenizer)
    text = {
        "model_type": "gemma2",
        "vocab_size": len(processor.tokenizer),
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
        "projection_dim": 128,
        "vision_use_head": False,  # a SigLIP pooling head breaks vLLM's Transformers backend
    }
    config = PaliGemmaConfig(
        text_config=text,
        vision_config=vision,
        image_token_index=tokenizer.convert_tokens_to_ids("<image>"),
        projection_dim=128,
        hidden_size=128,
        vocab_size=len(processor.tokenizer),
    )
    save_model(PaliGemmaForConditionalGeneration, config, processor.tokenizer, seed, out)
    processor.save_pretrained(out)


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the tiny PaliGemma 2 checkpoint in ``out_dir`` (no chat template)."""
    return build_cached("paligemma", VERSION, out_dir, seed, lambda tmp: _build(tmp, seed))
