"""Scoring on several processes gives exactly the serial results, and fails cleanly.

The equality test scores real bundled tasks (MELLA know and ling in Korean, Thai and
Arabic; XM3600 English, Chinese and Japanese, whose ``cider_coco`` runs the PTB JVM in
each worker; six languages, so Arabic's two tasks travel as one job) from external
predictions, through ``mella-eval score``, once with ``--scoring-workers 1`` and once
with ``--scoring-workers 2``: every task's metrics, confidence intervals, categories and
sample files must be the same to the last digit.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from mella_eval.cli import main
from mella_eval.data.dataset import load_task_data
from mella_eval.results import SampleRecord, read_results
from mella_eval.scoring import parallel, sample_record
from mella_eval.scoring.parallel import PendingJob, ScoringProcessError, TaskJob, score_jobs
from mella_eval.tasks import TaskRegistry

pytestmark = pytest.mark.slow

TASKS = [
    "mella_know_ko",
    "mella_ling_th",
    "mella_know_ar",
    "mella_ling_ar",
    "xm3600_en",
    "xm3600_zh",
    "xm3600_ja",
]


def _registry() -> TaskRegistry:
    return TaskRegistry.discover()


def _predictions(path: Path) -> Path:
    """Predictions with scores neither 0 nor 100: a sample's own first reference (even
    positions) or the next sample's (odd positions)."""
    registry = _registry()
    lines = []
    for spec in registry.resolve(TASKS):
        samples = load_task_data(spec).samples
        for i, sample in enumerate(samples):
            text = samples[(i + i % 2) % len(samples)].references[0]
            lines.append({"task": spec.name, "id": sample.id, "prediction": text})
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


def test_two_processes_score_exactly_as_one(tmp_path: Path) -> None:
    predictions = _predictions(tmp_path / "predictions.jsonl")
    folders = {}
    for workers in (1, 2):
        out = folders[workers] = tmp_path / f"w{workers}"
        args = ["score", "--predictions", str(predictions), "--tasks", ",".join(TASKS),
                "--output", str(out), "--bootstrap", "200", "--scoring-workers", str(workers)]  # fmt: skip
        assert main(args) == 0
    serial, pooled = (read_results(folders[w]) for w in (1, 2))
    assert list(pooled.tasks) == list(serial.tasks) == [s.name for s in _registry().resolve(TASKS)]
    for name in TASKS:
        one, two = serial.tasks[name], pooled.tasks[name]
        assert two.model_dump() == one.model_dump()
        assert one.n_scored == one.n_samples and one.metrics[one.headline].value > 0
        assert (folders[2] / two.samples_file).read_bytes() == (
            folders[1] / one.samples_file
        ).read_bytes()
    assert pooled.groups == serial.groups
    assert serial.tasks["xm3600_ja"].categories  # image/locale: per-category values compared


def test_workers_count_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 8)
    monkeypatch.setattr(parallel, "available_memory", lambda: 64 * 1024**3)
    assert parallel.scoring_workers(None, 36, 130_000) == 8
    assert parallel.scoring_workers(None, 3, 130_000) == 3  # no more workers than tasks
    assert parallel.scoring_workers(None, 16, 160) == 1  # the demo: spawning costs more
    assert parallel.scoring_workers(None, 1, 130_000) == 1
    assert parallel.scoring_workers(4, 2, 10) == 2  # asked for: capped at the task count
    monkeypatch.setattr(parallel, "available_memory", lambda: 7 * 1024**3)
    assert parallel.scoring_workers(None, 36, 130_000) == 2  # 3 GiB a worker
    with pytest.raises(ValueError, match="at least 1"):
        parallel.scoring_workers(0, 36, 130_000)


def _pending(name: str, cost: int, language: str) -> PendingJob:
    def build() -> TaskJob:
        raise AssertionError("not built by bundles()")

    return PendingJob(name, cost, build, language=language)


