"""The shipped ``mella`` leaderboard end to end on the bundled mini data.

A genuine run of all 16 tasks (predictions: the first reference, shuffled and cut, so
scores are neither 0 nor 100) is accepted; a copy with one METEOR raised is rejected with
a diff. The leaderboard folder is copied first, with fewer bootstrap resamples for speed.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mella_eval.errors import SubmissionError
from mella_eval.leaderboard import bundled_leaderboards_dir, load_definition, submit_run
from mella_eval.results import (
    EnvironmentInfo,
    ModelInfo,
    RunInfo,
    RunResult,
    SampleRecord,
    TaskResult,
    write_results,
    write_samples,
)
from tests.leaderboard.conftest import edit_results

pytestmark = pytest.mark.slow


def _caption(reference: str, sample_id: str) -> str:
    words = reference.split()
    random.Random(sample_id).shuffle(words)
    return " ".join(words[: max(3, len(words) // 2)])


def _mella_run(out: Path) -> Path:
    from mella_eval.data.dataset import load_task_data
    from mella_eval.scoring import score_records
    from mella_eval.tasks import TaskRegistry, task_hash

    tasks = {}
    for spec in TaskRegistry.discover().resolve(["mella"]):
        data = load_task_data(spec)
        records = [
            SampleRecord(id=s.id, prompt=s.prompt, prediction=_caption(s.references[0], s.id),
                         references=s.references, keywords=[list(k) for k in s.keywords])
            for s in data.samples
        ]  # fmt: skip
        metrics, records = score_records(spec, records, bootstrap=10, seed=0)
        relative, digest = write_samples(out, spec.name, records)
        tasks[spec.name] = TaskResult(
            task=spec.name, task_hash=task_hash(spec, data.fingerprint), version=spec.version,
            kind=spec.kind, language=spec.language.code, generation=spec.generation.model_dump(),
            n_samples=len(records), n_scored=len(records), n_errors=0,
            headline=spec.metrics[0].key, metrics=metrics, reportable=True,
            samples_file=relative, samples_sha256=digest,
        )  # fmt: skip
    now = datetime.now(UTC)
    run = RunInfo(model=ModelInfo(name="shuffled-reference", fingerprint="sha256:e2e"), engine="none",
                  tasks={n: t.task_hash for n, t in tasks.items()}, started_at=now, finished_at=now)  # fmt: skip
    env = EnvironmentInfo(mella_eval="test", python="3", platform="linux", device="cpu")
    write_results(out, RunResult(run=run, environment=env, tasks=tasks, reportable=True))
    return out


def test_mella_accepts_a_genuine_run_and_rejects_a_tampered_copy(tmp_path: Path) -> None:
    root = Path(shutil.copytree(bundled_leaderboards_dir(), tmp_path / "leaderboards"))
    yaml_path = root / "mella" / "leaderboard.yaml"
    yaml_path.write_text(
        yaml_path.read_text(encoding="utf-8").replace("bootstrap: 1000", "bootstrap: 10"), "utf-8"
    )
    definition = load_definition("mella", root)
    good = _mella_run(tmp_path / "run")
    bad = Path(shutil.copytree(good, tmp_path / "tampered"))

    def raise_meteor(raw: dict[str, Any]) -> None:
        raw["tasks"]["mella_ling_th"]["metrics"]["meteor"]["value"] += 3.0
        raw["run"]["seed"] = 1

    edit_results(bad, raise_meteor)
    # The tampered copy goes first: after the genuine run, the same predictions are a duplicate.
    with pytest.raises(SubmissionError) as caught:
        submit_run(definition, bad)
    [row] = [line.split() for line in str(caught.value).splitlines() if "mella_ling_th" in line]
    assert row[:2] == ["mella_ling_th", "meteor"]
    assert float(row[2]) - float(row[3]) == pytest.approx(3.0, abs=1e-5)
    path = submit_run(definition, good)
    assert path.parent == root / "mella" / "submissions"
