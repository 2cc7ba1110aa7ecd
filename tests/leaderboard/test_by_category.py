"""Per-category scores on the leaderboard and in figures; schema 1.0 results still work.

The categorised run uses the leaderboard test tasks with labels added; its expected
per-category keyword accuracies are worked out by hand from conftest's predictions.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from mella_eval.cli import main
from mella_eval.errors import ResultsError
from mella_eval.figures import category_grids, load_runs
from mella_eval.leaderboard import load_board, load_definition, render_all, submit_run
from mella_eval.results import read_results, sha256_text
from tests.conftest import REPO
from tests.leaderboard.conftest import DEFINITION, LANGS, build_run

# c1 landmark, c2 food, c3 landmark; h1 landmark, h2 food, h3 (no label).
CATEGORIES = {"c1": ["landmark"], "c2": ["food"], "c3": ["landmark"],
              "h1": ["landmark"], "h2": ["food"], "h3": []}  # fmt: skip
# keyword_accuracy per sample (conftest PREDICTIONS against DATA keywords, by hand):
#   c1 "Hrad nad řekou Vltavou": Vltavou yes, Pražský hrad no -> 1/2;  c2 -> 0;  c3 -> 1
#   h1 "A Parlament épülete": Parlament yes, Duna no -> 1/2;  h2 -> 0;  h3 -> 0
# cs: landmark (1/2 + 1)/2 = 75, food 0.  hu: landmark 50, food 0, uncategorised 0.
# Board, mean over the languages having the category: landmark (75+50)/2 = 62.5 (2 langs),
# food 0 (2 langs), uncategorised 0 (hu only).
BY_CATEGORY = {"food": (0.0, ["cs", "hu"]), "landmark": (62.5, ["cs", "hu"]),
               "uncategorised": (0.0, ["hu"])}  # fmt: skip


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The leaderboard test tasks with a category field, a run of them, and a board."""
    from tests.leaderboard.conftest import _write_tasks

    base = tmp_path_factory.mktemp("labelled")
    tasks = base / "tasks"
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
    root = base / "boards"
    (root / "test").mkdir(parents=True)
    (root / "test" / "leaderboard.yaml").write_text(
        DEFINITION.format(name="test", tasks=json.dumps(str(tasks))), encoding="utf-8"
    )
    return {"tasks": tasks, "run": build_run(base / "run", tasks), "root": root}


def test_board_by_category_matches_hand_means(labelled: dict[str, Path], tmp_path: Path) -> None:
    root = Path(shutil.copytree(labelled["root"], tmp_path / "boards"))
    definition = load_definition("test", root)
    submit_run(definition, labelled["run"])
    board = load_board(definition, by_category=True)
    know = next(v for v in board["views"] if v["name"] == "know")
    assert know["categories"] == sorted(BY_CATEGORY)
    (row,) = know["rows"]
    for name, (value, langs) in BY_CATEGORY.items():
        assert row["by_category"][name]["value"] == pytest.approx(value), name
        assert row["by_category"][name]["languages"] == langs
    assert "categories" not in load_board(definition)["views"][0]  # the view is optional
    out = tmp_path / "site"
    assert main(["leaderboard", "render", "test", "--root", str(root), "--output", str(out),
                 "--by-category"]) == 0  # fmt: skip
    markdown = (out / "leaderboard.md").read_text(encoding="utf-8")
    assert "| Model | food | landmark | uncategorised |" in markdown
    assert "| tiny-vlm | 0.00 (2) | 62.50 (2) | 0.00 (1) |" in markdown
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<section id="by-category">' in page and 'title="mean over cs, hu">62.50' in page
    header = (out / "leaderboard.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "keyword_accuracy_category_landmark" in header


def _downgrade_to_1_0(run: Path) -> None:
    """Rewrite a run as schema 1.0 wrote it: no categories anywhere, hashes updated."""
    path = run / "results.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["schema_version"] = "1.0"
    for task in raw["tasks"].values():
        task.pop("categories", None)
        sample_file = run / task["samples_file"]
        lines = []
        for line in sample_file.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            record.pop("categories", None)
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
        text = "".join(lines)
        sample_file.write_text(text, encoding="utf-8")
        task["samples_sha256"] = sha256_text(text)
    path.write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")


def test_schema_1_0_results_load_validate_submit_render_and_plot(
    labelled: dict[str, Path], tmp_path: Path
) -> None:
    run = Path(shutil.copytree(labelled["run"], tmp_path / "old-run"))
    _downgrade_to_1_0(run)
    raw = json.loads((run / "results.json").read_text(encoding="utf-8"))
    for schema in ("results.schema.json", "results-1.0.schema.json"):
        jsonschema.validate(raw, json.loads((REPO / "schemas" / schema).read_text("utf-8")))
    result = read_results(run)
    assert result.schema_version == "1.0"
    assert all(t.categories == {} for t in result.tasks.values())
    # A board that asks for 1.0 takes it; rescoring adds categories from the task data.
    root = Path(shutil.copytree(labelled["root"], tmp_path / "boards"))
    definition = load_definition("test", root)
    submit_run(definition, run)
    row = next(v for v in load_board(definition, by_category=True)["views"] if v["name"] == "know")
    assert row["rows"][0]["by_category"]["landmark"]["value"] == pytest.approx(62.5)
    assert render_all(definition, tmp_path / "site", by_category=True)
    figure = tmp_path / "old.svg"
    assert main(["plot", str(run), "--kind", "heatmap", "--out", str(figure)]) == 0
    assert figure.read_text(encoding="utf-8").startswith("<?xml")
    with pytest.raises(ResultsError, match="no per-category scores"):
        category_grids(load_runs([run]))


def test_category_heatmap_of_a_1_1_run(
    labelled: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run scored by this version (categories in results.json): rows are categories."""
    from mella_eval.results import read_samples
    from mella_eval.scoring import score_task
    from mella_eval.tasks import TaskRegistry

    run = Path(shutil.copytree(labelled["run"], tmp_path / "run"))
    path = run / "results.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    registry = TaskRegistry.discover([labelled["tasks"]])
    result = read_results(run)
    for name, task in result.tasks.items():
        records = [
            r.model_copy(update={"categories": CATEGORIES[r.id]}) for r in read_samples(run, task)
        ]
        scoring = score_task(registry.get(name), records, bootstrap=20)
        raw["tasks"][name]["categories"] = {
            k: v.model_dump(mode="json") for k, v in scoring.categories.items()
        }
    path.write_text(json.dumps(raw), encoding="utf-8")
    (grid,) = [g for g in category_grids(load_runs([run]), "keyword_accuracy") if g.kind == "know"]
    assert grid.runs == ["food", "landmark", "uncategorised"]
    assert grid.languages == ["cs", "hu"]
    assert grid.title.startswith("tiny-vlm · ")
    assert grid.cell("landmark", "cs").value == pytest.approx(75.0)  # type: ignore[union-attr]
    assert grid.cell("landmark", "hu").value == pytest.approx(50.0)  # type: ignore[union-attr]
    assert grid.cell("uncategorised", "cs") is None
    figure = tmp_path / "cat.svg"
    assert main(["plot", str(run), "--kind", "heatmap", "--by-category",
                 "--metric", "keyword_accuracy", "--out", str(figure)]) == 0  # fmt: skip
    svg = figure.read_text(encoding="utf-8")
    assert "75.0" in svg and "62.5" not in svg  # per-language cells, no pooled value
    bad = ["plot", str(run), "--kind", "bars", "--by-category", "--out", str(figure)]
    assert main(bad) == 2
    assert "--by-category goes with --kind heatmap" in capsys.readouterr().err
