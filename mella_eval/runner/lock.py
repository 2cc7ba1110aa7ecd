"""One ``run`` at a time per output folder.

Two runs appending to one ``predictions.jsonl`` interleave their writes and lose
predictions (each keeps its own idea of where the good data ends). ``run`` therefore
holds an exclusive file lock on ``OUTPUT/.run.lock`` from start to finish; the holder
writes who it is (pid, host, start time) to ``OUTPUT/.run.lock.json`` so a second run
can say which process is in the way. The OS releases the lock when the holder dies,
even on ``kill -9``, so a stale lock never blocks a resume.
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from mella_eval.errors import MellaError
from mella_eval.results import atomic_write_text
from mella_eval.runner.folder import refuse_symlinks

LOCK_FILE = ".run.lock"
HOLDER_FILE = ".run.lock.json"


class RunFolderBusy(MellaError):
    """Another process holds the output folder (exit code 2, like other user errors)."""


@contextmanager
def run_folder_lock(output: Path, what: str = "run") -> Iterator[None]:
    """Hold the output folder's lock for the duration of the block, or fail at once.

    Nothing the command writes may be a symlink (see ``runner.folder``): checked before
    the lock file is opened (opening it would truncate a link's target) and again once
    the lock is held, when no other mella-eval process can change the folder.
    """
    output.mkdir(parents=True, exist_ok=True)
    refuse_symlinks(output)
    lock = FileLock(str(output / LOCK_FILE), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise RunFolderBusy(
            f"{output} is in use by another {holder_text(output)}; wait for it to finish "
            "or use another --output"
        ) from None
    try:
        holder = {
            "command": what,
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        # First, so a refused second process can name us (a new file renamed over the
        # name: never written through a link), then the check under the lock.
        atomic_write_text(output / HOLDER_FILE, json.dumps(holder) + "\n")
        refuse_symlinks(output)
        yield
    finally:
        (output / HOLDER_FILE).unlink(missing_ok=True)
        lock.release()


def holder_text(output: Path, wait_s: float = 1.0) -> str:
    """``run (pid 123 on host, since 2026-...)`` from the holder file, as far as known.

    The holder writes the file just after taking the lock; a process refused in that
    instant waits up to ``wait_s`` for it rather than say "holder unknown".
    """
    deadline = time.monotonic() + wait_s
    while not (output / HOLDER_FILE).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        holder = json.loads((output / HOLDER_FILE).read_text(encoding="utf-8"))
        return (
            f"{holder.get('command', 'run')} (pid {holder.get('pid')} on {holder.get('host')}, "
            f"since {holder.get('started_at')})"
        )
    except (OSError, ValueError, AttributeError):
        return "process (holder unknown)"
