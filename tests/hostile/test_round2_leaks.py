"""Issue 22, case 8: a credential in a URL's query string is in no file of a run or board.

A real run (openai engine against a fake server on 127.0.0.1) gets its ``base_url`` with
user info *and* a query string holding ``api_key``, ``key`` and ``code`` values, the way
hosted endpoints (Google's ``?key=``, OAuth's ``?code=``) take them. The run is
submitted and rendered; then every file under the run folder and the leaderboards
folder is searched for each secret, as ``test_secrets.py`` does for case 3.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mella_eval.redact import redact, redact_text
from tests.hostile.conftest import LocalServer, cli

SECRETS = {"api_key": "QueryApiKey8a", "key": "QueryKey8b", "code": "QueryCode8c"}
USERINFO = "Us3rInfo8d"
TASKS = "lbt_know_cs,lbt_know_hu,lbt_ling_cs,lbt_ling_hu"


def _files_containing(root: Path, secret: str) -> list[str]:
    return [
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and secret.encode() in path.read_bytes()
    ]


@pytest.mark.slow
def test_08_query_string_secrets_are_in_no_file_of_a_run_or_a_leaderboard(
    tmp_path: Path, lb_root: Path, lb_assets: dict[str, Path], fake_openai: LocalServer
) -> None:
    query = "&".join(f"{name}={value}" for name, value in SECRETS.items())
    base_url = fake_openai.url.replace("http://", f"http://u:{USERINFO}@") + f"/v1?{query}"
    out = tmp_path / "run"
    run = cli(
        ["run", "--model", "fake-vlm", "--engine", "openai",
         "--engine-arg", f"base_url={base_url}", "--include-path", str(lb_assets["tasks"]),
         "--tasks", TASKS, "--output", str(out), "--bootstrap", "20", "--seed", "0", "--quiet"]
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    assert fake_openai.requests, "the run must have reached the server"
    submit = cli(["submit", str(out), "--leaderboard", "test", "--root", str(lb_root)])
    assert submit.returncode == 0, submit.stderr[-3000:]
    render = cli(["leaderboard", "render", "test", "--root", str(lb_root)])
    assert render.returncode == 0, render.stderr[-3000:]
    names = {p.name for root in (out, lb_root) for p in root.rglob("*") if p.is_file()}
    assert {"results.json", "run-config.json", "engine-info.json", "run.log"} <= names
    for secret in [*SECRETS.values(), USERINFO]:
        for root in (out, lb_root):
            assert _files_containing(root, secret) == [], f"{secret} persisted under {root}"
        assert secret not in run.stdout + run.stderr + submit.stdout + render.stdout
    # Which server and which parameters were used is still on record.
    results = (out / "results.json").read_text(encoding="utf-8")
    assert "/v1?api_key=***&key=***&code=***" in results


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the case of the issue: a query string inside a command-line argument's value
        ("base_url=http://u:K@h/v1?api_key=S1", "base_url=http://***@h/v1?api_key=***"),
        ("https://h/v1?key=S2&model=m", "https://h/v1?key=***&model=m"),
        ("https://h/cb?code=S3&state=s", "https://h/cb?code=***&state=s"),
        (
            "https://h/cb#access_token=S4&expires_in=60",
            "https://h/cb#access_token=***&expires_in=60",
        ),
        ("https://h/?apikey=S5", "https://h/?apikey=***"),
        ("https://h/?Api%5FKey=S6", "https://h/?Api%5FKey=***"),  # percent-encoded name
        ("https://h/?sv=1&sig=S7", "https://h/?sv=1&sig=***"),  # an Azure SAS signature
        ("https://h/?subscription-key=S8", "https://h/?subscription-key=***"),
        ("https://h/?password=S9;secret=S10", "https://h/?password=***;secret=***"),
        ("GET /v1/x?auth=S11 HTTP/1.1", "GET /v1/x?auth=*** HTTP/1.1"),
        ("url=https://h/?token=S12,b=2", "url=https://h/?token=***"),  # a comma is part of it
        # not credentials: kept
        ("https://h/v1?model=m&max_tokens=5", "https://h/v1?model=m&max_tokens=5"),
        ("https://h/?keyword=cat&codec=h264", "https://h/?keyword=cat&codec=h264"),
        ("https://h/?key=", "https://h/?key="),
    ],
)
def test_08_query_parameters_are_masked_by_name(text: str, expected: str) -> None:
    assert redact_text(text) == expected


def test_08_command_line_and_settings_with_query_secrets() -> None:
    command = ["mella-eval", "run", "--engine-arg", "base_url=http://h/v1?api_key=S&x=1"]
    assert redact(command)[-1] == "base_url=http://h/v1?api_key=***&x=1"
    settings = {"options": {"base_url": "http://h/v1?key=S"}, "note": "see http://h?code=C"}
    assert redact(settings) == {
        "options": {"base_url": "http://h/v1?key=***"},
        "note": "see http://h?code=***",
    }
