"""Renderings: Markdown table structure, CSV and JSON read back, HTML escaping."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from mella_eval.leaderboard import load_definition, macro_mean, render_all
from tests.leaderboard.boards import (
    FORMULA_MODEL,
    KNOW_MEANS,
    KNOW_ORDER,
    LING_BLEU_MEANS,
    LING_CHRF_MEANS,
    LING_ORDER,
    REPORTED_MODEL,
    SCRIPT_MODEL,
    SOURCE,
    write_board,
)


@pytest.fixture
def rendered(lb_root: Path, tmp_path: Path) -> Path:
    write_board(lb_root)
    out = tmp_path / "out"
    written = render_all(load_definition("test", lb_root), out)
    assert sorted(p.name for p in written) == sorted(
        ["leaderboard.md", "leaderboard.csv", "leaderboard.json", "index.html"]
    )
    return out


def test_macro_mean_needs_every_language() -> None:
    assert macro_mean([10.0, 20.0, 60.0]) == 30.0
    assert macro_mean([10.0, None]) is None
    assert macro_mean([]) is None


def _md_tables(text: str) -> dict[str, list[list[str]]]:
    """Each '### title' section's table rows, cells split on unescaped pipes."""
    tables: dict[str, list[list[str]]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("### "):
            current = line[4:]
            tables[current] = []
        elif line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            tables[current].append([c.strip() for c in cells])
    return tables


def test_markdown_tables_are_well_formed_and_ranked(rendered: Path) -> None:
    text = (rendered / "leaderboard.md").read_text(encoding="utf-8")
    tables = _md_tables(text)
    assert list(tables) == ["Know view", "Ling view"]
    for rows in tables.values():
        assert all(len(row) == len(rows[0]) for row in rows), "ragged Markdown table"
        assert set("".join(rows[1])) <= set("-: ")
    know = tables["Know view"]
    header = know[0]
    assert header[:3] == ["Rank", "Model", "keyword_accuracy (mean)"]
    body = know[2:]
    assert [r[0] for r in body] == ["1", "2", "–"]
    assert [r[2] for r in body] == ["40.00", "30.00", "–"]
    assert body[2][1] == REPORTED_MODEL and "reported, not re-run" in body[2][-2]
    assert body[2][header.index("cs")] == "90.00" and body[2][header.index("hu")] == "–"
    ling = tables["Ling view"][2:]
    assert [r[2] for r in ling] == ["60.00", "40.00", "25.00"]
    assert ling[0][1] == r"=SUM(1) \| pipe \* model"


def test_markdown_escapes_html(rendered: Path) -> None:
    text = (rendered / "leaderboard.md").read_text(encoding="utf-8")
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_csv_reads_back_with_hand_computed_means(rendered: Path) -> None:
    text = (rendered / "leaderboard.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    know = [r for r in rows if r["view"] == "know"]
    ling = [r for r in rows if r["view"] == "ling"]
    formula = "'" + FORMULA_MODEL  # a spreadsheet must not run it
    assert [r["model"] for r in know] == KNOW_ORDER
    assert [r["model"] for r in ling] == [formula, *LING_ORDER[1:]]
    for row in know[:2]:
        assert float(row["keyword_accuracy_mean"]) == pytest.approx(KNOW_MEANS[row["model"]])
    for row, model in zip(ling, LING_ORDER, strict=True):
        assert float(row["chrf_mean"]) == pytest.approx(LING_CHRF_MEANS[model])
        assert float(row["bleu_mean"]) == pytest.approx(LING_BLEU_MEANS[model])
    reported = know[2]
    assert reported["status"] == "reported, not re-run" and reported["source"] == SOURCE
    assert reported["rank"] == "" and reported["keyword_accuracy_mean"] == ""
    assert float(reported["keyword_accuracy_cs"]) == 90.0 and reported["keyword_accuracy_hu"] == ""


def test_json_loads_with_ranks_and_cells(rendered: Path) -> None:
    board = json.loads((rendered / "leaderboard.json").read_text(encoding="utf-8"))
    views = {v["name"]: v for v in board["views"]}
    know, ling = views["know"], views["ling"]
    assert [r["model"] for r in know["rows"]] == KNOW_ORDER
    assert [r["rank"] for r in know["rows"]] == [1, 2, None]
    assert [r["model"] for r in ling["rows"]] == LING_ORDER
    alpha = ling["rows"][1]
    cell = alpha["scores"]["chrf"]["cs"]
    assert (cell["value"], cell["ci_low"], cell["ci_high"]) == (50.0, 45.0, 55.0)
    assert cell["signature"] == "metric:chrF2|version:2.4.0|nrefs:1"
    assert alpha["submitted_at"] == "2026-03-01"
    assert ling["signatures"]["chrf"] == [
        {"signature": "metric:chrF2|version:2.4.0|nrefs:1", "languages": ["cs", "hu"]}
    ]
    assert know["signatures"]["keyword_accuracy"] == [
        {"signature": "metric:keyword_accuracy", "languages": ["cs", "hu"]}
    ]
    assert know["rows"][2]["entry_type"] == "reported"


def test_html_is_self_contained_and_escapes_submitted_strings(rendered: Path) -> None:
    page = (rendered / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "</script>alert" not in page
    assert page.count("</script") == 3  # error trap, data, main script: nothing from data
    assert "<!--" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "external resource"
    data = re.search(r'<script type="application/json" id="board-data">(.*?)</script>', page, re.S)
    assert data is not None
    board = json.loads(data.group(1))
    models = {r["model"] for v in board["views"] for r in v["rows"]}
    assert SCRIPT_MODEL in models and FORMULA_MODEL in models


def test_shipped_mella_leaderboard_holds_only_the_paper_numbers() -> None:
    """The seeded entries are the paper's own published numbers, marked as reported."""
    from mella_eval.leaderboard import load_board

    board = load_board(load_definition("mella"))
    cells = set()
    for view in board["views"]:
        for row in view["rows"]:
            assert row["entry_type"] == "reported" and row["rank"] is None
            assert row["source"] == "https://arxiv.org/abs/2508.05502"
            for metric, per_lang in row["scores"].items():
                for lang, cell in per_lang.items():
                    if cell:
                        cells.add((row["model"], view["name"], metric, lang, cell["value"]))
    base, tuned = "InternVL2-8B", "InternVL2-8B + MELLA fine-tuning"
    assert cells == {
        (base, "know", "keyword_accuracy", "ar", 2.46),
        (tuned, "know", "keyword_accuracy", "ar", 6.26),
        (base, "ling", "meteor", "hu", 0.11),
        (tuned, "ling", "meteor", "hu", 13.11),
    }
    notes = {r["model"]: r["note"] for v in board["views"] for r in v["rows"]}
    assert "Czech references" in notes[base]
