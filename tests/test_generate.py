"""generate_missing: chunked, streaming, resumable; a SIGKILLed run resumes to the same result."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from mella_eval.engines.base import GenerationRequest, Prediction, SamplingSettings
from mella_eval.errors import ImageError
from mella_eval.generation.loop import PendingRequest, generate_missing
from mella_eval.store import PredictionStore

SAMPLING = SamplingSettings(max_new_tokens=4)


class EchoEngine:
    """A hand-written engine whose output is known in advance: prompt + image size."""

    def __init__(self, log: list[str], fail_on_call: int | None = None) -> None:
        self.log, self.calls, self.fail_on_call = log, 0, fail_on_call

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Prediction]:
        self.calls += 1
        if self.calls == self.fail_on_call:
            raise RuntimeError("engine crashed")
        self.log.append(f"generate {[r.key for r in requests]}")
        return [
            Prediction(r.key, f"{r.prompt}|{r.images[0].size}", "stop", 1, 1, 0.0) for r in requests
        ]

    def info(self) -> dict[str, Any]:
        return {"engine": "echo"}

    def close(self) -> None:
        pass


def pending(n: int, log: list[str], bad: dict[int, Exception] | None = None) -> list[Any]:
    def loader(i: int) -> Any:
        def load() -> list[Image.Image]:
            log.append(f"load k{i}")
            if bad and i in bad:
                raise bad[i]
            return [Image.new("RGB", (10 + i, 5))]

        return load

    return [
        PendingRequest(f"k{i}", "t", f"s{i}", f"ír {i}", None, SAMPLING, loader(i))
        for i in range(n)
    ]


def texts(store: PredictionStore) -> dict[str, Any]:
    return {r["key"]: (r["text"], r["error"]) for r in store.records()}


def test_generates_in_chunks_and_stores_records(tmp_path: Path) -> None:
    log: list[str] = []
    store = PredictionStore(tmp_path / "p.jsonl")
    progress: list[int] = []
    stats = generate_missing(
        EchoEngine(log),
        pending(5, log),
        store,
        chunk_size=2,
        on_progress=progress.append,
        prefetch=False,
    )
    assert (stats.generated, stats.chunks, stats.skipped) == (5, 3, 0)
    assert progress == [2, 2, 1]
    assert texts(store) == {f"k{i}": (f"ír {i}|({10 + i}, 5)", None) for i in range(5)}
    rec = store.get("k3")
    assert rec is not None and (rec["task"], rec["sample_id"], rec["key"]) == ("t", "s3", "k3")
    # Without prefetch, images are loaded per chunk, after the previous chunk was generated.
    assert log == [
        "load k0", "load k1", "generate ['k0', 'k1']",
        "load k2", "load k3", "generate ['k2', 'k3']",
        "load k4", "generate ['k4']",
    ]  # fmt: skip


def test_prefetch_keeps_at_most_two_chunks_of_images(tmp_path: Path) -> None:
    log: list[str] = []
    store = PredictionStore(tmp_path / "p.jsonl")
    stats = generate_missing(EchoEngine(log), pending(12, log), store, chunk_size=3)
    assert stats.generated == 12 and len(store) == 12
    loads = {entry.split()[1]: n for n, entry in enumerate(log) if entry.startswith("load")}
    generates = [n for n, entry in enumerate(log) if entry.startswith("generate")]
    assert len(generates) == 4
    for chunk in range(2, 4):  # chunk k+2 is loaded only after chunk k was generated
        first_key = f"k{chunk * 3}"
        assert loads[first_key] > generates[chunk - 2]
    assert texts(store) == {f"k{i}": (f"ír {i}|({10 + i}, 5)", None) for i in range(12)}


def test_resume_skips_stored_keys_and_duplicates(tmp_path: Path) -> None:
    log: list[str] = []
    store = PredictionStore(tmp_path / "p.jsonl")
    generate_missing(EchoEngine(log), pending(3, log), store, chunk_size=10)
    log.clear()
    items = pending(6, log)
    stats = generate_missing(EchoEngine(log), [*items, items[4]], store, chunk_size=10)
    assert (stats.seen, stats.skipped, stats.generated) == (7, 4, 3)
    assert log == ["load k3", "load k4", "load k5", "generate ['k3', 'k4', 'k5']"]
    assert len(PredictionStore(tmp_path / "p.jsonl")) == 6


def _truncated_png() -> Image.Image:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 80), (1, 2, 3)).save(buffer, format="PNG")
    return Image.open(io.BytesIO(buffer.getvalue()[:60]))


def test_bad_images_become_error_records_and_the_rest_goes_on(tmp_path: Path) -> None:
    log: list[str] = []
    items = pending(4, log, bad={1: ImageError("cannot open img/1.png")})
    items[2].load_images = lambda: [Image.open(io.BytesIO(b"not an image"))]
    items[3].load_images = lambda: [_truncated_png()]
    store = PredictionStore(tmp_path / "p.jsonl")
    stats = generate_missing(EchoEngine(log), items, store, chunk_size=8)
    assert (stats.generated, stats.image_errors) == (1, 3)
    got = {r["key"]: r for r in store.records()}
    assert got["k0"]["error"] is None
    assert "cannot open img/1.png" in got["k1"]["error"]
    assert "UnidentifiedImageError" in got["k2"]["error"]
    assert got["k3"]["error"].startswith("image error: ")
    assert {got[k]["finish_reason"] for k in ("k1", "k2", "k3")} == {"error"}


def test_crash_keeps_finished_chunks_and_rerun_completes(tmp_path: Path) -> None:
    log: list[str] = []
    path = tmp_path / "p.jsonl"
    with pytest.raises(RuntimeError, match="crashed"):
        generate_missing(EchoEngine(log, fail_on_call=3), pending(7, log), PredictionStore(path), chunk_size=2)  # fmt: skip
    assert sorted(PredictionStore(path).keys()) == ["k0", "k1", "k2", "k3"]
    generate_missing(EchoEngine(log), pending(7, log), PredictionStore(path), chunk_size=2)
    whole = PredictionStore(tmp_path / "whole.jsonl")
    generate_missing(EchoEngine(log), pending(7, log), whole, chunk_size=3)
    assert texts(PredictionStore(path)) == texts(whole)


def test_retry_errors_regenerates_failed_keys(tmp_path: Path) -> None:
    log: list[str] = []
    store = PredictionStore(tmp_path / "p.jsonl")
    generate_missing(EchoEngine(log), pending(3, log, bad={1: OSError("gone")}), store)
    assert generate_missing(EchoEngine(log), pending(3, log), store).generated == 0
    stats = generate_missing(EchoEngine(log), pending(3, log), store, retry_errors=True)
    assert (stats.generated, stats.skipped) == (1, 2)
    assert store.get("k1")["error"] is None  # type: ignore[index]


WORKER = textwrap.dedent(
    """
    import sys, time
    from PIL import Image, ImageDraw
    from mella_eval.engines.base import SamplingSettings
    from mella_eval.engines.registry import get_engine
    from mella_eval.generation.loop import PendingRequest, generate_missing
    from mella_eval.store import PredictionStore

    model, store_path, pause = sys.argv[1], sys.argv[2], float(sys.argv[3])
    prompts = ["وصف هذه الصورة.", "Popište tento obrázek.", "이 그림을 설명하세요.", "อธิบายภาพนี้"]

    def loader(i):
        def load():
            image = Image.new("RGB", (30 + i, 40), (i * 5 % 256, 80, 160))
            ImageDraw.Draw(image).ellipse((2, 2, 20, 10 + i % 20), fill=(250, i * 9 % 256, 0))
            return [image]
        return load

    if __name__ == "__main__":
        engine = get_engine("hf", model, {"device": "cpu", "dtype": "float32", "batch_size": 4})
        items = [
            PendingRequest(f"key{i:03d}", "t", f"s{i}", prompts[i % 4], None,
                           SamplingSettings(max_new_tokens=6), loader(i))
            for i in range(40)
        ]
        stats = generate_missing(engine, items, PredictionStore(store_path), chunk_size=4,
                                 on_progress=lambda n: time.sleep(pause))
        print("DONE", stats.generated, stats.skipped, flush=True)
    """
)


def _comparable(path: Path) -> dict[str, Any]:
    fields = ("text", "finish_reason", "prompt_tokens", "completion_tokens", "error")
    return {r["key"]: tuple(r[f] for f in fields) for r in PredictionStore(path).records()}


@pytest.mark.slow
def test_sigkill_mid_run_then_resume_equals_uninterrupted(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from mella_eval.testing import build_tiny_idefics3

    model = build_tiny_idefics3(tmp_path_factory.getbasetemp() / "tiny-idefics3", seed=0)
    script = tmp_path / "worker.py"
    script.write_text(WORKER, encoding="utf-8")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    killed = tmp_path / "killed.jsonl"
    cmd = [sys.executable, str(script), str(model), str(killed)]
    proc = subprocess.Popen([*cmd, "0.3"], env=env, stdout=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if killed.exists() and killed.read_bytes().count(b"\n") >= 8:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    partial = killed.read_bytes().count(b"\n")
    assert 8 <= partial < 40, "the kill must land mid-run"
    out = subprocess.run([*cmd, "0"], env=env, capture_output=True, text=True, check=True)
    assert f"DONE {40 - partial} {partial}" in out.stdout
    whole = tmp_path / "whole.jsonl"
    subprocess.run([sys.executable, str(script), str(model), str(whole), "0"], env=env, check=True)
    assert _comparable(killed) == _comparable(whole)
    assert len(_comparable(whole)) == 40
    assert all(json.loads(line)["error"] is None for line in whole.read_text().splitlines())


class StreamingEcho(EchoEngine):
    """A streaming engine whose requests finish in reverse order of arrival per window,
    recording the most images it ever saw alive at once."""

    def __init__(self, log: list[str], die_after: int | None = None) -> None:
        super().__init__(log)
        self.die_after, self.windows = die_after, []

    def stream(self, requests: Any, max_in_flight: int = 256) -> Any:
        from mella_eval.errors import EngineDied

        window: list[GenerationRequest] = []
        done = 0
        for request in [*requests, None]:
            if request is not None:
                window.append(request)
            if window and (len(window) == max_in_flight or request is None):
                self.windows.append(len(window))
                while window:
                    if self.die_after is not None and done == self.die_after:
                        raise EngineDied("engine died")
                    r = window.pop()
                    done += 1
                    yield Prediction(r.key, f"{r.prompt}|{r.images[0].size}", "stop", 1, 1, 0.0)


def test_streaming_engine_stores_every_prediction_and_image_errors(tmp_path: Path) -> None:
    log: list[str] = []
    store = PredictionStore(tmp_path / "p.jsonl")
    engine = StreamingEcho(log)
    items = pending(10, log, bad={4: ImageError("broken file")})
    stats = generate_missing(engine, items, store, chunk_size=3)
    assert (stats.generated, stats.image_errors) == (9, 1)
    assert max(engine.windows) <= 3
    expected = {f"k{i}": (f"ír {i}|({10 + i}, 5)", None) for i in range(10) if i != 4}
    got = texts(store)
    assert got.pop("k4")[1].startswith("image error: ImageError: broken file")
    assert got == expected


def test_streaming_engine_death_keeps_finished_and_resume_completes(tmp_path: Path) -> None:
    from mella_eval.errors import EngineDied

    log: list[str] = []
    path = tmp_path / "p.jsonl"
    with pytest.raises(EngineDied):
        generate_missing(StreamingEcho(log, die_after=5), pending(12, log), PredictionStore(path))
    kept = texts(PredictionStore(path))
    assert len(kept) == 5 and all(error is None for _, error in kept.values())
    stats = generate_missing(StreamingEcho(log), pending(12, log), PredictionStore(path))
    assert (stats.generated, stats.skipped) == (7, 5)
    assert texts(PredictionStore(path)) == {
        f"k{i}": (f"ír {i}|({10 + i}, 5)", None) for i in range(12)
    }
