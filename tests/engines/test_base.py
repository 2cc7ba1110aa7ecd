"""Engine contract: option parsing, registry errors, chat message layout."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from mella_eval.engines import registry
from mella_eval.engines.base import GenerationRequest, Prediction, SamplingSettings
from mella_eval.engines.options import load_engine_options, parse_engine_arg, parse_engine_args
from mella_eval.engines.prompt import build_messages
from mella_eval.engines.registry import get_engine
from mella_eval.errors import EngineError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tensor_parallel_size=2", ("tensor_parallel_size", 2)),
        ("gpu_memory_utilization=0.85", ("gpu_memory_utilization", 0.85)),
        ("enforce_eager=true", ("enforce_eager", True)),
        ("enforce-eager=False", ("enforce_eager", False)),
        ("revision=null", ("revision", None)),
        ('limit_mm_per_prompt={"image": 2}', ("limit_mm_per_prompt", {"image": 2})),
        ("dtype=bfloat16", ("dtype", "bfloat16")),
        ("base_url=http://h:8000/v1?a=b", ("base_url", "http://h:8000/v1?a=b")),
        ("stop=[1, 2]", ("stop", [1, 2])),
    ],
)
def test_parse_engine_arg_types_values(text: str, expected: tuple[str, Any]) -> None:
    assert parse_engine_arg(text) == expected


@pytest.mark.parametrize("bad", ["novalue", "=3", ""])
def test_parse_engine_arg_rejects_malformed(bad: str) -> None:
    with pytest.raises(EngineError, match="key=value"):
        parse_engine_arg(bad)


def test_yaml_options_overridden_by_command_line(tmp_path: Path) -> None:
    path = tmp_path / "engine.yaml"
    path.write_text("dtype: float16\nmax-model-len: 4096\nmm_processor_kwargs: {max_pixels: 100}\n")
    options = load_engine_options(path, ["dtype=float32", "seed=7"])
    assert options == {
        "dtype": "float32",
        "max_model_len": 4096,
        "mm_processor_kwargs": {"max_pixels": 100},
        "seed": 7,
    }
    assert parse_engine_args(["a=1", "a=2"]) == {"a": 2}


def test_yaml_options_must_be_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "engine.yaml"
    path.write_text("- 1\n- 2\n")
    with pytest.raises(EngineError, match="mapping"):
        load_engine_options(path)


def test_unknown_engine_names_the_choices() -> None:
    with pytest.raises(EngineError, match="vllm, hf, openai"):
        get_engine("tgi", "m", {})


def test_missing_backend_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def fake(name: str, *args: Any) -> Any:
        if name == "mella_eval.engines.vllm":
            raise ModuleNotFoundError("No module named 'vllm'", name="vllm")
        return real(name, *args)

    monkeypatch.setattr(registry.importlib, "import_module", fake)
    with pytest.raises(EngineError, match=r"pip install 'mella-eval\[cpu\]'") as info:
        get_engine("vllm", "m", {})
    assert "'vllm'" in str(info.value)


def test_messages_system_then_images_before_text() -> None:
    image = Image.new("RGB", (4, 4))
    request = GenerationRequest("k", "Írd le ezt a képet.", "Be brief.", [image, image])
    assert build_messages(request) == [
        {"role": "system", "content": "Be brief."},
        {
            "role": "user",
            "content": [
                {"type": "image"},
                {"type": "image"},
                {"type": "text", "text": "Írd le ezt a képet."},
            ],
        },
    ]
    no_system = GenerationRequest("k", "x", None, [])
    assert build_messages(no_system) == [
        {"role": "user", "content": [{"type": "text", "text": "x"}]}
    ]


def test_sampling_settings_dict_and_failed_prediction() -> None:
    settings = SamplingSettings(max_new_tokens=5, temperature=0.7, top_p=0.9, seed=1, stop=("\n",))
    assert settings.to_dict() == {
        "max_new_tokens": 5,
        "temperature": 0.7,
        "top_p": 0.9,
        "seed": 1,
        "stop": ["\n"],
    }
    assert not settings.greedy and SamplingSettings().greedy
    failed = Prediction.failed("k", "image error: broken")
    assert failed.to_dict() == {
        "key": "k",
        "text": "",
        "finish_reason": "error",
        "prompt_tokens": None,
        "completion_tokens": None,
        "latency_s": 0.0,
        "error": "image error: broken",
    }
