"""The run folder under concurrent use, kills, dead servers, hostile names and a full disk.

Cases 2, 9, 10, 11 and 13 of issue 12, plus kill -9 during generation and a full disk.
Runs use the ``openai`` engine against a fake server on 127.0.0.1 (no model loaded).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mella_eval.cli import main
from mella_eval.results import read_results, read_samples
from tests.conftest import REPO, TaskWriter
from tests.hostile.conftest import CAPTION, Handler, LocalServer, openai_handler, run_argv

STORE = "predictions.jsonl"


def _records(n: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"s{i}",
            "image": f"img/s{i}.png",
            "refs": [f"A Parlament {i}."],
            "kw": [["Parlament"]],
        }
        for i in range(n)
    ]


def _lines(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / STORE).read_text(encoding="utf-8").splitlines()]


def _verified(out: Path) -> dict[str, str | None]:
    """sample id -> prediction, after checking every sample file against results.json."""
    result = read_results(out)
    return {
        record.id: record.prediction
        for task in result.tasks.values()
        for record in read_samples(out, task, verify=True)
    }


def _popen(argv: list[str], cwd: Path = REPO) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "mella_eval", *argv], cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


# -- case 2 --------------------------------------------------------------------------------


@pytest.mark.slow
def test_02_a_second_run_into_the_same_folder_names_the_holder_and_exits_2(
    write_task: TaskWriter, tmp_path: Path, http_server: Callable[[Handler], LocalServer]
) -> None:
    server = http_server(openai_handler(delay_s=1.0))
    task = write_task(records=_records(6))
    out = tmp_path / "out"
    argv = run_argv(task, out, f"{server.url}/v1", "--chunk-size", "1")
    procs = [_popen(argv), _popen(argv)]
    done = [p.communicate(timeout=180) for p in procs]
    codes = [p.returncode for p in procs]
    assert sorted(codes) == [0, 2], done
    winner = procs[codes.index(0)]
    loser_err = done[codes.index(2)][1]
    assert f"in use by another run (pid {winner.pid} on" in loser_err, loser_err
    lines = _lines(out)
    assert len(lines) == 6 and len({line["key"] for line in lines}) == 6
    assert _verified(out) == {f"s{i}": CAPTION for i in range(6)}
    assert not (out / ".run.lock.json").exists()  # the holder note goes with the holder


# -- case 9 --------------------------------------------------------------------------------


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_09_a_dead_server_makes_a_failed_run_with_reasons(
    write_task: TaskWriter, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    task = write_task()
    out = tmp_path / "out"
    code = main(run_argv(task, out, f"http://127.0.0.1:{_closed_port()}/v1"))
    err = capsys.readouterr().err
    assert code == 1, err
    assert "2 of 2 sample(s) failed - nothing was scored" in err
    assert "2 x " in err and "Connection refused" in err  # grouped by reason


@pytest.mark.slow
def test_09_a_partial_failure_still_exits_0_but_says_what_failed(
    write_task: TaskWriter,
    tmp_path: Path,
    fake_openai: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    missing = {"id": "gone", "image": "pics/missing.jpg", "refs": ["x"], "kw": [["x"]]}
    records = [*_records(2), missing]
    task = write_task(records=records)
    assert main(run_argv(task, tmp_path / "out", f"{fake_openai.url}/v1")) == 0
    err = capsys.readouterr().err
    assert "1 of 3 sample(s) failed" in err and "image file not found" in err


# -- case 10 -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../../x", "ABSOLUTE", "..", "a/../../b", "\x00\n"])
def test_10_a_hostile_model_name_stays_under_results(
    write_task: TaskWriter,
    tmp_path: Path,
    fake_openai: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    task = write_task()
    if name == "ABSOLUTE":  # an absolute name; kept under tmp_path should the fix regress
        name = str(tmp_path / "abs" / "x")
    cwd = tmp_path / "a" / "b" / "c"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    argv = run_argv(task, Path("unused"), f"{fake_openai.url}/v1", "--model-name", name)
    del argv[argv.index("--output") : argv.index("--output") + 2]
    assert main(argv) == 0
    made = [p for p in (cwd / "results").iterdir()]
    assert len(made) == 1 and (made[0] / "results.json").is_file()
    assert made[0].parent == cwd / "results" and not made[0].name.startswith(".")
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == ["c"]
    assert not (tmp_path / "abs").exists() and not (tmp_path / "a" / "x").exists()
    assert read_results(made[0]).run.model.name == name  # the display name is kept as given


# -- case 11 -------------------------------------------------------------------------------

KILL_BEFORE_RESULTS = """
import os, signal, sys
from pathlib import Path
import mella_eval.runner.external as external
external.write_results = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
from mella_eval.cli import main
main(["score", "--predictions", sys.argv[1], "--output", sys.argv[2], "--include-path",
      sys.argv[3], "--bootstrap", "0", "--quiet", "--force"])
