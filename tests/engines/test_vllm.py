"""vLLM engine on the tiny checkpoint, checked token for token against the HF engine."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mella_eval.engines.base import SamplingSettings
from mella_eval.errors import EngineError
from mella_eval.generation.shared_stream import SharedStream
from tests.engines.conftest import HAS_VLLM, PROMPTS, broken_png, make_requests

pytestmark = [
    pytest.mark.slow,
    pytest.mark.vllm,
    pytest.mark.skipif(not HAS_VLLM, reason="vllm is not installed"),
]


def test_greedy_vllm_equals_hf_token_for_token(vllm_engine: Any, hf_engine: Any) -> None:
    """16 drawn images x all 8 languages (with and without a system turn)."""
    requests = make_requests(16, max_new_tokens=24)
    assert {r.prompt for r in requests} == set(PROMPTS.values())
    ours = vllm_engine.generate(requests)
    reference = hf_engine.generate(requests)
    assert [p.key for p in ours] == [r.key for r in requests]
    for got, want in zip(ours, reference, strict=True):
        assert got.error is None, got.error
        assert got.token_ids == want.token_ids, got.key
        assert got.prompt_tokens == want.prompt_tokens
        assert got.completion_tokens == want.completion_tokens
        assert got.finish_reason == want.finish_reason
        assert got.text == want.text  # one decoder for both engines (engines.decode)


def test_bad_image_is_an_error_and_the_rest_of_the_chunk_goes_on(
    vllm_engine: Any, hf_engine: Any
) -> None:
    requests = make_requests(6, max_new_tokens=6, prefix="bad")
    requests[4].images = [broken_png()]
    predictions = vllm_engine.generate(requests)
    assert [p.error is None for p in predictions] == [True, True, True, True, False, True]
    assert predictions[4].finish_reason == "error" and predictions[4].text == ""
    good = [r for i, r in enumerate(requests) if i != 4]
    reference = hf_engine.generate(good)
    assert [p.token_ids for p in predictions if p.error is None] == [p.token_ids for p in reference]


def test_per_request_sampling_params(vllm_engine: Any) -> None:
    base = make_requests(3, max_new_tokens=12, prefix="s")
    sampled = SamplingSettings(max_new_tokens=12, temperature=1.0, top_p=1.0, seed=11)
    mixed = [
        base[0],
        replace(base[1], key="s1a", sampling=sampled),
        replace(base[1], key="s1b", sampling=sampled),
        replace(base[1], key="s1c", sampling=replace(sampled, seed=12)),
        replace(base[2], sampling=SamplingSettings(max_new_tokens=3)),
    ]
    out = vllm_engine.generate(mixed)
    assert out[1].token_ids == out[2].token_ids  # same seed, same sample
    assert out[1].token_ids != out[3].token_ids  # another seed
    assert out[4].completion_tokens <= 3 and out[0].completion_tokens > 3
    assert vllm_engine.generate([base[0]])[0].token_ids == out[0].token_ids


def test_info_is_json_and_records_cpu_defaults(vllm_engine: Any) -> None:
    info = vllm_engine.info()
    assert info["engine"] == "vllm"
    assert info["options"]["dtype"] == "float32" and info["options"]["enforce_eager"] is True
    assert info["versions"]["vllm"]
    assert info["vllm_architecture"] == "Idefics3ForConditionalGeneration"  # native, resolved


def test_start_up_out_of_memory_names_the_setting(
    monkeypatch: pytest.MonkeyPatch, tiny_model: Path
) -> None:
    from mella_eval.engines import vllm as vllm_module

    def no_memory(**kwargs: Any) -> Any:
        raise ValueError("No available memory for the cache blocks. Try increasing ...")

    monkeypatch.setattr(vllm_module, "LLM", no_memory)
    with pytest.raises(EngineError, match="gpu_memory_utilization") as info:
        vllm_module.VLLMEngine(str(tiny_model))  # the processor loads; the engine cannot
    assert "max_model_len" in str(info.value)


def test_shared_stream_serves_concurrent_calls_with_hfs_tokens(
    vllm_engine: Any, hf_engine: Any
) -> None:
    """Three threads share one vLLM stream (a Ray replica's calls): each gets its own
    predictions, in its order, with the tokens HF gives; a bad image fails alone."""
    requests = make_requests(15, max_new_tokens=10, prefix="shared")
    requests[7].images = [broken_png()]
    calls = [requests[i::3] for i in range(3)]
    shared = SharedStream(vllm_engine, max_in_flight=4)
    results: dict[int, list[Any]] = {}
    try:
        with ThreadPoolExecutor(3) as pool:
            futures = {i: pool.submit(shared.generate, call) for i, call in enumerate(calls)}
            results = {i: f.result(timeout=600) for i, f in futures.items()}
    finally:
        shared.close()
    reference = {p.key: p for p in hf_engine.generate([r for r in requests if r.key != "shared7"])}
    for i, call in enumerate(calls):
        assert [p.key for p in results[i]] == [r.key for r in call]
        for got in results[i]:
            if got.key == "shared7":
                assert got.error is not None and got.finish_reason == "error"
            else:
                assert got.error is None and got.token_ids == reference[got.key].token_ids
    # the stream thread has ended: the engine serves plain calls again
    assert vllm_engine.generate(requests[:1])[0].token_ids == reference["shared0"].token_ids
