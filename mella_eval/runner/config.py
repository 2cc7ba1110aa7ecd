"""The run configuration, saved as ``run-config.json`` beside the predictions.

``merge`` and a resumed ``run`` read it back, so shards and restarts agree on the
model, engine and task sources, and scoring after a merge matches an unsharded run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mella_eval.errors import ResultsError
from mella_eval.redact import redact
from mella_eval.results import atomic_write_text

CONFIG_FILE = "run-config.json"
STORE_FILE = "predictions.jsonl"
ENGINE_INFO_FILE = "engine-info.json"


class RunConfig(BaseModel):
    """Everything that defines a run apart from the output folder."""

    model_config = ConfigDict(extra="forbid")

    model: str
    model_name: str | None = None
    model_fingerprint: str = ""
    engine: str = "vllm"
    engine_options: dict[str, Any] = Field(default_factory=dict)
    tasks: list[str]
    limit: int | None = None
    shard: str | None = None
    seed: int | None = None
    include_paths: list[str] = Field(default_factory=list)
    data_override: str | None = None
    chunk_size: int = 256
    #: Ray executor settings (``RaySettings`` fields) or None for a local run; not part of
    #: ``same_run``: a run started on a cluster may be resumed locally and vice versa.
    ray: dict[str, Any] | None = None
    bootstrap: int = 1000
    #: ``--scoring-workers``: processes that score tasks (None: auto, see
    #: ``scoring.parallel.scoring_workers``); not part of ``same_run``: results do not
    #: depend on it.
    scoring_workers: int | None = None
    command: list[str] = Field(default_factory=list)

    def same_run(self, other: RunConfig) -> list[str]:
        """Fields that differ in ways that make two configs different runs (shard aside)."""
        fields = (
            "model_fingerprint",
            "engine",
            "engine_options",
            "tasks",
            "limit",
            "seed",
            "data_override",
        )
        mine, theirs = self.redacted(), other.redacted()
        return [f for f in fields if getattr(mine, f) != getattr(theirs, f)]

    def redacted(self) -> RunConfig:
        """This configuration with credentials masked: what is saved, and compared on resume."""
        return RunConfig.model_validate(redact(self.model_dump(mode="json")))


def save_config(out_dir: Path, config: RunConfig) -> None:
    """Write the run configuration atomically, credentials masked (see mella_eval.redact)."""
    atomic_write_text(out_dir / CONFIG_FILE, config.redacted().model_dump_json(indent=2) + "\n")


def load_config(run_dir: Path) -> RunConfig:
    """Read a run folder's configuration, with a clear error when it is not a run folder."""
    path = run_dir / CONFIG_FILE
    try:
        return RunConfig.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise ResultsError(f"{run_dir}: not a mella-eval run folder (no {CONFIG_FILE})") from None
    except (json.JSONDecodeError, ValidationError) as exc:
        raise ResultsError(f"{path}: invalid run configuration ({exc})") from None


def save_engine_info(out_dir: Path, info: dict[str, Any]) -> None:
    """Keep the engine's effective settings beside the predictions it made.

    A resumed run with nothing left to generate never starts the engine; its results
    still need the settings the predictions were made with.
    """
    text = json.dumps(redact(info), indent=2, sort_keys=True) + "\n"
    atomic_write_text(out_dir / ENGINE_INFO_FILE, text)


def load_engine_info(run_dir: Path, engine: str) -> dict[str, Any]:
    """The saved engine settings, or just the engine's name when none were saved."""
    try:
        info = json.loads((run_dir / ENGINE_INFO_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {"engine": engine}
    return info if isinstance(info, dict) else {"engine": engine}
