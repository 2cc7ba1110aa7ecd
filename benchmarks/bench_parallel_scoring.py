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
file must be identical, to the last digit. ``--halves`` adds the peer that bounds what any
pool can reach on this machine: N independent serial processes started together, each
scoring a fixed 1/N of the tasks (whole languages, split by the languages' scoring times
measured in the serial runs: the best split for two parts), with no coordination at all;
its wall time is the slowest process's. CPU time
includes the waited-for worker processes and JVMs. Every measurement runs in a fresh
interpreter, as a ``mella-eval`` command does: in one process, caches warmed by an
earlier measurement (per-word stems, Korean and Thai analyses) made the second serial
run ~2x faster than the first.

Run:  python benchmarks/bench_parallel_scoring.py                      (both runs)
      python benchmarks/bench_parallel_scoring.py --runs mella --rounds 4
      python benchmarks/bench_parallel_scoring.py --xm-images 400      (a quick run)
      python benchmarks/bench_parallel_scoring.py --runs mella --halves  (with the peer)
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
from mella_eval.scoring.run import scoring_cost
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


def part(tasks: list[Task], index: int, parts: int, seconds: dict[str, float]) -> list[Task]:
    """The tasks of part ``index`` of ``parts``, whole languages, the same split in every
    process. ``seconds``: each language's measured serial scoring time; the split is then
    the best one (two parts, up to 16 languages: every subset tried), else languages are
    dealt largest first to the part with the least so far (by ``seconds``, or by
    ``scoring_cost`` when nothing was measured)."""
    languages: dict[str, list[Task]] = {}
    for task in tasks:
        languages.setdefault(task.spec.language.code, []).append(task)
    cost = seconds or {
        code: float(sum(scoring_cost(t) for t in group)) for code, group in languages.items()
    }
    codes = sorted(cost, key=lambda c: (-cost[c], c))
    if seconds and parts == 2 and len(codes) <= 16:
        total = sum(cost.values())
        best = min(
            range(2 ** (len(codes) - 1)),  # the first language stays in part 0
            key=lambda m: max(s := sum(cost[c] for i, c in enumerate(codes) if m >> i & 1),
                              total - s),
        )  # fmt: skip
        owner = {c: best >> i & 1 for i, c in enumerate(codes)}
    else:
        loads, owner = [0.0] * parts, {}
        for code in codes:
            smallest = loads.index(min(loads))
            owner[code], loads[smallest] = smallest, loads[smallest] + cost[code]
    return [t for t in tasks if owner[t.spec.language.code] == index]


def timed_tasks() -> dict[str, float]:
    """Record each task's scoring seconds in this process (the serial path scores every
    task here through ``parallel.score_job``); the returned dict fills as tasks finish."""
    from mella_eval.scoring import parallel

    seconds: dict[str, float] = {}
    score_job = parallel.score_job

    def timed(job: Any) -> Any:
        start = time.perf_counter()
        try:
            return score_job(job)
        finally:
            seconds[job.spec.name] = time.perf_counter() - start

    parallel.score_job = timed  # type: ignore[assignment]
    return seconds


def child(args: argparse.Namespace, registry: TaskRegistry) -> None:
    """One measurement in this fresh process: score one run with ``--workers``."""
    tasks = (
        mella_run(registry, args.mella_samples)
        if args.child == "mella"
        else xm3600_run(registry, args.xm_images)
    )
    if args.part:
        index, parts = (int(x) for x in args.part.split("/"))
        split = json.loads(Path(args.split).read_text("utf-8")) if args.split else {}
        tasks = part(tasks, index, parts, split)
    task_seconds = timed_tasks() if args.workers == 1 else {}
    out = Path(args.out)
    wall, cpu, results = score(tasks, out, args.workers)
    dumped = {name: r.model_dump(mode="json") for name, r in results.items()}
    references = sum(len(it.sample.references) for t in tasks for it in t.items)
    samples = sum(len(t.items) for t in tasks)
    info = {"wall": wall, "cpu": cpu, "results": dumped, "samples": samples,
            "references": references, "task_seconds": task_seconds}  # fmt: skip
    (out / "bench.json").write_text(json.dumps(info), encoding="utf-8")


def _command(label: str, workers: int, out: Path, args: argparse.Namespace) -> list[str]:
    return [sys.executable, __file__, "--child", label, "--workers", str(workers),
            "--out", str(out), "--mella-samples", str(args.mella_samples),
            "--xm-images", str(args.xm_images)]  # fmt: skip


