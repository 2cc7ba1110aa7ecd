"""Progress bars with rate and ETA per task; plain log lines in quiet mode or when piped."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from mella_eval.runner.quiet import console_err


def _rich_progress() -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as RichProgress
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Samples per second (rich's speed column formats bytes)."""

        def render(self, task: Any) -> Text:
            return Text(f"{task.speed:.2f}/s" if task.speed else "-/s")

    from rich.console import Console

    # Our own console stream, and no capture of sys.stdout/stderr: while a run is
    # redirected those lead to the log file (runner.quiet).
    return RichProgress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(file=console_err()), redirect_stdout=False, redirect_stderr=False,
    )  # fmt: skip


class Progress:
    """Rich bars on a terminal; one summary line per task otherwise."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.interactive = not quiet and console_err().isatty()

    @contextmanager
    def tasks(self, totals: dict[str, int]) -> Iterator[Callable[[int], None]]:
        """Yield ``advance(n)`` for samples finished in the order of ``totals``' tasks.

        Requests are generated in task order, so the n-th finished sample belongs to the
        task whose cumulative range contains n.
        """
        names = list(totals)
        done = dict.fromkeys(names, 0)
        start = time.perf_counter()
        bar = _rich_progress() if self.interactive else None
        handles = {n: bar.add_task(n, total=totals[n]) for n in names} if bar else {}

        def advance(count: int) -> None:
            for name in names:
                room = totals[name] - done[name]
                step = min(room, count)
                if step <= 0:
                    continue
                done[name] += step
                count -= step
                if bar is not None:
                    bar.advance(handles[name], step)
                if done[name] == totals[name]:
                    self._finished(name, totals[name], start)

        if bar is not None:
            with bar:
                yield advance
        else:
            yield advance

    def _finished(self, name: str, total: int, start: float) -> None:
        if self.quiet or self.interactive:
            return
        elapsed = time.perf_counter() - start
        print(f"{name}: {total} samples done at {elapsed:.1f}s", file=console_err())

    @contextmanager
    def status(self, message: str) -> Iterator[None]:
        """A one-line note for a step without a count (scoring)."""
        start = time.perf_counter()
        yield
        if not self.quiet:
            print(f"{message}: {time.perf_counter() - start:.1f}s", file=console_err())
