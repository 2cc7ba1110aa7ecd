"""What the command line does with an exception nobody expected: one line, never silence.

A bug must not look like success or vanish into a log nobody reads (``demo`` once exited
1 printing nothing, because the traceback went to the redirected stderr). The console
gets ``mella-eval: error: <type>: <message> (details: <log>)`` and the traceback goes to
the log: the run folder's ``logs/run.log`` when the command has one, else
``errors.log`` in mella-eval's cache folder. ``--verbose`` or ``--debug`` also prints it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from mella_eval.redact import redact_text

__all__ = ["add_verbose_everywhere", "details_log", "report_unexpected"]

_VERBOSE_HELP = "show tracebacks (and, where a command redirects it, third-party output)"


def add_verbose_everywhere(parser: argparse.ArgumentParser) -> None:
    """Give every leaf subcommand a ``--verbose`` flag unless it has one already."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                add_verbose_everywhere(child)
            return
    if "--verbose" not in parser._option_string_actions:
        parser.add_argument("--verbose", action="store_true", help=_VERBOSE_HELP)


def cache_folder() -> Path:
    """mella-eval's own cache folder (``MELLA_EVAL_CACHE``, else ``~/.cache/mella-eval``)."""
    return Path(os.environ.get("MELLA_EVAL_CACHE") or Path.home() / ".cache" / "mella-eval")


#: Files that make a folder a run folder (``run``, ``score`` and ``merge`` write them).
_RUN_FOLDER_MARKS = ("run-config.json", "results.json", "predictions.jsonl", "logs")


def details_log(args: argparse.Namespace) -> Path:
    """Where the traceback goes: the run folder's log if the command works in one."""
    fallback = cache_folder() / "logs" / "errors.log"
    output = getattr(args, "output", None)
    if not isinstance(output, Path) or output.is_symlink() or not output.is_dir():
        return fallback
    if not any((output / mark).exists() for mark in _RUN_FOLDER_MARKS):
        return fallback
    logs = output / "logs"
    return fallback if logs.is_symlink() else logs / "run.log"


def _append(path: Path, text: str) -> bool:
    """Append ``text`` to ``path`` without following a symlink; False if that failed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags, 0o644)
        with os.fdopen(fd, "a", encoding="utf-8", errors="replace") as log:
            log.write(text)
    except OSError:
        return False
    return True


def report_unexpected(exc: BaseException, args: argparse.Namespace) -> int:
    """Log ``exc``'s traceback, print one console line, return exit status 1."""
    details = redact_text("".join(traceback.format_exception(exc)))
    command = redact_text(" ".join(["mella-eval", *sys.argv[1:]]))
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    log = details_log(args)
    written = _append(log, f"==== mella-eval error {stamp}: {command}\n{details}")
    message = redact_text(" ".join(str(exc).split()) or "(no message)")
    where = f"details: {log}" if written else "details: run again with --verbose"
    if getattr(args, "verbose", False) or getattr(args, "debug", False):
        print(details, end="", file=sys.stderr)
    print(f"mella-eval: error: {type(exc).__name__}: {message} ({where})", file=sys.stderr)
    return 1
