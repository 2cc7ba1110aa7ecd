"""From stored predictions to scored sample files, group averages and ``results.json``."""

from __future__ import annotations

from pathlib import Path
from statistics import fmean
from typing import Any

from mella_eval.results import (
    GroupMetric,
    GroupResult,
    SampleRecord,
    TaskResult,
    write_samples,
)
from mella_eval.runner.prepare import PreparedTask, WorkItem, sampling_dict
from mella_eval.scoring.task import score_task
from mella_eval.tasks.registry import TaskRegistry


def sample_record(item: WorkItem, stored: dict[str, Any] | None) -> SampleRecord:
    """One result line: the sample, plus its stored prediction or the reason it has none."""
    sample = item.sample
    fields: dict[str, Any] = {}
    if stored is None:
        fields["error"] = item.image_error or "no prediction (generation did not finish)"
    else:
        fields = {
            k: stored.get(k)
            for k in ("finish_reason", "prompt_tokens", "completion_tokens", "latency_s")
        }
        fields["error"] = stored.get("error")
        fields["prediction"] = None if fields["error"] else stored.get("text")
    return SampleRecord(
        id=sample.id,
        image_sha256=item.image_sha256,
        prompt=sample.prompt,
        system=sample.system,
        references=sample.references,
        keywords=[list(k) for k in sample.keywords],
        categories=list(sample.categories),
        **fields,
    )


def finalize_task(
    out_dir: Path,
    task: PreparedTask,
    records: list[SampleRecord],
    *,
    sharded: bool,
    bootstrap: int,
    seed: int,
) -> TaskResult:
    """Score one task's records, write its sample file, and summarise it."""
    spec = task.spec
    scoring = score_task(spec, records, bootstrap=bootstrap, seed=seed)
    metrics = scoring.metrics
    samples_file, samples_sha = write_samples(out_dir, spec.name, scoring.records)
    errors = sum(1 for r in scoring.records if r.error is not None)  # too long to score too
    return TaskResult(
        task=spec.name,
        task_hash=task.hash,
        version=spec.version,
        kind=spec.kind,
        language=spec.language.code,
        generation=sampling_dict(task.generation),
        n_samples=len(records),
        n_scored=len(records) - errors,
        n_errors=errors,
        headline=spec.metrics[0].key,
        metrics=metrics,
        categories=scoring.categories,
        reportable=not (task.limited or sharded or errors or not metrics),
        samples_file=samples_file,
        samples_sha256=samples_sha,
    )


def group_results(registry: TaskRegistry, tasks: dict[str, TaskResult]) -> dict[str, GroupResult]:
    """Macro means per group over the member tasks in this run (each language once)."""
    groups = {}
    for name in sorted(registry.groups):
        members = [t.name for t in registry.resolve([name])]
        present = [tasks[m] for m in members if m in tasks]
        if not present:
            continue
        keys = sorted({k for t in present for k in t.metrics})
        metrics = {
            key: GroupMetric(
                value=fmean(t.metrics[key].value for t in present if key in t.metrics),
                tasks=sum(1 for t in present if key in t.metrics),
            )
            for key in keys
        }
        groups[name] = GroupResult(
            group=name,
            tasks=[t.task for t in present],
            metrics=metrics,
            complete=len(present) == len(members),
        )
    return groups
