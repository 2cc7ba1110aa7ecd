"""What a command may do to an existing run folder: no symlinks followed, nothing replaced
without ``--force``, and a byte-for-byte backup when it is forced.

A run folder holds hours of generation. Two ways to lose it were found by an outside
audit: a second command (``merge``, ``score``) writing its own store or results over a
finished run, and a file in the folder being a symlink, so that appending predictions
or writing sample files lands outside the folder (and replaces whatever is there).
Every command that writes a run folder therefore checks, under the folder's lock, that
none of the names it writes is a symlink (:func:`refuse_symlinks`) and, before it
replaces a store or ``results.json`` that is not its own earlier output, asks for
``--force`` and then copies the old files into ``backup-<UTC time>/`` in the folder
(:func:`backup_run`).
"""

from __future__ import annotations

import os
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

from mella_eval.errors import MellaError

__all__ = [
    "BACKUP_PREFIX",
    "RUN_FILES",
    "RUN_FOLDERS",
    "FolderRefused",
    "backup_run",
    "refuse_symlinks",
]

#: Every file a command writes directly in a run folder.
RUN_FILES = (
    ".run.lock",
    ".run.lock.json",
    ".write-test",
    "predictions.jsonl",
    "predictions.jsonl.merging",
    "predictions.jsonl.repairing",
    "predictions.quarantine.jsonl",
    "run-config.json",
    "engine-info.json",
    "results.json",
)
#: Folders a command writes into; they and every entry in them must not be symlinks.
RUN_FOLDERS = ("samples", "logs")
BACKUP_PREFIX = "backup-"


class FolderRefused(MellaError):
    """A run folder cannot be written safely (exit code 2, like other user errors)."""


def refuse_symlinks(output: Path) -> None:
    """Refuse when anything a command writes in ``output`` is a symlink (or not a file).

    The folder itself may be a symlink (a user pointing ``results/`` at scratch space
    chose that); the names inside it are what a hostile or careless hand can plant.
    """
    for name in (*RUN_FILES, *RUN_FOLDERS):
        _refuse_link(output / name)
    for name in RUN_FOLDERS:
        folder = output / name
        if folder.is_dir():
            for entry in folder.iterdir():
                _refuse_link(entry)


def _refuse_link(path: Path) -> None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise FolderRefused(
            f"{path} is a symbolic link; a run folder never writes through one "
            "(remove it, or use another --output)"
        )


def backup_run(output: Path, names: tuple[str, ...]) -> Path | None:
    """Copy ``names`` (files or folders) of ``output`` into a new ``backup-<time>/`` folder.

    Copies, not moves: the command that follows may still fail, and then the run is
    exactly as it was. Returns the backup folder, or None when there was nothing to keep.
    """
    present = [name for name in names if (output / name).exists()]
    if not present:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    target = output / f"{BACKUP_PREFIX}{stamp}"
    target.mkdir()
    for name in present:
        source = output / name
        if source.is_dir():
            shutil.copytree(source, target / name, symlinks=True)
        else:
            shutil.copy2(source, target / name, follow_symlinks=False)
    return target


def replaced_names(output: Path, names: tuple[str, ...]) -> list[str]:
    """Which of ``names`` exist in ``output`` (what a command would replace)."""
    return [name for name in names if (output / name).exists()]
