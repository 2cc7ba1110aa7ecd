"""All 16 shipped tasks through the real vLLM engine on the tiny checkpoint, as a user runs it.

One ``mella-eval run`` subprocess (engine core in its own process, as by default) serves
two checks, so the suite pays one vLLM start for both: the results are complete, valid
and reproducible from the sample files alone; and the console shows only mella-eval's
own lines while vLLM's, the engine core's and C++ output land in ``logs/run.log``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest

from mella_eval.cli import main
from mella_eval.results import read_results
from tests.conftest import REPO

pytestmark = [
    pytest.mark.slow,
    pytest.mark.vllm,
    pytest.mark.skipif(importlib.util.find_spec("vllm") is None, reason="vllm is not installed"),
]
LANGS = ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"]
#: Lines mella-eval itself prints during `run` (progress, scoring notes, table, paths).
OURS = re.compile(
    r"^(mella_(know|ling)_[a-z]{2}: \d+ samples done at [\d.]+s"
    r"|scoring mella_(know|ling)_[a-z]{2}: [\d.]+s"
    r"|results: .*"
    r"|\s*[┏┃┡│└━─┳╇┴┼╋].*"  # the result table's box lines
    r"|\s+\S+ \(vllm\)\s*"  # the table's title
    r"|\s*)$"
)


@dataclass
class Run:
    out: Path
    override: Path
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def vllm_run(tiny_checkpoint: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The 16 tasks with short generations (the override changes the task hashes)."""
    base = tmp_path_factory.mktemp("vllm-e2e")
    override = base / "short.yaml"
    override.write_text("'mella_*':\n  generation: {max_new_tokens: 24}\n", encoding="utf-8")
    out = base / "run"
    args = [sys.executable, "-m", "mella_eval", "run", "--model", str(tiny_checkpoint),
            "--tasks", "mella", "--engine", "vllm", "--data-override", str(override),
            "--output", str(out), "--bootstrap", "100",
            "--engine-arg", "gpu_memory_utilization=0.05"]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONWARNINGS": "default"}
    # In-process `run --quiet` calls of other tests set VLLM_LOGGING_LEVEL=WARNING in this
    # process (cli.run.quiet_backends); this run is about the default level.
    env.pop("VLLM_LOGGING_LEVEL", None)
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return Run(out, override, done.stdout, done.stderr)


def test_run_all_sixteen_tasks_with_vllm(
    vllm_run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = vllm_run.out
    raw = json.loads((out / "results.json").read_text(encoding="utf-8"))
    jsonschema.validate(
        raw, json.loads((REPO / "schemas" / "results.schema.json").read_text(encoding="utf-8"))
    )
    result = read_results(out)
    assert len(result.tasks) == 16 and result.reportable
    assert all(t.n_samples >= 10 and t.n_errors == 0 for t in result.tasks.values())
    assert (
        result.run.engine == "vllm" and result.run.engine_settings["options"]["dtype"] == "float32"
    )
    for lang in LANGS:
        assert f"{lang} " in vllm_run.stdout
    assert set(result.groups) >= {
        "mella",
        "mella_know",
        "mella_ling",
        *(f"mella_{c}" for c in LANGS),
    }
    # Rescoring from the sample files alone reproduces every number.
    rescored = tmp_path / "rescored"
    args = ["score", "--predictions", str(out), "--data-override", str(vllm_run.override),
            "--output", str(rescored), "--quiet", "--bootstrap", "100"]  # fmt: skip
    assert main(args) == 0
    again = read_results(rescored)
    for name, task in result.tasks.items():
        assert {k: m.value for k, m in again.tasks[name].metrics.items()} == {
            k: m.value for k, m in task.metrics.items()
        }


def test_vllm_run_console_shows_only_our_lines(vllm_run: Run) -> None:
    """vLLM logs from the main process, its spawned engine core and C++ (NUMA binding)."""
    console = vllm_run.stdout + vllm_run.stderr
    assert [line for line in console.splitlines() if not OURS.match(line)] == []
    assert "mella_know_hu: 10 samples done" in vllm_run.stderr
    log = (vllm_run.out / "logs" / "run.log").read_text(encoding="utf-8")
    assert "INFO" in log  # vLLM's own logger
    assert "EngineCore" in log  # lines written by the spawned engine-core process
