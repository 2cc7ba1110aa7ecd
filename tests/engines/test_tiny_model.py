"""The tiny Idefics3 checkpoint: deterministic, cached, small, and covers all 8 scripts."""

from __future__ import annotations

import hashlib
from pathlib import Path

from transformers import AutoProcessor

from mella_eval.testing import build_tiny_idefics3
from tests.engines.conftest import PROMPTS


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_seed_same_weights_other_seed_differs(tmp_path: Path, tiny_model: Path) -> None:
    again = build_tiny_idefics3(tmp_path / "again", seed=0)
    other = build_tiny_idefics3(tmp_path / "other", seed=1)
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        assert _digest(again / name) == _digest(tiny_model / name)
    assert _digest(other / "model.safetensors") != _digest(tiny_model / "model.safetensors")


def test_complete_checkpoint_is_reused_not_rebuilt(tmp_path: Path) -> None:
    path = build_tiny_idefics3(tmp_path / "m", seed=3)
    before = (path / "model.safetensors").stat().st_mtime_ns
    assert build_tiny_idefics3(tmp_path / "m", seed=3) == path
    assert (path / "model.safetensors").stat().st_mtime_ns == before
    (path / "tokenizer.json").unlink()  # incomplete: must rebuild
    build_tiny_idefics3(tmp_path / "m", seed=3)
    assert (path / "tokenizer.json").is_file()


def test_small_on_disk(tiny_model: Path) -> None:
    total = sum(p.stat().st_size for p in tiny_model.iterdir())
    assert total < 2_000_000


def test_tokenizer_round_trips_every_script_with_merges(tiny_model: Path) -> None:
    tokenizer = AutoProcessor.from_pretrained(tiny_model).tokenizer
    for lang, text in PROMPTS.items():
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        assert tokenizer.decode(ids) == text, lang
        # Trained merges: fewer tokens than UTF-8 bytes in every script.
        assert len(ids) < len(text.encode("utf-8")), lang


def test_chat_template_puts_image_before_text(tiny_model: Path) -> None:
    processor = AutoProcessor.from_pretrained(tiny_model)
    messages = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": PROMPTS["th"]}]},
    ]
    text = processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    expected = (
        "<|im_start|>System: Be brief.<end_of_utterance>\n"
        f"User:<image>{PROMPTS['th']}<end_of_utterance>\nAssistant:"
    )
    assert text == expected
    assert type(processor.image_processor).__name__ == "Idefics3ImageProcessorPil"
    assert processor.image_processor.do_image_splitting is False
