"""Ray executor benchmark: ``run --ray`` against the local vLLM engine, same requests.

Both sides take the same pending requests (images as PNG files on disk, as a task has
them) and write the same keyed store. The local side is ``get_engine("vllm")`` +
``generate_missing`` in this process; the Ray side is ``generate_on_ray`` on a local
one-node Ray cluster (started once, like a cluster that is already up): a decode stage
on Ray workers and one engine replica in an actor. Repetitions alternate (local, ray,
local, ray, ...) so that load from other jobs hits both alike.

Start-up (engine start, and for Ray the actor) and steady state are reported apart:
``steady`` is the time from the first stored batch to the last, divided by the
requests stored in it, so engine start is not in it on either side.

    python benchmarks/bench_ray.py --n 512 --reps 3
    python benchmarks/bench_ray.py --fresh-processes   # whole runs, each in a new process
    python benchmarks/bench_ray.py --ray-data-llm   # also try ray.data.llm's processor
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import traceback
from pathlib import Path
from statistics import median
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
os.environ.setdefault("VLLM_LOGGING_LEVEL", "WARNING")

ENGINE_OPTIONS = {"gpu_memory_utilization": 0.05, "max_model_len": 1024}


def write_images(folder: Path, n: int) -> list[Path]:
    """Distinct 448x336 PNGs, like the generation benchmark's pictures."""
    from bench_generation import draw

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{i}.png"
        draw(i, (448, 336)).save(path)
        paths.append(path)
    return paths


def pending_requests(paths: list[Path], max_new_tokens: int) -> list[Any]:
    from functools import partial

    from bench_generation import PROMPTS

    from mella_eval.data.images import ImageRef
    from mella_eval.engines.base import SamplingSettings
    from mella_eval.generation.loop import PendingRequest

    items = []
    for i, path in enumerate(paths):
        ref = ImageRef(path=path)
        items.append(
            PendingRequest(
                key=f"k{i:06d}",
                task="bench",
                sample_id=str(i),
                prompt=PROMPTS[i % len(PROMPTS)],
                system=None,
                sampling=SamplingSettings(max_new_tokens=max_new_tokens),
                load_images=partial(lambda r: [r.load()], ref),
                images=(ref,),
            )
        )
    return items


class _Clock:
    """Times of stored batches, for start-up vs steady-state figures."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.marks: list[tuple[float, int]] = []

    def __call__(self, finished: int) -> None:
        self.marks.append((time.perf_counter(), finished))

    def figures(self, total: int) -> dict[str, float]:
        first_t, first_n = self.marks[0]
        end = self.marks[-1][0]
        steady_n = total - first_n
        return {
            "total_s": round(end - self.start, 2),
            "first_batch_s": round(first_t - self.start, 2),
            "steady_s": round(end - first_t, 2),
            "steady_req_per_s": round(steady_n / (end - first_t), 2) if end > first_t else 0.0,
        }


def run_local(ckpt: Path, pending: list[Any], out: Path, chunk: int) -> dict[str, Any]:
    from mella_eval.engines import get_engine
    from mella_eval.generation.loop import generate_missing
    from mella_eval.store import PredictionStore

    store = PredictionStore(out / "local.jsonl")
    clock = _Clock()
    engine = get_engine("vllm", str(ckpt), dict(ENGINE_OPTIONS))
    try:
        generate_missing(engine, pending, store, chunk_size=chunk, on_progress=clock)
    finally:
        engine.close()
    return {**clock.figures(len(pending)), "texts": _texts(store)}


def run_ray(
    ckpt: Path,
    pending: list[Any],
    out: Path,
    chunk: int,
    address: str | None = None,
    replica_cpus: float = float(os.cpu_count() or 1),
) -> dict[str, Any]:
    from mella_eval.generation.ray import RaySettings, generate_on_ray
    from mella_eval.store import PredictionStore

    store = PredictionStore(out / "ray.jsonl")
    clock = _Clock()
    settings = RaySettings(
        address=address, replicas=1, num_cpus=replica_cpus, loader_cpus=0.25, batch_size=chunk
    )
    called = time.time()
    outcome = generate_on_ray(
        "vllm", str(ckpt), dict(ENGINE_OPTIONS), pending, store, settings, on_progress=clock
    )
    # When the replica's process, actor init and engine were ready, counted from the call
    starts = {
        f"replica_{name}_after_s": round(at - called, 2)
        for name, at in outcome.replica_starts[0].items()
    }
    return {**clock.figures(len(pending)), **starts, "texts": _texts(store)}


def run_child(args: argparse.Namespace) -> None:
    """One side of one repetition in this fresh process, as a user's run would be."""
    imported = time.time()
    work = Path(args.work)
    paths = sorted((work / "img").glob("*.png"), key=lambda p: int(p.stem))
    pending = pending_requests(paths, args.max_new_tokens)
    out = Path(args.out)
    if args.child == "local":
        figures = run_local(work / "ckpt", pending, out, args.chunk_size)
    else:
        figures = run_ray(
            work / "ckpt", pending, out, args.chunk_size, args.address, args.replica_cpus
        )
    figures.pop("texts")
    import psutil

    figures["process_start_to_import_done_s"] = round(imported - psutil.Process().create_time(), 2)
    print("FIGURES " + json.dumps(figures), flush=True)


