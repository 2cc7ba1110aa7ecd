"""`run --trust-remote-code` and `run --chat-template` end to end (HF engine: fast start)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mella_eval.cli import main
from mella_eval.results import read_results
from mella_eval.testing.tiny_model import CHAT_TEMPLATE
from tests.conftest import REPO
from tests.engines.conftest import HAS_VLLM, VLLM_TEST_OPTIONS

pytestmark = pytest.mark.slow
_VLLM_ARGS: dict[str, list[str]] = {
    "hf": [],
    "vllm": [a for k, v in VLLM_TEST_OPTIONS.items() for a in ("--engine-arg", f"{k}={v}")],
}


def _args(ckpt: Path, tasks: Path, out: Path, *extra: str, engine: str = "hf") -> list[str]:
    return [
        "run",
        "--model",
        str(ckpt),
        "--tasks",
        "t_know_hu",
        "--engine",
        engine,
        "--include-path",
        str(tasks),
        "--output",
        str(out),
        "--quiet",
        "--bootstrap",
        "0",
        *extra,
    ]


def _store(out: Path) -> dict[str, dict[str, object]]:
    lines = (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["key"]: r for r in map(json.loads, lines)}


@pytest.mark.parametrize(
    "engine", ["hf", pytest.param("vllm", marks=pytest.mark.skipif(not HAS_VLLM, reason="no vllm"))]
)
def test_remote_code_without_the_flag_fails_in_one_line_without_reading_stdin(
    engine: str, tiny_family: Callable[[str], Path], hu_tasks: Path, tmp_path: Path
) -> None:
    """stdin is a pipe nobody writes: a y/N prompt would hang until the timeout.

    vLLM stops in our processor load, before its engine starts (no engine memory used).
    """
    ckpt = tiny_family("remote_code")
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    args = _args(ckpt, hu_tasks, tmp_path / "o", *_VLLM_ARGS[engine], engine=engine)
    command = [sys.executable, "-m", "mella_eval", *args]
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        _, stderr = proc.communicate(timeout=240)
    finally:
        proc.kill()
    assert proc.returncode == 2, stderr[-2000:]
    ours = [line for line in stderr.splitlines() if "--trust-remote-code" in line]
    assert len(ours) == 1 and "Traceback" not in stderr, stderr[-2000:]
    assert "ships its own model code" in ours[0]


def test_trust_remote_code_flag_and_engine_arg_alias_give_the_same_run(
    tiny_family: Callable[[str], Path], hu_tasks: Path, tmp_path: Path
) -> None:
    ckpt = tiny_family("remote_code")
    flag, alias = tmp_path / "flag", tmp_path / "alias"
    assert main(_args(ckpt, hu_tasks, flag, "--trust-remote-code")) == 0
    assert main(_args(ckpt, hu_tasks, alias, "--engine-arg", "trust_remote_code=true")) == 0
    a, b = _store(flag), _store(alias)
    assert a.keys() == b.keys() and len(a) == 3
    assert [r["text"] for r in a.values()] == [b[k]["text"] for k in a]
    settings = read_results(flag).run.engine_settings
    assert settings["trust_remote_code"] is True
    config = json.loads((flag / "run-config.json").read_text(encoding="utf-8"))
    assert config["engine_options"]["trust_remote_code"] is True


def test_chat_template_changes_prompts_keys_and_is_recorded(
    tiny_checkpoint: Path, hu_tasks: Path, tmp_path: Path
) -> None:
    """The same template with a fixed preamble: every prompt grows, every key changes."""
    preamble = "You describe pictures. "
    template = tmp_path / "preamble.jinja"
    template.write_text(CHAT_TEMPLATE.replace("<|im_start|>", "<|im_start|>" + preamble, 1))
    plain, custom = tmp_path / "plain", tmp_path / "custom"
    assert main(_args(tiny_checkpoint, hu_tasks, plain)) == 0
    assert main(_args(tiny_checkpoint, hu_tasks, custom, "--chat-template", str(template))) == 0
    a, b = _store(plain), _store(custom)
    assert len(a) == len(b) == 3 and not set(a) & set(b)
    from transformers import AutoTokenizer

    extra = len(AutoTokenizer.from_pretrained(tiny_checkpoint)(preamble)["input_ids"])
    grew = sorted(int(r["prompt_tokens"]) for r in b.values())  # type: ignore[call-overload]
    base = sorted(int(r["prompt_tokens"]) for r in a.values())  # type: ignore[call-overload]
    assert all(
        g - p in (extra - 1, extra, extra + 1) and g > p for g, p in zip(grew, base, strict=True)
    )
    settings = read_results(custom).run.engine_settings
    digest = hashlib.sha256(template.read_text(encoding="utf-8").encode()).hexdigest()
    assert settings["chat_template"] == {"source": f"file:{template.resolve()}", "sha256": digest}


def test_checkpoint_without_template_names_the_option(
    tiny_family: Callable[[str], Path], hu_tasks: Path, tmp_path: Path, capsys
) -> None:
    ckpt = tiny_family("paligemma")
    capsys.readouterr()  # a first build prints transformers' progress bars
    assert main(_args(ckpt, hu_tasks, tmp_path / "o")) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--chat-template" in err[0] and "paligemma" in err[0]
