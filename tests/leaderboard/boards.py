"""A hand-made board with known values, for the renderer and browser tests.

Expected values below are computed by hand from these numbers, not by the code under test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from mella_eval.leaderboard.records import SubmissionRecord, TaskScores, write_record
from mella_eval.results import MetricValue

SCRIPT_MODEL = "<script>alert(1)</script>"
FORMULA_MODEL = "=SUM(1) | pipe * model"
REPORTED_MODEL = "Paper model"
SOURCE = "https://example.org/paper?a=1&b=2"

# model -> {task: {metric: value}}
SCORES: dict[str, dict[str, dict[str, float]]] = {
    "alpha": {
        "lbt_know_cs": {"keyword_accuracy": 40.0},
        "lbt_know_hu": {"keyword_accuracy": 20.0},
        "lbt_ling_cs": {"chrf": 50.0, "bleu": 10.0},
        "lbt_ling_hu": {"chrf": 30.0, "bleu": 20.0},
    },
    SCRIPT_MODEL: {
        "lbt_know_cs": {"keyword_accuracy": 10.0},
        "lbt_know_hu": {"keyword_accuracy": 70.0},
        "lbt_ling_cs": {"chrf": 20.0, "bleu": 5.0},
        "lbt_ling_hu": {"chrf": 30.0, "bleu": 5.0},
    },
    FORMULA_MODEL: {
        "lbt_ling_cs": {"chrf": 60.0, "bleu": 1.0},
        "lbt_ling_hu": {"chrf": 60.0, "bleu": 3.0},
    },
    REPORTED_MODEL: {"lbt_know_cs": {"keyword_accuracy": 90.0}},
}
# Hand-computed macro means over cs and hu, and the expected order of each view.
KNOW_MEANS = {SCRIPT_MODEL: 40.0, "alpha": 30.0}
LING_CHRF_MEANS = {FORMULA_MODEL: 60.0, "alpha": 40.0, SCRIPT_MODEL: 25.0}
LING_BLEU_MEANS = {FORMULA_MODEL: 2.0, "alpha": 15.0, SCRIPT_MODEL: 5.0}
KNOW_ORDER = [SCRIPT_MODEL, "alpha", REPORTED_MODEL]
LING_ORDER = [FORMULA_MODEL, "alpha", SCRIPT_MODEL]
CHRF_SIGNATURE = {"metric": "chrF2", "version": "2.4.0", "nrefs": 1}


def _task(task: str, metrics: dict[str, float], reported: bool) -> TaskScores:
    values = {}
    for key, value in metrics.items():
        if reported:
            values[key] = MetricValue(value=value)
        else:
            signature = CHRF_SIGNATURE if key == "chrf" else {"metric": key}
            values[key] = MetricValue(
                value=value, ci_low=value - 5, ci_high=value + 5, signature=signature
            )
    kind: Literal["know", "ling"] = "know" if "_know_" in task else "ling"
    return TaskScores(task=task, language=task.rsplit("_", 1)[1], kind=kind, metrics=values)


def write_board(root: Path) -> Path:
    """Write the records above into ``root/test/submissions``; return that folder."""
    folder = root / "test" / "submissions"
    for day, (model, tasks) in enumerate(SCORES.items(), start=1):
        reported = model == REPORTED_MODEL
        record = SubmissionRecord(
            leaderboard="test",
            entry_type="reported" if reported else "run",
            model=model,
            model_fingerprint=None if reported else f"sha256:{day}",
            engine=None if reported else "vllm",
            seed=None if reported else 0,
            source=SOURCE if reported else None,
            submitted_at=datetime(2026, 3, day, tzinfo=UTC),
            tasks={t: _task(t, m, reported) for t, m in tasks.items()},
        )
        write_record(folder, record)
    return folder
