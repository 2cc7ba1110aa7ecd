"""Round two, run folders: data loss by merge/score (1), a damaged last store line (3),
symlinks planted in a run folder (4). Issue 22.

Runs use the ``openai`` engine against a fake server on 127.0.0.1 (no model loaded).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mella_eval.cli import main
from mella_eval.results import read_results, read_samples
from tests.conftest import REPO, TaskWriter
from tests.hostile.conftest import CAPTION, LocalServer, run_argv

STORE = "predictions.jsonl"


def _records(n: int) -> list[dict[str, object]]:
    return [
        {"id": f"s{i}", "image": f"img/s{i}.png", "refs": [f"A Parlament {i}."], "kw": [["Parlament"]]}
        for i in range(n)
    ]  # fmt: skip


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (relative name -> bytes), lock files aside."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".run.lock")
    }


def _verified(out: Path) -> dict[str, str | None]:
    result = read_results(out)
    return {
        r.id: r.prediction for t in result.tasks.values() for r in read_samples(out, t, verify=True)
    }


def _score_argv(task: Path, predictions: Path, out: Path, *extra: str) -> list[str]:
    return ["score", "--predictions", str(predictions), "--include-path", str(task.parent),
            "--output", str(out), "--bootstrap", "0", "--quiet", *extra]  # fmt: skip


def _predictions(path: Path, task: str, texts: dict[str, str]) -> Path:
    lines = [json.dumps({"task": task, "id": k, "prediction": v}) + "\n" for k, v in texts.items()]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def finished(write_task: TaskWriter, tmp_path: Path, fake_openai: LocalServer) -> dict[str, Path]:
    """A finished 4-sample run in ``out`` and a finished 2-sample run of the same task."""
    task = write_task(records=_records(4))
    out, other = tmp_path / "out", tmp_path / "other"
    url = f"{fake_openai.url}/v1"
    assert main(run_argv(task, out, url)) == 0
    assert main(run_argv(task, other, url, "--limit", "2")) == 0
    return {"task": task, "out": out, "other": other}


HOLD = """
import sys, time
from pathlib import Path
from mella_eval.runner.lock import run_folder_lock
with run_folder_lock(Path(sys.argv[1]), "run"):
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def held() -> Iterator[object]:
    """Hold a folder's run lock from another process (as a running ``run`` does)."""
    procs: list[subprocess.Popen[str]] = []

    def hold(folder: Path) -> int:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(folder)], cwd=REPO, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        return proc.pid

    yield hold
    for proc in procs:
        proc.kill()
        proc.communicate(timeout=30)


# -- 1: merge and score take the lock ------------------------------------------------------


