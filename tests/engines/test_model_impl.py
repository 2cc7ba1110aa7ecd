"""Automatic vLLM model_impl: the Transformers backend where native code cannot import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mella_eval.engines.model_impl import choose_model_impl, torchvision_usable
from tests.engines.conftest import HAS_VLLM

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not HAS_VLLM, reason="vllm is not installed")]


def _checkpoint(tmp_path: Path, architecture: str) -> str:
    folder = tmp_path / architecture
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"architectures": [architecture]}))
    return str(folder)


def test_user_choice_is_kept(tmp_path: Path) -> None:
    model = _checkpoint(tmp_path, "Gemma3ForConditionalGeneration")
    assert choose_model_impl(model, {"model_impl": "vllm"}) == ("vllm", "set by the user")


@pytest.mark.skipif(torchvision_usable(), reason="torchvision works: native vLLM loads")
def test_torchvision_families_switch_to_transformers(tmp_path: Path) -> None:
    """vLLM 0.32's gemma3_mm.py imports torchvision, idefics3.py does not."""
    impl, reason = choose_model_impl(_checkpoint(tmp_path, "Gemma3ForConditionalGeneration"), {})
    assert impl == "transformers" and reason is not None and "torchvision" in reason
    assert choose_model_impl(_checkpoint(tmp_path, "Idefics3ForConditionalGeneration"), {}) == (
        None,
        None,
    )
    # Unknown to vLLM (remote code): vLLM itself picks its Transformers backend.
    assert choose_model_impl(_checkpoint(tmp_path, "MellaTinyLlavaForX"), {}) == (None, None)