def fresh_process_runs(args: argparse.Namespace, work: Path, address: str) -> dict[str, Any]:
    """Alternate whole runs in fresh processes: interpreter, imports, engine, generation.

    This is what a user pays per run, on either path: the local side imports vLLM and
    starts its engine in its own process; the Ray side connects to the running cluster
    and its replica actor imports vLLM and starts the engine in a worker process.
    """
    import subprocess
    import sys

    rows: dict[str, list[dict[str, Any]]] = {"local": [], "ray": []}
    for rep in range(args.reps):
        for side in ("local", "ray"):
            out = work / f"fresh-{side}-{rep}"
            out.mkdir()
            cmd = [
                sys.executable, __file__, "--child", side, "--work", str(work),
                "--out", str(out), "--address", address, "--chunk-size", str(args.chunk_size),
                "--max-new-tokens", str(args.max_new_tokens),
                "--replica-cpus", str(args.replica_cpus),
            ]  # fmt: skip
            start = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            wall = time.perf_counter() - start
            if done.returncode:
                raise SystemExit(f"{side} run failed:\n{done.stderr[-3000:]}")
            line = next(x for x in done.stdout.splitlines() if x.startswith("FIGURES "))
            figures = {"process_wall_s": round(wall, 2), **json.loads(line[8:])}
            store = out / f"{side}.jsonl"
            texts = {
                r["key"]: r["text"]
                for r in map(json.loads, store.read_text(encoding="utf-8").splitlines())
            }
            rows[side].append({**figures, "texts": texts})
            print(f"fresh rep {rep} {side}: {figures}", flush=True)
    same = all(r["texts"] == rows["local"][0]["texts"] for side in rows for r in rows[side])
    report: dict[str, Any] = {"identical_texts": same}
    for key in ("process_wall_s", "first_batch_s", "steady_s"):
        report[key] = {side: median(r[key] for r in rows[side]) for side in rows}
    walls = [r["process_wall_s"] for r in rows["ray"]], [r["process_wall_s"] for r in rows["local"]]
    report["ratio_ray_over_local"] = {
        "process_wall_medians": round(median(walls[0]) / median(walls[1]), 3),
        "process_wall_per_pair": [round(r / lo, 3) for r, lo in zip(*walls, strict=True)],
    }
    return report


def _texts(store: Any) -> dict[str, str]:
    return {r["key"]: r["text"] for r in store.records()}


