"""vLLM against HF on a checkpoint that emits invalid UTF-8, and a vLLM engine killed mid-run.

The checkpoint (``testing.byte_model``) can only emit lone lead/continuation bytes, so
its outputs are full of broken UTF-8 runs: the case where vLLM's incremental
detokenizer used to disagree with HF's decode. Both engines now decode token ids with
one function, so the same tokens must give the same text.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from mella_eval.engines.registry import get_engine
from mella_eval.errors import EngineDied
from mella_eval.generation.loop import generate_missing
from mella_eval.store import PredictionStore
from mella_eval.testing.byte_model import build_byte_emitter
from tests.engines.conftest import HAS_VLLM, VLLM_TEST_OPTIONS, make_pending, make_requests

pytestmark = [
    pytest.mark.slow,
    pytest.mark.vllm,
    pytest.mark.skipif(not HAS_VLLM, reason="vllm is not installed"),
]


@pytest.fixture(scope="module")
def byte_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_byte_emitter(tmp_path_factory.getbasetemp() / "byte-emitter", seed=0)


#: Engine-core pids of this module's vLLM engine: the kill test must not touch the cores
#: of the session's other engines (its offline engine, the ``vllm serve`` of later tests),
#: which run under this same process when xdist puts the tests on one worker.
_BYTE_ENGINE_CORES: set[int] = set()


def _engine_cores() -> set[int]:
    """vLLM engine-core processes anywhere below this one."""
    cores = set()
    for child in psutil.Process(os.getpid()).children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "EngineCore" in " ".join(child.cmdline()) or "EngineCore" in child.name():
                cores.add(child.pid)
    return cores


@pytest.fixture(scope="module")
def byte_engines(byte_model: Path) -> Iterator[tuple[Any, Any]]:
    hf = get_engine("hf", str(byte_model), {"device": "cpu", "dtype": "float32"})
    before = _engine_cores()
    vllm = get_engine("vllm", str(byte_model), dict(VLLM_TEST_OPTIONS))
    _BYTE_ENGINE_CORES.update(_engine_cores() - before)
    yield vllm, hf
    vllm.close()
    hf.close()


def test_same_tokens_give_the_same_text_on_invalid_utf8(byte_engines: tuple[Any, Any]) -> None:
    from vllm import SamplingParams

    vllm, hf = byte_engines
    requests = make_requests(16, max_new_tokens=24)
    ours, reference = vllm.generate(requests), hf.generate(requests)
    for got, want in zip(ours, reference, strict=True):
        assert got.error is None and got.token_ids == want.token_ids, got.key
        assert got.text == want.text, got.key
    # The tokenizer's reference decode, read independently of both engines.
    assert all(p.text == hf.tokenizer.decode(p.token_ids, skip_special_tokens=True) for p in ours)
    assert sum("\ufffd" in p.text for p in ours) >= 8, "the checkpoint must emit broken UTF-8"
    # The old path, vLLM's own incremental detokenizer, on the same requests.
    old = vllm.llm.generate(
        [vllm._prompt(r) for r in requests],
        SamplingParams(max_tokens=24, temperature=0.0),
        use_tqdm=False,
    )
    differing = [r.key for r, o, p in zip(requests, old, reference, strict=True)
                 if o.outputs[0].text != p.text]  # fmt: skip
    print(f"old path: vLLM's own text differs from HF's in {len(differing)} of 16")
    assert differing, "expected vLLM's incremental detokenizer to differ on broken UTF-8"


def test_killed_engine_core_stops_the_run_and_keeps_finished(
    byte_engines: tuple[Any, Any], tmp_path: Path
) -> None:
    """Kill vLLM's engine-core process after the first store append (runs last here)."""
    vllm, _ = byte_engines
    store = PredictionStore(tmp_path / "p.jsonl")
    killed: list[int] = []

    def kill_engine_core(_: int) -> None:
        if killed:
            return
        for pid in _BYTE_ENGINE_CORES & _engine_cores():  # this engine's only
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    with pytest.raises(EngineDied) as info:
        generate_missing(
            vllm, make_pending(400, 48), store, chunk_size=4, on_progress=kill_engine_core
        )
    assert killed, "no engine-core process found"
    assert info.value.exit_code == 3 and "rerun" in str(info.value)
    records = list(PredictionStore(tmp_path / "p.jsonl").records())
    assert 1 <= len(records) < 400
    assert all(r["error"] is None for r in records)
