"""Submitting runs: genuine ones land, tampered, partial, stale and duplicate ones do not."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mella_eval.errors import SubmissionError
from mella_eval.leaderboard import load_definition, read_records, submit_run
from mella_eval.results import sha256_text
from tests.leaderboard.conftest import PREDICTIONS, build_run, edit_results

RunCopy = Callable[..., Path]


def _submit(root: Path, run: Path) -> Path:
    return submit_run(load_definition("test", root), run)


def _rejection(root: Path, run: Path) -> str:
    with pytest.raises(SubmissionError) as caught:
        _submit(root, run)
    assert not list((root / "test" / "submissions").glob("*.json")), "a rejected run was written"
    return str(caught.value)


def test_genuine_run_is_accepted_with_its_scores(lb_root: Path, run_copy: RunCopy) -> None:
    run = run_copy()
    claimed = json.loads((run / "results.json").read_text(encoding="utf-8"))["tasks"]
    path = _submit(lb_root, run)
    digest = path.stem.rsplit("-", 1)[-1]
    assert re.fullmatch(r"[0-9a-f]{16}", digest)
    [record] = read_records(lb_root / "test" / "submissions")
    assert record.entry_type == "run" and record.model == "tiny-vlm"
    assert record.model_fingerprint == "sha256:aaaa"
    assert sorted(record.tasks) == ["lbt_know_cs", "lbt_know_hu", "lbt_ling_cs", "lbt_ling_hu"]
    for name, task in record.tasks.items():
        for key, value in task.metrics.items():
            assert value.value == pytest.approx(claimed[name]["metrics"][key]["value"], abs=1e-9)
        assert task.samples_sha256 == claimed[name]["samples_sha256"]
    # Hand-checked: cs know = mean(1/2, 0/1, 1/1) over samples = 50.
    assert record.tasks["lbt_know_cs"].metrics["keyword_accuracy"].value == pytest.approx(50.0)


def test_changed_score_in_results_is_rejected_with_a_diff(lb_root: Path, run_copy: RunCopy) -> None:
    run = run_copy()
    original: dict[str, float] = {}

    def inflate(raw: dict[str, Any]) -> None:
        metric = raw["tasks"]["lbt_ling_cs"]["metrics"]["chrf"]
        original["chrf"] = metric["value"]
        metric["value"] += 5.0

    edit_results(run, inflate)
    message = _rejection(lb_root, run)
    assert "differ from rescoring" in message
    [row] = [line for line in message.splitlines() if "lbt_ling_cs" in line]
    fields = row.split()
    assert fields[:2] == ["lbt_ling_cs", "chrf"]
    assert float(fields[2]) == pytest.approx(original["chrf"] + 5.0, abs=1e-5)
    assert float(fields[3]) == pytest.approx(original["chrf"], abs=1e-5)


def test_changed_prediction_with_recomputed_hash_is_rejected(
    lb_root: Path, run_copy: RunCopy
) -> None:
    run = run_copy()
    samples = run / "samples" / "lbt_ling_hu.jsonl"
    lines = [json.loads(line) for line in samples.read_text(encoding="utf-8").splitlines()]
    lines[0]["prediction"] = lines[0]["references"][0]  # a perfect caption: scores go up
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    samples.write_text(text, encoding="utf-8")
    edit_results(
        run, lambda raw: raw["tasks"]["lbt_ling_hu"].update(samples_sha256=sha256_text(text))
    )
    message = _rejection(lb_root, run)
    rows = {tuple(line.split()[:2]) for line in message.splitlines()[1:]}
    assert ("lbt_ling_hu", "chrf") in rows and ("lbt_ling_hu", "bleu") in rows
    assert not any(task != "lbt_ling_hu" for task, _ in rows if task != "task")


def test_changed_prediction_without_new_hash_is_rejected(lb_root: Path, run_copy: RunCopy) -> None:
    run = run_copy()
    samples = run / "samples" / "lbt_know_cs.jsonl"
    samples.write_text(samples.read_text(encoding="utf-8").replace("Hrad", "Pražský hrad"), "utf-8")
    message = _rejection(lb_root, run)
    assert "lbt_know_cs" in message and "hash" in message


def test_changed_references_rescored_consistently_are_rejected(
    lb_root: Path, run_copy: RunCopy, lb_assets: dict[str, Path]
) -> None:
    """Easier references with honestly recomputed scores still do not match the task data."""
    from mella_eval.scoring import score_records
    from mella_eval.tasks import TaskRegistry

    run = run_copy()
    samples = run / "samples" / "lbt_ling_cs.jsonl"
    lines = [json.loads(line) for line in samples.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        line["references"] = [line["prediction"]]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    samples.write_text(text, encoding="utf-8")
    from mella_eval.results import SampleRecord

    spec = TaskRegistry.discover([lb_assets["tasks"]]).get("lbt_ling_cs")
    metrics, _ = score_records(spec, [SampleRecord.model_validate(r) for r in lines], bootstrap=20)

    def rewrite(raw: dict[str, Any]) -> None:
        task = raw["tasks"]["lbt_ling_cs"]
        task["samples_sha256"] = sha256_text(text)
        task["metrics"] = {k: v.model_dump(mode="json") for k, v in metrics.items()}

    edit_results(run, rewrite)
    message = _rejection(lb_root, run)
    assert "lbt_ling_cs" in message and "differ from the task data" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda raw: raw["tasks"].pop("lbt_know_hu"), r"missing task\(s\): lbt_know_hu"),
        (
            lambda raw: raw["tasks"]["lbt_ling_cs"].update(reportable=False),
            r"not reportable.*lbt_ling_cs",
        ),
        (
            lambda raw: raw["tasks"]["lbt_know_cs"].update(task_hash="0" * 16),
            r"lbt_know_cs: stale task hash",
        ),
        (
            lambda raw: raw["tasks"]["lbt_ling_hu"].update(version=2),
            r"lbt_ling_hu: version 2, required 1",
        ),
        (lambda raw: raw["run"].update(limit=2), r"--limit"),
        (lambda raw: raw.update(schema_version="0.9"), r"schema_version"),
    ],
    ids=["missing-task", "not-reportable", "stale-hash", "old-version", "limit", "schema"],
)
def test_incomplete_or_stale_runs_are_rejected_naming_the_task(
    lb_root: Path, run_copy: RunCopy, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    run = run_copy()
    edit_results(run, change)
    assert re.search(expected, _rejection(lb_root, run))


def test_data_changed_since_the_run_makes_it_stale(
    lb_root: Path, run_copy: RunCopy, lb_assets: dict[str, Path], tmp_path: Path
) -> None:
    """A leaderboard whose task data differs from the run's gives a stale-hash rejection."""
    import shutil

    tasks = Path(shutil.copytree(lb_assets["tasks"], tmp_path / "tasks2"))
    data = tasks / "lbt_hu.jsonl"
    data.write_text(
        data.read_text(encoding="utf-8").replace("Lánchíd éjszakai", "Lánchíd esti"), "utf-8"
    )
    definition = lb_root / "test" / "leaderboard.yaml"
    text = definition.read_text(encoding="utf-8")
    definition.write_text(text.replace(str(lb_assets["tasks"]), str(tasks)), encoding="utf-8")
    message = _rejection(lb_root, run_copy())
    assert "lbt_know_hu: stale task hash" in message and "lbt_ling_hu: stale task hash" in message
    assert "lbt_know_cs" not in message


