"""``mella-eval plot`` and ``mella-eval table`` end to end on results folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from mella_eval.cli import main
from tests.figures.conftest import KNOW


@pytest.mark.parametrize("kind", ["bars", "radar", "heatmap"])
def test_plot_kinds_write_vector_files(
    kind: str, two_runs: list[Path], tmp_path: Path, capsys
) -> None:
    out = tmp_path / f"{kind}.pdf"
    code = main(
        ["plot", *map(str, two_runs), "--kind", kind, "--width", "single", "--out", str(out)]
    )
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF") and b"/FontFile2" in out.read_bytes()
    assert f"wrote {out}" in capsys.readouterr().out


def test_plot_metric_tasks_labels_svg(two_runs: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "f.svg"
    argv = [
        "plot",
        *map(str, two_runs),
        "--metric",
        "bleu",
        "--tasks",
        "mella_ling_ar,mella_ling_th",
        "--labels",
        "zero-shot",
        "tuned",
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<text" not in svg  # text drawn as paths
    assert "<!-- zero-shot -->" in svg and "<!-- Arabic -->" in svg and "<!-- Czech -->" not in svg


def test_plot_user_errors_are_one_line(two_runs: list[Path], tmp_path: Path, capsys) -> None:
    both = list(map(str, two_runs))
    cases = [
        ([*both, "--out", str(tmp_path / "x.jpg")], "must end in .pdf, .svg or .png"),
        ([both[0], "--kind", "delta", "--out", str(tmp_path / "d.pdf")], "exactly two runs"),
        ([*both, "--metric", "nope", "--out", str(tmp_path / "x.pdf")], "available:"),
        ([*both, "--labels", "one", "--out", str(tmp_path / "x.pdf")], "1 label(s) for 2 run(s)"),
    ]
    for argv, message in cases:
        assert main(["plot", *argv]) == 2
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1


def test_table_to_stdout_and_file(two_runs: list[Path], tmp_path: Path, capsys) -> None:
    assert main(["table", *map(str, two_runs), "--format", "markdown"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("**Knowledge: Keyword accuracy**")
    assert f"| **{KNOW['tuned'][4]:.1f}** |" in text
    out = tmp_path / "t.tex"
    assert (
        main(
            [
                "table",
                *map(str, two_runs),
                "--format",
                "latex",
                "--ci",
                "--metrics",
                "meteor,bleu",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    tex = out.read_text(encoding="utf-8")
    assert r"\textit{Linguistic: METEOR}" in tex and r"\textit{Linguistic: BLEU}" in tex
    assert "Keyword" not in tex and r"$\pm$" in tex
    assert main(["table", *map(str, two_runs), "--format", "csv", "--tasks", "mella_know_ar"]) == 0
    assert capsys.readouterr().out.count("\n") == 1 + 1 + 2  # "wrote", header, two runs


def test_plot_delta_wires_baseline_first(
    two_runs: list[Path], tmp_path: Path, monkeypatch, capsys
) -> None:
    from mella_eval.figures import delta as delta_module
    from tests.figures.test_delta import FakePaired

    seen: list[tuple[str, str, str]] = []

    def fake_fn(baseline, candidate, *, samples: int, seed: int):
        assert (samples, seed) == (50, 7)

        def compare(task: str, metric: str) -> FakePaired:
            seen.append((baseline.label, candidate.label, task))
            return FakePaired(2.0, 0.001, 1.0, 3.0)

        return compare

    monkeypatch.setattr(delta_module, "paired_compare_fn", fake_fn)
    out = tmp_path / "d.png"
    argv = ["plot", *map(str, two_runs), "--kind", "delta", "--labels", "base", "tuned",
            "--tasks", "mella_ling_ko", "--samples", "50", "--seed", "7", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    assert seen == [("base", "tuned", "mella_ling_ko")]
    printed = capsys.readouterr().out
    assert "tuned - base" in printed
    assert "mella_ling_ko" in printed and "+2.00" in printed and "**" in printed
    assert out.read_bytes().startswith(b"\x89PNG")
