"""Keyword extraction: deterministic coverage of mella-mini's hand-written keywords, and the
harness cost of the LLM path (openai engine -> a local HTTP server answering at once).

    python benchmarks/bench_keywords.py            # 80 mini samples + 800 LLM-path samples
    python benchmarks/bench_keywords.py --n 200
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from mella_eval.cli import main  # noqa: E402
from mella_eval.data.validate import keyword_matcher  # noqa: E402
from mella_eval.keywords import DeterministicExtractor, extract_to_file, samples_of_task  # noqa: E402
from mella_eval.tasks import TaskRegistry  # noqa: E402
from tests.keywords.conftest import FakeChatServer  # noqa: E402

LANGS = ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"]


def deterministic(out: Path) -> None:
    registry = TaskRegistry.discover([], None)
    covered = total = 0
    for lang in LANGS:
        spec = registry.get(f"mella_know_{lang}")
        start = time.perf_counter()
        summary = extract_to_file(
            samples_of_task(spec), DeterministicExtractor(), out / f"{lang}.jsonl"
        )
        took = time.perf_counter() - start
        lines = {}
        for x in (out / f"{lang}.jsonl").read_text(encoding="utf-8").splitlines()[1:]:
            lines[json.loads(x)["id"]] = json.loads(x)
        matcher = keyword_matcher(spec)
        hand = hit = 0
        for line in (
            (REPO / f"tasks/mella/mini/{lang}.jsonl").read_text(encoding="utf-8").splitlines()
        ):
            record = json.loads(line)
            auto = [f for e in lines[record["id"]]["keywords"] for f in e]
            for entry in record["keywords"]:
                forms = [entry] if isinstance(entry, str) else entry
                hand += 1
                hit += any(matcher.found(matcher.prepare(a), forms) for a in auto)
        covered, total = covered + hit, total + hand
        print(
            f"deterministic {lang}: {summary.with_keywords}/{summary.samples} samples with "
            f"keywords, {summary.entries_kept} kept; hand entries covered {hit}/{hand}; "
            f"{took:.2f} s"
        )
    print(f"deterministic all: hand entries covered {covered}/{total}")


def llm_path(n: int, out: Path) -> None:
    mini = (REPO / "tasks/mella/mini/hu.jsonl").read_text(encoding="utf-8").splitlines()
    data = out / "hu.jsonl"
    records = []
    for i in range(n):
        record = json.loads(mini[i % len(mini)])
        record["id"] = f"{record['id']}-{i}"
        record["image"] = str(REPO / "tasks/mella/mini" / record["image"])
        records.append(json.dumps(record, ensure_ascii=False))
    data.write_text("\n".join(records) + "\n", encoding="utf-8")

    def answer(prompt: str) -> str:
        words = prompt.rsplit(":", 1)[-1].split()
        return json.dumps([*words[:3], "Kitalált Hely"], ensure_ascii=False)

    with FakeChatServer(answer) as server:
        args = ["keywords", "extract", "--data", str(data), "--language", "hu", "--adapter",
                "jsonl", "--field", "references=alt_text", "--output", str(out / "kw.jsonl"),
                "--engine", "openai", "--model", "fake", "--engine-arg", f"base_url={server.url}",
                "--quiet"]  # fmt: skip
        for label in ("llm path", "llm path, all stored (resume)"):
            start = time.perf_counter()
            main(args)
            took = time.perf_counter() - start
            print(
                f"{label}: {n} samples in {took:.1f} s ({n / took:.0f}/s), "
                f"requests {len(server.bodies)}"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        deterministic(Path(tmp) / "det")
        llm_path(args.n, Path(tmp))