def test_jobs_are_bundled_by_language_when_languages_outnumber_processes() -> None:
    """MELLA on 2 processes: each language's know + ling in one job (no language is
    loaded twice), largest total first; ties keep the given order."""
    jobs = [
        _pending(f"mella_{kind}_{lang}", cost, lang)
        for lang, know, ling in [("ar", 1, 9), ("ko", 2, 12), ("th", 3, 8), ("vi", 1, 5)]
        for kind, cost in (("know", know), ("ling", ling))
    ]
    got = [bundle.names for bundle in parallel.bundles(jobs, 2)]
    assert got == [
        ["mella_know_ko", "mella_ling_ko"],  # 14
        ["mella_know_th", "mella_ling_th"],  # 11
        ["mella_know_ar", "mella_ling_ar"],  # 10
        ["mella_know_vi", "mella_ling_vi"],  # 6
    ]
    # 3 processes, 4 languages: too few to balance, so one task per job
    got = [bundle.names for bundle in parallel.bundles(jobs, 3)]
    assert got[:3] == [["mella_ling_ko"], ["mella_ling_ar"], ["mella_ling_th"]]
    assert sorted(n for names in got for n in names) == sorted(j.name for j in jobs)
    one_language = [_pending("mella_know_ko", 2, "ko"), _pending("mella_ling_ko", 12, "ko")]
    assert [b.names for b in parallel.bundles(one_language, 2)] == [
        ["mella_ling_ko"],
        ["mella_know_ko"],
    ]


def test_cli_rejects_a_zero_worker_count(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["score", "--predictions", "p.jsonl", "--output", "o", "--scoring-workers", "0"])
    assert "expected a whole number >= 1, not '0'" in capsys.readouterr().err


def _job(out: Path, name: str, records: list[SampleRecord]) -> PendingJob:
    spec = _registry().get(name)
    job = TaskJob(out, spec, "hash", {}, records, partial=False, bootstrap=0, seed=0)
    return PendingJob(name, len(records), lambda: job)


def _records(name: str, references: bool = True) -> list[SampleRecord]:
    """The task's samples, each predicting its own first reference (or, with
    ``references=False``, with no references: a reference metric then raises)."""
    records = [
        sample_record(s, None, {"text": s.references[0]})
        for s in load_task_data(_registry().get(name)).samples
    ]
    return records if references else [r.model_copy(update={"references": []}) for r in records]


def _children() -> set[int]:
    """Pids of this process's live multiprocessing children. A session vLLM engine's
    core may be one (xdist can put its tests on this worker): tests compare with a
    snapshot taken before scoring, so only the pool's workers count."""
    return {p.pid for p in multiprocessing.active_children() if p.pid is not None}


def test_workers_are_gone_when_scoring_returns(tmp_path: Path) -> None:
    """Workers are told to exit once the queue is empty (so their teardown overlaps the
    parent's last job), and are all reaped by the time the results are returned."""
    jobs = [_job(tmp_path, name, _records(name)) for name in ("mella_ling_ru", "mella_ling_cs")]
    before = _children()
    results = score_jobs(jobs, 2)
    assert list(results) == ["mella_ling_ru", "mella_ling_cs"]
    assert _children() <= before


def test_a_failing_task_stops_the_pool_and_is_named(tmp_path: Path) -> None:
    jobs = [
        _job(tmp_path, "mella_ling_ru", _records("mella_ling_ru")),
        _job(tmp_path, "mella_ling_cs", _records("mella_ling_cs", references=False)),
    ]
    before = _children()
    with pytest.raises(ValueError, match="has no references") as caught:
        score_jobs(jobs, 2)
    assert "while scoring task mella_ling_cs" in caught.value.__notes__
    assert _children() <= before  # the pool is gone, not left waiting
    assert not (tmp_path / "samples" / "mella_ling_cs.jsonl").exists()


def test_a_killed_worker_gives_a_clear_error(tmp_path: Path) -> None:
    """A worker killed mid-task (as the OOM killer would) names the task it held; the
    parent, scoring the other task meanwhile, notices when it looks for the results."""
    big = _records("mella_ling_hu") * 200  # seconds of METEOR: time to kill it mid-task
    big = [r.model_copy(update={"id": f"{r.id}-{i}"}) for i, r in enumerate(big)]
    jobs = [_job(tmp_path, "mella_ling_hu", big), _job(tmp_path, "mella_ling_sr", big)]
    errors: list[BaseException] = []

    def score() -> None:
        try:
            score_jobs(jobs, 2)
        except BaseException as exc:
            errors.append(exc)

    before = _children()
    thread = threading.Thread(target=score)
    thread.start()
    deadline = time.monotonic() + 60
    while not _children() - before and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    os.kill(min(_children() - before), signal.SIGKILL)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], ScoringProcessError)
    message = str(errors[0])
    assert "a scoring process died" in message and "--scoring-workers 1" in message
    assert "mella_ling_hu" in message or "mella_ling_sr" in message
    assert not (tmp_path / "results.json").exists()