def measure(label: str, workers: int, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Run :func:`child` in a new interpreter: no library or cache is warm from before."""
    subprocess.run(_command(label, workers, out, args), check=True)
    info: dict[str, Any] = json.loads((out / "bench.json").read_text("utf-8"))
    return info


def measure_halves(label: str, out: Path, args: argparse.Namespace, split: Path) -> dict[str, Any]:
    """The peer: ``args.workers`` serial processes started together, one part each,
    split by the languages' serial times in ``split``."""
    parts = args.workers
    outs = [out / f"part{i}" for i in range(parts)]
    procs = [
        subprocess.Popen(
            [*_command(label, 1, o, args), "--part", f"{i}/{parts}", "--split", str(split)]
        )
        for i, o in enumerate(outs)
    ]
    if any(p.wait() for p in procs):
        raise SystemExit(f"{label}: a part failed")
    infos = [json.loads((o / "bench.json").read_text("utf-8")) for o in outs]
    results = {name: r for info in infos for name, r in info["results"].items()}
    return {"wall": max(i["wall"] for i in infos), "cpu": sum(i["cpu"] for i in infos),
            "walls": [i["wall"] for i in infos], "results": results, "outs": outs}  # fmt: skip


def bench(label: str, args: argparse.Namespace, root: Path) -> None:
    """Serial and parallel, alternating order per round, each in a fresh process."""
    walls: dict[int, list[float]] = {1: [], args.workers: []}
    results = {}
    language_seconds: dict[str, float] = {}
    for r in range(args.rounds):
        order = (1, args.workers) if r % 2 == 0 else (args.workers, 1)
        for w in order:
            info = measure(label, w, root / f"{label}-w{w}", args)
            walls[w].append(info["wall"])
            results[w] = info["results"]
            for name, seconds in info["task_seconds"].items():
                code = info["results"][name]["language"]
                language_seconds[code] = language_seconds.get(code, 0.0) + seconds / args.rounds
            print(f"  {label} round {r + 1}, {w} worker(s): wall {info['wall']:7.1f} s, "
                  f"CPU {info['cpu']:7.1f} s, load {os.getloadavg()[0]:.1f}; "
                  f"{len(info['results'])} tasks, {info['samples']} samples, "
                  f"{info['references']} references", flush=True)  # fmt: skip
    w = args.workers
    identical = same(results[1], results[w], root / f"{label}-w1", root / f"{label}-w{w}")
    if args.halves:
        split = root / f"{label}-split.json"
        split.write_text(json.dumps(language_seconds), encoding="utf-8")
        serial = sum(walls[1]) / len(walls[1])
        identical &= _halves(label, args, root, serial, results[1], split)
    head = next(iter(results[1].values()))
    print(f"  {label}: speed-up {sum(walls[1]) / sum(walls[w]):.2f}x "
          f"(serial {sum(walls[1]):.1f} s / {w} workers {sum(walls[w]):.1f} s); "
          f"results identical: {identical}; e.g. {head['task']} {head['headline']} = "
          f"{head['metrics'][head['headline']]['value']!r}", flush=True)  # fmt: skip
    if not identical:
        raise SystemExit(f"{label}: parallel results differ from serial results")


def _halves(
    label: str,
    args: argparse.Namespace,
    root: Path,
    serial: float,
    expected: dict[str, Any],
    split: Path,
) -> bool:
    """Measure the peer ``args.rounds`` times; print its speed-up over the mean serial wall
    and whether its results equal the serial ones (each task scored alone is the same)."""
    walls, identical = [], True
    for r in range(args.rounds):
        info = measure_halves(label, root / f"{label}-halves", args, split)
        walls.append(info["wall"])
        for name, result in info["results"].items():
            file = result["samples_file"]
            same_file = any(
                (o / file).is_file()
                and (o / file).read_bytes() == (root / f"{label}-w1" / file).read_bytes()
                for o in info["outs"]
            )
            identical &= result == expected[name] and same_file
        print(f"  {label} round {r + 1}, {args.workers} independent serial parts: wall "
              f"{info['wall']:7.1f} s (parts {', '.join(f'{x:.1f}' for x in info['walls'])}), "
              f"CPU {info['cpu']:7.1f} s", flush=True)  # fmt: skip
    mean = sum(walls) / len(walls)
    print(f"  {label}: independent parts {serial / mean:.2f}x over serial "
          f"(mean {mean:.1f} s); identical: {identical}", flush=True)  # fmt: skip
    return identical


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", default="mella,xm3600", help="comma-separated: mella, xm3600")
    ap.add_argument("--workers", type=int, default=usable_cores())
    ap.add_argument("--rounds", type=int, default=2, help="measurements of each (alternating)")
    ap.add_argument("--mella-samples", type=int, default=10_000)
    ap.add_argument("--xm-images", type=int, default=3_600)
    ap.add_argument(
        "--halves",
        action="store_true",
        help="also time N independent serial processes, 1/N of the tasks each",
    )
    ap.add_argument("--part", help=argparse.SUPPRESS)
    ap.add_argument("--split", help=argparse.SUPPRESS)
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
