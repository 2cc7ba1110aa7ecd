"""`mella-eval run|score|merge` end to end on a tiny real checkpoint (HF engine: fast start)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mella_eval.cli import main
from mella_eval.results import read_results
from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _run_args(ckpt: Path, tasks: Path, out: Path, *extra: str) -> list[str]:
    return [
        "run",
        "--model",
        str(ckpt),
        "--tasks",
        "t_hu",
        "--engine",
        "hf",
        "--include-path",
        str(tasks),
        "--output",
        str(out),
        "--quiet",
        "--bootstrap",
        "50",
        *extra,
    ]


def _samples(out: Path) -> dict[str, list[dict[str, Any]]]:
    """Sample records per task, without timing fields that differ between runs."""
    result = {}
    for path in sorted((out / "samples").glob("*.jsonl")):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        result[path.stem] = sorted(
            ({k: v for k, v in r.items() if k != "latency_s"} for r in records),
            key=lambda r: r["id"],
        )
    return result


def _scores(out: Path) -> dict[str, dict[str, float]]:
    result = read_results(out)
    return {name: {k: m.value for k, m in t.metrics.items()} for name, t in result.tasks.items()}


def _start_until_stored(
    args: list[str], out: Path, *, lines: int, stderr: int
) -> subprocess.Popen[str]:
    """Start `mella-eval` in a subprocess; return once its store holds ``lines`` records."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "mella_eval", *args]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True)
    store = out / "predictions.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if store.exists() and store.read_bytes().count(b"\n") >= lines:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be stopped"
    return proc


@pytest.fixture
def finished_run(
    tiny_checkpoint: Path, hu_tasks: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str]:
    out = tmp_path / "run"
    assert main(_run_args(tiny_checkpoint, hu_tasks, out)) == 0
    return out, capsys.readouterr().out


