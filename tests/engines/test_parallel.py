"""Data parallelism: replicas in their own processes give the single engine's results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mella_eval.engines.parallel import DataParallelEngine, device_groups
from mella_eval.errors import EngineError
from tests.engines.conftest import broken_png, make_requests


def test_device_groups() -> None:
    assert device_groups(2, 2) == ["0,1", "2,3"]
    assert device_groups(2, 1, "4,5,6") == ["4", "5"]
    with pytest.raises(EngineError, match="needs 4 devices"):
        device_groups(2, 2, "0,1,2")


@pytest.mark.slow
def test_two_replicas_match_one_engine(tiny_model: Path, hf_engine: Any) -> None:
    options = {"device": "cpu", "dtype": "float32"}
    engine = DataParallelEngine("hf", str(tiny_model), options, replicas=2)
    try:
        requests = make_requests(7, max_new_tokens=6, prefix="dp")
        requests[5].images = [broken_png()]
        got = engine.generate(requests)
        assert engine.info()["data_parallel_size"] == 2
    finally:
        engine.close()
    assert [p.key for p in got] == [r.key for r in requests]
    assert got[5].error is not None and "image error" in got[5].error
    good = [r for i, r in enumerate(requests) if i != 5]
    want = hf_engine.generate(good)
    assert [p.token_ids for p in got if p.error is None] == [p.token_ids for p in want]


def test_replica_start_failure_is_reported() -> None:
    with pytest.raises(
        EngineError, match=r"replica 0: EngineError: unknown --engine-arg no_such_option"
    ):
        DataParallelEngine("openai", "m", {"no_such_option": 1}, replicas=1)
