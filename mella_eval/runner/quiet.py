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

Why ``sys.stdout``/``sys.stderr`` become :class:`_Relay` objects rather than the log
file itself: third-party code keeps references to whatever ``sys.stderr`` was when it
ran (a logging handler's stream, and transformers even keeps ``sys.stderr.flush`` as the
handler's ``flush``). Had those been the log file, they would hold a closed file once
the redirection ends, and the next redirection in the same process (the demo builds its
checkpoint under one, then runs under another) would fail flushing it. A relay is never
closed: while the redirection is active it writes to the log, afterwards to the stream
that was there before, so everything created meanwhile keeps working, and everything
that existed before gets back exactly the stream it had.
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


class _Relay(io.TextIOBase):
    """A text stream that forwards to ``target``, which can be swapped; never closes.

    It stands in for ``sys.stdout``/``sys.stderr`` while output is redirected, and
    stays valid afterwards for whoever kept a reference to it (see the module
    docstring). Attributes it does not define (``buffer``, ``reconfigure``...) come
    from the current target.
    """

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def write(self, text: str) -> int:
        return self.target.write(text)

    def flush(self) -> None:
        with contextlib.suppress(ValueError, OSError):  # a target closed by its owner
            self.target.flush()

    def fileno(self) -> int:
        return self.target.fileno()

    def isatty(self) -> bool:
        try:
            return self.target.isatty()
        except (ValueError, OSError):
            return False

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Closing the process's stdout/stderr stand-in is not a library's call."""
        self.flush()

    @property
    def closed(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.target, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.target, "errors", None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.target, name)


#: One relay per standard stream for the life of the process, so that a handler made
#: during one redirection is redirected again by the next one.
_relays: dict[str, _Relay] = {}


def _relay(key: str, fallback: TextIO) -> _Relay:
    if key not in _relays:
        _relays[key] = _Relay(fallback)
    return _relays[key]


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


def _retarget_handlers(streams: dict[int, TextIO]) -> list[tuple[logging.StreamHandler[Any], Any]]:
    """Point console logging handlers whose stream is a key of ``streams`` at its value.

    The stream attribute is set directly, without ``setStream``: that flushes the old
    stream through the handler's ``flush``, which third-party code may have replaced
    with a bound method of a stream closed since. Returns (handler, old stream) pairs.
    """
    moved = []
    loggers = [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
    for logger in loggers:
        for handler in getattr(logger, "handlers", []):
            is_stream = isinstance(handler, logging.StreamHandler)
            to_console = is_stream and not isinstance(handler, logging.FileHandler)
            current = getattr(handler, "stream", None) if to_console else None
            if current is not None and id(current) in streams:
                with contextlib.suppress(AttributeError):  # logging's lastResort: read-only
                    handler.stream = streams[id(current)]
                    moved.append((handler, current))
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


def _flush_quietly(*streams: Any) -> None:
    for stream in streams:
        with contextlib.suppress(Exception):
            stream.flush()


@contextlib.contextmanager
def _descriptors_to(log: TextIO) -> Iterator[dict[int, int]]:
    """Point fds 1 and 2 at ``log``; yield the saved duplicates; always point them back."""
    saved: dict[int, int] = {}
    try:
        for fd in (1, 2):
            saved[fd] = os.dup(fd)
        for fd in (1, 2):
            os.dup2(log.fileno(), fd)
        yield saved
    finally:
        for fd, copy in saved.items():
            os.dup2(copy, fd)
            os.close(copy)


@contextlib.contextmanager
def _python_streams_to(log: TextIO, saved: dict[int, int]) -> Iterator[None]:
    """Point ``sys.stdout``/``sys.stderr``, console handlers and warnings at ``log``.

    Everything is put back as found on exit, whatever happened in between: the
    standard streams and each handler get their old objects back, and the relays
    that stood in for the standard streams forward to them until the next redirect.
    """
    old_out, old_err, old_show = sys.stdout, sys.stderr, warnings.showwarning
    relays = {"out": _relay("out", old_out), "err": _relay("err", old_err)}
    # Where each relay forwards afterwards: the stream it replaced, unless that was the
    # relay itself (a library restored a reference it took during an earlier redirect).
    after = {
        key: old if old is not relay else relay.target
        for (key, relay), old in zip(relays.items(), (old_out, old_err), strict=True)
    }
    made: list[TextIO] = []
    moved: list[tuple[logging.StreamHandler[Any], Any]] = []
    try:
        for key, stream, fd in (("out", after["out"], 1), ("err", after["err"], 2)):
            console, new = _console_stream(stream, fd, saved[fd])
            _console[key] = console
            made += [console] if new else []
        relays["out"].target = relays["err"].target = log
        sys.stdout, sys.stderr = relays["out"], relays["err"]
        to_log: dict[int, TextIO] = {id(s): log for s in (old_out, old_err)}
        to_log.update({id(s): log for s in (sys.__stdout__, sys.__stderr__) if s is not None})
        moved = _retarget_handlers(to_log)
        warnings.showwarning = _showwarning_to(log)
        yield
    finally:
        warnings.showwarning = old_show
        _flush_quietly(log, *_console.values())
        for handler, previous in moved:
            handler.stream = previous
        relays["out"].target, relays["err"].target = after["out"], after["err"]
        sys.stdout, sys.stderr = old_out, old_err
        _console.clear()
        for stream in made:
            with contextlib.suppress(Exception):
                stream.close()


@contextlib.contextmanager
def third_party_to_log(log_path: Path, *, verbose: bool = False) -> Iterator[Path | None]:
    """Redirect everything but mella-eval's own output to ``log_path`` (appended).

    Yields the log path (None with ``verbose``, or when an outer call already
    redirects: then nothing changes). Re-entrant and repeatable in one process.
    Everything is restored on exit, also on errors and Ctrl-C (and when setting up
    fails half-way), so the CLI's error line and the result table reach the terminal.
    """
    if verbose or _console:  # nested: the outer redirection already applies
        yield None
        return
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "a", buffering=1, encoding="utf-8", errors="replace")  # noqa: SIM115
    offset = log.tell()
    try:
        log.write(f"==== mella-eval {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()} ====\n")
        _flush_quietly(sys.stdout, sys.stderr)
        with _descriptors_to(log) as saved, _python_streams_to(log, saved):
            yield log_path
    finally:
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
