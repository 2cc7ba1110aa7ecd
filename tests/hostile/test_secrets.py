"""Case 3: a credential given in any form is in no file of a run or of a leaderboard.

A real run (openai engine against a fake server on 127.0.0.1) of the leaderboard's four
tasks gets secrets through every door: user info in ``base_url``, a key-named option
inside ``extra_body`` (from ``--engine-config``), a ``--engine-arg`` on the command line
and the API key variable. The run is submitted and rendered; then every file under the
run folder and the leaderboards folder is searched for each secret.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import LocalServer, cli

SECRETS = {
    "userinfo": "Us3rInfoSecret",
    "extra_body": "ExtraBodyToken42",
    "env": "EnvApiKey77",
}
TASKS = "lbt_know_cs,lbt_know_hu,lbt_ling_cs,lbt_ling_hu"


def _files_containing(root: Path, secret: str) -> list[str]:
    hits = []
    for path in root.rglob("*"):
        if path.is_file() and secret.encode() in path.read_bytes():
            hits.append(str(path.relative_to(root)))
    return hits


@pytest.mark.slow
def test_03_no_secret_in_any_file_of_a_run_or_a_leaderboard(
    tmp_path: Path, lb_root: Path, lb_assets: dict[str, Path], fake_openai: LocalServer
) -> None:
    config = tmp_path / "engine.yaml"
    config.write_text(
        f"extra_body:\n  api_key: {SECRETS['extra_body']}\n  top_k: 1\n", encoding="utf-8"
    )
    base_url = fake_openai.url.replace("http://", f"http://user:{SECRETS['userinfo']}@") + "/v1"
    out = tmp_path / "run"
    run = cli(
        ["run", "--model", "fake-vlm", "--engine", "openai", "--engine-config", str(config),
         "--engine-arg", f"base_url={base_url}", "--include-path", str(lb_assets["tasks"]),
         "--tasks", TASKS, "--output", str(out), "--bootstrap", "20", "--seed", "0", "--quiet"],
        OPENAI_API_KEY=SECRETS["env"],
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert fake_openai.requests, "the run must have reached the server"
    submit = cli(["submit", str(out), "--leaderboard", "test", "--root", str(lb_root)])
    assert submit.returncode == 0, submit.stderr[-3000:]
    render = cli(["leaderboard", "render", "test", "--root", str(lb_root)])
    assert render.returncode == 0, render.stderr[-3000:]
    written = [p for root in (out, lb_root) for p in root.rglob("*") if p.is_file()]
    assert {"results.json", "run-config.json", "engine-info.json", "leaderboard.csv"} <= {
        p.name for p in written
    }
    for name, secret in SECRETS.items():
        for root in (out, lb_root):
            assert _files_containing(root, secret) == [], f"{name} secret persisted"
        assert secret not in run.stdout + run.stderr + submit.stdout + render.stdout
    # The settings still say which server and options were used, minus the credentials.
    assert "http://***@127.0.0.1" in (out / "results.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://u:p4ss@h/v1", "http://***@h/v1"),
        ("https://tok3n@h:8000/v1", "https://***@h:8000/v1"),
        ("https://h/v1?api_key=K1&model=m", "https://h/v1?api_key=***&model=m"),
        ("https://h/v1?access_token=K2", "https://h/v1?access_token=***"),
        ("https://h/i.png?X-Amz-Signature=abc123&x=1", "https://h/i.png?X-Amz-Signature=***&x=1"),
        ("api_key=sk-123", "api_key=***"),
        ("password: hunter2", "password: ***"),
        ("Authorization: Bearer sk-abcdefghijkl", "Authorization: ***"),
        ("max_new_tokens=64", "max_new_tokens=64"),
        ("tokenizer=/models/t", "tokenizer=/models/t"),
        ("api_key_env=OPENAI_API_KEY", "api_key_env=OPENAI_API_KEY"),
        ("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1"),
    ],
)
def test_redact_text(text: str, expected: str) -> None:
    from mella_eval.redact import redact_text  # new in the fix: imported here so the
    # file still collects (and fails test by test) on the code before it

    assert redact_text(text) == expected


def test_redact_keys_and_command_lines() -> None:
    from mella_eval.redact import redact

    settings = {
        "api_key": "k", "headers": {"X-Api-Key": "k", "Accept": "json"}, "accessToken": "k",
        "client_secret": "k", "max_tokens": 5, "api_key_env": "MY_KEY", "token": None,
    }  # fmt: skip
    assert redact(settings) == {
        "api_key": "***", "headers": {"X-Api-Key": "***", "Accept": "json"},
        "accessToken": "***", "client_secret": "***", "max_tokens": 5,
        "api_key_env": "MY_KEY", "token": None,
    }  # fmt: skip
    command = ["mella-eval", "run", "--api-key", "sk-1", "--engine-arg", "token=t", "--seed", "1"]
    assert redact(command) == [
        "mella-eval", "run", "--api-key", "***", "--engine-arg", "token=***", "--seed", "1",
    ]  # fmt: skip
