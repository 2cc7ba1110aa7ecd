"""Two hand-built runs over the 16 MELLA tasks, with numbers chosen by hand.

The expected values in the tests are these literals, never anything computed by the
code under test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mella_eval.results import (
    EnvironmentInfo,
    MetricValue,
    ModelInfo,
    RunInfo,
    RunResult,
    TaskResult,
    write_results,
)

LANGS = ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"]
# keyword_accuracy of know tasks, per run (baseline, fine-tuned), in LANGS order.
KNOW = {
    "base": [31.5, 42.0, 38.25, 27.0, 45.5, 40.0, 22.75, 35.0],
    "tuned": [36.0, 41.0, 44.5, 33.25, 52.0, 47.5, 30.0, 39.75],
}
# meteor of ling tasks.
LING = {
    "base": [12.5, 18.0, 15.25, 9.5, 20.0, 17.75, 8.0, 16.5],
    "tuned": [19.0, 17.5, 21.0, 14.25, 26.5, 22.0, 13.5, 15.0],
}
# bleu of ling tasks (a second ling metric, for --metrics).
BLEU = {
    "base": [4.0, 7.5, 6.0, 3.0, 9.0, 8.0, 2.5, 6.5],
    "tuned": [6.5, 7.0, 8.0, 5.5, 11.0, 9.5, 4.0, 6.0],
}
HALF_WIDTH = {"base": 2.0, "tuned": 1.5}  # CI = value -/+ this
MODEL = {"base": "Qwen2-VL_7B & co", "tuned": "MELLA-tuned 50%"}


def metric(value: float, half: float) -> MetricValue:
    return MetricValue(value=value, ci_low=value - half, ci_high=value + half)


def task(kind: str, lang: str, metrics: dict[str, MetricValue]) -> TaskResult:
    headline = "keyword_accuracy" if kind == "know" else "meteor"
    return TaskResult(
        task=f"mella_{kind}_{lang}",
        task_hash="0" * 16,
        version=1,
        kind=kind,
        language=lang,
        generation={},
        n_samples=10,
        n_scored=10,
        n_errors=0,
        headline=headline,
        metrics=metrics,
        reportable=True,
        samples_file=f"samples/mella_{kind}_{lang}.jsonl",
        samples_sha256="0" * 64,
    )


def make_run(which: str, seed: int = 0, model: str | None = None) -> RunResult:
    half = HALF_WIDTH[which]
    tasks: dict[str, TaskResult] = {}
    for i, lang in enumerate(LANGS):
        know = {
            "keyword_accuracy": metric(KNOW[which][i], half),
            "language_fidelity": metric(90.0 + i, 0.5),
        }
        ling = {
            "meteor": metric(LING[which][i], half),
            "bleu": metric(BLEU[which][i], half),
            "language_fidelity": metric(80.0 + i, 0.5),
        }
        tasks[f"mella_know_{lang}"] = task("know", lang, know)
        tasks[f"mella_ling_{lang}"] = task("ling", lang, ling)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    run = RunInfo(
        model=ModelInfo(name=model or MODEL[which], fingerprint="f" * 16),
        engine="fake",
        seed=seed,
        tasks={name: "0" * 16 for name in tasks},
        started_at=now,
        finished_at=now,
    )
    env = EnvironmentInfo(mella_eval="0", python="3.11", platform="test", device="cpu")
    return RunResult(run=run, environment=env, tasks=tasks, reportable=True)


@pytest.fixture
def two_runs(tmp_path: Path) -> list[Path]:
    """Baseline and fine-tuned run folders, baseline first."""
    dirs = []
    for which in ("base", "tuned"):
        folder = tmp_path / which
        write_results(folder, make_run(which))
        dirs.append(folder)
    return dirs
