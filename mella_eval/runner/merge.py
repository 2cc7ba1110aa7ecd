"""``merge``: combine shard folders into exactly the result of an unsharded run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from mella_eval.errors import MellaError, ResultsError
from mella_eval.results import RESULTS_FILE, RunResult, write_results
from mella_eval.runner.config import (
    CONFIG_FILE,
    ENGINE_INFO_FILE,
    STORE_FILE,
    RunConfig,
    load_config,
    load_engine_info,
    save_config,
)
from mella_eval.runner.folder import FolderRefused, backup_run, replaced_names
from mella_eval.runner.lock import run_folder_lock
from mella_eval.runner.pipeline import prepare_all, registry_for
from mella_eval.runner.prepare import Shard
from mella_eval.runner.progress import Progress
from mella_eval.runner.quiet import console_err
from mella_eval.runner.score_store import score_tasks
from mella_eval.store import PredictionStore, merge

#: What ``merge`` replaces in its output folder (and backs up when forced).
MERGE_WRITES = (STORE_FILE, RESULTS_FILE, CONFIG_FILE, ENGINE_INFO_FILE, "samples")


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


def merge_runs(
    folders: list[Path],
    output: Path,
    *,
    quiet: bool = False,
    force: bool = False,
    scoring_workers: int | None = None,
) -> RunResult:
    """Merge the shards' prediction stores, then score as one unsharded run.

    The output folder is locked like a ``run``'s; a store or ``results.json`` already
    there is replaced only when the merge keeps all of it (the same run merged again,
    or merged into one of its shards), or with ``force`` after a backup.
    """
    configs = [(folder, load_config(folder)) for folder in folders]
    config = check_shards(configs).model_copy(update={"scoring_workers": scoring_workers})
    stores = [PredictionStore(f / STORE_FILE) for f in folders]
    with run_folder_lock(output, "merge"):
        _guard_output(output, config, stores, force)
        merge(stores, output / STORE_FILE)
        return _score_merged(folders, output, config, quiet)


def _guard_output(
    output: Path, config: RunConfig, stores: list[PredictionStore], force: bool
) -> None:
    """Refuse (or, forced, back up) an output folder whose run the merge would replace."""
    present = replaced_names(output, (STORE_FILE, RESULTS_FILE))
    if not present or _merge_keeps(output, config, stores):
        return
    if not force:
        raise FolderRefused(
            f"{output} already holds {' and '.join(present)} of another run, which this merge "
            "would replace; use another --output, or --force to replace them (a copy is kept "
            f"in {output}/backup-<time>/)"
        )
    kept = backup_run(output, MERGE_WRITES)
    print(f"mella-eval: replacing the run in {output}; a copy is in {kept}", file=console_err())


def _merge_keeps(output: Path, config: RunConfig, stores: list[PredictionStore]) -> bool:
    """Whether the output already holds this run and the merge keeps every stored key."""
    try:
        if load_config(output).same_run(config):
            return False
        existing = PredictionStore(output / STORE_FILE)
    except MellaError:
        return False
    merged: set[str] = set()
    for store in stores:
        merged.update(store.keys())
    return set(existing.keys()) <= merged


def _score_merged(folders: list[Path], output: Path, config: RunConfig, quiet: bool) -> RunResult:
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