def try_ray_data_llm(ckpt: Path, paths: list[Path], timeout_s: float, cpu_bundles: bool) -> str:
    """Run ray.data.llm's vLLM processor on a few rows; return what happened, verbatim.

    By default its engine stage asks each replica for a GPU; ``cpu_bundles`` asks for a
    CPU-only placement group instead (``placement_group_config``).
    """
    import ray
    from ray.data.llm import build_processor, vLLMEngineProcessorConfig

    try:
        config = vLLMEngineProcessorConfig(
            model_source=str(ckpt),
            engine_kwargs={
                **ENGINE_OPTIONS,
                "dtype": "float32",
                "enforce_eager": True,
                "limit_mm_per_prompt": {"image": 1},
            },
            batch_size=4,
            concurrency=1,
            **({"placement_group_config": {"bundles": [{"CPU": 1}]}} if cpu_bundles else {}),
            prepare_multimodal_stage={"enabled": True},
            chat_template_stage={"enabled": True},
            tokenize_stage={"enabled": True},
            detokenize_stage={"enabled": True},
        )
        processor = build_processor(
            config,
            preprocess=lambda row: {
                "messages": [
                    {
                        "role": "user",
                        "content": [
                            {"type": "image", "image": "file://" + row["path"]},
                            {"type": "text", "text": "Írd le ezt a képet."},
                        ],
                    }
                ],
                "sampling_params": {"temperature": 0.0, "max_tokens": 16},
            },
            postprocess=lambda row: {"text": row["generated_text"]},
        )
        dataset = processor(ray.data.from_items([{"path": str(p)} for p in paths[:4]]))
        ref = ray.remote(num_cpus=0)(lambda ds: ds.take_all()).remote(dataset)
        ready, _ = ray.wait([ref], timeout=timeout_s)
        if not ready:
            ray.cancel(ref, force=True)
            return f"no result after {timeout_s:.0f} s; cluster: {ray.available_resources()}"
        rows = ray.get(ref)
        return f"ok: {len(rows)} rows, first text {rows[0]['text']!r}"
    except Exception:
        return "error:\n" + traceback.format_exc(limit=6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=512)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--chunk-size", type=int, default=128)
    parser.add_argument("--max-new-tokens", type=int, default=16)
    parser.add_argument("--ray-data-llm", action="store_true")
    parser.add_argument(
        "--replica-cpus",
        type=float,
        default=float(os.cpu_count() or 1),
        help="CPUs the engine replica asks for; Ray sets its OMP_NUM_THREADS to this "
        "(default: all cores, as many as the local engine's torch uses)",
    )
    parser.add_argument(
        "--logical-cpus",
        type=int,
        help="CPUs the local Ray cluster advertises (default: replica CPUs + 1, for the "
        "decode stage)",
    )
    parser.add_argument("--ray-data-llm-timeout", type=float, default=240)
    parser.add_argument("--ray-data-llm-cpu", action="store_true", help="CPU placement group")
    parser.add_argument(
        "--fresh-processes",
        action="store_true",
        help="each run in a new process (what a user pays per run), not in this one",
    )
    parser.add_argument("--child", choices=["local", "ray"], help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--address", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return

    import ray

    from mella_eval.testing import build_tiny_idefics3

    work = Path(tempfile.mkdtemp(prefix="bench-ray-"))
    ckpt = build_tiny_idefics3(work / "ckpt", seed=0)
    paths = write_images(work / "img", args.n)
    pending = pending_requests(paths, args.max_new_tokens)
    t0 = time.perf_counter()
    store_bytes = 200 * 1024 * 1024
    logical_cpus = args.logical_cpus or int(args.replica_cpus) + 1
    ray.init(num_cpus=logical_cpus, object_store_memory=store_bytes, include_dashboard=False)
    cluster_start = time.perf_counter() - t0
    if args.fresh_processes:
        address = ray.get_runtime_context().gcs_address
        report = {"n": args.n, "reps": args.reps, "chunk_size": args.chunk_size}
        report["ray_cluster_start_s"] = round(cluster_start, 2)
        report.update(fresh_process_runs(args, work, address))
        ray.shutdown()
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return

    rows: dict[str, list[dict[str, Any]]] = {"local": [], "ray": []}
    for rep in range(args.reps):  # --reps 0: only the ray.data.llm probe
        for side, fn in (("local", run_local), ("ray", run_ray)):
            out = work / f"{side}-{rep}"
            out.mkdir()
            rows[side].append(fn(ckpt, pending, out, args.chunk_size))
            figures = {k: v for k, v in rows[side][-1].items() if k != "texts"}
            print(f"rep {rep} {side}: {figures}", flush=True)
    if not args.reps:
        print(try_ray_data_llm(ckpt, paths, args.ray_data_llm_timeout, args.ray_data_llm_cpu))
        return
    same = all(r["texts"] == rows["local"][0]["texts"] for side in rows for r in rows[side])
    report: dict[str, Any] = {"n": args.n, "reps": args.reps, "chunk_size": args.chunk_size}
    report["ray_cluster_start_s"] = round(cluster_start, 2)
    report["identical_texts"] = same
    for key in ("total_s", "first_batch_s", "steady_s", "steady_req_per_s"):
        report[key] = {side: median(r[key] for r in rows[side]) for side in rows}
    report["ratio_ray_over_local"] = {
        key: round(report[key]["ray"] / report[key]["local"], 3)
        for key in ("total_s", "first_batch_s", "steady_s")
    }
    if args.ray_data_llm:
        report["ray_data_llm"] = try_ray_data_llm(
            ckpt, paths, args.ray_data_llm_timeout, args.ray_data_llm_cpu
        )
    ray.shutdown()
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
