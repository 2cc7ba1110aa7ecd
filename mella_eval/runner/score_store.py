"""Scoring a run folder from its prediction store: what ``run`` and ``merge`` share.

The scoring itself is :func:`mella_eval.scoring.score_run`; this adds what only a run
folder knows: the store to look predictions up in and the run's configuration for
``results.json``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from mella_eval.redact import redact
from mella_eval.results import ModelInfo, RunInfo, RunResult
from mella_eval.runner.config import STORE_FILE, RunConfig
from mella_eval.runner.prepare import PreparedTask, WorkItem
from mella_eval.runner.progress import Progress
from mella_eval.scoring import score_run
from mella_eval.store import PredictionStore
from mella_eval.tasks import TaskRegistry


def score_tasks(
    config: RunConfig,
    registry: TaskRegistry,
    tasks: list[PreparedTask],
    output: Path,
    started: datetime,
    engine_info: dict[str, Any],
    progress: Progress,
) -> RunResult:
    """Score every task from the store and write its sample file; return the run's result.

    The caller writes ``results.json`` (once, last), after adding what only it knows.
    """
    store = PredictionStore(output / STORE_FILE)

    def stored(_task: str, item: WorkItem) -> dict[str, Any] | None:
        return store.get(item.key)

    return score_run(
        output,
        registry,
        tasks,
        stored,
        partial(_run_info, config, tasks, started, engine_info),
        sharded=config.shard is not None,
        bootstrap=config.bootstrap,
        seed=config.seed or 0,
        status=progress.status,
        workers=config.scoring_workers,
    )


def _run_info(
    config: RunConfig, tasks: list[PreparedTask], started: datetime, engine_info: dict[str, Any]
) -> RunInfo:
    return RunInfo(
        model=ModelInfo(
            name=config.model_name or config.model,
            fingerprint=config.model_fingerprint,
            revision=config.engine_options.get("revision"),
        ),
        engine=config.engine,
        engine_settings=redact(engine_info),
        seed=config.seed or 0,
        limit=config.limit,
        shard=config.shard,
        tasks={t.spec.name: t.hash for t in tasks},
        command=redact(config.command),
        started_at=started,
        finished_at=datetime.now(UTC),
    )
