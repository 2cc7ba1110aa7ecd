"""No silent failure: an unexpected exception in any subcommand gives one console line.

A failure is injected into the main path of every subcommand (the list is checked
against the parser, so a new subcommand without a case fails here). Expected: exit
status 1, one ``mella-eval: error: RuntimeError: ... (details: LOG)`` line last on
stderr, the traceback in LOG (the run folder's ``logs/run.log`` where the command works
in one), and the traceback on the console with ``--verbose``. ``run`` and ``demo`` fail
inside the redirection of third-party output, where the demo's failure once vanished.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mella_eval.cli import build_parser, main

LINE = re.compile(
    r"^mella-eval: error: RuntimeError: injected into (?P<cmd>.+) \(details: (?P<log>.+)\)$"
)

# subcommand -> (arguments after it, "module:attribute" on its main path)
CASES: dict[str, tuple[list[str], str]] = {
    "tasks list": ([], "mella_eval.cli.tasks:registry_from_args"),
    "tasks show": (["mella_know_hu"], "mella_eval.cli.tasks:registry_from_args"),
    "tasks validate": (
        ["tasks/mella/mella_know_hu.yaml"],
        "mella_eval.data.validate:validate_task",
    ),
    "run": (
        [
            "--model",
            "served-model",
            "--engine",
            "openai",
            "--tasks",
            "mella_know_hu",
            "--limit",
            "1",
            "--output",
            "{out}",
            "--bootstrap",
            "0",
        ],
        "mella_eval.runner.pipeline:_generate",
    ),
    "score": (
        ["--predictions", "{tmp}/p.jsonl", "--output", "{out}"],
        "mella_eval.runner.external:score_predictions",
    ),
    "merge": (["{tmp}/a", "{tmp}/b", "--output", "{out}"], "mella_eval.runner.merge:merge_runs"),
    "demo": (["--output", "{out}"], "mella_eval.cli.demo:demo_checkpoint"),
    "keywords extract": (
        ["--tasks", "mella_know_hu", "--extractor", "deterministic", "--output", "{tmp}/kw.jsonl"],
        "mella_eval.keywords.extract:extract_to_file",
    ),
    "submit": (["{tmp}/run", "--leaderboard", "mella"], "mella_eval.leaderboard:load_definition"),
    "leaderboard render": (
        ["mella", "--output", "{tmp}/board"],
        "mella_eval.leaderboard:load_definition",
    ),
    "leaderboard show": (["mella"], "mella_eval.leaderboard:load_definition"),
    "leaderboard rescore": (["mella"], "mella_eval.leaderboard:load_definition"),
    "plot": (["{tmp}/run", "--out", "{tmp}/f.png"], "mella_eval.figures:load_runs"),
    "table": (["{tmp}/run"], "mella_eval.figures:load_runs"),
    "store check": (["{out}"], "mella_eval.store_check:check_store"),
    "store repair": (["{out}"], "mella_eval.store_check:repair_store"),
    "store migrate": (["{out}"], "mella_eval.runner.migration:migrate_run_folder"),
    "inspect": (["{tmp}/run"], "mella_eval.inspect:build_page_data"),
}


def _leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _leaves(child, (*prefix, name))
            return
    yield " ".join(prefix)


def test_every_subcommand_has_a_failure_case() -> None:
    assert sorted(_leaves(build_parser())) == sorted(CASES)


def _argv(command: str, tmp_path: Path, verbose: bool) -> list[str]:
    out = tmp_path / "out"
    (out / "logs").mkdir(parents=True)  # a run folder (its log is where details go)
    extra, _ = CASES[command]
    args = [a.format(tmp=tmp_path, out=out) for a in extra]
    return [*command.split(), *args, *(["--verbose"] if verbose else [])]


def _inject(monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    module, attribute = CASES[command][1].split(":")

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"injected into {command}")

    monkeypatch.setattr(f"{module}.{attribute}", fail)


@pytest.mark.parametrize("command", sorted(CASES))
def test_unexpected_failure_prints_one_line_and_logs_the_traceback(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _inject(monkeypatch, command)
    assert main(_argv(command, tmp_path, verbose=False)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len([line for line in err if line.startswith("mella-eval: error:")]) == 1
    match = LINE.match(err[-1])
    assert match and match["cmd"] == command, err
    log = Path(match["log"])
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    assert f"RuntimeError: injected into {command}" in log.read_text(encoding="utf-8")
    assert not any(line.startswith("Traceback") for line in err)
    if command in ("run", "demo", "store check", "store repair", "store migrate", "score", "merge"):
        assert log == tmp_path / "out" / "logs" / "run.log"


@pytest.mark.parametrize("command", ["tasks list", "run", "demo"])
def test_verbose_prints_the_traceback_too(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _inject(monkeypatch, command)
    assert main(_argv(command, tmp_path, verbose=True)) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert LINE.match(err.strip().splitlines()[-1])
