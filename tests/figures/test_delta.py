"""Delta figures: candidate minus baseline with the paired CI and significance markers."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import pytest
from matplotlib.container import BarContainer, ErrorbarContainer

from mella_eval.figures import compute_deltas, load_runs, plot_delta, significance_marker
from mella_eval.figures.delta import two_sided
from mella_eval.results import SampleRecord, write_results, write_samples
from tests.figures.conftest import make_run


@dataclass
class FakePaired:
    delta: float
    p_value: float
    ci_low: float
    ci_high: float


# Two-sided p per language: tiny, none, small, and a significant drop.
FAKE = {
    "ar": FakePaired(4.5, 0.008, 2.0, 7.0),  # **
    "cs": FakePaired(-1.0, 0.60, -3.0, 1.0),  # none
    "hu": FakePaired(6.25, 0.04, 1.0, 11.5),  # *
    "ko": FakePaired(-5.0, 0.002, -8.0, -2.0),  # ** (a significant drop)
}


def fake_compare(calls: list[tuple[str, str]]):
    def compare(task: str, metric: str) -> FakePaired:
        calls.append((task, metric))
        return FAKE[task.rsplit("_", 1)[1]]

    return compare


def test_markers_and_two_sided_p() -> None:
    assert [significance_marker(p) for p in (0.009, 0.01, 0.049, 0.05, 0.5)] == [
        "**", "*", "*", "", "",
    ]  # fmt: skip
    assert two_sided(0.004, 0.997) == pytest.approx(0.008)
    assert two_sided(0.999, 0.002) == pytest.approx(0.004)
    # identical runs: every resample ties, so neither direction is better
    assert two_sided(1.0, 1.0) == 1.0


def test_delta_plot_with_fake_comparison(two_runs: list[Path]) -> None:
    base, tuned = load_runs(two_runs)
    calls: list[tuple[str, str]] = []
    tasks = ["mella_know_ko", "mella_know_ar", "mella_know_hu", "mella_know_cs"]
    deltas = compute_deltas(base, tuned, fake_compare(calls), None, tasks)
    assert sorted(calls) == sorted((t, "keyword_accuracy") for t in tasks)
    ((_, points),) = deltas
    assert [p.language for p in points] == ["ar", "cs", "hu", "ko"]
    assert [p.marker for p in points] == ["**", "", "*", "**"]
    fig = plot_delta(deltas)
    ax = fig.axes[0]
    (bars,) = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [b.get_height() for b in bars.patches] == [4.5, -1.0, 6.25, -5.0]
    (err,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    spans = [(seg[0][1], seg[1][1]) for seg in err.lines[2][0].get_segments()]
    assert spans == [(2.0, 7.0), (-3.0, 1.0), (1.0, 11.5), (-8.0, -2.0)]
    markers = {round(t.get_position()[0]): t.get_text() for t in ax.texts}
    assert markers == {0: "**", 2: "*", 3: "**"}
    # markers sit beyond the CI end on the delta's side
    by_x = {round(t.get_position()[0]): t.get_position()[1] for t in ax.texts}
    assert by_x[0] > 7.0 and by_x[3] < -8.0
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Arabic",
        "Czech",
        "Hungarian",
        "Korean",
    ]
    assert any("p < 0.05" in t.get_text() for t in fig.texts)


def write_paired_run(root: Path, which: str, good: str) -> Path:
    """A run whose mella_know_cs samples find both keywords in 15 of 20 captions (tuned) or 5."""
    run = make_run(which)
    records = [
        SampleRecord(
            id=f"s{i}",
            prompt="Popište obrázek.",
            references=["Hrad u řeky."],
            keywords=[["hrad"], ["řeka"]],
            prediction=good if i % 4 else "Na obrázku je hrad.",
        )
        for i in range(20)
    ]
    relative, digest = write_samples(root / which, "mella_know_cs", records)
    task = run.tasks["mella_know_cs"].model_copy(
        update={"samples_file": relative, "samples_sha256": digest}
    )
    run.tasks = {"mella_know_cs": task}
    write_results(root / which, run)
    return root / which


@pytest.mark.skipif(
    importlib.util.find_spec("mella_eval.scoring.corpus") is None, reason="metrics not built"
)
def test_real_paired_bootstrap_is_candidate_minus_baseline(tmp_path: Path) -> None:
    from mella_eval.figures import paired_compare_fn

    # baseline: 5 samples find 1 of 2 keywords, 15 find none -> 12.5; tuned: 15 find both,
    # 5 find one -> 87.5. Hand-computed delta: +75 points.
    base_dir = write_paired_run(tmp_path, "base", "Na obrázku je pes.")
    tuned_dir = write_paired_run(tmp_path, "tuned", "Na obrázku je hrad a řeka.")
    base, tuned = load_runs([base_dir, tuned_dir])
    compare = paired_compare_fn(base, tuned, samples=200, seed=0)
    ((_, (point,)),) = compute_deltas(base, tuned, compare)
    assert point.delta == pytest.approx(75.0)
    assert point.ci_low > 0 and point.ci_high <= 100
    assert point.marker == "**"


@pytest.mark.skipif(
    importlib.util.find_spec("mella_eval.scoring.corpus") is None, reason="metrics not built"
)
def test_identical_runs_are_not_significant(tmp_path: Path) -> None:
    from mella_eval.figures import paired_compare_fn

    first = write_paired_run(tmp_path, "base", "Na obrázku je hrad a řeka.")
    second = write_paired_run(tmp_path, "tuned", "Na obrázku je hrad a řeka.")
    base, tuned = load_runs([first, second])
    ((_, (point,)),) = compute_deltas(base, tuned, paired_compare_fn(base, tuned, samples=100))
    assert (point.delta, point.ci_low, point.ci_high) == (0.0, 0.0, 0.0)
    assert point.p_value == 1.0 and point.marker == ""