def test_failed_sample_in_a_task_marked_reportable_is_rejected(
    lb_root: Path, run_copy: RunCopy
) -> None:
    run = run_copy()
    samples = run / "samples" / "lbt_know_hu.jsonl"
    lines = [json.loads(line) for line in samples.read_text(encoding="utf-8").splitlines()]
    lines[1].update(prediction=None, error="image unreadable")
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    samples.write_text(text, encoding="utf-8")
    edit_results(
        run, lambda raw: raw["tasks"]["lbt_know_hu"].update(samples_sha256=sha256_text(text))
    )
    assert "lbt_know_hu: 1 sample(s) without a prediction" in _rejection(lb_root, run)


def test_duplicate_is_rejected(
    lb_root: Path, run_copy: RunCopy, lb_assets: dict[str, Path], tmp_path: Path
) -> None:
    _submit(lb_root, run_copy("first"))
    with pytest.raises(SubmissionError, match="duplicate"):
        _submit(lb_root, run_copy("second"))
    renamed = run_copy("other-seed")  # same predictions under another name and seed
    edit_results(renamed, lambda raw: raw["run"].update(seed=1))
    with pytest.raises(SubmissionError, match="duplicate"):
        _submit(lb_root, renamed)
    other = build_run(
        tmp_path / "other", lb_assets["tasks"], predictions={**PREDICTIONS, "h3": "Egy híd."}
    )
    _submit(lb_root, other)
    assert len(read_records(lb_root / "test" / "submissions")) == 2


def test_edited_record_is_refused_when_read(lb_root: Path, run_copy: RunCopy) -> None:
    path = _submit(lb_root, run_copy())
    path.write_text(path.read_text(encoding="utf-8").replace('"tiny-vlm"', '"other"'), "utf-8")
    with pytest.raises(SubmissionError, match="does not match the hash in its name"):
        read_records(path.parent)
