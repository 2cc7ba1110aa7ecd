"""User-facing errors.

Everything a user can cause (bad YAML, a missing image, an unknown task) raises a
``MellaError``; the CLI prints its one-line message and exits non-zero without a
traceback. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class MellaError(Exception):
    """An error caused by user input; ``str()`` is a complete one-line explanation."""

    exit_code = 2


def located(message: str, path: str | Path | None = None, line: int | None = None) -> str:
    """Prefix ``message`` with ``path:line:`` so editors and humans can jump to the spot."""
    if path is None:
        return message
    where = f"{path}:{line}" if line is not None else str(path)
    return f"{where}: {message}"


class TaskError(MellaError):
    """A task or group definition is invalid or cannot be found."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(located(message, path, line))
        self.path = path
        self.line = line


class DataError(MellaError):
    """A dataset file or record is unusable."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        sample_id: str | None = None,
    ):
        detail = f"sample {sample_id!r}: {message}" if sample_id is not None else message
        super().__init__(located(detail, path, line))
        self.path = path
        self.line = line
        self.sample_id = sample_id


class ImageError(DataError):
    """One image cannot be used; fails its sample only, never the run."""


class EngineError(MellaError):
    """The generation engine cannot start or is misconfigured."""


class ResultsError(MellaError):
    """A results directory or file is missing, invalid, or inconsistent."""


class SubmissionError(MellaError):
    """A leaderboard submission is rejected."""


class EngineDied(EngineError):
    """The engine stopped working mid-run (its process was killed, the device failed).

    Not a fault of any sample: the requests in flight are not recorded, finished
    predictions are kept, and rerunning the same command resumes. Exit code 3, so
    scripts can tell it from a user error (2) and retry.
    """

    exit_code = 3
