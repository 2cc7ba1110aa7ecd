"""HF engine: runs, batches with left padding correctly, isolates a bad image."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from PIL import Image
from transformers import AutoModelForImageTextToText, AutoProcessor

from mella_eval.engines.base import GenerationRequest, SamplingSettings
from tests.engines.conftest import PROMPTS, broken_png, draw, make_requests

pytestmark = pytest.mark.slow


def test_hf_matches_plain_transformers_generate(hf_engine: Any, tiny_model: Any) -> None:
    """The reference: hand-written transformers calls, one sample at a time, no padding."""
    processor = AutoProcessor.from_pretrained(tiny_model)
    model = AutoModelForImageTextToText.from_pretrained(tiny_model, dtype=torch.float32)
    image, prompt = draw(5), PROMPTS["ko"]
    messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": prompt}]}]
    text = processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    inputs = processor(text=[text], images=[[image]], return_tensors="pt")
    out = model.generate(**inputs, max_new_tokens=10, do_sample=False)
    expected = out[0, inputs["input_ids"].shape[1] :].tolist()
    request = GenerationRequest("x", prompt, None, [image], SamplingSettings(max_new_tokens=10))
    (prediction,) = hf_engine.generate([request])
    eos = set(processor.tokenizer.convert_tokens_to_ids(["<end_of_utterance>"]))
    if any(t in eos for t in expected):
        expected = expected[: next(i for i, t in enumerate(expected) if t in eos) + 1]
    assert prediction.token_ids == expected
    assert prediction.prompt_tokens == inputs["input_ids"].shape[1]
    assert prediction.completion_tokens == len(expected)
    assert prediction.error is None


def test_batched_left_padding_equals_one_by_one(hf_engine: Any) -> None:
    requests = make_requests(8, max_new_tokens=8)
    batched = hf_engine.generate(requests)
    hf_engine.batch_size, saved = 1, hf_engine.batch_size
    try:
        single = hf_engine.generate(requests)
    finally:
        hf_engine.batch_size = saved
    assert [p.token_ids for p in batched] == [p.token_ids for p in single]
    assert [p.key for p in batched] == [r.key for r in requests]
    assert len({p.prompt_tokens for p in batched}) > 1  # really different lengths, padded


def test_bad_image_fails_only_its_request(hf_engine: Any) -> None:
    requests = make_requests(4, max_new_tokens=4, prefix="b")
    requests[2].images = [broken_png()]
    predictions = hf_engine.generate(requests)
    assert [p.error is None for p in predictions] == [True, True, False, True]
    assert "truncated" in (predictions[2].error or "")
    reference = hf_engine.generate([requests[0], requests[1], requests[3]])
    assert [p.token_ids for p in reference] == [predictions[i].token_ids for i in (0, 1, 3)]


def test_info_names_engine_and_versions(hf_engine: Any) -> None:
    info = hf_engine.info()
    assert info["engine"] == "hf" and info["dtype"] == "float32" and info["device"] == "cpu"
    assert "transformers" in info["versions"]


def test_text_only_request_runs(hf_engine: Any) -> None:
    request = GenerationRequest("t", "Hello", None, [], SamplingSettings(max_new_tokens=3))
    (prediction,) = hf_engine.generate([request])
    assert prediction.error is None and 1 <= len(prediction.token_ids or []) <= 3
    assert isinstance(Image.new("RGB", (1, 1)), Image.Image)