"""


def _predictions(path: Path, task: str, texts: dict[str, str]) -> Path:
    lines = [json.dumps({"task": task, "id": k, "prediction": v}) for k, v in texts.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_11_kill_9_while_rescoring_over_an_older_run_leaves_a_state_the_next_rescore_handles(
    write_task: TaskWriter, tmp_path: Path
) -> None:
    task = write_task()
    out = tmp_path / "out"
    first = _predictions(tmp_path / "a.jsonl", task.stem, {"a": "A Parlament.", "b": "Leves."})
    second = _predictions(tmp_path / "b.jsonl", task.stem, {"a": "Egy híd.", "b": "Gulyás."})
    score = ["score", "--include-path", str(task.parent), "--bootstrap", "0", "--quiet"]
    assert main([*score, "--predictions", str(first), "--output", str(out)]) == 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = subprocess.run(
        [sys.executable, "-c", KILL_BEFORE_RESULTS, str(second), str(out), str(task.parent)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    samples = (out / "samples" / f"{task.stem}.jsonl").read_text(encoding="utf-8")
    assert "Egy híd." in samples  # the kill landed after the new samples were written
    # Either no mark of a finished run, or one that matches its samples: never a mix.
    if (out / "results.json").exists():
        _verified(out)
    # another predictions file's scores replace these only when forced (issue 22, case 1)
    assert main([*score, "--predictions", str(second), "--output", str(out), "--force"]) == 0
    assert _verified(out) == {"a": "Egy híd.", "b": "Gulyás."}


# -- case 13 -------------------------------------------------------------------------------


def test_13_a_corrupt_middle_line_is_quarantined_and_regenerated(
    write_task: TaskWriter,
    tmp_path: Path,
    fake_openai: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    task = write_task(records=_records(4))
    out = tmp_path / "out"
    argv = run_argv(task, out, f"{fake_openai.url}/v1")
    assert main(argv) == 0
    lines = (out / STORE).read_bytes().splitlines(keepends=True)
    damaged = lines[1][:40] + b"\x00\xff garbage \n"
    (out / STORE).write_bytes(lines[0] + damaged + b"".join(lines[2:]))
    capsys.readouterr()
    assert main(argv) == 2
    assert f"store repair {out}" in capsys.readouterr().err
    assert main(["store", "check", str(out)]) == 1
    assert "line 2: not valid JSON" in capsys.readouterr().out
    assert main(["store", "repair", str(out)]) == 0
    assert (out / "predictions.quarantine.jsonl").read_bytes() == damaged
    assert main(["store", "check", str(out)]) == 0
    before = len(fake_openai.requests)
    assert main(argv) == 0
    assert len(fake_openai.requests) == before + 1  # exactly the quarantined one
    assert _verified(out) == {f"s{i}": CAPTION for i in range(4)}


def test_13_a_garbled_key_does_not_stay_in_the_store(
    write_task: TaskWriter,
    tmp_path: Path,
    fake_openai: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    task = write_task(records=_records(3))
    out = tmp_path / "out"
    argv = run_argv(task, out, f"{fake_openai.url}/v1")
    assert main(argv) == 0
    records = _lines(out)
    garbled = hashlib.sha256(b"bit flip").hexdigest()
    records[1]["key"] = garbled
    (out / STORE).write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["store", "check", str(out)]) == 1
    assert "line 2: key differs" in capsys.readouterr().out
    assert main(["store", "repair", str(out)]) == 0
    assert garbled not in (out / STORE).read_text(encoding="utf-8")
    assert garbled in (out / "predictions.quarantine.jsonl").read_text(encoding="utf-8")
    assert main(argv) == 0
    assert _verified(out) == {f"s{i}": CAPTION for i in range(3)}
    assert all(r["key"] != garbled for r in _lines(out))


def test_store_check_names_a_folder_without_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["store", "check", str(tmp_path)]) == 2
    assert "no predictions.jsonl" in capsys.readouterr().err


# -- own case: kill -9 during generation ----------------------------------------------------


@pytest.mark.slow
def test_kill_9_during_generation_then_resume_releases_the_lock_and_completes(
    write_task: TaskWriter, tmp_path: Path, http_server: Callable[[Handler], LocalServer]
) -> None:
    server = http_server(openai_handler(delay_s=0.5))
    task = write_task(records=_records(6))
    out = tmp_path / "out"
    argv = run_argv(task, out, f"{server.url}/v1", "--chunk-size", "1")
    proc = _popen(argv)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if (out / STORE).exists() and len(_lines(out)) >= 2:
            break
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    stored = len(_lines(out))
    assert 2 <= stored < 6 and not (out / "results.json").exists()
    assert main(argv) == 0  # the dead holder's lock is gone: the resume is not blocked
    lines = _lines(out)
    assert len(lines) == 6 and len({line["key"] for line in lines}) == 6
    assert _verified(out) == {f"s{i}": CAPTION for i in range(6)}


# -- own case: a full disk ------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Any:
    """A 1 MiB tmpfs (needs CAP_SYS_ADMIN); skipped where it cannot be mounted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
        capture_output=True, text=True, timeout=20,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); see the RLIMIT test")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=20)


