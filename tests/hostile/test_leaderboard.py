"""Hostile submissions: nested, oversized, pointing outside, duplicated, formula-laden.

Case numbers refer to issue 12; each test failed on the code before the fix (see
docs/reliability.md for what happened then).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mella_eval.cli import main
from mella_eval.leaderboard import load_definition, read_records
from mella_eval.leaderboard.records import SubmissionRecord, TaskScores
from mella_eval.results import MetricValue, sha256_text
from mella_eval.spreadsheet import csv_text
from tests.hostile.conftest import python
from tests.leaderboard.conftest import edit_results

RunCopy = Callable[..., Path]


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": 1}
    for _ in range(depth - 1):
        value = {"n": value}
    return value


def _submit(root: Path, run: Path) -> int:
    return main(["submit", str(run), "--leaderboard", "test", "--root", str(root)])


def _render(root: Path, out: Path) -> int:
    return main(["leaderboard", "render", "test", "--root", str(root), "--output", str(out)])


def _write_raw(run: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Edit results.json without json.dumps' own recursion limit getting in the way."""
    edit_results(run, change)


# -- case 1 ------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [210, 2000])
def test_01_deeply_nested_engine_settings_are_refused_and_the_board_survives(
    lb_root: Path,
    run_copy: RunCopy,
    tmp_path: Path,
    depth: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_copy("deep")
    text = (run / "results.json").read_text(encoding="utf-8")
    nested = '{"n": ' * (depth - 1) + '{"leaf": 1}' + "}" * (depth - 1)
    text = re.sub(r'"engine_settings": \{[^}]*\}', f'"engine_settings": {nested}', text, count=1)
    (run / "results.json").write_text(text, encoding="utf-8")
    assert _submit(lb_root, run) == 2
    err = capsys.readouterr().err
    assert "nested" in err and "Traceback" not in err
    assert not list((lb_root / "test" / "submissions").glob("*.json"))
    assert _submit(lb_root, run_copy("good")) == 0  # the board still takes submissions
    assert _render(lb_root, tmp_path / "rendered") == 0


def test_01_an_unreadable_record_already_on_the_board_is_skipped_not_fatal(
    lb_root: Path, run_copy: RunCopy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record written by an older version (depth 210) must not stop render or submit."""
    folder = lb_root / "test" / "submissions"
    folder.mkdir(parents=True)
    record = SubmissionRecord(
        leaderboard="test", entry_type="run", model="deep", engine_settings=_nested(210),
        submitted_at=datetime(2026, 1, 1, tzinfo=UTC), tasks={},
    )  # fmt: skip
    bad = folder / "20260101-deep-0123456789abcdef.json"
    bad.write_text(json.dumps(record.model_dump(mode="json")), encoding="utf-8")
    (folder / "20260101-junk-fedcba9876543210.json").write_text("{not json", encoding="utf-8")
    assert _submit(lb_root, run_copy("good")) == 0
    capsys.readouterr()
    assert _render(lb_root, tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert err.count("warning: skipped") == 2 and bad.name in err
    board = json.loads((tmp_path / "out" / "leaderboard.json").read_text(encoding="utf-8"))
    assert [row["model"] for row in board["views"][0]["rows"]] == ["tiny-vlm"]


# -- case 6 ------------------------------------------------------------------------------


def _point_samples_file(run: Path, target: str) -> None:
    _write_raw(run, lambda raw: raw["tasks"]["lbt_know_cs"].update(samples_file=target))


@pytest.mark.parametrize("kind", ["absolute", "dotdot", "symlink"])
def test_06_samples_file_must_stay_inside_the_run_folder(
    lb_root: Path, run_copy: RunCopy, tmp_path: Path, kind: str
) -> None:
    run = run_copy("escape")
    outside = tmp_path / "outside.jsonl"
    outside.write_bytes((run / "samples" / "lbt_know_cs.jsonl").read_bytes())  # a valid copy
    target = {
        "absolute": str(outside),
        "dotdot": "../outside.jsonl",
        "symlink": "samples/link.jsonl",
    }[kind]
    if kind == "symlink":
        os.symlink(outside, run / "samples" / "link.jsonl")
    _point_samples_file(run, target)
    from mella_eval.errors import SubmissionError
    from mella_eval.leaderboard import submit_run

    with pytest.raises(SubmissionError, match="outside"):
        submit_run(load_definition("test", lb_root), run)


SUBMIT_BOUNDED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # /dev/zero must not eat the host
from mella_eval.cli import main
sys.exit(main(["submit", sys.argv[1], "--leaderboard", "test", "--root", sys.argv[2]]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["dev_zero", "fifo"])
def test_06_samples_file_that_is_a_device_or_a_pipe_is_refused_at_once(
    lb_root: Path, run_copy: RunCopy, kind: str
) -> None:
    run = run_copy("special")
    if kind == "fifo":
        os.mkfifo(run / "samples" / "pipe.jsonl")
        _point_samples_file(run, "samples/pipe.jsonl")
    else:
        os.symlink("/dev/zero", run / "samples" / "zero.jsonl")
        _point_samples_file(run, "samples/zero.jsonl")
    try:
        done = python(SUBMIT_BOUNDED, str(run), str(lb_root), timeout=60)
    except Exception as exc:  # the old code hung on the pipe
        pytest.fail(f"submit did not finish: {exc}")
    assert done.returncode == 2, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "outside" in done.stderr or "not a regular file" in done.stderr


# -- case 7 ------------------------------------------------------------------------------


def test_07_same_predictions_under_other_names_and_settings_are_duplicates(
    lb_root: Path, run_copy: RunCopy
) -> None:
    assert _submit(lb_root, run_copy("original")) == 0
    disguises: list[Callable[[dict[str, Any]], None]] = [
        lambda raw: raw["run"]["model"].update(name="renamed-model"),
        lambda raw: raw["run"]["model"].update(fingerprint="sha256:ffff"),
        lambda raw: raw["run"].update(engine_settings={"dtype": "bfloat16", "x": 1}),
        lambda raw: raw["run"].update(seed=42, engine="vllm"),
    ]
    for index, disguise in enumerate(disguises):
        copy = run_copy(f"copy{index}")
        _write_raw(copy, disguise)
        assert _submit(lb_root, copy) == 2, f"disguise {index} was accepted"
    assert len(read_records(lb_root / "test" / "submissions")) == 1


# -- case 8 ------------------------------------------------------------------------------


def test_08_a_huge_results_file_is_refused_before_parsing(
    lb_root: Path, run_copy: RunCopy, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_copy("huge")
    _write_raw(run, lambda raw: raw["run"].update(engine_settings={"pad": "x" * (20 << 20)}))
    assert _submit(lb_root, run) == 2
    assert "bytes, more than the limit" in capsys.readouterr().err


def test_08_a_megabyte_model_name_is_refused(
    lb_root: Path, run_copy: RunCopy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_copy("longname")
    name = "M" * (1 << 20)
    _write_raw(run, lambda raw: raw["run"]["model"].update(name=name))
    assert _submit(lb_root, run) == 2
    scores = json.dumps({"lbt_know_cs": {"keyword_accuracy": 1.0}})
    argv = ["submit", "--reported", "--leaderboard", "test", "--root", str(lb_root),
            "--source", "https://example.org/p", "--model", name, "--scores", scores]  # fmt: skip
    assert main(argv) == 2
    assert "model name of 1048576 characters" in capsys.readouterr().err
    assert _render(lb_root, tmp_path / "out") == 0
    for path in (tmp_path / "out").iterdir():
        assert name[:1000] not in path.read_text(encoding="utf-8")


# -- case 12 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [" =1+1", "  @SUM(A1)", "＝HYPERLINK(\"http://x\")", "＋1", "－1", "＠A1", "\n=1+1",
     "\r\n+cmd", "\t-2+3", "\u3000=1", " \n\t=1"],
)  # fmt: skip
def test_12_csv_formula_guard_sees_through_blanks_and_full_width_signs(text: str) -> None:
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", ["alpha", "Model =1", "1.5", "Thai ภาษาไทย", ""])
def test_12_csv_guard_leaves_harmless_text_alone(text: str) -> None:
    assert csv_text(text) == text


def test_12_a_full_width_formula_model_name_is_quoted_in_the_rendered_csv(
    lb_root: Path, tmp_path: Path
) -> None:
    model = ' ＝HYPERLINK("http://evil","x")'
    scores = json.dumps({"lbt_know_cs": {"keyword_accuracy": 1.0}})
    argv = ["submit", "--reported", "--leaderboard", "test", "--root", str(lb_root),
            "--source", "https://example.org/p", "--model", model, "--scores", scores]  # fmt: skip
    assert main(argv) == 0
    assert _render(lb_root, tmp_path / "out") == 0
    text = (tmp_path / "out" / "leaderboard.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["model"] for row in rows] == ["'" + model]


# -- own cases: concurrency and kill -9 during submit --------------------------------------

SUBMIT_AT = """
import sys, time
from pathlib import Path
from mella_eval.errors import SubmissionError
from mella_eval.leaderboard import load_definition, submit_run
definition = load_definition("test", Path(sys.argv[1]))
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
try:
    submit_run(definition, Path(sys.argv[2]))
except SubmissionError as exc:
    print(exc); sys.exit(3)
"""


@pytest.mark.slow
def test_concurrent_submits_of_one_run_land_once(lb_root: Path, run_copy: RunCopy) -> None:
    """Three processes submit copies of the same predictions at the same instant."""
    import subprocess
    import sys
    import time

    from tests.conftest import REPO

    start = time.time() + 8
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SUBMIT_AT, str(lb_root), str(run_copy(f"c{i}")), str(start)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for i in range(3)
    ]  # fmt: skip
    outputs = [p.communicate(timeout=180)[0] for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 3, 3], outputs
    assert all("duplicate" in out for out, p in zip(outputs, procs, strict=True) if p.returncode)
    assert len(read_records(lb_root / "test" / "submissions")) == 1


KILL_IN_SUBMIT = """
import os, signal, sys
from pathlib import Path
import mella_eval.leaderboard.records as records
real = records.atomic_write_text
def die_halfway(path, text):
    with open(path.with_name("." + path.name + ".tmp-half"), "w") as fh:
        fh.write(text[: len(text) // 2]); fh.flush()
    os.kill(os.getpid(), signal.SIGKILL)
records.atomic_write_text = die_halfway
from mella_eval.leaderboard import load_definition, submit_run
submit_run(load_definition("test", Path(sys.argv[1])), Path(sys.argv[2]))
"""


@pytest.mark.slow
def test_kill_9_while_a_record_is_written_leaves_the_board_usable(
    lb_root: Path, run_copy: RunCopy, tmp_path: Path
) -> None:
    run = run_copy("killed")
    done = python(KILL_IN_SUBMIT, str(lb_root), str(run), timeout=120)
    assert done.returncode == -9
    folder = lb_root / "test" / "submissions"
    assert read_records(folder) == []  # the half-written temporary is not a record
    assert _submit(lb_root, run) == 0
    assert _render(lb_root, tmp_path / "out") == 0
    assert len(read_records(folder)) == 1


# -- own cases: malformed results and records ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "{", "[]", "null", '{"schema_version": "1.0"}', "\ufeff{}", "\x00\x01\x02",
     '{"schema_version": "1.0", "run": ' + "[" * 5000 + "]" * 5000 + "}"],
)  # fmt: skip
def test_malformed_results_json_is_a_clean_rejection(
    lb_root: Path, run_copy: RunCopy, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_copy("malformed")
    (run / "results.json").write_text(text, encoding="utf-8")
    assert _submit(lb_root, run) == 2
    err = capsys.readouterr().err
    assert err.startswith("mella-eval: error:") and "Traceback" not in err


def test_an_edited_sample_file_hash_still_binds(lb_root: Path, run_copy: RunCopy) -> None:
    """The confinement check must not weaken the hash check: an edit is still caught."""
    run = run_copy("edited")
    path = run / "samples" / "lbt_know_cs.jsonl"
    path.write_text(path.read_text(encoding="utf-8").replace("Vltavou", "Dunaj"), "utf-8")
    assert sha256_text(path.read_text(encoding="utf-8")) != ""
    assert _submit(lb_root, run) == 2


def test_record_limits_apply_to_reported_notes(lb_root: Path) -> None:
    """A 100 kB note is refused before it is written (limits on every string)."""
    from mella_eval.errors import SubmissionError
    from mella_eval.leaderboard.submit import add_record

    record = SubmissionRecord(
        leaderboard="test", entry_type="reported", model="m", source="https://e.org/p",
        note="n" * 100_000, submitted_at=datetime.now(UTC),
        tasks={"lbt_know_cs": TaskScores(task="lbt_know_cs", language="cs", kind="know",
                                         metrics={"keyword_accuracy": MetricValue(value=1.0)})},
    )  # fmt: skip
    with pytest.raises(SubmissionError, match="too large"):
        add_record(load_definition("test", lb_root), record)


def test_deep_inline_reported_scores_are_a_clean_rejection(
    lb_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = '{"lbt_know_cs": ' + "[" * 3000 + "]" * 3000 + "}"
    argv = ["submit", "--reported", "--leaderboard", "test", "--root", str(lb_root),
            "--source", "https://example.org/p", "--model", "m", "--scores", scores]  # fmt: skip
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "nested 3001 levels deep" in err and "Traceback" not in err