def test_run_writes_schema_valid_results_and_prints_table(
    finished_run: tuple[Path, str], hu_tasks: Path
) -> None:
    out, printed = finished_run
    raw = json.loads((out / "results.json").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "schemas" / "results.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(raw, schema)
    result = read_results(out)
    assert set(result.tasks) == {"t_know_hu", "t_ling_hu"}
    know = result.tasks["t_know_hu"]
    assert (know.n_samples, know.n_errors, know.reportable) == (3, 0, True)
    assert know.headline == "keyword_accuracy" and know.generation["max_new_tokens"] == 6
    assert result.run.model.fingerprint.startswith("sha256:")
    assert result.environment.packages["transformers"]
    # Group macro average = plain mean of the two tasks' values (hand computation).
    group = result.groups["t_hu"]
    assert group.complete and group.tasks == ["t_know_hu", "t_ling_hu"]
    assert group.metrics["chrf"].value == pytest.approx(
        result.tasks["t_ling_hu"].metrics["chrf"].value
    )
    lines = (out / "samples" / "t_ling_hu.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["prompt"] == "Írd le ezt a képet." and len(first["image_sha256"]) == 64
    assert set(first["metrics"]) == {"chrf", "bleu"}
    assert "hu Hungarian" in printed and "chrF" in printed and "KeyAcc" in printed


def test_rerun_reuses_everything_and_gives_identical_results(
    finished_run, tiny_checkpoint, hu_tasks, capsys
) -> None:
    out, _ = finished_run
    before_samples, before_scores = _samples(out), _scores(out)
    before_settings = read_results(out).run.engine_settings
    assert before_settings["engine"] == "hf" and before_settings["dtype"] == "float32"
    assert main(_run_args(tiny_checkpoint, hu_tasks, out)) == 0
    assert "(0 generated, 6 reused)" in capsys.readouterr().out
    assert _samples(out) == before_samples and _scores(out) == before_scores
    assert read_results(out).run.engine_settings == before_settings


def test_score_reproduces_the_run_from_its_sample_files(
    finished_run, hu_tasks, tmp_path: Path
) -> None:
    out, _ = finished_run
    rescored = tmp_path / "rescored"
    assert (
        main(
            [
                "score",
                "--predictions",
                str(out),
                "--include-path",
                str(hu_tasks),
                "--output",
                str(rescored),
                "--quiet",
                "--bootstrap",
                "50",
            ]
        )
        == 0
    )
    assert _scores(rescored) == _scores(out)
    assert (
        read_results(rescored).tasks["t_ling_hu"].task_hash
        == read_results(out).tasks["t_ling_hu"].task_hash
    )


def test_score_external_jsonl(hu_tasks: Path, tmp_path: Path) -> None:
    """A perfect prediction (the reference itself) scores 100 chrF; a missing one is an error."""
    from tests.runner.conftest import HU_RECORDS

    preds = tmp_path / "preds.jsonl"
    lines = [
        {"task": "t_ling_hu", "id": r["id"], "prediction": r["desc"][0]} for r in HU_RECORDS[:2]
    ]
    preds.write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8"
    )
    out = tmp_path / "scored"
    assert (
        main(
            [
                "score",
                "--predictions",
                str(preds),
                "--include-path",
                str(hu_tasks),
                "--output",
                str(out),
                "--quiet",
                "--bootstrap",
                "0",
            ]
        )
        == 0
    )
    task = read_results(out).tasks["t_ling_hu"]
    assert task.n_errors == 1 and not task.reportable
    per_sample = {
        json.loads(x)["id"]: json.loads(x)["metrics"]
        for x in (out / "samples" / "t_ling_hu.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert per_sample["hu-1"]["chrf"] == pytest.approx(100.0)


def test_score_rejects_unknown_sample_ids(hu_tasks: Path, tmp_path: Path, capsys) -> None:
    preds = tmp_path / "preds.jsonl"
    preds.write_text(
        json.dumps({"task": "t_ling_hu", "id": "nope", "prediction": "x"}) + "\n", encoding="utf-8"
    )
    assert (
        main(
            [
                "score",
                "--predictions",
                str(preds),
                "--include-path",
                str(hu_tasks),
                "--output",
                str(tmp_path / "o"),
            ]
        )
        == 2
    )
    assert "sample 'nope'" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_shards_merge_into_the_unsharded_result(
    finished_run, tiny_checkpoint, hu_tasks, tmp_path: Path
) -> None:
    out, _ = finished_run
    shards = [tmp_path / f"shard{i}" for i in range(2)]
    for i, folder in enumerate(shards):
        assert main(_run_args(tiny_checkpoint, hu_tasks, folder, "--shard", f"{i}/2")) == 0
        assert not read_results(folder).reportable
    sizes = [sum(t.n_samples for t in read_results(f).tasks.values()) for f in shards]
    assert sum(sizes) == 6
    merged = tmp_path / "merged"
    assert main(["merge", *map(str, shards), "--output", str(merged), "--quiet"]) == 0
    assert _samples(merged) == _samples(out)
    assert _scores(merged) == _scores(out)
    assert read_results(merged).reportable


def test_merge_refuses_incomplete_shards(tiny_checkpoint, hu_tasks, tmp_path: Path, capsys) -> None:
    shard = tmp_path / "s0"
    assert main(_run_args(tiny_checkpoint, hu_tasks, shard, "--shard", "0/3")) == 0
    assert main(["merge", str(shard), "--output", str(tmp_path / "m")]) == 2
    assert "missing [1, 2]" in capsys.readouterr().err


def test_kill_9_then_resume_equals_uninterrupted(
    finished_run, tiny_checkpoint, hu_tasks, tmp_path: Path
) -> None:
    """Kill the run hard after its first chunk lands; the resumed run must match."""
    out, _ = finished_run
    killed = tmp_path / "killed"
    args = _run_args(tiny_checkpoint, hu_tasks, killed, "--chunk-size", "1")
    proc = _start_until_stored(args, killed, lines=2, stderr=subprocess.DEVNULL)
    store = killed / "predictions.jsonl"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    lines = store.read_bytes().count(b"\n")
    assert 1 <= lines < 6, "the kill should land mid-run"
    assert not (killed / "results.json").exists()
    with store.open("ab") as handle:  # a record cut in half by the kill
        handle.write(b'{"key": "abc", "text": "trunc')
    assert main(args) == 0
    assert _samples(killed) == _samples(out)
    assert _scores(killed) == _scores(out)


def test_corrupt_image_fails_one_sample_only(
    tiny_checkpoint, hu_tasks: Path, tmp_path: Path
) -> None:
    (hu_tasks / "img" / "2.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    out = tmp_path / "run"
    assert main(_run_args(tiny_checkpoint, hu_tasks, out)) == 0
    result = read_results(out)
    know = result.tasks["t_know_hu"]
    assert (know.n_samples, know.n_errors, know.n_scored, know.reportable) == (3, 1, 2, False)
    records = {
        json.loads(x)["id"]: json.loads(x)
        for x in (out / "samples" / "t_know_hu.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert (
        "cannot decode image" in records["hu-2"]["error"] and records["hu-2"]["prediction"] is None
    )
    assert records["hu-1"]["error"] is None and records["hu-1"]["prediction"] is not None


def test_limit_is_not_reportable(tiny_checkpoint, hu_tasks, tmp_path: Path) -> None:
    out = tmp_path / "limited"
    assert main(_run_args(tiny_checkpoint, hu_tasks, out, "--limit", "1")) == 0
    result = read_results(out)
    assert all(t.n_samples == 1 for t in result.tasks.values()) and not result.reportable


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("unknown_task", "unknown task or group 't_nope'"),
        ("missing_model", "model path not found"),
        ("unwritable", "cannot write to output folder"),
        ("duplicate_ids", "duplicate sample id"),
    ],
)
def test_user_errors_exit_2_with_one_line_and_write_nothing(
    tiny_checkpoint, hu_tasks, tmp_path: Path, capsys, case: str, message: str
) -> None:
    out = tmp_path / "out"
    args = _run_args(tiny_checkpoint, hu_tasks, out)
    if case == "unknown_task":
        args[args.index("t_hu")] = "t_nope"
    elif case == "missing_model":
        args[args.index(str(tiny_checkpoint))] = str(tmp_path / "no-such-model")
    elif case == "unwritable":
        blocker = tmp_path / "file"
        blocker.write_text("x")
        out = blocker / "out"
        args[args.index("--output") + 1] = str(out)
    else:
        data = hu_tasks / "hu.jsonl"
        data.write_text(data.read_text(encoding="utf-8") * 2, encoding="utf-8")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


def test_ctrl_c_stops_cleanly_and_keeps_finished_chunks(
    tiny_checkpoint, hu_tasks, tmp_path: Path
) -> None:
    """SIGINT after the first chunk: exit 130 with a one-line message, no traceback, chunks kept."""
    out = tmp_path / "interrupted"
    args = _run_args(tiny_checkpoint, hu_tasks, out, "--chunk-size", "1")
    proc = _start_until_stored(args, out, lines=1, stderr=subprocess.PIPE)
    store = out / "predictions.jsonl"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted; finished work is kept" in err and "Traceback" not in err
    kept = [json.loads(line) for line in store.read_text(encoding="utf-8").splitlines()]
    assert 1 <= len(kept) < 6 and all(r["error"] is None for r in kept)
    assert not (out / "results.json").exists()