@pytest.mark.parametrize("command", ["merge", "score"])
def test_r1_merge_and_score_respect_a_held_run_lock(
    finished: dict[str, Path],
    tmp_path: Path,
    held: object,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    out, other, task = finished["out"], finished["other"], finished["task"]
    before = _snapshot(out)
    pid = held(out)  # type: ignore[operator]
    capsys.readouterr()
    if command == "merge":
        argv = ["merge", str(other), "--output", str(out), "--quiet", "--force"]
    else:
        preds = _predictions(tmp_path / "p.jsonl", task.stem, {"s0": "x"})
        argv = _score_argv(task, preds, out, "--force")
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert f"{out} is in use by another run (pid {pid} on" in err
    assert _snapshot(out) == before  # not a byte touched


def test_r1_merge_over_another_run_refuses_then_backs_it_up_with_force(
    finished: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out, other = finished["out"], finished["other"]
    before = _snapshot(out)
    capsys.readouterr()
    assert main(["merge", str(other), "--output", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "already holds predictions.jsonl and results.json of another run" in err
    assert "--force" in err
    assert _snapshot(out) == before
    assert main(["merge", str(other), "--output", str(out), "--quiet", "--force"]) == 0
    backups = [p for p in out.iterdir() if p.name.startswith("backup-")]
    assert len(backups) == 1
    for name in ("predictions.jsonl", "results.json", "run-config.json"):
        assert (backups[0] / name).read_bytes() == before[name]
    for name, data in before.items():
        if name.startswith("samples/"):
            assert (backups[0] / name).read_bytes() == data
    assert len((out / STORE).read_bytes().splitlines()) == 2  # now the merged 2-sample run


def test_r1_merging_the_same_run_again_needs_no_force(finished: dict[str, Path]) -> None:
    """Control: a merge that keeps every stored prediction is not a replacement."""
    out = finished["out"]
    merged = out.parent / "merged"
    assert main(["merge", str(out), "--output", str(merged), "--quiet"]) == 0
    assert main(["merge", str(out), "--output", str(merged), "--quiet"]) == 0
    assert not [p for p in merged.iterdir() if p.name.startswith("backup-")]
    assert _verified(merged) == {f"s{i}": CAPTION for i in range(4)}


def test_r1_score_over_a_run_refuses_then_backs_it_up_with_force(
    finished: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, task = finished["out"], finished["task"]
    preds = _predictions(tmp_path / "p.jsonl", task.stem, {"s0": "Egy híd."})
    before = _snapshot(out)
    capsys.readouterr()
    assert main(_score_argv(task, preds, out)) == 2
    assert "already holds results.json and predictions.jsonl" in capsys.readouterr().err
    assert _snapshot(out) == before
    assert main(_score_argv(task, preds, out, "--force")) == 0
    (backup,) = [p for p in out.iterdir() if p.name.startswith("backup-")]
    kept = {n: d for n, d in before.items() if n == "results.json" or n.startswith("samples/")}
    assert kept and all((backup / n).read_bytes() == d for n, d in kept.items())
    assert (out / STORE).read_bytes() == before[STORE]  # score never touches the store


def test_r1_rescoring_the_same_predictions_file_needs_no_force(
    write_task: TaskWriter, tmp_path: Path
) -> None:
    """Control: fixing a predictions file and scoring it again into its folder still works."""
    task = write_task()
    preds = _predictions(tmp_path / "p.jsonl", task.stem, {"a": "A Parlament.", "b": "Leves."})
    out = tmp_path / "scored"
    assert main(_score_argv(task, preds, out)) == 0
    _predictions(preds, task.stem, {"a": "A Duna.", "b": "Gulyás."})
    assert main(_score_argv(task, preds, out)) == 0
    assert _verified(out) == {"a": "A Duna.", "b": "Gulyás."}
    other = _predictions(tmp_path / "q.jsonl", task.stem, {"a": "x", "b": "y"})
    assert main(_score_argv(task, other, out)) == 2  # another file's scores: not without --force


# -- 3: a damaged, newline-terminated last line --------------------------------------------


def test_r3_a_damaged_complete_last_line_is_quarantined_and_regenerated(
    write_task: TaskWriter,
    tmp_path: Path,
    fake_openai: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    task = write_task(records=_records(3))
    out = tmp_path / "out"
    argv = run_argv(task, out, f"{fake_openai.url}/v1")
    assert main(argv) == 0
    lines = (out / STORE).read_bytes().splitlines(keepends=True)
    damaged = lines[-1][:40] + b"\x00\xff garbage \n"
    (out / STORE).write_bytes(b"".join(lines[:-1]) + damaged)
    before = len(fake_openai.requests)
    capsys.readouterr()
    assert main(argv) == 0
    assert f"{out / STORE}:3: ignoring a damaged last record" in capsys.readouterr().err
    assert (out / "predictions.quarantine.jsonl").read_bytes() == damaged
    assert len(fake_openai.requests) == before + 1  # exactly the damaged one
    assert _verified(out) == {f"s{i}": CAPTION for i in range(3)}
    assert (out / STORE).read_bytes().startswith(b"".join(lines[:-1]))


def test_r3_a_line_without_its_newline_is_still_an_interrupted_append(
    write_task: TaskWriter,
    tmp_path: Path,
    fake_openai: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Control: what a kill leaves (no final newline) is cut off, not quarantined."""
    task = write_task(records=_records(3))
    out = tmp_path / "out"
    argv = run_argv(task, out, f"{fake_openai.url}/v1")
    assert main(argv) == 0
    lines = (out / STORE).read_bytes().splitlines(keepends=True)
    (out / STORE).write_bytes(b"".join(lines[:-1]) + lines[-1][:40])
    capsys.readouterr()
    assert main(argv) == 0
    assert "truncated last record" in capsys.readouterr().err
    assert not (out / "predictions.quarantine.jsonl").exists()
    assert _verified(out) == {f"s{i}": CAPTION for i in range(3)}


# -- 4: symlinks in a run folder -----------------------------------------------------------


def _plant(out: Path, name: str, outside: Path) -> Path:
    """Make ``out/name`` a symlink to a canary file (or folder, for samples/logs) outside."""
    out.mkdir(parents=True, exist_ok=True)
    if name in ("samples", "logs"):
        target = outside / f"{name}-dir"
        target.mkdir(parents=True)
    else:
        target = outside / f"{name}.canary"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"precious, not the run's\n")
    (out / name).symlink_to(target)
    return target


def _untouched(target: Path) -> bool:
    if target.is_dir():
        return not any(target.iterdir())
    return target.read_bytes() == b"precious, not the run's\n"


@pytest.mark.parametrize(
    "name", ["predictions.jsonl", "samples", "results.json", "logs", ".run.lock", "run-config.json"]
)
def test_r4_run_refuses_a_symlink_in_its_folder(
    write_task: TaskWriter,
    tmp_path: Path,
    fake_openai: LocalServer,
    capsys: pytest.CaptureFixture[str],
    name: str,
) -> None:
    task = write_task()
    out = tmp_path / "out"
    target = _plant(out, name, tmp_path / "outside")
    capsys.readouterr()
    assert main(run_argv(task, out, f"{fake_openai.url}/v1")) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        f"mella-eval: error: {out / name} is a symbolic link; a run folder never writes "
        "through one (remove it, or use another --output)"
    ), err
    assert _untouched(target)
    assert not fake_openai.requests


@pytest.mark.parametrize("name", ["samples", "results.json", ".run.lock"])
def test_r4_score_refuses_a_symlink_in_its_folder(
    write_task: TaskWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    task = write_task()
    preds = _predictions(tmp_path / "p.jsonl", task.stem, {"a": "A Parlament.", "b": "Leves."})
    out = tmp_path / "out"
    target = _plant(out, name, tmp_path / "outside")
    capsys.readouterr()
    assert main(_score_argv(task, preds, out)) == 2
    assert f"{out / name} is a symbolic link" in capsys.readouterr().err
    assert _untouched(target)


@pytest.mark.parametrize("name", ["predictions.jsonl", "samples", "results.json"])
def test_r4_merge_refuses_a_symlink_in_its_folder(
    finished: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / "merged"
    target = _plant(out, name, tmp_path / "outside")
    capsys.readouterr()
    assert main(["merge", str(finished["out"]), "--output", str(out)]) == 2
    assert f"{out / name} is a symbolic link" in capsys.readouterr().err
    assert _untouched(target)


def test_r4_a_symlinked_sample_file_inside_samples_is_refused(
    finished: dict[str, Path],
    tmp_path: Path,
    fake_openai: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out, task = finished["out"], finished["task"]
    sample_file = out / "samples" / f"{task.stem}.jsonl"
    sample_file.unlink()
    canary = tmp_path / "canary.jsonl"
    canary.write_bytes(b"precious, not the run's\n")
    sample_file.symlink_to(canary)
    assert main(run_argv(task, out, f"{fake_openai.url}/v1")) == 2  # the same run, resumed
    assert f"{sample_file} is a symbolic link" in capsys.readouterr().err
    assert _untouched(canary)
