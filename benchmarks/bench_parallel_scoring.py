"""Benchmark parallel scoring against serial scoring, side by side in one run.

Two synthetic runs through the real scoring path (``mella_eval.scoring.task_results``,
the bundled task specs with their metric lists, bootstrap CIs with 1,000 resamples,
per-category scores, sample files written):

- **mella**: the MELLA suite, 16 tasks (know + ling in 8 languages), 10,000 samples; the
  captions of ``bench_metrics.make_item`` (150-word references, 3 keyword entries).
- **xm3600**: an XM3600-sized run, 36 tasks x 3,600 images x 2 references of ~12 words
  (the release has 261,375 captions), words drawn from the bundled mini captions of each
  language; ``image/locale`` categories from the 36 locales.

Each run is scored with ``--scoring-workers 1`` and with N workers (default: every usable
core), alternating the order, into separate folders; every ``TaskResult`` and every sample
file must be identical, to the last digit. CPU time includes the waited-for worker
processes and JVMs. Every measurement runs in a fresh interpreter, as a ``mella-eval``
command does: in one process, caches warmed by an earlier measurement (per-word stems,
Korean and Thai analyses) made the second serial run ~2x faster than the first.

Run:  python benchmarks/bench_parallel_scoring.py                      (both runs)
      python benchmarks/bench_parallel_scoring.py --runs mella --rounds 4
      python benchmarks/bench_parallel_scoring.py --xm-images 400      (a quick run)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench_metrics import LANGS, make_item

from mella_eval.data.images import ImageRef
from mella_eval.data.sample import Sample
from mella_eval.scoring import task_results
from mella_eval.scoring.parallel import usable_cores
from mella_eval.tasks import TaskRegistry
from mella_eval.tasks.spec import GenerationSpec, TaskSpec

REPO = Path(__file__).resolve().parents[1]
XM_MINI = REPO / "tasks" / "xm3600" / "mini" / "captions.jsonl"
MELLA_CATEGORIES = ["architecture", "food", "festival", "clothing", "landscape", "craft"]
UNSPACED = {"zh", "ja", "th"}  # written without spaces between words


@dataclass(frozen=True)
class Item:
    """One planned sample (``scoring.run.PlannedSample``) with its prediction."""

    sample: Sample
    prediction: str
    image_sha256: str | None = None
    image_error: str | None = None


@dataclass
class Task:
    """One planned task (``scoring.run.PlannedTask``)."""

    spec: TaskSpec
    items: list[Item]
    hash: str = "synthetic"
    generation: GenerationSpec = field(default_factory=GenerationSpec)
    limited: bool = False


def _sample(spec: TaskSpec, i: int, refs: list[str], keywords: Any, category: str) -> Sample:
    return Sample(
        id=f"{spec.name}-{i:05d}", task=spec.name, language=spec.language.code,
        image=ImageRef(data=b""), prompt="describe", references=refs,
        keywords=keywords, categories=(category,),
    )  # fmt: skip


def mella_run(registry: TaskRegistry, samples: int) -> list[Task]:
    """16 MELLA tasks, ``samples`` in all, from bench_metrics' synthetic captions."""
    rng = random.Random(0)
    per_task = samples // (2 * len(LANGS))
    tasks = []
    for code in LANGS:
        for kind in ("know", "ling"):
            spec = registry.get(f"mella_{kind}_{code}")
            items = []
            for i in range(per_task):
                made = make_item(code, rng)
                keywords = made.keywords if kind == "know" else []
                category = rng.choice(MELLA_CATEGORIES)
                sample = _sample(spec, i, list(made.references), keywords, category)
                items.append(Item(sample, made.prediction))
            tasks.append(Task(spec, items))
    return tasks


def _vocabulary(code: str, rows: list[dict[str, Any]]) -> list[str]:
    """Words of the mini captions of one language (two-character pieces if unspaced)."""
    words: list[str] = []
    for row in rows:
        for caption in row[code]["caption"]:
            text = caption.rstrip(".。!")
            if code in UNSPACED:
                flat = text.replace(" ", "")
                words += [flat[i : i + 2] for i in range(0, len(flat), 2)]
            else:
                words += text.split()
    return sorted(set(words))


def _caption(code: str, vocab: list[str], weights: list[float], rng: random.Random) -> list[str]:
    return rng.choices(vocab, weights, k=rng.randint(8, 16))


def _write(code: str, words: list[str]) -> str:
    return ("" if code in UNSPACED else " ").join(words)


