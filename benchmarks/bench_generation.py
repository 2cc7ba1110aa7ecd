"""Generation benchmark: mella-eval's vLLM path against a bare ``LLM.generate`` script.

Both sides share one ``vllm.LLM`` instance (identical settings by construction) and do
the same work per request: draw the picture, render the prompt with the checkpoint's
chat template, generate greedily. The bare side builds all inputs up front (what a
one-off script does) and makes a single ``LLM.generate`` call; mella-eval goes through
``generate_missing`` with lazy image loading, prediction keys, the streaming vLLM loop
(``LLM.enqueue`` + ``llm_engine.step()``, ``--chunk-size`` requests in flight) and an
fsynced store. Runs alternate (ours, bare, ours, bare) after a warm-up; the best of each is
compared. Also: HF engine throughput on a subset, peak RSS, and RSS per chunk to show
memory does not grow with the number of samples.

    python benchmarks/bench_generation.py --n 512 --max-new-tokens 32
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def draw(i: int, size: tuple[int, int]) -> Any:
    """A distinct, realistically sized picture per sample (decoded RGB, ~0.6 MB)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, ((i * 47) % 256, (90 + i * 29) % 256, (200 + i * 7) % 256))
    pen = ImageDraw.Draw(image)
    w, h = size
    pen.ellipse((i % 50, i % 40, w // 2 + i % 97, h // 2 + i % 61), fill=(255 - i % 200, 40, 90))
    pen.rectangle((w // 3, h // 3, w - 5 - i % 30, h - 5), outline=(0, 0, 0), width=3)
    return image


PROMPTS = [
    "وصف هذه الصورة.",
    "Popište tento obrázek.",
    "Írd le ezt a képet.",
    "이 그림을 설명하세요.",
    "Опишите эту картину.",
    "Опишите ову слику.",
    "อธิบายภาพนี้",
    "Hãy mô tả bức tranh này.",
]


def rss_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    """Resident (VmRSS) or peak resident (VmHWM) memory of a process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def descendants(pid: int) -> list[int]:
    """Child processes (vLLM's EngineCore and workers), to account for their memory."""
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").iterdir():
            children = (task / "children").read_text().split()
            found += [int(c) for c in children]
            todo += [int(c) for c in children]
    return found


def run_bare(engine: Any, n: int, size: tuple[int, int], max_new: int) -> tuple[float, float]:
    """The baseline script: preload every input, one ``LLM.generate`` call."""
    from vllm import SamplingParams

    from mella_eval.engines.base import GenerationRequest, SamplingSettings
    from mella_eval.engines.prompt import render_prompt

    start = time.perf_counter()
    inputs = []
    for i in range(n):
        req = GenerationRequest(str(i), PROMPTS[i % 8], None, [draw(i, size)], SamplingSettings())
        prompt = render_prompt(engine._template_owner, req)
        inputs.append({"prompt": prompt, "multi_modal_data": {"image": req.images[0]}})
    peak = rss_mb()
    engine.llm.generate(inputs, SamplingParams(temperature=0.0, max_tokens=max_new), use_tqdm=False)
    return time.perf_counter() - start, peak


class TimedEngine:
    """Forwards to the engine and adds up the time spent inside ``generate``, so the
    harness's own share (keys, store, waiting for images) can be told apart from vLLM."""

    def __init__(self, engine: Any) -> None:
        self.engine, self.seconds = engine, 0.0

    def generate(self, requests: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.engine.generate(requests)
        finally:
            self.seconds += time.perf_counter() - start

    def info(self) -> Any:
        return self.engine.info()

    def close(self) -> None:
        pass


class TimedStreamingEngine(TimedEngine):
    """TimedEngine for engines that stream (vLLM): times each wait for a prediction."""

    def stream(self, requests: Any, max_in_flight: int = 256) -> Any:
        """The streaming path, timing every wait for the engine's next prediction."""
        produced = self.engine.stream(requests, max_in_flight=max_in_flight)
        while True:
            start = time.perf_counter()
            try:
                prediction = next(produced)
            except StopIteration:
                return
            finally:
                self.seconds += time.perf_counter() - start
            yield prediction


class NullEngine:
    """Answers instantly: what is left of a run is the harness's own cost."""

    def generate(self, requests: Any) -> Any:
        from mella_eval.engines.base import Prediction

        return [Prediction(r.key, "x" * 100, "length", 40, 32, 0.0) for r in requests]

    def info(self) -> Any:
        return {"engine": "null"}

    def close(self) -> None:
        pass


def run_ours(
    engine: Any, n: int, size: tuple[int, int], max_new: int, store_path: Path, chunk: int
) -> tuple[float, list[float], float]:
    """mella-eval's path: keys, lazy images per chunk, engine, fsynced store."""
    from mella_eval.engines.base import SamplingSettings
    from mella_eval.generation.loop import PendingRequest, generate_missing
    from mella_eval.store import PredictionStore, prediction_key

    sampling = SamplingSettings(max_new_tokens=max_new)
    rss: list[float] = []

    def pending() -> Any:
        for i in range(n):
            prompt = PROMPTS[i % 8]
            key = prediction_key("bench", "task", str(i), f"img{i}", prompt, None, sampling)
            yield PendingRequest(
                key, "task", str(i), prompt, None, sampling, lambda i=i: [draw(i, size)]
            )

    store_path.unlink(missing_ok=True)
    timed = TimedStreamingEngine(engine) if hasattr(engine, "stream") else TimedEngine(engine)
    start = time.perf_counter()
    stats = generate_missing(
        timed,
        pending(),
        PredictionStore(store_path),
        chunk_size=chunk,
        on_progress=lambda _: rss.append(rss_mb()),
    )
    elapsed = time.perf_counter() - start
    assert stats.generated == n, stats
    return elapsed, rss, elapsed - timed.seconds


def run_hf(model: Path, n: int, size: tuple[int, int], max_new: int) -> float:
    from mella_eval.engines.base import GenerationRequest, SamplingSettings
    from mella_eval.engines.hf import HFEngine

    engine = HFEngine(str(model), device="cpu", dtype="float32", batch_size=16)
    sampling = SamplingSettings(max_new_tokens=max_new)
    warm = GenerationRequest("w", PROMPTS[0], None, [draw(0, size)], sampling)
    engine.generate([warm] * 4)
    requests = [
        GenerationRequest(str(i), PROMPTS[i % 8], None, [draw(i, size)], sampling) for i in range(n)
    ]
    start = time.perf_counter()
    engine.generate(requests)
    elapsed = time.perf_counter() - start
    engine.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=512)
    parser.add_argument("--max-new-tokens", type=int, default=32)
    parser.add_argument("--chunk-size", type=int, default=256)
    parser.add_argument("--hf-n", type=int, default=128, help="HF subset size (HF is slow)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--image-size", default="512x384")
    parser.add_argument("--json", type=Path, default=None, help="also write figures here")
    args = parser.parse_args()
    w, h = (int(v) for v in args.image_size.split("x"))
    size = (w, h)

    from mella_eval.engines.registry import get_engine
    from mella_eval.testing import build_tiny_idefics3

    work = Path(tempfile.mkdtemp(prefix="bench-gen-"))
    model = build_tiny_idefics3(work / "tiny", seed=0)
    # HF first, alone: run after vLLM it would compete with the engine core shutting down.
    hf_time = run_hf(model, args.hf_n, size, args.max_new_tokens)
    engine = get_engine("vllm", str(model), {"gpu_memory_utilization": 0.05, "max_model_len": 1024})
    run_bare(engine, 32, size, args.max_new_tokens)  # warm-up: first-call costs
    # Memory first, before any bare run preloads images: RSS after every chunk of 64
    # over twice the samples must stay flat.
    _, rss_series, _ = run_ours(
        engine, 2 * args.n, size, args.max_new_tokens, work / "mem.jsonl", 64
    )
    ours, bare, outside = [], [], []
    rss_before_bare = rss_mb()
    bare_peak = 0.0
    for _ in range(args.repeats):
        elapsed, _, harness_s = run_ours(
            engine, args.n, size, args.max_new_tokens, work / "store.jsonl", args.chunk_size
        )
        ours.append(elapsed)
        outside.append(harness_s)
        elapsed, peak = run_bare(engine, args.n, size, args.max_new_tokens)
        bare.append(elapsed)
        bare_peak = max(bare_peak, peak)
    floor = [
        run_ours(NullEngine(), args.n, size, 1, work / "null.jsonl", args.chunk_size)[0]
        for _ in range(args.repeats)
    ]
    children = descendants(os.getpid())
    peak_children = sum(rss_mb(pid, "VmHWM") for pid in children)
    peak_main = rss_mb("self", "VmHWM")
    engine.close()
    best_ours, best_bare = min(ours), min(bare)
    figures = {
        "n": args.n,
        "max_new_tokens": args.max_new_tokens,
        "chunk_size": args.chunk_size,
        "image_size": args.image_size,
        "bare_s": [round(t, 3) for t in bare],
        "mella_s": [round(t, 3) for t in ours],
        "overhead_pct_best": round(100 * (best_ours - best_bare) / best_bare, 2),
        "overhead_pct_median": round(100 * (median(ours) - median(bare)) / median(bare), 2),
        "overhead_pct_paired_median": round(
            100 * median((o - b) / b for o, b in zip(ours, bare, strict=True)), 2
        ),
        "harness_outside_engine_s": [round(t, 3) for t in outside],
        "harness_outside_engine_pct_of_bare_median": round(100 * median(outside) / median(bare), 2),
        "harness_floor_null_engine_s": [round(t, 3) for t in floor],
        "harness_floor_pct_of_bare_median": round(100 * median(floor) / median(bare), 2),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "vllm_req_per_s": round(args.n / best_ours, 2),
        "hf_req_per_s": round(args.hf_n / hf_time, 2),
        "hf_subset": args.hf_n,
        "vllm_hf_ratio": round((args.n / best_ours) / (args.hf_n / hf_time), 1),
        "memory_run_samples": 2 * args.n,
        "rss_per_chunk_of_64_mb": [round(r, 1) for r in rss_series],
        # With prefetch, two chunks of images are held from the second chunk on: growth
        # is measured from there.
        "rss_growth_from_second_chunk_mb": round(max(rss_series[1:]) - rss_series[1], 1),
        "mella_max_rss_main_mb": round(max(rss_series), 1),
        "bare_rss_after_preloading_mb": round(bare_peak, 1),
        "bare_preload_extra_mb": round(bare_peak - rss_before_bare, 1),
        "peak_rss_main_mb_incl_bare": round(peak_main, 1),
        "peak_rss_engine_processes_mb": round(peak_children, 1),
    }
    print(json.dumps(figures, indent=1))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
