"""``run --ray`` on a real two-node Ray cluster (tiny checkpoint, HF engine on CPU).

The cluster starts once per session (tests/ray/cluster.py). Every check compares with a
local single-process run of the same tasks: identical results apart from timings and
run info is the contract, and the leaderboard must accept the Ray run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mella_eval.cli import main
from tests.conftest import draw_image
from tests.ray.cluster import RayCluster, cluster_env, start_cluster
from tests.runner.conftest import HU_RECORDS, TASK_YAML

pytestmark = [pytest.mark.slow, pytest.mark.ray, pytest.mark.timeout(600)]

SAMPLES = 4  # 8 one-sample batches: enough for two replicas, a kill mid-run and a retry
LEADERBOARD = """\
name: raytest
title: Ray test leaderboard
description: One language, two views.
schema_version: "1.0"
languages: [hu]
default_view: know
bootstrap: 20
task_paths: [{tasks}]
views:
  - {{name: know, title: Know, kind: know, task_template: "t_know_{{lang}}", task_version: 1,
      metrics: [keyword_accuracy], rank_by: keyword_accuracy}}
  - {{name: ling, title: Ling, kind: ling, task_template: "t_ling_{{lang}}", task_version: 1,
      metrics: [chrf, bleu], rank_by: chrf}}
"""


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[RayCluster]:
    os.environ.update(RAY_AUTH_MODE="disabled", RAY_USAGE_STATS_ENABLED="0")  # in-process drivers
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def ray_assets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny checkpoint, a two-task folder over six images, and a local reference run."""
    from mella_eval.testing import build_tiny_idefics3

    base = tmp_path_factory.mktemp("ray")
    ckpt = build_tiny_idefics3(base / "ckpt", seed=0)
    tasks = base / "tasks"
    records = []
    for i in range(SAMPLES):
        record = {**HU_RECORDS[i % 3], "id": f"hu-{i}", "image": f"img/{i}.png"}
        records.append(record)
        draw_image(tasks / "img" / f"{i}.png", color=(40 * i % 256, 90, 255 - 30 * i))
    (tasks / "hu.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    for name, kind, refs, metrics in [
        ("t_know_hu", "know", "alt", "[keyword_accuracy, keyword_hit]"),
        ("t_ling_hu", "ling", "desc", "[chrf, bleu]"),
    ]:
        text = TASK_YAML.format(name=name, kind=kind, refs=refs, metrics=metrics)
        if kind == "ling":  # a question of its own: the same one would share generations
            text = text.replace("Írd le ezt a képet.", "Írd le részletesen ezt a képet.")
        (tasks / f"{name}.yaml").write_text(text, encoding="utf-8")
    (tasks / "groups.yaml").write_text("groups:\n  t_hu: [t_know_hu, t_ling_hu]\n")
    assets = {"ckpt": ckpt, "tasks": tasks, "local": base / "local"}
    assert main(_args(assets, assets["local"])) == 0
    return assets


def _args(assets: dict[str, Path], out: Path, *extra: str) -> list[str]:
    return [
        "run", "--model", str(assets["ckpt"]), "--tasks", "t_hu", "--engine", "hf",
        "--engine-arg", "device=cpu", "--engine-arg", "dtype=float32",
        "--include-path", str(assets["tasks"]), "--output", str(out),
        "--quiet", "--bootstrap", "50", "--chunk-size", "1", *extra,
    ]  # fmt: skip


def _ray_args(assets: dict[str, Path], out: Path, cluster: RayCluster) -> list[str]:
    return _args(
        assets, out, "--ray", cluster.address, "--ray-replicas", "2", "--ray-cpus", "0.25",
        "--ray-resources", '{"replica_slot": 1}',
    )  # fmt: skip


