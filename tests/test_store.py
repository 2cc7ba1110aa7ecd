"""PredictionStore: keys, resume, kill tolerance, shards and merge."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from mella_eval.engines.base import SamplingSettings
from mella_eval.errors import ResultsError
from mella_eval.store import (
    PredictionStore,
    StoreWarning,
    generation_inputs,
    generation_key,
    legacy_prediction_key,
    merge,
    parse_shard,
    shard_of,
)

INPUTS = dict(
    model="sha256:abc",
    engine={"name": "vllm", "options": {"dtype": "bfloat16"}},
    images=["f" * 64],
    prompt="Írd le ezt a képet.",
    system=None,
    sampling=SamplingSettings(max_new_tokens=8),
)
BASE = dict(
    model_fingerprint="sha256:abc",
    task_hash="t1",
    sample_id="s1",
    image_sha256="f" * 64,
    prompt="Írd le ezt a képet.",
    system=None,
    sampling=SamplingSettings(max_new_tokens=8),
)


def record(i: int, text: str | None = None, error: str | None = None) -> dict[str, Any]:
    key = hashlib.sha256(f"k{i}".encode()).hexdigest()
    return {
        "key": key,
        "task": "t",
        "sample_id": f"s{i}",
        "text": text if text is not None else f"szöveg {i} ภาพ",
        "finish_reason": "stop",
        "prompt_tokens": 3,
        "completion_tokens": 4,
        "latency_s": 0.1,
        "error": error,
    }


def test_key_is_hash_of_canonical_json_of_the_generation_inputs() -> None:
    payload = {
        "v": 2,
        "model": "sha256:abc",
        "engine": {"name": "vllm", "options": {"dtype": "bfloat16"}},
        "images": ["f" * 64],
        "prompt": "Írd le ezt a képet.",
        "system": None,
        "sampling": {"max_new_tokens": 8, "temperature": 0.0, "top_p": 1.0, "seed": 0, "stop": []},
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert generation_key(generation_inputs(**INPUTS)) == hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("model", "sha256:abd"),
        ("engine", {"name": "hf", "options": {"dtype": "bfloat16"}}),
        ("engine", {"name": "vllm", "options": {"dtype": "float16"}}),
        ("images", ["e" * 64]),
        ("images", ["f" * 64, "e" * 64]),
        ("prompt", "Írd le a képet."),
        ("system", "Be brief."),
        ("sampling", SamplingSettings(max_new_tokens=9)),
        ("sampling", SamplingSettings(max_new_tokens=8, temperature=0.5)),
    ],
)
def test_every_generation_input_changes_the_key(field: str, value: Any) -> None:
    changed = generation_inputs(**{**INPUTS, field: value})
    assert generation_key(changed) != generation_key(generation_inputs(**INPUTS))


def test_legacy_key_is_the_version_1_hash() -> None:
    """Version-1 keys (stores up to commit c4f470b) also held the task hash and sample id."""
    payload = {
        "v": 1,
        "model": "sha256:abc",
        "task": "t1",
        "sample": "s1",
        "images": ["f" * 64],
        "prompt": "Írd le ezt a képet.",
        "system": None,
        "sampling": {"max_new_tokens": 8, "temperature": 0.0, "top_p": 1.0, "seed": 0, "stop": []},
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert legacy_prediction_key(**BASE) == hashlib.sha256(text.encode()).hexdigest()


def test_append_get_and_reopen(tmp_path: Path) -> None:
    store = PredictionStore(tmp_path / "p.jsonl")
    assert store.append([record(1), record(2, error="image error: x")]) == 2
    again = PredictionStore(tmp_path / "p.jsonl")
    assert len(again) == 2
    assert again.get(record(1)["key"]) == record(1)
    assert again.has(record(2)["key"]) and not again.has(record(2)["key"], ok_only=True)
    assert again.get("0" * 64) is None
    lines = (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [record(1), record(2, error="image error: x")]


def test_later_record_for_same_key_wins(tmp_path: Path) -> None:
    store = PredictionStore(tmp_path / "p.jsonl")
    store.append([record(1, text="", error="timeout")])
    store.append([record(1, text="megvan")])
    assert PredictionStore(tmp_path / "p.jsonl").get(record(1)["key"])["text"] == "megvan"
    assert PredictionStore(tmp_path / "p.jsonl").has(record(1)["key"], ok_only=True)


def test_truncated_last_line_is_ignored_then_repaired(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    PredictionStore(path).append([record(1), record(2)])
    good = path.read_bytes()
    half = (json.dumps(record(3)) + "\n").encode()[:37]
    path.write_bytes(good + half)  # what kill -9 during a write leaves
    with pytest.warns(StoreWarning, match="truncated"):
        store = PredictionStore(path)
    assert len(store) == 2 and not store.has(record(3)["key"])
    store.append([record(4)])
    assert (
        path.read_bytes()
        == good + (json.dumps(record(4), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
    )
    assert len(PredictionStore(path)) == 3


def test_corrupt_line_in_the_middle_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    PredictionStore(path).append([record(1)])
    with path.open("ab") as fh:
        fh.write(b"{not json\n")
    with pytest.warns(StoreWarning):  # as the last line it may be a kill artefact
        PredictionStore(path)
    with path.open("ab") as fh:
        fh.write((json.dumps(record(2)) + "\n").encode())
    with pytest.raises(ResultsError, match=r"p.jsonl:2"):
        PredictionStore(path)


def test_record_without_required_fields_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lacks"):
        PredictionStore(tmp_path / "p.jsonl").append([{"key": "k", "text": "x"}])


def test_shards_partition_keys_exactly_and_uniformly() -> None:
    keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(4000)]
    n = 4
    parts = [{k for k in keys if shard_of(k, n) == i} for i in range(n)]
    assert sum(len(p) for p in parts) == len(keys) and set().union(*parts) == set(keys)
    assert all(900 < len(p) < 1100 for p in parts)
    assert shard_of(keys[0], 1) == 0
    assert shard_of("00000000000000ff" + "0" * 48, 256) == 255  # first 16 hex digits, mod n


def test_parse_shard() -> None:
    assert parse_shard("2/4") == (2, 4)
    for bad in ("4/4", "-1/2", "a/b", "3"):
        with pytest.raises(ResultsError):
            parse_shard(bad)


def test_merge_of_shards_equals_unsharded(tmp_path: Path) -> None:
    records = [record(i) for i in range(50)]
    whole = PredictionStore(tmp_path / "whole.jsonl")
    whole.append(records)
    shards = [PredictionStore(tmp_path / f"shard{i}.jsonl") for i in range(3)]
    for r in records:
        shards[shard_of(r["key"], 3)].append([r])
    assert all(len(s) > 0 for s in shards)
    merged = merge(shards, tmp_path / "merged.jsonl")
    assert {r["key"]: r for r in merged.records()} == {r["key"]: r for r in whole.records()}
    assert [r["key"] for r in merged.records()] == sorted(r["key"] for r in records)


def test_merge_conflict_and_error_precedence(tmp_path: Path) -> None:
    a, b = PredictionStore(tmp_path / "a.jsonl"), PredictionStore(tmp_path / "b.jsonl")
    a.append([record(1), record(2, text="", error="HTTP 500")])
    b.append([record(2, text="javítva")])
    merged = merge([a, b], tmp_path / "m.jsonl")
    assert merged.get(record(2)["key"])["text"] == "javítva"
    c = PredictionStore(tmp_path / "c.jsonl")
    c.append([record(1, text="más szöveg")])
    with pytest.raises(ResultsError, match="conflict"):
        merge([a, c], tmp_path / "m2.jsonl")
    again = merge([a, b], tmp_path / "m.jsonl")  # re-running a merge replaces its output
    assert texts_of(again) == texts_of(merged) and len(again) == 2
    into_input = merge([a, b], tmp_path / "a.jsonl")
    assert texts_of(into_input) == texts_of(merged)


def texts_of(store: PredictionStore) -> dict[str, str]:
    return {r["key"]: r["text"] for r in store.records()}
