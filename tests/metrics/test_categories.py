"""Per-category scores against hand computations (results schema 1.1).

Seven English samples with known keyword hits; every expected number below is worked
out by hand in the comments, never taken from the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mella_eval.data.dataset import load_task_data
from mella_eval.errors import DataError
from mella_eval.results import UNCATEGORISED, SampleRecord
from mella_eval.scoring import category_groups, score_task
from mella_eval.tasks.spec import TaskSpec
from tests.conftest import draw_image

SPEC = TaskSpec.model_validate(
    {
        "name": "cat_know_en",
        "version": 1,
        "kind": "know",
        "language": "en",
        "dataset": {"adapter": "jsonl", "path": "x.jsonl"},
        "prompt": {"templates": ["Describe this picture."]},
        "metrics": ["keyword_accuracy", "keyword_hit"],
    }
)
# id, categories, keyword entries, prediction -> found / entries (hand count)
SAMPLES = [
    ("s1", ["food"], [["pizza"], ["basil"]], "a pizza with tomato"),  # 1/2
    ("s2", ["food"], [["sushi"]], "sushi on a plate"),  # 1/1
    ("s3", ["food"], [["ramen"], ["egg"], ["pork"]], "noodles with an egg"),  # 1/3
    ("s4", ["landmark"], [["Eiffel Tower"], ["Paris"]], "the Eiffel Tower in Paris"),  # 2/2
    ("s5", ["landmark"], [["Big Ben"]], "a clock tower"),  # 0/1
    ("s6", ["landmark", "festival"], [["Colosseum"], ["Rome"]], "Rome at night"),  # 1/2
    ("s7", [], [["Taj Mahal"]], "the Taj Mahal at dawn"),  # 1/1, no category
]
# keyword_accuracy per category, x100:
#   food        (1/2 + 1 + 1/3) / 3 = 11/18          = 61.111...
#   landmark    (1 + 0 + 1/2) / 3   = 1/2            = 50.0
#   festival    s6 alone            = 1/2            = 50.0
#   uncategorised s7 alone          = 1              = 100.0
#   task        (1/2+1+1/3+1+0+1/2+1) / 7 = 13/21    = 61.904...
# keyword_hit: food 3/3, landmark 2/3, festival 1/1, uncategorised 1/1.
EXPECTED_ACCURACY = {
    "festival": 50.0,
    "food": 1100 / 18,
    "landmark": 50.0,
    UNCATEGORISED: 100.0,
}
EXPECTED_HIT = {"festival": 100.0, "food": 100.0, "landmark": 200 / 3, UNCATEGORISED: 100.0}


def _records(rows: list[tuple[str, list[str], list[list[str]], str]]) -> list[SampleRecord]:
    return [
        SampleRecord(id=i, prompt="p", prediction=pred, references=["r"], keywords=kw,
                     categories=cats)
        for i, cats, kw, pred in rows
    ]  # fmt: skip


def test_category_means_equal_hand_computation() -> None:
    scored = score_task(SPEC, _records(SAMPLES), bootstrap=200, seed=0)
    assert scored.metrics["keyword_accuracy"].value == pytest.approx(1300 / 21)
    assert sorted(scored.categories) == sorted(EXPECTED_ACCURACY)
    for name, expected in EXPECTED_ACCURACY.items():
        got = scored.categories[name].metrics["keyword_accuracy"]
        assert got.value == pytest.approx(expected), name
        assert got.ci_low is not None and got.ci_high is not None
        assert got.ci_low <= got.value + 1e-9 and got.value - 1e-9 <= got.ci_high, name
    for name, expected in EXPECTED_HIT.items():
        assert scored.categories[name].metrics["keyword_hit"].value == pytest.approx(expected)
    counts = {name: c.n_scored for name, c in scored.categories.items()}
    assert counts == {"festival": 1, "food": 3, "landmark": 3, UNCATEGORISED: 1}


def test_one_sample_category_has_a_zero_width_interval() -> None:
    """Every resample of one sample is that sample: the CI collapses onto the value."""
    festival = score_task(SPEC, _records(SAMPLES), bootstrap=200).categories["festival"]
    value = festival.metrics["keyword_accuracy"]
    assert (value.ci_low, value.value, value.ci_high) == pytest.approx((50.0, 50.0, 50.0))


def test_category_interval_is_the_task_bootstrap_of_that_subset() -> None:
    """Same resamples and seed as a task made of the category's samples alone."""
    full = score_task(SPEC, _records(SAMPLES), bootstrap=300, seed=7)
    food_only = score_task(SPEC, _records(SAMPLES[:3]), bootstrap=300, seed=7)
    got = full.categories["food"].metrics["keyword_accuracy"]
    alone = food_only.metrics["keyword_accuracy"]
    assert (got.value, got.ci_low, got.ci_high) == pytest.approx(
        (alone.value, alone.ci_low, alone.ci_high)
    )
    assert got.ci_low < got.value < got.ci_high  # 1/2, 1, 1/3 differ: a real interval


def test_no_labels_anywhere_means_no_categories_and_errors_are_left_out() -> None:
    plain = [(i, [], kw, p) for i, _, kw, p in SAMPLES]
    assert score_task(SPEC, _records(plain), bootstrap=10).categories == {}
    records = _records(SAMPLES)
    records[0] = records[0].model_copy(update={"prediction": None, "error": "bad image"})
    food = score_task(SPEC, records, bootstrap=10).categories["food"]
    # s1 failed: food = (1 + 1/3) / 2 = 2/3
    assert food.n_scored == 2
    assert food.metrics["keyword_accuracy"].value == pytest.approx(200 / 3)


def test_groups_list_multi_label_samples_in_each_category() -> None:
    groups = category_groups(_records(SAMPLES))
    assert groups == {
        "festival": [5],
        "food": [0, 1, 2],
        "landmark": [3, 4, 5],
        UNCATEGORISED: [6],
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("food", ("food",)),
        (["food", " landmark ", "food", ""], ("food", "landmark")),
        ({"l1": "place", "l2": "mosque"}, ("place",)),
        (None, ()),
    ],
)
def test_category_field_shapes(tmp_path: Path, value: Any, expected: tuple[str, ...]) -> None:
    """A label, a list (deduplicated), MELLA-release levels (first), or nothing."""
    draw_image(tmp_path / "a.png")
    record = {"id": "a", "image": "a.png", "refs": "x", "cat": value}
    (tmp_path / "d.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    spec = _spec_for(tmp_path)
    assert load_task_data(spec).samples[0].categories == expected


def test_bad_category_names_file_line_and_sample(tmp_path: Path) -> None:
    draw_image(tmp_path / "a.png")
    lines = '{"id": "a", "image": "a.png", "refs": "x", "cat": "food"}\n'
    lines += '{"id": "b", "image": "a.png", "refs": "x", "cat": [1, 2]}\n'
    (tmp_path / "d.jsonl").write_text(lines, encoding="utf-8")
    with pytest.raises(DataError, match=r"d\.jsonl:2.*\bb\b.*category") as caught:
        load_task_data(_spec_for(tmp_path))
    assert "\n" not in str(caught.value)


def _spec_for(folder: Path) -> TaskSpec:
    return TaskSpec.model_validate(
        {
            "name": "cat_ling_en",
            "version": 1,
            "kind": "ling",
            "language": "en",
            "dataset": {
                "adapter": "jsonl",
                "path": "d.jsonl",
                "fields": {"references": "refs", "category": "cat"},
            },
            "prompt": {"templates": ["Describe."]},
            "metrics": ["chrf"],
            "base_dir": folder,
        }
    )
