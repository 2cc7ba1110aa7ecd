"""All 16 shipped tasks through the real vLLM engine on the tiny checkpoint."""

from __future__ import annotations

import importlib.util
import json
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


def test_run_all_sixteen_tasks_with_vllm(
    tiny_checkpoint: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Short generations keep this test fast; the override changes the task hashes accordingly.
    override = tmp_path / "short.yaml"
    override.write_text("'mella_*':\n  generation: {max_new_tokens: 24}\n", encoding="utf-8")
    out = tmp_path / "run"
    args = [
        "run",
        "--model",
        str(tiny_checkpoint),
        "--tasks",
        "mella",
        "--engine",
        "vllm",
        "--data-override",
        str(override),
        "--output",
        str(out),
        "--quiet",
        "--bootstrap",
        "100",
        "--engine-arg",
        "gpu_memory_utilization=0.05",
    ]
    assert main(args) == 0
    printed = capsys.readouterr().out
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
        assert f"{lang} " in printed
    assert set(result.groups) >= {
        "mella",
        "mella_know",
        "mella_ling",
        *(f"mella_{c}" for c in LANGS),
    }
    # Rescoring from the sample files alone reproduces every number.
    rescored = tmp_path / "rescored"
    assert (
        main(
            [
                "score",
                "--predictions",
                str(out),
                "--data-override",
                str(override),
                "--output",
                str(rescored),
                "--quiet",
                "--bootstrap",
                "100",
            ]
        )
        == 0
    )
    again = read_results(rescored)
    for name, task in result.tasks.items():
        assert {k: m.value for k, m in again.tasks[name].metrics.items()} == {
            k: m.value for k, m in task.metrics.items()
        }