def comparable(out: Path) -> dict[str, Any]:
    """results.json and the sample files without timings and run info.

    ``samples_sha256`` hashes a sample file that holds per-sample latencies, so it
    differs between any two runs, local ones too; the files are compared instead.
    """
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    for name in ("run", "timings"):
        results.pop(name)
    for task in results["tasks"].values():
        task.pop("samples_sha256")
    samples = {}
    for path in sorted((out / "samples").glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        samples[path.name] = [{k: v for k, v in r.items() if k != "latency_s"} for r in rows]
    return {"results": results, "samples": samples}


def _stored_keys(out: Path) -> list[str]:
    lines = (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["key"] for line in lines if line.strip()]


def _start_driver(args: list[str], out: Path, *, lines: int) -> subprocess.Popen[bytes]:
    """`mella-eval run --ray` as a subprocess; return once its store holds ``lines`` records."""
    log = (out.parent / f"{out.name}.log").open("wb")
    command = [sys.executable, "-m", "mella_eval", *args]
    proc = subprocess.Popen(command, env=cluster_env(), stdout=log, stderr=subprocess.STDOUT)
    store = out / "predictions.jsonl"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if store.exists() and store.read_bytes().count(b"\n") >= lines:
            return proc
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"driver ended or stalled before {lines} records: rc {proc.poll()}")


def test_both_nodes_do_work_and_results_equal_local_run(
    ray_cluster: RayCluster, ray_assets: dict[str, Path], tmp_path: Path
) -> None:
    """A whole run (2 x SAMPLES one-sample batches) on two replicas, one per node (replica_slot)."""
    out = tmp_path / "ray-whole"
    assert main(_ray_args(ray_assets, out, ray_cluster)) == 0
    assert comparable(out) == comparable(ray_assets["local"])
    per_node = json.loads((out / "engine-info.json").read_text())["ray_rows_per_node"]
    node_ids = ray_cluster.wait_for_nodes({"node_head", "node_worker"})
    assert set(per_node) == {node_ids["node_head"], node_ids["node_worker"]}, per_node
    assert sum(per_node.values()) == 2 * SAMPLES


def test_killed_driver_resumes_and_equals_local_run(
    ray_cluster: RayCluster, ray_assets: dict[str, Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """Kill the driver mid-run, rerun: in-flight batches are redone, stored ones reused."""
    out = tmp_path / "ray"
    driver = _start_driver(_ray_args(ray_assets, out, ray_cluster), out, lines=1)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait(timeout=30)
    stored = len(set(_stored_keys(out)))
    assert 1 <= stored < 2 * SAMPLES

    assert main(_ray_args(ray_assets, out, ray_cluster)) == 0
    assert f"({2 * SAMPLES - stored} generated, {stored} reused)" in capsys.readouterr().out
    assert comparable(out) == comparable(ray_assets["local"])
    per_node = json.loads((out / "engine-info.json").read_text())["ray_rows_per_node"]
    assert sum(per_node.values()) == 2 * SAMPLES - stored

    assert main(_ray_args(ray_assets, out, ray_cluster)) == 0  # complete: nothing to do
    assert f"(0 generated, {2 * SAMPLES} reused)" in capsys.readouterr().out

    root = tmp_path / "leaderboards"
    (root / "raytest").mkdir(parents=True)
    definition = LEADERBOARD.format(tasks=json.dumps(str(ray_assets["tasks"])))
    (root / "raytest" / "leaderboard.yaml").write_text(definition, encoding="utf-8")
    assert main(["submit", str(out), "--leaderboard", "raytest", "--root", str(root)]) == 0
    assert "accepted" in capsys.readouterr().out


def test_lost_worker_node_is_retried_and_results_equal_local_run(
    ray_cluster: RayCluster, ray_assets: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "ray-kill-node"
    driver = _start_driver(_ray_args(ray_assets, out, ray_cluster), out, lines=1)
    worker = next(n for n in ray_cluster.nodes if n.name == "node_worker")
    worker.kill()  # the node and its replica die with batches in flight
    assert len(_stored_keys(out)) < 2 * SAMPLES
    ray_cluster.nodes.remove(worker)
    ray_cluster.start_node("node_worker")  # a replacement node (an autoscaler's job)
    assert driver.wait(timeout=400) == 0, (out.parent / f"{out.name}.log").read_text()[-3000:]
    assert comparable(out) == comparable(ray_assets["local"])
    keys = _stored_keys(out)
    assert len(set(keys)) == 2 * SAMPLES  # a retried batch may be stored twice; never lost
