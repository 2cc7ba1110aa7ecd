"""Issue 20: generations are keyed by what decides them, so score-only edits regenerate nothing.

A run against a local chat-completions server (``tests.hostile.conftest``) counts the
requests the engine sends. After each edit that only decides scores (a reference, the
keyword entries, the category labels, the metric list) the rerun must send none, and its
results must equal those of a fresh run of the edited task into an empty folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mella_eval.cli import main
from mella_eval.store import PredictionStore
from tests.conftest import distinct_color, draw_image
from tests.hostile.conftest import LocalServer, openai_handler, run_argv

FIXTURE_V1 = Path(__file__).parent / "data" / "store_v1"

RECORDS = [
    {"id": "a", "image": "img/a.png", "refs": ["A budapesti Parlament a Duna partján."],
     "kw": [["Parlament", "Országház"], ["Duna"]], "cat": ["landmark"]},
    {"id": "b", "image": "img/b.png", "refs": ["Gulyásleves piros paprikával."],
     "kw": [["gulyás", "gulyásleves"]], "cat": ["food"]},
    {"id": "c", "image": "img/c.png", "refs": ["Piros kör a kék égen, Egerben."],
     "kw": [["Eger"]], "cat": ["landmark"]},
]  # fmt: skip
METRICS = "[keyword_accuracy, keyword_hit, chrf]"


@pytest.fixture
def chat_server() -> Iterator[Callable[[], LocalServer]]:
    """Start local chat-completions servers that count requests; stopped at teardown."""
    started: list[LocalServer] = []

    def start() -> LocalServer:
        started.append(LocalServer(openai_handler()))
        return started[-1]

    yield start
    for server in started:
        server.close()


def write_task(folder: Path, records: list[dict[str, Any]], metrics: str = METRICS) -> Path:
    """A Hungarian know task with a category field (images drawn once)."""
    folder.mkdir(parents=True, exist_ok=True)
    for record in records:
        if not (folder / record["image"]).exists():
            draw_image(folder / record["image"], color=distinct_color(record["image"]))
    (folder / "t_keys_hu.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    path = folder / "t_keys_hu.yaml"
    path.write_text(
        "name: t_keys_hu\nversion: 1\nkind: know\nlanguage: hu\n"
        "dataset:\n  adapter: jsonl\n  path: t_keys_hu.jsonl\n"
        "  fields: {id: id, image: image, references: refs, keywords: kw, category: cat}\n"
        f'prompt:\n  templates: ["Írd le ezt a képet."]\nmetrics: {metrics}\n',
        encoding="utf-8",
    )
    return path


def edited(change: str) -> tuple[list[dict[str, Any]], str]:
    records = json.loads(json.dumps(RECORDS))
    metrics = METRICS
    if change == "reference":
        records[0]["refs"] = ["Az Országház épülete a Duna partján, Budapesten."]
    elif change == "keywords":
        records[1]["kw"] = [["paprika"], ["gulyás"]]
    elif change == "categories":
        records[2]["cat"] = ["city"]
    elif change == "metrics":
        metrics = "[keyword_accuracy, chrf, bleu]"
    return records, metrics


def scores(output: Path) -> dict[str, Any]:
    task = json.loads((output / "results.json").read_text(encoding="utf-8"))["tasks"]["t_keys_hu"]
    return {"metrics": task["metrics"], "categories": task.get("categories")}


@pytest.mark.parametrize("change", ["reference", "keywords", "categories", "metrics"])
def test_score_only_edits_send_no_request_and_rescore_like_a_fresh_run(
    change: str, tmp_path: Path, chat_server: Callable[[], LocalServer]
) -> None:
    server = chat_server()
    task = write_task(tmp_path / "tasks", RECORDS)
    out = tmp_path / "out"
    assert main(run_argv(task, out, f"{server.url}/v1")) == 0
    assert len(server.requests) == 3

    records, metrics = edited(change)
    write_task(tmp_path / "tasks", records, metrics)
    assert main(run_argv(task, out, f"{server.url}/v1")) == 0
    assert len(server.requests) == 3, f"the rerun after a {change} edit sent requests"

    fresh_server = chat_server()
    fresh = tmp_path / "fresh"
    assert main(run_argv(task, fresh, f"{fresh_server.url}/v1")) == 0
    assert len(fresh_server.requests) == 3
    assert scores(out) == scores(fresh)


def test_two_tasks_asking_the_same_question_share_one_generation(
    tmp_path: Path, chat_server: Callable[[], LocalServer]
) -> None:
    """The know and ling tasks of a language ask the same question of the same images."""
    server = chat_server()
    first = write_task(tmp_path / "tasks", RECORDS)
    text = first.read_text(encoding="utf-8").replace("t_keys_hu", "t_keys_hu_twin")
    (tmp_path / "tasks" / "t_keys_hu_twin.yaml").write_text(
        text.replace("path: t_keys_hu_twin.jsonl", "path: t_keys_hu.jsonl"), encoding="utf-8"
    )
    argv = [*run_argv(first, tmp_path / "out", f"{server.url}/v1"), "--tasks", "t_keys_hu_twin"]
    assert main(argv) == 0
    assert len(server.requests) == 3
    store = PredictionStore(tmp_path / "out" / "predictions.jsonl")
    assert len(store) == 3
    for record in store.records():
        sample = record["sample_id"]
        expected = [("t_keys_hu", sample), ("t_keys_hu_twin", sample)]
        assert sorted(store.uses(record["key"])) == expected


def test_a_store_written_by_the_previous_commit_resumes_without_generating(
    tmp_path: Path,
) -> None:
    """``tests/runner/data/store_v1`` was written by commit c4f470b's code (version-1 keys:
    task hash and sample id inside). Its run resumes with nothing to generate (the
    openai engine is never started: there is no server) and scores the stored texts."""
    out = tmp_path / "run"
    shutil.copytree(FIXTURE_V1, out)
    old = [json.loads(line) for line in (out / "predictions.jsonl").open(encoding="utf-8")]
    argv = ["run", "--model", "mella-test/legacy-model", "--engine", "openai", "--tasks", "mella_know_ar", "--tasks", "mella_ling_ar", "--tasks", "mella_know_th",
            "--limit", "3", "--bootstrap", "0", "--output", str(out), "--quiet"]  # fmt: skip
    assert main(argv) == 0
    samples = {}
    for name in ("mella_know_ar", "mella_ling_ar", "mella_know_th"):
        for line in (out / "samples" / f"{name}.jsonl").open(encoding="utf-8"):
            record = json.loads(line)
            samples[(name, record["id"])] = record["prediction"]
    assert samples == {(r["task"], r["sample_id"]): r["text"] for r in old}
    store = PredictionStore(out / "predictions.jsonl")
    # know and ling of ar share their 3 generations now: 9 old + 6 migrated records
    assert len(store) == 15 and len(store.legacy_keys) == 9


def test_store_migrate_and_check_on_a_version_1_store(tmp_path: Path) -> None:
    out = tmp_path / "run"
    shutil.copytree(FIXTURE_V1, out)
    assert main(["store", "migrate", str(out)]) == 0
    store = PredictionStore(out / "predictions.jsonl")
    assert len(store) - len(store.legacy_keys) == 6
    assert main(["store", "migrate", str(out)]) == 0  # again: nothing more to do
    assert len(PredictionStore(out / "predictions.jsonl")) == 15
    assert main(["store", "check", str(out)]) == 0
