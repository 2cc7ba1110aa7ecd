"""Issue 22, the minor cases: ``--shard`` spelling and size, a shadowed task, a NaN score.

* ``int()`` reads full-width and other Unicode digits, ``_`` and spaces, so ``--shard``
  took ``０/4``; and ``0/99999999999999999999`` ran an empty shard and exited 0.
* A task redefined by a file under ``--include-path`` replaced the first one silently.
* A ``results.json`` claiming ``NaN`` passed the tamper check: ``abs(nan - x) > tol`` is
  False, so the "difference" never exceeded the tolerance.
"""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mella_eval.errors import ResultsError, SubmissionError
from mella_eval.leaderboard import load_definition, read_records, submit_run
from mella_eval.store import parse_shard
from mella_eval.tasks import TaskRegistry, bundled_tasks_dir
from tests.conftest import TaskWriter
from tests.hostile.conftest import LocalServer, cli, run_argv
from tests.leaderboard.conftest import edit_results

RunCopy = Callable[..., Path]
MAX_SHARDS = 10_000  # mella_eval.store.MAX_SHARDS, documented in docs/reliability.md


@pytest.mark.parametrize(
    "text",
    [
        "\uff10/4",  # FULLWIDTH DIGIT ZERO
        "0/\uff14",  # FULLWIDTH DIGIT FOUR
        "0/\u0664",  # ARABIC-INDIC DIGIT FOUR
        "1_0/20",
        " 0/4",
        "0/4 ",
        "0/99999999999999999999",
        f"0/{MAX_SHARDS + 1}",
        "0/0",
        "-0/4",
    ],
)
def test_shard_accepts_ascii_digits_and_a_sane_count_only(text: str) -> None:
    with pytest.raises(ResultsError, match="--shard"):
        parse_shard(text)


def test_shard_controls_still_parse() -> None:
    from mella_eval import store  # the limit is new in the fix: imported here so that this
    # file collects (and fails test by test) on the code before it

    assert store.MAX_SHARDS == MAX_SHARDS
    assert parse_shard("0/4") == (0, 4)
    assert parse_shard(f"{MAX_SHARDS - 1}/{MAX_SHARDS}") == (MAX_SHARDS - 1, MAX_SHARDS)


@pytest.mark.slow
def test_a_huge_or_oversized_shard_count_fails_before_running(
    tmp_path: Path, hu_task: Path, fake_openai: LocalServer
) -> None:
    huge = cli(run_argv(hu_task, tmp_path / "huge", fake_openai.url + "/v1",
                        "--shard", "0/99999999999999999999"))  # fmt: skip
    assert huge.returncode == 2, huge.stdout + huge.stderr
    assert f"n must be 1 to {MAX_SHARDS}" in huge.stderr
    # The task has 2 samples: 3 shards leave at least one empty.
    more = cli(run_argv(hu_task, tmp_path / "more", fake_openai.url + "/v1", "--shard", "0/3"))
    assert more.returncode == 2, more.stdout + more.stderr
    assert "3 shards for 2 sample(s)" in more.stderr
    assert not fake_openai.requests
    assert not (tmp_path / "huge" / "results.json").exists()
    assert not (tmp_path / "more" / "results.json").exists()


def _copy_task(source_yaml: Path, folder: Path) -> Path:
    """The task's YAML and data in another folder: same task name, another file."""
    folder.mkdir(parents=True)
    for path in source_yaml.parent.iterdir():
        if path.is_file():
            shutil.copy(path, folder / path.name)
    shutil.copytree(source_yaml.parent / "img", folder / "img")
    return folder / source_yaml.name


def test_a_shadowed_task_is_warned_about_once_naming_both_files(
    hu_task: Path, tmp_path: Path
) -> None:
    from mella_eval.tasks.registry import TaskShadowWarning  # new in the fix

    second = _copy_task(hu_task, tmp_path / "second")
    with pytest.warns(TaskShadowWarning) as caught:
        registry = TaskRegistry.discover([hu_task.parent, second.parent])
    assert len(caught) == 1
    message = str(caught[0].message)
    assert str(hu_task) in message and str(second) in message
    assert registry.files[hu_task.stem] == second  # the later folder wins, as documented
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a second registry in the same process: silent
        TaskRegistry.discover([hu_task.parent, second.parent])


def test_a_shadowed_bundled_task_is_warned_about_on_the_console(write_task: TaskWriter) -> None:
    bundled = bundled_tasks_dir() / "mella" / "mella_know_hu.yaml"
    mine = write_task(name="mella_know_hu")
    listed = cli(["tasks", "list", "--include-path", str(mine.parent)])
    assert listed.returncode == 0, listed.stderr
    assert "shadows the task of the same name" in listed.stderr
    assert str(mine) in listed.stderr and str(bundled) in listed.stderr
    assert listed.stderr.count("shadows") == 1


@pytest.mark.parametrize("claimed", [float("nan"), float("inf"), float("-inf")])
def test_a_non_finite_claimed_score_fails_the_tamper_check(
    lb_root: Path, run_copy: RunCopy, claimed: float
) -> None:
    run = run_copy()

    def claim(raw: dict[str, Any]) -> None:
        raw["tasks"]["lbt_know_cs"]["metrics"]["keyword_accuracy"]["value"] = claimed

    edit_results(run, claim)
    assert json.loads((run / "results.json").read_text(encoding="utf-8"))  # Python reads NaN
    board = load_definition("test", lb_root)
    with pytest.raises(SubmissionError, match=r"claimed score\(s\) differ") as refused:
        submit_run(board, run)
    assert "keyword_accuracy" in str(refused.value)
    assert read_records(board.submissions_dir) == []
