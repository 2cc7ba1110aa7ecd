"""Leaderboard records (e.g. numbers reported in papers) can sit beside runs in a figure."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mella_eval.errors import ResultsError
from mella_eval.figures import build_grids, load_runs, paired_compare_fn
from mella_eval.leaderboard.records import SubmissionRecord, TaskScores, write_record
from mella_eval.results import MetricValue
from tests.figures.conftest import KNOW, MODEL


def paper_record(folder: Path) -> Path:
    """A reported entry: keyword accuracy for ar and th, chrF only for ling ko."""
    tasks = {
        "mella_know_th": TaskScores(task="mella_know_th", language="th", kind="know",
                                    metrics={"keyword_accuracy": MetricValue(value=12.5)}),
        "mella_know_ar": TaskScores(task="mella_know_ar", language="ar", kind="know",
                                    metrics={"keyword_accuracy": MetricValue(value=2.46)}),
        "mella_ling_ko": TaskScores(task="mella_ling_ko", language="ko", kind="ling",
                                    metrics={"chrf": MetricValue(value=20.25)}),
    }  # fmt: skip
    record = SubmissionRecord(
        leaderboard="mella", entry_type="reported", model="InternVL2-8B (paper)",
        source="https://arxiv.org/abs/2508.05502", submitted_at=datetime(2026, 1, 1, tzinfo=UTC),
        tasks=tasks,
    )  # fmt: skip
    return write_record(folder, record)


def test_record_beside_a_run(two_runs: list[Path], tmp_path: Path) -> None:
    record = paper_record(tmp_path / "submissions")
    runs = load_runs([two_runs[0], record])
    assert [r.label for r in runs] == [MODEL["base"], "InternVL2-8B (paper)"]
    know, ling = build_grids(runs)
    assert know.values(MODEL["base"]) == KNOW["base"]
    paper = know.values("InternVL2-8B (paper)")
    assert (paper[0], paper[6]) == (2.46, 12.5)
    assert sum(v == v for v in paper) == 2  # the other six are NaN
    # the record's ling task has no METEOR; its first metric stands in as its headline
    assert ling.cell("InternVL2-8B (paper)", "ko") is None
    (chrf,) = build_grids(runs, "chrf")
    cell = chrf.cell("InternVL2-8B (paper)", "ko")
    assert cell is not None and cell.value == 20.25


def test_delta_needs_sample_files(two_runs: list[Path], tmp_path: Path) -> None:
    base, paper = load_runs([two_runs[0], paper_record(tmp_path / "s")])
    with pytest.raises(ResultsError, match="leaderboard record"):
        paired_compare_fn(paper, base)


def test_edited_record_is_refused(tmp_path: Path) -> None:
    path = paper_record(tmp_path / "s")
    path.write_text(path.read_text(encoding="utf-8").replace("2.46", "92.46"), encoding="utf-8")
    with pytest.raises(ResultsError, match="does not match"):
        load_runs([path])


def test_headline_comes_from_runs_not_records(two_runs: list[Path], tmp_path: Path) -> None:
    runs = load_runs([paper_record(tmp_path / "s"), two_runs[0]])  # record listed first
    _, ling = build_grids(runs, None, ["mella_ling_*", "mella_know_ar"])
    assert ling.metric == "meteor" and ling.keys["ko"] == "meteor"
