"""Progress bars with rate and ETA per task; plain log lines in quiet mode or when piped."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


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
            return Text(f"{task.speed:.1f}/s" if task.speed else "-/s")

    return RichProgress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
    )  # fmt: skip


class Progress:
    """Rich bars on a terminal; one summary line per task otherwise."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.interactive = not quiet and sys.stderr.isatty()

    @contextmanager
    def task(self, name: str, total: int) -> Iterator[Callable[[int], None]]:
        """Yield ``advance(n)`` for a task of ``total`` samples."""
        start = time.perf_counter()
        if self.interactive:
            with _rich_progress() as bar:
                handle = bar.add_task(name, total=total)
                yield lambda n: bar.advance(handle, n)
        else:
            yield lambda n: None
        if not self.quiet:
            elapsed = time.perf_counter() - start
            rate = total / elapsed if elapsed > 0 else 0.0
            print(
                f"{name}: generated {total} in {elapsed:.1f}s ({rate:.2f} samples/s)",
                file=sys.stderr,
            )

    @contextmanager
    def status(self, message: str) -> Iterator[None]:
        """A one-line note for a step without a count (scoring)."""
        start = time.perf_counter()
        yield
        if not self.quiet:
            print(f"{message}: {time.perf_counter() - start:.1f}s", file=sys.stderr)
