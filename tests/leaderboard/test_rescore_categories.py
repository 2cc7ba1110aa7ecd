"""Issue 18: ``leaderboard rescore`` recomputes per-category scores, on the current data.

The Czech know task reads its keywords from a keywords file. A run is submitted, then
the keywords file is corrected and the board rescored: the headline *and* the
per-category keyword accuracies must follow the new keywords. Every expected value is
worked out by hand below from conftest's predictions, not by the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mella_eval.cli import main
from mella_eval.leaderboard import load_board, load_definition, read_records
from tests.leaderboard.conftest import DATA, DEFINITION, LANGS, _write_tasks, build_run

# c1 landmark, c2 food, c3 landmark; h1 landmark, h2 food, h3 (no label).
CATEGORIES = {"c1": ["landmark"], "c2": ["food"], "c3": ["landmark"],
              "h1": ["landmark"], "h2": ["food"], "h3": []}  # fmt: skip
# The corrected keywords file: c1 loses "Pražský hrad", c2's dish is now "knedlíky".
NEW_CS_KEYWORDS = {"c1": [["Vltava", "Vltavou"]], "c2": [["knedlíky"]], "c3": [["Karlův most"]]}

# keyword_accuracy per sample, by hand (conftest PREDICTIONS against the keywords):
#   before: c1 "Hrad nad řekou Vltavou večer." finds Vltavou, not "Pražský hrad" -> 1/2
#           c2 "Talíř s masem, omáčkou a knedlíky." has no svíčková -> 0
#           c3 "Karlův most s lidmi v létě." finds Karlův most -> 1
#   after:  c1 -> 1/1, c2 finds knedlíky -> 1/1, c3 -> 1
# cs before: task (1/2 + 0 + 1)/3 = 50; landmark (c1, c3) (1/2 + 1)/2 = 75; food (c2) 0
# cs after:  task 100; landmark 100; food 100
# hu (keywords unchanged): h1 1/2 (Parlament, not Duna), h2 0, h3 0 ->
#   landmark 50, food 0, uncategorised (h3) 0
CS_BEFORE = {"task": 50.0, "landmark": 75.0, "food": 0.0}
CS_AFTER = {"task": 100.0, "landmark": 100.0, "food": 100.0}
HU = {"landmark": 50.0, "food": 0.0, "uncategorised": 0.0}
# Board by category, mean over the languages having the category, after the rescore:
#   landmark (100 + 50)/2 = 75, food (100 + 0)/2 = 50, uncategorised 0 (hu only)
BOARD_AFTER = {"landmark": 75.0, "food": 50.0, "uncategorised": 0.0}


def _keywords_file(path: Path, keywords: dict[str, list[list[str]]]) -> None:
    header = {"mella_keywords": 1, "extractor": {"name": "hand"}, "summary": {}}
    lines = [{"id": i, "image_sha256": None, "keywords": k} for i, k in keywords.items()]
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [header, *lines]), "utf-8"
    )


@pytest.fixture
def board(tmp_path: Path) -> dict[str, Path]:
    """Test tasks with categories, the cs know task on a keywords file, a run, a board."""
    tasks = tmp_path / "tasks"
    _write_tasks(tasks)
    for lang in LANGS:
        data = tasks / f"lbt_{lang}.jsonl"
        rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
        for row in rows:
            row["cat"] = CATEGORIES[row["id"]]
        data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        for kind in ("know", "ling"):
            spec = tasks / f"lbt_{kind}_{lang}.yaml"
            text = spec.read_text(encoding="utf-8").replace(
                "keywords: kw}", "keywords: kw, category: cat}"
            )
            spec.write_text(text, encoding="utf-8")
    _keywords_file(tasks / "kw_cs.jsonl", {r["id"]: r["kw"] for r in DATA["cs"]})
    know_cs = tasks / "lbt_know_cs.yaml"
    know_cs.write_text(
        know_cs.read_text(encoding="utf-8").replace(
            "  path: lbt_cs.jsonl\n", "  path: lbt_cs.jsonl\n  keywords_file: kw_cs.jsonl\n"
        ),
        encoding="utf-8",
    )
    root = tmp_path / "boards"
    (root / "test").mkdir(parents=True)
    (root / "test" / "leaderboard.yaml").write_text(
        DEFINITION.format(name="test", tasks=json.dumps(str(tasks))), encoding="utf-8"
    )
    return {"tasks": tasks, "run": build_run(tmp_path / "run", tasks), "root": root}


def _category_values(record: object, task: str) -> dict[str, float]:
    scores = record.tasks[task]  # type: ignore[attr-defined]
    values = {n: c.metrics["keyword_accuracy"].value for n, c in scores.categories.items()}
    return {"task": scores.metrics["keyword_accuracy"].value, **values}


def test_rescore_recomputes_category_scores_after_a_keywords_file_change(
    board: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(board["root"])
    assert main(["submit", str(board["run"]), "--leaderboard", "test", "--root", root]) == 0
    folder = board["root"] / "test" / "submissions"
    (before,) = read_records(folder)
    assert _category_values(before, "lbt_know_cs") == pytest.approx(CS_BEFORE)
    assert _category_values(before, "lbt_know_hu") == pytest.approx({"task": 50 / 3, **HU})

    _keywords_file(board["tasks"] / "kw_cs.jsonl", NEW_CS_KEYWORDS)
    capsys.readouterr()
    assert main(["leaderboard", "rescore", "test", "--root", root]) == 0
    output = capsys.readouterr().out

    (after,) = read_records(folder)
    assert _category_values(after, "lbt_know_cs") == pytest.approx(CS_AFTER)
    assert _category_values(after, "lbt_know_hu") == pytest.approx({"task": 50 / 3, **HU})
    cs = after.tasks["lbt_know_cs"].categories
    assert (cs["landmark"].n_scored, cs["food"].n_scored) == (2, 1)
    assert after.tasks["lbt_know_cs"].task_hash != before.tasks["lbt_know_cs"].task_hash
    (event,) = after.rescores
    moved = {(c.task, c.category, c.metric): (c.old, c.new) for c in event.changes}
    assert moved[("lbt_know_cs", None, "keyword_accuracy")] == pytest.approx((50.0, 100.0))
    assert moved[("lbt_know_cs", "landmark", "keyword_accuracy")] == pytest.approx((75.0, 100.0))
    assert moved[("lbt_know_cs", "food", "keyword_accuracy")] == pytest.approx((0.0, 100.0))
    assert not [key for key in moved if key[0] != "lbt_know_cs"]  # hu and ling did not move
    assert "keyword_accuracy [landmark]" in output

    shown = load_board(load_definition("test", board["root"]), by_category=True)
    (know,) = [v for v in shown["views"] if v["name"] == "know"]
    (row,) = know["rows"]
    assert {n: c["value"] for n, c in row["by_category"].items()} == pytest.approx(BOARD_AFTER)
