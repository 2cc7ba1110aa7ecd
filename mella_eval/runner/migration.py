"""Carrying a version-1 prediction store over to keys that hold only generation inputs.

Version-1 keys (``store.legacy_prediction_key``) also covered the task hash and the
sample id, so they cannot be turned into new keys from the store alone: the run's tasks
say which old key each sample had. For every sample of the run whose new key is missing
and whose old key is in the store, the old record is appended again under the new key,
with its inputs and ``migrated_from``; nothing is removed or rewritten, so a crash
half-way loses nothing and the next run simply finishes the job. ``run`` does this on
open; ``mella-eval store migrate`` does it on its own.

Old records made for two tasks that share one generation now (the know and ling tasks of
a language ask the same question of the same image) become one record; if their texts
differ (sampling without a fixed seed), the first in the store is kept and the count is
reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mella_eval.runner.config import STORE_FILE, load_config
from mella_eval.runner.lock import run_folder_lock
from mella_eval.runner.prepare import PreparedTask, prepare_all, registry_for
from mella_eval.store import INPUTS_FIELD, USES_FIELD, PredictionStore

__all__ = ["MigrationReport", "migrate_legacy", "migrate_run_folder", "uses_by_key"]


@dataclass
class MigrationReport:
    """What a migration did: records appended under new keys, and what it noticed."""

    migrated: int = 0
    #: Old records whose generation another old record already provides with other text.
    differing: int = 0
    #: Old records that no sample of the run's tasks asks for (left as they are).
    unused: int = 0

    def summary(self) -> str:
        text = f"migrated {self.migrated} prediction(s) of an older store to the new keys"
        if self.differing:
            text += f"; {self.differing} shared generation(s) had differing texts (kept the first)"
        if self.unused:
            text += f"; {self.unused} old record(s) match no sample of this run (left in place)"
        return text


def migrate_legacy(store: PredictionStore, tasks: Iterable[PreparedTask]) -> MigrationReport:
    """Append the run's version-1 records under their new keys (see the module docstring)."""
    report = MigrationReport()
    legacy = store.legacy_keys
    if not legacy:
        return report
    copies: dict[str, dict[str, Any]] = {}
    wanted: set[str] = set()
    for task in tasks:
        for item in task.items:
            if item.legacy_key not in legacy:
                continue
            wanted.add(item.legacy_key)
            if store.has(item.key) and item.key not in copies:
                continue  # already migrated (or generated anew)
            old = store.get(item.legacy_key)
            if old is not None:
                _choose(copies, item.key, _renamed(old, item.key, item.inputs), report)
    report.migrated = store.append(copies[key] for key in sorted(copies))
    report.unused = len(legacy - wanted)
    return report


def _renamed(old: dict[str, Any], key: str, inputs: dict[str, Any]) -> dict[str, Any]:
    record = dict(old)
    record.update(key=key, migrated_from=old["key"])
    record[INPUTS_FIELD] = inputs
    record[USES_FIELD] = [[old["task"], old["sample_id"]]]
    return record


def _choose(
    copies: dict[str, dict[str, Any]], key: str, record: dict[str, Any], report: MigrationReport
) -> None:
    """Keep one old record per new key: the first without an error."""
    first = copies.get(key)
    if first is None or (first.get("error") is not None and record.get("error") is None):
        copies[key] = record
    elif record.get("error") is None and record.get("text") != first.get("text"):
        report.differing += 1


def uses_by_key(tasks: Iterable[PreparedTask]) -> dict[str, list[tuple[str, str]]]:
    """Key -> the (task, sample id) pairs of the run that ask for its generation."""
    uses: dict[str, list[tuple[str, str]]] = {}
    for task in tasks:
        for item in task.items:
            uses.setdefault(item.key, []).append((task.spec.name, item.sample.id))
    return uses


def migrate_run_folder(output: Path) -> MigrationReport:
    """``mella-eval store migrate OUTPUT``: what ``run`` does on open, without generating.

    The run's tasks are loaded from its ``run-config.json`` with the fingerprint saved
    there (the one the old keys were made with), under the run folder's lock.
    """
    config = load_config(output)
    tasks = prepare_all(config, registry_for(config))
    with run_folder_lock(output, "store migrate"):
        store = PredictionStore(output / STORE_FILE)
        report = migrate_legacy(store, tasks)
        store.add_uses(uses_by_key(tasks))
    return report
