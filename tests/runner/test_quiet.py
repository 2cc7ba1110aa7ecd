"""The console of a real run shows only mella-eval's lines; the rest lands in logs/run.log.

Each run is a subprocess with the real engines, so what is asserted is exactly what a
user's terminal would receive on fds 1 and 2, including output of C code and of child
processes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

#: Lines mella-eval itself prints during `run` (progress, scoring notes, table, paths).
OURS = re.compile(
    r"^(t_(know|ling)_hu: \d+ samples done at [\d.]+s"
    r"|scoring t_(know|ling)_hu: [\d.]+s"
    r"|results: .*"
    r"|\s*[┏┃┡│└━─┳╇┴┼╋].*"  # the result table's box lines
    r"|\s+\S+ \((hf|vllm)\)( - NOT REPORTABLE.*)?\s*"  # the table's title
    r"|\s*)$"
)
#: Markers of third-party output seen on this machine (transformers, tqdm, torch, vLLM).
THIRD_PARTY = ("[transformers]", "it/s]", "Warning", "INFO", "NUMA", "Triton", "torchvision")


def _run(ckpt: Path, tasks: Path, out: Path, engine: str, *extra: str) -> tuple[str, str]:
    args = [sys.executable, "-m", "mella_eval", "run", "--model", str(ckpt), "--tasks", "t_hu"]
    args += ["--engine", engine, "--include-path", str(tasks), "--output", str(out)]
    args += ["--bootstrap", "20", *extra]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONWARNINGS": "default"}
    # In-process `run --quiet` calls of other tests set VLLM_LOGGING_LEVEL=WARNING in this
    # process (cli.run.quiet_backends); this test is about the default level.
    env.pop("VLLM_LOGGING_LEVEL", None)
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, done.stderr


def _foreign(console: str) -> list[str]:
    return [line for line in console.splitlines() if not OURS.match(line)]


def test_hf_run_console_shows_only_our_lines(
    tiny_checkpoint: Path, hu_tasks: Path, tmp_path: Path
) -> None:
    out, err = _run(tiny_checkpoint, hu_tasks, tmp_path / "quiet", "hf")
    assert _foreign(out + err) == []
    assert "t_know_hu: 3 samples done" in err and "results:" in out
    log = (tmp_path / "quiet" / "logs" / "run.log").read_text(encoding="utf-8")
    assert "==== mella-eval" in log
    # transformers' weight-loading bar and its warnings went to the log instead.
    assert "Loading weights" in log or "[transformers]" in log

    loud_out, loud_err = _run(tiny_checkpoint, hu_tasks, tmp_path / "loud", "hf", "--verbose")
    assert any(m in loud_out + loud_err for m in THIRD_PARTY)
    assert not (tmp_path / "loud" / "logs" / "run.log").exists()


# The vLLM case runs on the 16-task run of tests/runner/test_vllm_e2e.py (one engine start
# for both): test_vllm_run_console_shows_only_our_lines.
