"""``merge``: combine shard folders into exactly the result of an unsharded run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from mella_eval.errors import ResultsError
from mella_eval.results import RunResult, write_results
from mella_eval.runner.config import (
    STORE_FILE,
    RunConfig,
    load_config,
    load_engine_info,
    save_config,
)
from mella_eval.runner.pipeline import prepare_all, registry_for, score_tasks
from mella_eval.runner.prepare import Shard
from mella_eval.runner.progress import Progress


def check_shards(configs: list[tuple[Path, RunConfig]]) -> RunConfig:
    """All folders must be shards of one run, covering every shard exactly once."""
    first_dir, first = configs[0]
    for folder, config in configs[1:]:
        differs = first.same_run(config)
        if differs:
            raise ResultsError(
                f"{folder} and {first_dir} are not shards of one run "
                f"(differ in {', '.join(differs)})"
            )
    shards = [Shard.parse(c.shard) if c.shard else None for _, c in configs]
    if any(s is None for s in shards):
        if len(configs) == 1:
            return first
        raise ResultsError("merging an unsharded run with others; pass only shard folders")
    counts = {s.count for s in shards if s is not None}
    if len(counts) != 1:
        raise ResultsError(f"shards of different counts: {sorted(counts)}")
    count = counts.pop()
    indices = sorted(s.index for s in shards if s is not None)
    if indices != list(range(count)):
        missing = sorted(set(range(count)) - set(indices))
        raise ResultsError(
            f"incomplete or repeated shards: have {indices} of {count}; missing {missing}"
        )
    return first.model_copy(update={"shard": None})


def merge_runs(folders: list[Path], output: Path, *, quiet: bool = False) -> RunResult:
    """Merge the shards' prediction stores, then score as one unsharded run."""
    from mella_eval.store import PredictionStore, merge

    configs = [(folder, load_config(folder)) for folder in folders]
    config = check_shards(configs)
    output.mkdir(parents=True, exist_ok=True)
    merge([PredictionStore(f / STORE_FILE) for f in folders], output / STORE_FILE)
    save_config(output, config)
    registry = registry_for(config)
    tasks = prepare_all(config, registry)
    started = datetime.now(UTC)
    result = score_tasks(
        config,
        registry,
        tasks,
        output,
        started,
        load_engine_info(folders[0], config.engine),
        Progress(quiet),
    )
    write_results(output, result)
    return result
