"""``mella-eval submit`` and ``mella-eval leaderboard render|show`` end to end."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mella_eval.cli import main
from mella_eval.leaderboard import read_records
from tests.leaderboard.conftest import edit_results


def test_submit_accepts_a_run_and_rejects_its_tampered_copy(
    lb_root: Path, run_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = run_copy("bad")  # submitted first: a copy of accepted predictions is a duplicate
    edit_results(
        bad,
        lambda raw: raw["tasks"]["lbt_know_hu"]["metrics"]["keyword_accuracy"].update(value=99.0),
    )
    code = main(["submit", str(bad), "--leaderboard", "test", "--root", str(lb_root)])
    err = capsys.readouterr().err
    assert code != 0
    assert "lbt_know_hu" in err and "keyword_accuracy" in err and "99.000000" in err
    assert (
        main(["submit", str(run_copy("good")), "--leaderboard", "test", "--root", str(lb_root)])
        == 0
    )
    assert "accepted (rescored)" in capsys.readouterr().out
    assert len(read_records(lb_root / "test" / "submissions")) == 1


def test_reported_entry_is_recorded_and_marked(
    lb_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = tmp_path / "scores.json"
    scores.write_text(
        json.dumps({"ling": {"cs": {"chrf": 33.5}}, "lbt_know_hu": {"keyword_accuracy": 7.25}})
    )
    argv = ["submit", "--leaderboard", "test", "--root", str(lb_root), "--reported",
            "--source", "https://arxiv.org/abs/0000.00000", "--model", "Paper-VLM", "--scores", str(scores)]  # fmt: skip
    assert main(argv) == 0
    [record] = read_records(lb_root / "test" / "submissions")
    assert record.entry_type == "reported" and record.source == "https://arxiv.org/abs/0000.00000"
    assert record.tasks["lbt_ling_cs"].metrics["chrf"].value == 33.5
    assert record.tasks["lbt_know_hu"].metrics["keyword_accuracy"].value == 7.25
    assert main(argv) != 0 and "duplicate" in capsys.readouterr().err
    out = tmp_path / "site"
    assert (
        main(["leaderboard", "render", "test", "--root", str(lb_root), "--output", str(out)]) == 0
    )
    assert "reported, not re-run" in (out / "leaderboard.md").read_text(encoding="utf-8")
    assert (out / "index.html").is_file() and (out / "leaderboard.json").is_file()
    capsys.readouterr()
    assert main(["leaderboard", "show", "test", "--root", str(lb_root)]) == 0
    shown = capsys.readouterr().out
    assert "Paper-VLM" in shown and "33.50" in shown


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--source", "https://x.org", "--model", "M"], "--scores"),
        (
            [
                "--source",
                "ftp://x.org",
                "--model",
                "M",
                "--scores",
                '{"lbt_know_cs": {"keyword_accuracy": 1}}',
            ],
            "URL",
        ),
        (
            [
                "--source",
                "https://x.org",
                "--model",
                "M",
                "--scores",
                '{"lbt_know_cs": {"bleu": 1}}',
            ],
            "not a column",
        ),
        (
            ["--source", "https://x.org", "--model", "M", "--scores", '{"nope_xx": {"bleu": 1}}'],
            "not on leaderboard",
        ),
        (
            [
                "--source",
                "https://x.org",
                "--model",
                "M",
                "--scores",
                '{"lbt_know_cs": {"keyword_accuracy": 150}}',
            ],
            "0-100",
        ),
    ],
    ids=["no-scores", "bad-url", "bad-metric", "bad-task", "out-of-range"],
)
def test_bad_reported_entries_are_rejected(
    lb_root: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["submit", "--leaderboard", "test", "--root", str(lb_root), "--reported", *extra]
    assert main(argv) != 0
    assert message in capsys.readouterr().err
    assert not read_records(lb_root / "test" / "submissions")


def test_unknown_leaderboard_and_bad_definition_are_clear(
    lb_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["leaderboard", "show", "nope", "--root", str(lb_root)]) != 0
    assert "no leaderboard 'nope'" in capsys.readouterr().err
    path = lb_root / "test" / "leaderboard.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "rank_metric: chrf\n", encoding="utf-8")
    assert main(["leaderboard", "show", "test", "--root", str(lb_root)]) != 0
    err = capsys.readouterr().err
    assert "leaderboard.yaml" in err and "rank_metric" in err


def test_submit_without_leaderboard_lands_on_the_board_of_the_runs_tasks(
    lb_root: Path, run_copy: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["submit", str(run_copy("auto")), "--root", str(lb_root)]) == 0
    assert "leaderboard: test (from the run's tasks)" in capsys.readouterr().out
    assert len(read_records(lb_root / "test" / "submissions")) == 1
    reported = ["submit", "--root", str(lb_root), "--reported", "--model", "m"]
    assert main(reported) != 0
    assert "--leaderboard" in capsys.readouterr().err
