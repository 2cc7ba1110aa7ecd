"""Tables print the hand-chosen numbers, bold the true column maxima, and compile."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mella_eval.figures import load_runs, render_table, table_grids
from mella_eval.figures.tables import latex_escape
from tests.figures.conftest import BLEU, KNOW, LANGS, LING, MODEL

BASE_TEX, TUNED_TEX = r"Qwen2-VL\_7B \& co", r"MELLA-tuned 50\%"


def latex_rows(text: str) -> dict[str, list[list[str]]]:
    """Block title -> its data rows split into cells (a tiny reader, not the writer)."""
    blocks: dict[str, list[list[str]]] = {}
    current = None
    for line in text.splitlines():
        title = re.match(r"\\multicolumn\{\d+\}\{l\}\{\\textit\{(.*)\}\} \\\\$", line)
        if title:
            current = title.group(1)
            blocks[current] = []
        elif current and line.endswith(r"\\") and not line.startswith("\\"):
            blocks[current].append([c.strip() for c in line[:-2].split(" & ")])
    return blocks


def expected_bold(values: dict[str, list[float]]) -> dict[str, list[bool]]:
    """Per run, whether it holds the column maximum, from the literals themselves."""
    best = [max(b, t) for b, t in zip(values["base"], values["tuned"], strict=True)]
    return {w: [v == m for v, m in zip(values[w], best, strict=True)] for w in ("base", "tuned")}


@pytest.fixture
def runs(two_runs: list[Path]) -> list:
    return load_runs(two_runs)


def test_latex_blocks_values_and_bold(runs: list) -> None:
    text = render_table(table_grids(runs), "latex")
    assert r"\toprule" in text and r"\midrule" in text and r"\bottomrule" in text
    assert "Model & ar & cs & hu & ko & ru & sr & th & vi & Avg" in text
    blocks = latex_rows(text)
    assert list(blocks) == ["Knowledge: Keyword accuracy", "Linguistic: METEOR"]
    for title, values in (("Knowledge: Keyword accuracy", KNOW), ("Linguistic: METEOR", LING)):
        rows = blocks[title]
        assert [r[0] for r in rows] == [BASE_TEX, TUNED_TEX]
        bold = expected_bold(values)
        for row, which in zip(rows, ("base", "tuned"), strict=True):
            cells = row[1:9]
            numbers = [float(re.sub(r"\\textbf\{(.*)\}", r"\1", c)) for c in cells]
            assert numbers == pytest.approx(values[which], abs=0.051)
            assert [c.startswith(r"\textbf{") for c in cells] == bold[which]
    know_tuned_avg = blocks["Knowledge: Keyword accuracy"][1][9]
    assert know_tuned_avg == rf"\textbf{{{sum(KNOW['tuned']) / 8:.1f}}}"


def test_latex_ci_and_extra_metrics(runs: list) -> None:
    text = render_table(table_grids(runs, ["bleu", "keyword_accuracy"]), "latex", ci=True)
    blocks = latex_rows(text)
    assert list(blocks) == ["Knowledge: Keyword accuracy", "Linguistic: BLEU"]
    first = blocks["Linguistic: BLEU"][0][1]
    assert first == rf"{BLEU['base'][0]:.1f}\,{{\scriptsize$\pm$2.0}}"
    tuned_ar = blocks["Linguistic: BLEU"][1][1]
    assert tuned_ar == r"\textbf{6.5}\,{\scriptsize$\pm$1.5}"


def test_latex_escaping() -> None:
    assert latex_escape("a_b & 50% #1 $x$ {y} ~z^ \\") == (
        r"a\_b \& 50\% \#1 \$x\$ \{y\} \textasciitilde{}z\textasciicircum{} \textbackslash{}"
    )


@pytest.mark.skipif(
    shutil.which("pdflatex") is None, reason="no pdflatex (texlive-latex-recommended)"
)
def test_latex_compiles(runs: list, tmp_path: Path) -> None:
    table = render_table(
        table_grids(runs, ["keyword_accuracy", "meteor", "bleu"]), "latex", ci=True
    )
    doc = (
        "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n"
        + table
        + "\\end{document}\n"
    )
    (tmp_path / "t.tex").write_text(doc, encoding="utf-8")
    done = subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "t.pdf").stat().st_size > 1000


def test_markdown(runs: list) -> None:
    text = render_table(table_grids(runs), "markdown", ci=True)
    lines = text.splitlines()
    assert lines[0] == "**Knowledge: Keyword accuracy**"
    assert lines[2] == "| Model | ar | cs | hu | ko | ru | sr | th | vi | Avg |"
    assert lines[3] == "|:--|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    assert lines[4].startswith(r"| Qwen2-VL\_7B & co | 31.5 ± 2.0 | **42.0** ± 2.0 | 38.2 ± 2.0 |")
    assert lines[5].startswith("| MELLA-tuned 50% | **36.0** ± 1.5 | 41.0 ± 1.5 |")
    assert "**Linguistic: METEOR**" in lines


def test_ties_on_printed_values_are_both_bold(tmp_path: Path) -> None:
    from mella_eval.results import MetricValue, write_results
    from tests.figures.conftest import make_run

    a, b = make_run("base"), make_run("tuned")
    a.tasks["mella_know_ar"].metrics["keyword_accuracy"] = MetricValue(value=50.01)
    b.tasks["mella_know_ar"].metrics["keyword_accuracy"] = MetricValue(value=49.99)
    write_results(tmp_path / "a", a)
    write_results(tmp_path / "b", b)
    text = render_table(table_grids(load_runs([tmp_path / "a", tmp_path / "b"])), "markdown")
    assert "| **50.0** |" in text.splitlines()[4] and "| **50.0** |" in text.splitlines()[5]


def test_csv_is_tidy_and_full_precision(runs: list) -> None:
    rows = list(csv.DictReader(io.StringIO(render_table(table_grids(runs), "csv"))))
    assert len(rows) == 2 * 16
    hu = next(r for r in rows if r["run"] == MODEL["base"] and r["task"] == "mella_know_hu")
    assert (hu["kind"], hu["language"], hu["metric"]) == ("know", "hu", "keyword_accuracy")
    assert (float(hu["value"]), float(hu["ci_low"]), float(hu["ci_high"])) == (38.25, 36.25, 40.25)
    ling = [float(r["value"]) for r in rows if r["run"] == MODEL["tuned"] and r["kind"] == "ling"]
    assert ling == LING["tuned"]
    assert [r["language"] for r in rows[:8]] == LANGS