def _fill(mount: Path, leave: int) -> Path:
    stats = os.statvfs(mount)
    free = stats.f_bavail * stats.f_frsize
    filler = mount / "filler"
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))
    return filler


@pytest.mark.slow
def test_a_full_disk_fails_cleanly_and_the_rerun_completes(
    write_task: TaskWriter,
    small_disk: Path,
    fake_openai: LocalServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    task = write_task(records=_records(3))
    out = small_disk / "out"
    out.mkdir()
    filler = _fill(small_disk, leave=4 * 4096)  # room for config and store, not for scoring
    argv = run_argv(task, out, f"{fake_openai.url}/v1")
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "No space left on device" in err and "Traceback" not in err
    assert not (out / "results.json").exists()
    assert not [p.name for p in out.rglob(".*.json*") if p.name.startswith(".results")]
    for line in (out / STORE).read_bytes().splitlines(keepends=True)[:-1]:
        json.loads(line)  # everything before a possibly torn last line is intact
    filler.unlink()
    assert main(argv) == 0
    assert _verified(out) == {f"s{i}": CAPTION for i in range(3)}


FSIZE_RUN = """
import resource, sys
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
import signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG, not a kill
from mella_eval.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.slow
def test_a_file_size_limit_fails_cleanly_and_the_rerun_completes(
    write_task: TaskWriter, tmp_path: Path, fake_openai: LocalServer
) -> None:
    """Where no tmpfs can be mounted, RLIMIT_FSIZE makes writes fail (EFBIG) the same way."""
    task = write_task(records=_records(3))
    out = tmp_path / "out"
    argv = run_argv(task, out, f"{fake_openai.url}/v1")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", FSIZE_RUN, "600", *argv],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-3000:]
    assert "File too large" in done.stderr and "Traceback" not in done.stderr
    assert not (out / "results.json").exists()
    assert main(argv) == 0
    assert _verified(out) == {f"s{i}": CAPTION for i in range(3)}
