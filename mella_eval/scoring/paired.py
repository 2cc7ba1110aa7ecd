"""Is run B better than run A? The paired bootstrap over two run folders' sample files.

Figures (delta bars, LaTeX tables with significance) read two result folders; this
scores both runs' shared samples with the same resampling (Koehn 2004).
"""

from __future__ import annotations

from pathlib import Path

from mella_eval.errors import ResultsError
from mella_eval.results import SampleRecord, read_results, read_samples
from mella_eval.scoring.corpus import PairedResult, paired_bootstrap
from mella_eval.scoring.records import scorable, to_items
from mella_eval.scoring.task import DEFAULT_BOOTSTRAP
from mella_eval.tasks.spec import TaskSpec


def paired_compare(
    spec: TaskSpec,
    baseline_dir: Path,
    candidate_dir: Path,
    metric_key: str,
    *,
    samples: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> PairedResult:
    """Paired bootstrap of ``candidate - baseline`` on the samples both runs scored.

    Returns :class:`~mella_eval.scoring.corpus.PairedResult` (delta, p_value, ci_low, ci_high).
    """
    metric = next((m for m in spec.metrics if m.key == metric_key), None)
    if metric is None:
        raise ResultsError(f"task {spec.name!r} has no metric {metric_key!r}")
    base = {r.id: r for r in scorable(_task_records(baseline_dir, spec.name))}
    cand = {r.id: r for r in scorable(_task_records(candidate_dir, spec.name))}
    shared = sorted(base.keys() & cand.keys())
    if not shared:
        raise ResultsError(f"task {spec.name!r}: the two runs share no scored samples")
    items_a = to_items([base[i] for i in shared])
    items_b = to_items([cand[i] for i in shared])
    return paired_bootstrap(
        metric.name, metric.args, items_a, items_b, spec.language, samples=samples, seed=seed
    )


def _task_records(run_dir: Path, task: str) -> list[SampleRecord]:
    result = read_results(run_dir)
    if task not in result.tasks:
        raise ResultsError(f"{run_dir}: no results for task {task!r}")
    return read_samples(run_dir, result.tasks[task])
