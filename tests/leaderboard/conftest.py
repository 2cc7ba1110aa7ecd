"""Leaderboard fixtures: a tiny two-language leaderboard and genuine runs for it.

A "genuine" run is built the way ``mella-eval run`` builds one: predictions are written
to sample files and the claimed scores come from :func:`mella_eval.scoring.score_records`
run at fixture time. Tests then copy it and tamper with the copy.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

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
from tests.conftest import draw_image

LANGS = ("cs", "hu")
KNOW_METRICS = "[keyword_accuracy, keyword_hit]"
LING_METRICS = "[chrf, bleu]"

DATA: dict[str, list[dict[str, Any]]] = {
    "cs": [
        {
            "id": "c1",
            "refs": ["Pražský hrad nad Vltavou za soumraku."],
            "kw": [["Pražský hrad"], ["Vltava", "Vltavou"]],
        },
        {
            "id": "c2",
            "refs": ["Svíčková na smetaně s knedlíky na talíři."],
            "kw": [["svíčková", "svíčkovou"]],
        },
        {"id": "c3", "refs": ["Karlův most plný turistů v létě."], "kw": [["Karlův most"]]},
    ],
    "hu": [
        {
            "id": "h1",
            "refs": ["A budapesti Parlament épülete a Duna partján."],
            "kw": [["Parlament", "Országház"], ["Duna"]],
        },
        {
            "id": "h2",
            "refs": ["Gulyásleves piros paprikával egy fehér tányérban."],
            "kw": [["gulyás", "gulyásleves"]],
        },
        {"id": "h3", "refs": ["A Lánchíd éjszakai kivilágításban."], "kw": [["Lánchíd"]]},
    ],
}
PREDICTIONS = {
    "c1": "Hrad nad řekou Vltavou večer.",
    "c2": "Talíř s masem, omáčkou a knedlíky.",
    "c3": "Karlův most s lidmi v létě.",
    "h1": "A Parlament épülete a folyó partján.",
    "h2": "Leves egy fehér tányérban, paprikával.",
    "h3": "Egy híd éjszaka, fényekkel.",
}
PROMPTS = {"cs": "Popište tento obrázek.", "hu": "Írd le ezt a képet."}

DEFINITION = """\
name: {name}
title: Test leaderboard
description: Two languages, two views.
schema_version: "1.0"
languages: [cs, hu]
default_view: know
bootstrap: 20
task_paths: [{tasks}]
views:
  - name: know
    title: Know view
    kind: know
    task_template: "lbt_know_{{lang}}"
    task_version: 1
    metrics: [keyword_accuracy]
    rank_by: keyword_accuracy
  - name: ling
    title: Ling view
    kind: ling
    task_template: "lbt_ling_{{lang}}"
    task_version: 1
    metrics: [chrf, bleu]
    rank_by: chrf
"""


def _write_tasks(folder: Path) -> None:
    """Four tasks (know + ling for cs and hu) with their data and images."""
    folder.mkdir(parents=True)
    for lang in LANGS:
        for record in DATA[lang]:
            draw_image(folder / "img" / f"{record['id']}.png")
        rows = [{**r, "image": f"img/{r['id']}.png"} for r in DATA[lang]]
        (folder / f"lbt_{lang}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        for kind, metrics in (("know", KNOW_METRICS), ("ling", LING_METRICS)):
            (folder / f"lbt_{kind}_{lang}.yaml").write_text(
                f"name: lbt_{kind}_{lang}\nversion: 1\nkind: {kind}\nlanguage: {lang}\n"
                f"dataset:\n  adapter: jsonl\n  path: lbt_{lang}.jsonl\n"
                "  fields: {id: id, image: image, references: refs, keywords: kw}\n"
                f'prompt:\n  templates: ["{PROMPTS[lang]}"]\nmetrics: {metrics}\n',
                encoding="utf-8",
            )


def build_run(
    out: Path,
    tasks_dir: Path,
    fingerprint: str = "sha256:aaaa",
    name: str = "tiny-vlm",
    predictions: dict[str, str] | None = None,
) -> Path:
    """A genuine, complete run of the four test tasks (scores from score_records)."""
    predictions = predictions or PREDICTIONS
    from mella_eval.data.dataset import load_task_data
    from mella_eval.scoring import score_records
    from mella_eval.tasks import TaskRegistry, task_hash

    registry = TaskRegistry.discover([tasks_dir])
    tasks: dict[str, TaskResult] = {}
    for kind in ("know", "ling"):
        for lang in LANGS:
            spec = registry.get(f"lbt_{kind}_{lang}")
            data = load_task_data(spec)
            records = [
                SampleRecord(id=s.id, prompt=s.prompt, prediction=predictions[s.id],
                             references=s.references, keywords=[list(k) for k in s.keywords])
                for s in data.samples
            ]  # fmt: skip
            metrics, records = score_records(spec, records, bootstrap=20, seed=0)
            relative, digest = write_samples(out, spec.name, records)
            tasks[spec.name] = TaskResult(
                task=spec.name, task_hash=task_hash(spec, data.fingerprint), version=spec.version,
                kind=spec.kind, language=lang, generation=spec.generation.model_dump(),
                n_samples=len(records), n_scored=len(records), n_errors=0,
                headline=spec.metrics[0].key, metrics=metrics, reportable=True,
                samples_file=relative, samples_sha256=digest,
            )  # fmt: skip
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    result = RunResult(
        run=RunInfo(
            model=ModelInfo(name=name, fingerprint=fingerprint), engine="hf",
            engine_settings={"dtype": "float32", "batch_size": 4}, seed=0,
            tasks={n: t.task_hash for n, t in tasks.items()}, command=["mella-eval", "run"],
            started_at=now, finished_at=now,
        ),
        environment=EnvironmentInfo(mella_eval="0.1.0", python="3.11", platform="linux", device="cpu"),
        tasks=tasks,
        reportable=True,
    )  # fmt: skip
    write_results(out, result)
    return out


@pytest.fixture(scope="session")
def lb_assets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Test tasks and one genuine run, built once per session (scoring takes a moment)."""
    base = tmp_path_factory.mktemp("lb-assets")
    tasks = base / "tasks"
    _write_tasks(tasks)
    run = build_run(base / "run", tasks)
    return {"tasks": tasks, "run": run}


@pytest.fixture
def lb_root(tmp_path: Path, lb_assets: dict[str, Path]) -> Path:
    """A fresh leaderboards root holding an empty ``test`` leaderboard."""
    root = tmp_path / "leaderboards"
    (root / "test").mkdir(parents=True)
    text = DEFINITION.format(name="test", tasks=json.dumps(str(lb_assets["tasks"])))
    (root / "test" / "leaderboard.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def run_copy(tmp_path: Path, lb_assets: dict[str, Path]) -> Callable[[str], Path]:
    """Copy the genuine run to a new folder (to tamper with it)."""

    def copy(name: str = "run") -> Path:
        return Path(shutil.copytree(lb_assets["run"], tmp_path / name))

    return copy


def edit_results(run_dir: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Apply ``change`` to results.json as raw JSON, the way a tamperer would."""
    path = run_dir / "results.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")