def xm3600_run(registry: TaskRegistry, images: int) -> list[Task]:
    """36 XM3600 tasks of ``images`` samples, 2 references each, prediction ~half copied."""
    rng = random.Random(1)
    rows = [json.loads(line) for line in XM_MINI.read_text("utf-8").splitlines()]
    specs = registry.resolve(["xm3600"])
    locales = [spec.language.code for spec in specs]
    tasks = []
    for spec in specs:
        code = spec.language.code
        vocab = _vocabulary(code, rows)
        weights = [1 / (r + 5) for r in range(len(vocab))]
        items = []
        for i in range(images):
            refs = [_caption(code, vocab, weights, rng) for _ in range(2)]
            hyp = [w if rng.random() < 0.5 else rng.choice(vocab) for w in refs[0]]
            sample = _sample(spec, i, [_write(code, r) for r in refs], [], rng.choice(locales))
            items.append(Item(sample, _write(code, hyp)))
        tasks.append(Task(spec, items))
    return tasks


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (workers, JVMs)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def score(tasks: list[Task], out: Path, workers: int) -> tuple[float, float, dict[str, Any]]:
    """(wall s, CPU s, results) of scoring every task into ``out`` with ``workers``."""
    predictions = {(t.spec.name, it.sample.id): it.prediction for t in tasks for it in t.items}

    def stored(task: str, item: Item) -> dict[str, Any]:
        return {"text": predictions[(task, item.sample.id)], "error": None}

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    t0, c0 = time.perf_counter(), _cpu()
    results = task_results(out, tasks, stored, sharded=False, bootstrap=1000, seed=0,
                           workers=workers)  # fmt: skip
    return time.perf_counter() - t0, _cpu() - c0, results


def same(a: dict[str, Any], b: dict[str, Any], out_a: Path, out_b: Path) -> bool:
    """Every task result and sample file identical (and in the same order)."""
    if list(a) != list(b) or a != b:
        return False
    for name in a:
        file = a[name]["samples_file"]
        if (out_a / file).read_bytes() != (out_b / file).read_bytes():
            return False
    return True


def child(args: argparse.Namespace, registry: TaskRegistry) -> None:
    """One measurement in this fresh process: score one run with ``--workers``."""
    tasks = (
        mella_run(registry, args.mella_samples)
        if args.child == "mella"
        else xm3600_run(registry, args.xm_images)
    )
    out = Path(args.out)
    wall, cpu, results = score(tasks, out, args.workers)
    dumped = {name: r.model_dump(mode="json") for name, r in results.items()}
    references = sum(len(it.sample.references) for t in tasks for it in t.items)
    samples = sum(len(t.items) for t in tasks)
    info = {"wall": wall, "cpu": cpu, "results": dumped, "samples": samples,
            "references": references}  # fmt: skip
    (out / "bench.json").write_text(json.dumps(info), encoding="utf-8")


def measure(label: str, workers: int, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Run :func:`child` in a new interpreter: no library or cache is warm from before."""
    cmd = [sys.executable, __file__, "--child", label, "--workers", str(workers),
           "--out", str(out), "--mella-samples", str(args.mella_samples),
           "--xm-images", str(args.xm_images)]  # fmt: skip
    subprocess.run(cmd, check=True)
    info: dict[str, Any] = json.loads((out / "bench.json").read_text("utf-8"))
    return info


def bench(label: str, args: argparse.Namespace, root: Path) -> None:
    """Serial and parallel, alternating order per round, each in a fresh process."""
    walls: dict[int, list[float]] = {1: [], args.workers: []}
    results = {}
    for r in range(args.rounds):
        order = (1, args.workers) if r % 2 == 0 else (args.workers, 1)
        for w in order:
            info = measure(label, w, root / f"{label}-w{w}", args)
            walls[w].append(info["wall"])
            results[w] = info["results"]
            print(f"  {label} round {r + 1}, {w} worker(s): wall {info['wall']:7.1f} s, "
                  f"CPU {info['cpu']:7.1f} s, load {os.getloadavg()[0]:.1f}; "
                  f"{len(info['results'])} tasks, {info['samples']} samples, "
                  f"{info['references']} references", flush=True)  # fmt: skip
    w = args.workers
    identical = same(results[1], results[w], root / f"{label}-w1", root / f"{label}-w{w}")
    head = next(iter(results[1].values()))
    print(f"  {label}: speed-up {sum(walls[1]) / sum(walls[w]):.2f}x "
          f"(serial {sum(walls[1]):.1f} s / {w} workers {sum(walls[w]):.1f} s); "
          f"results identical: {identical}; e.g. {head['task']} {head['headline']} = "
          f"{head['metrics'][head['headline']]['value']!r}", flush=True)  # fmt: skip
    if not identical:
        raise SystemExit(f"{label}: parallel results differ from serial results")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", default="mella,xm3600", help="comma-separated: mella, xm3600")
    ap.add_argument("--workers", type=int, default=usable_cores())
    ap.add_argument("--rounds", type=int, default=2, help="measurements of each (alternating)")
    ap.add_argument("--mella-samples", type=int, default=10_000)
    ap.add_argument("--xm-images", type=int, default=3_600)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args, TaskRegistry.discover())
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {usable_cores()} usable cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-parallel-") as tmp:
        for label in args.runs.split(","):
            bench(label, args, Path(tmp))


if __name__ == "__main__":
    main()
