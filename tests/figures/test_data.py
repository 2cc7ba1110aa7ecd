"""Runs become grids holding exactly the hand-chosen numbers, in the fixed language order."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from mella_eval.errors import ResultsError
from mella_eval.figures import build_grids, load_runs
from mella_eval.results import write_results
from tests.figures.conftest import BLEU, KNOW, LANGS, LING, MODEL, make_run


def test_grids_hold_the_written_values_per_kind(two_runs: list[Path]) -> None:
    runs = load_runs(two_runs)
    know, ling = build_grids(runs)
    assert (know.kind, know.metric, ling.kind, ling.metric) == (
        "know",
        "keyword_accuracy",
        "ling",
        "meteor",
    )
    assert know.languages == ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"]
    assert know.runs == [MODEL["base"], MODEL["tuned"]]
    assert know.values(MODEL["base"]) == KNOW["base"]
    assert ling.values(MODEL["tuned"]) == LING["tuned"]
    cell = know.cell(MODEL["base"], "hu")
    assert cell is not None and (cell.ci_low, cell.ci_high) == (36.25, 40.25)


def test_explicit_metric_and_task_globs(two_runs: list[Path]) -> None:
    runs = load_runs(two_runs)
    (grid,) = build_grids(runs, "bleu", ["mella_ling_*"])
    assert grid.values(MODEL["tuned"]) == BLEU["tuned"]
    (only,) = build_grids(runs, None, ["mella_know_th", "mella_know_ar"])
    assert only.languages == ["ar", "th"]  # fixed order, not the order asked
    assert only.values(MODEL["tuned"]) == [KNOW["tuned"][0], KNOW["tuned"][6]]


def test_language_order_does_not_follow_file_order(tmp_path: Path) -> None:
    run = make_run("base")
    run.tasks = dict(reversed(list(run.tasks.items())))
    write_results(tmp_path / "r", run)
    (know, _) = build_grids(load_runs([tmp_path / "r"]))
    assert know.languages == LANGS


def test_missing_task_is_nan_and_has_no_mean(tmp_path: Path) -> None:
    partial = make_run("tuned")
    del partial.tasks["mella_know_ko"]
    write_results(tmp_path / "a", make_run("base"))
    write_results(tmp_path / "b", partial)
    know = build_grids(load_runs([tmp_path / "a", tmp_path / "b"]))[0]
    assert math.isnan(know.values(MODEL["tuned"])[3])
    assert know.mean(MODEL["tuned"]) is None
    assert know.mean(MODEL["base"]) == pytest.approx(sum(KNOW["base"]) / 8)


def test_same_model_is_told_apart_by_seed(tmp_path: Path) -> None:
    for seed in (1, 2):
        write_results(tmp_path / f"s{seed}", make_run("base", seed=seed, model="demo"))
    runs = load_runs([tmp_path / "s1" / "results.json", tmp_path / "s2"])
    assert [r.label for r in runs] == ["demo (seed 1)", "demo (seed 2)"]
    assert runs[0].directory == tmp_path / "s1"


def test_labels_override_and_must_match(two_runs: list[Path]) -> None:
    assert [r.label for r in load_runs(two_runs, ["A", "B"])] == ["A", "B"]
    with pytest.raises(ResultsError, match="1 label"):
        load_runs(two_runs, ["A"])
    with pytest.raises(ResultsError, match="unique"):
        load_runs(two_runs, ["A", "A"])


def test_user_errors(two_runs: list[Path], tmp_path: Path) -> None:
    runs = load_runs(two_runs)
    with pytest.raises(ResultsError, match="available: bleu, keyword_accuracy"):
        build_grids(runs, "cider_d")
    with pytest.raises(ResultsError, match="mella_know_xx"):
        build_grids(runs, None, ["mella_know_xx"])
    with pytest.raises(ResultsError, match=r"no results\.json"):
        load_runs([tmp_path / "empty"])


def test_languages_outside_mella_follow_the_fixed_eight(tmp_path: Path) -> None:
    """ar..vi happen to be alphabetical; an extra language shows that the order is fixed."""
    run = make_run("base")
    extra = run.tasks["mella_know_cs"].model_copy(update={"task": "my_know_en", "language": "en"})
    run.tasks = {"my_know_en": extra, **run.tasks}
    write_results(tmp_path / "r", run)
    know, _ = build_grids(load_runs([tmp_path / "r"]))
    assert know.languages == [*LANGS, "en"]
    assert know.tasks["en"] == "my_know_en"
