"""Engine errors a user can fix are one line naming the fix; a broken engine stops the run."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from mella_eval.cli import main
from mella_eval.engines.registry import get_engine, missing_package
from mella_eval.errors import EngineDied, EngineError
from mella_eval.generation.loop import generate_missing
from mella_eval.store import PredictionStore
from tests.engines.conftest import make_pending


def test_unknown_hf_option_lists_the_valid_ones() -> None:
    with pytest.raises(EngineError) as info:
        get_engine("hf", "/nonexistent", {"batchsize": 4})
    message = str(info.value)
    assert "\n" not in message
    assert "unknown --engine-arg batchsize" in message and "did you mean batch_size?" in message
    # The keyword-only parameters of HFEngine.__init__, read independently here.
    import inspect

    from mella_eval.engines.hf import HFEngine

    for name, param in inspect.signature(HFEngine).parameters.items():
        if param.kind is inspect.Parameter.KEYWORD_ONLY:
            assert name in message


def test_bad_option_value_is_one_line() -> None:
    with pytest.raises(EngineError, match="bad engine option") as info:
        get_engine("hf", "/nonexistent", {"batch_size": "eight"})
    assert "\n" not in str(info.value)


@pytest.mark.skipif(importlib.util.find_spec("vllm") is None, reason="vllm is not installed")
def test_unknown_vllm_option_suggests_the_real_one() -> None:
    with pytest.raises(EngineError) as info:
        get_engine("vllm", "/nonexistent", {"gpu_memory_utilisation": 0.05})
    assert "did you mean gpu_memory_utilization?" in str(info.value)


@pytest.mark.skipif(
    importlib.util.find_spec("torchvision") is not None, reason="torchvision is installed here"
)
def test_import_error_names_the_package_to_install() -> None:
    """A real ImportError: torchvision cannot be installed on these CPU machines."""
    with pytest.raises(ImportError) as info:
        import torchvision  # noqa: F401
    assert missing_package(info.value).startswith("missing module 'torchvision': pip install")
    remote_code = ImportError(
        "This modeling file requires the following packages that were not found in your "
        "environment: einops. Run `pip install einops`"
    )
    assert missing_package(remote_code).endswith("Run `pip install einops`")


def test_cli_unknown_option_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tiny_model: Path
) -> None:
    args = ["run", "--model", str(tiny_model), "--tasks", "mella_know_hu", "--engine", "hf"]
    args += ["--engine-arg", "batchsize=2", "--output", str(tmp_path / "out"), "--limit", "1"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("mella-eval: error: unknown --engine-arg batchsize")


@pytest.mark.slow
def test_hf_model_failure_stops_the_run_and_keeps_finished_chunks(
    hf_engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model that breaks after the first chunk: no error records, the first chunk kept."""
    real = hf_engine.model.generate
    calls = {"n": 0}

    def breaks_after_first_call(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > 1:
            raise RuntimeError("CUDA error: an illegal memory access was encountered")
        return real(*args, **kwargs)

    monkeypatch.setattr(hf_engine.model, "generate", breaks_after_first_call)
    store = PredictionStore(tmp_path / "p.jsonl")
    with pytest.raises(EngineDied, match="illegal memory access") as info:
        generate_missing(hf_engine, make_pending(12, 6), store, chunk_size=4)
    assert info.value.exit_code == 3
    records = list(PredictionStore(tmp_path / "p.jsonl").records())
    assert [r["key"] for r in records] == ["k0", "k1", "k2", "k3"]
    assert all(r["error"] is None and r["text"] is not None for r in records)
