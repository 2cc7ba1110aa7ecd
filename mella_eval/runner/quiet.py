"""Keep the console for mella-eval's own lines; send third-party output to ``logs/run.log``.

vLLM, transformers, torch, Triton and their child processes print INFO lines,
FutureWarnings, C++ warnings (NUMA binding) and progress bars, from Python and from
C, in the main process and in processes vLLM spawns. Filtering them one by one would
never be complete, so :func:`third_party_to_log` turns the default around: file
descriptors 1 and 2 (inherited by child processes, used by C code) and ``sys.stdout``
/ ``sys.stderr`` (used by Python libraries, tqdm and logging handlers) all point at the
log file, and mella-eval writes its progress and warnings to :func:`console_err` /
:func:`console_out`, which keep the real terminal. Warnings whose category belongs to
mella-eval are shown on the console too. ``--verbose`` skips all of this.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from mella_eval.redact import redact_text

__all__ = ["LOG_FILE", "console_err", "console_out", "redact_log", "third_party_to_log"]

#: Where third-party output goes, relative to the run folder.
LOG_FILE = Path("logs") / "run.log"

_console: dict[str, TextIO] = {}


def console_out() -> TextIO:
    """The terminal's stdout, also while third-party output is redirected."""
    return _console.get("out", sys.stdout)


def console_err() -> TextIO:
    """The terminal's stderr (progress, our warnings), also while redirected."""
    return _console.get("err", sys.stderr)


def _console_stream(stream: TextIO, fd: int, saved_fd: int) -> tuple[TextIO, bool]:
    """A stream that still reaches what ``stream`` reached once ``fd`` is redirected.

    A stream on the real descriptor gets a new stream on the saved duplicate; any
    other stream (pytest's capture objects) is used as it is. The flag says whether a
    new stream was made.
    """
    try:
        real = stream.fileno() == fd
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        real = False
    if not real:
        return stream, False
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return open(saved_fd, "w", buffering=1, encoding=encoding, closefd=False), True


def _retarget_handlers(old: set[int], new: TextIO) -> list[tuple[logging.StreamHandler[Any], Any]]:
    """Point logging stream handlers that write to a stream in ``old`` at ``new``."""
    moved = []
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            is_stream = isinstance(handler, logging.StreamHandler)
            to_console = is_stream and not isinstance(handler, logging.FileHandler)
            if to_console and id(getattr(handler, "stream", None)) in old:
                with contextlib.suppress(AttributeError):  # logging's lastResort: read-only
                    moved.append((handler, handler.setStream(new)))
    return moved


def _showwarning_to(log: TextIO) -> Any:
    """``warnings.showwarning`` that shows mella-eval's own warnings on the console."""

    def show(message: Any, category: Any, filename: str, lineno: int, file: Any = None,
             line: Any = None) -> None:  # fmt: skip
        ours = str(getattr(category, "__module__", "")).startswith("mella_eval")
        if ours:
            print(f"warning: {message}", file=console_err())
        else:
            log.write(warnings.formatwarning(message, category, filename, lineno, line))

    return show


@contextlib.contextmanager
def third_party_to_log(log_path: Path, *, verbose: bool = False) -> Iterator[Path | None]:
    """Redirect everything but mella-eval's own output to ``log_path`` (appended).

    Yields the log path (None with ``verbose``: nothing is redirected). Everything is
    restored on exit, also on errors and Ctrl-C, so the CLI's error line and the
    result table reach the terminal.
    """
    if verbose or _console:  # nested: the outer redirection already applies
        yield None
        return
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "a", buffering=1, encoding="utf-8", errors="replace")  # noqa: SIM115
    offset = log.tell()
    log.write(f"==== mella-eval {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()} ====\n")
    old_out, old_err, old_show = sys.stdout, sys.stderr, warnings.showwarning
    for stream in (old_out, old_err):
        with contextlib.suppress(Exception):
            stream.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    out, made_out = _console_stream(old_out, 1, saved[1])
    err, made_err = _console_stream(old_err, 2, saved[2])
    _console.update(out=out, err=err)
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    sys.stdout = sys.stderr = log
    targets = {id(old_out), id(old_err), id(sys.__stdout__), id(sys.__stderr__)}
    moved = _retarget_handlers(targets, log)
    warnings.showwarning = _showwarning_to(log)
    try:
        yield log_path
    finally:
        warnings.showwarning = old_show
        for stream in (log, out, err):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdout, sys.stderr = old_out, old_err
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)
        _console.clear()
        for handler, previous in moved:
            with contextlib.suppress(Exception):
                handler.setStream(previous)
        _retarget_handlers({id(log)}, old_err)  # handlers created meanwhile (transformers)
        for stream, made in ((out, made_out), (err, made_err)):
            if made:
                with contextlib.suppress(Exception):
                    stream.close()
        log.close()
        redact_log(log_path, offset)


def redact_log(log_path: Path, offset: int = 0) -> bool:
    """Mask credentials in what third-party code wrote to the log after ``offset``.

    Libraries log their settings (an OpenAI client's base URL with user info, a
    request's ``Authorization`` header at DEBUG level, ``api_key=...`` in an argument
    dump), and child processes write to the same descriptor from C, so nothing can be
    filtered on the way in: the written part is rewritten once the run ends. Returns
    whether anything was masked. A run killed before this point leaves its log as
    written.
    """
    with open(log_path, "rb") as f:
        f.seek(offset)
        written = f.read()
    text = written.decode("utf-8", errors="replace")
    masked = redact_text(text)
    if masked == text:
        return False
    with open(log_path, "r+b") as f:
        f.seek(offset)
        f.write(masked.encode("utf-8"))
        f.truncate()
    return True
