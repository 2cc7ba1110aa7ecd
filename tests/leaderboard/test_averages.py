"""Named means (XM3600's avg-35), the shipped xm3600 and xflickrco boards, and a run landing
on the board of its benchmark. Expected means are computed by hand from the numbers here."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from mella_eval.errors import SubmissionError
from mella_eval.leaderboard import (
    SubmissionRecord,
    TaskScores,
    board_for_tasks,
    build_board,
    load_definition,
    render_csv,
    render_markdown,
)
from mella_eval.leaderboard.definition import LeaderboardDefinition
from mella_eval.results import MetricValue
from mella_eval.tasks import TaskRegistry
from tests.text.test_xm3600_languages import XM3600

DEFINITION = {
    "name": "t",
    "title": "T",
    "schema_version": "1.0",
    "languages": ["en", "de", "zh"],
    "averages": [{"name": "avg-2", "languages": ["de", "zh"]}],
    "default_view": "coco",
    "views": [
        {"name": "coco", "title": "C", "kind": "ling", "task_template": "x_{lang}",
         "task_version": 1, "metrics": ["cider_coco"], "rank_by": "cider_coco"},
    ],
}  # fmt: skip
# model -> language -> CIDEr. Over all three languages both have a mean of 40 ((90+10+20)/3,
# (30+40+50)/3); over de and zh (avg-2) "balanced" has 45 and "english" 15.
SCORES = {"english": {"en": 90.0, "de": 10.0, "zh": 20.0}, "balanced": {"en": 30.0, "de": 40.0, "zh": 50.0}}  # fmt: skip


def _record(model: str, day: int, langs: dict[str, float]) -> tuple[SubmissionRecord, str]:
    tasks = {
        f"x_{lang}": TaskScores(
            task=f"x_{lang}", language=lang, kind="ling",
            metrics={"cider_coco": MetricValue(value=value)},
        )
        for lang, value in langs.items()
    }  # fmt: skip
    record = SubmissionRecord(
        leaderboard="t", entry_type="run", model=model, model_fingerprint=f"sha256:{day}",
        engine="hf", seed=0, submitted_at=datetime(2026, 3, day, tzinfo=UTC), tasks=tasks,
    )  # fmt: skip
    return record, f"{model}.json"


def _board(**changes: object) -> dict:
    definition = LeaderboardDefinition.model_validate({**DEFINITION, **changes})
    records = [_record(m, day, s) for day, (m, s) in enumerate(SCORES.items(), start=1)]
    records.append(_record("partial", 3, {"de": 99.0, "zh": 99.0}))  # no en
    return build_board(definition, records)


def test_named_mean_ranks_and_every_mean_is_shown() -> None:
    (view,) = _board()["views"]
    rows = {r["model"]: r for r in view["rows"]}
    assert rows["balanced"]["averages"]["avg-2"]["cider_coco"] == pytest.approx(45.0)
    assert rows["english"]["averages"]["avg-2"]["cider_coco"] == pytest.approx(15.0)
    # avg-2 does not need en: the partial entry has it (99) and ranks first
    assert [r["model"] for r in view["rows"]] == ["partial", "balanced", "english"]
    assert [r["rank"] for r in view["rows"]] == [1, 2, 3]
    markdown = render_markdown(_board())
    assert "| cider_coco (avg-2) | en | de | zh |" in markdown
    assert "over 2 languages (avg-2)" in markdown


def test_rank_average_picks_the_mean_that_ranks() -> None:
    averages = [
        {"name": "mean", "languages": ["en", "de", "zh"]},
        {"name": "avg-2", "languages": ["de", "zh"]},
    ]
    board = _board(averages=averages, rank_average="mean")
    (view,) = board["views"]
    # by the mean over all three: english (40.0) and balanced (40.0) share rank 1; partial
    # lacks en, so it has no mean and no rank
    assert [(r["model"], r["rank"]) for r in view["rows"]] == [
        ("english", 1), ("balanced", 1), ("partial", None)
    ]  # fmt: skip
    table = list(csv.DictReader(io.StringIO(render_csv(board))))
    balanced = next(r for r in table if r["model"] == "balanced")
    assert float(balanced["cider_coco_mean"]) == pytest.approx(40.0)
    assert float(balanced["cider_coco_mean_avg-2"]) == pytest.approx(45.0)
    assert float(balanced["cider_coco_en"]) == 30.0  # the language column, not a mean


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"averages": [{"name": "a", "languages": ["fr"]}]}, "not a board language"),
        ({"rank_average": "nope"}, "is not an average"),
    ],
)
def test_average_mistakes_are_named(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LeaderboardDefinition.model_validate({**DEFINITION, **changes})


def test_shipped_xm3600_board_ranks_by_avg35_under_both_protocols() -> None:
    definition = load_definition("xm3600")
    assert definition.languages[0] == "en" and sorted(definition.languages) == sorted(XM3600)
    (avg35,) = definition.means()
    assert avg35.name == "avg-35" and sorted(avg35.languages) == sorted(set(XM3600) - {"en"})
    assert [(v.name, v.rank_by) for v in definition.views] == [
        ("coco", "cider_coco"), ("seg", "cider_coco_seg")
    ]  # fmt: skip
    registry = TaskRegistry.discover()
    for _, _, task in definition.tasks():
        assert registry.get(task).kind == "ling"


def test_shipped_xflickrco_board() -> None:
    definition = load_definition("xflickrco")
    assert [a.name for a in definition.means()] == ["mean", "avg-7"]
    registry = TaskRegistry.discover()
    assert {task for _, _, task in definition.tasks()} == {
        s.name for s in registry.resolve(["xflickrco"])
    }


def test_a_run_lands_on_the_board_of_its_benchmark() -> None:
    assert board_for_tasks(["xm3600_en", "xm3600_zh"]) == "xm3600"
    assert board_for_tasks(["mella_know_ar", "mella_ling_ar"]) == "mella"
    assert board_for_tasks(["xflickrco_de"]) == "xflickrco"
    with pytest.raises(SubmissionError, match="several"):
        board_for_tasks(["xm3600_de", "xflickrco_de"])
    with pytest.raises(SubmissionError, match="none"):
        board_for_tasks(["my_task"])


def test_mella_board_keeps_its_single_mean() -> None:
    definition = load_definition("mella")
    assert [(a.name, a.languages) for a in definition.means()] == [("mean", definition.languages)]
