"""Scoring: from stored generations to scored tasks and the run's result.

One path, used by ``run``, ``score``, ``merge``, ``leaderboard rescore`` and figures:

- :mod:`~mella_eval.scoring.records`: a stored prediction becomes a sample record
  (:func:`sample_record`); records too long to score fail alone.
- :mod:`~mella_eval.scoring.corpus`: the task's metrics over its records, with bootstrap
  confidence intervals (and the paired bootstrap between two runs).
- :mod:`~mella_eval.scoring.task`: one task scored (:func:`score_task`) and summarised
  with its sample file written (:func:`task_result`).
- :mod:`~mella_eval.scoring.run`: every task, group means and the run's
  :class:`~mella_eval.results.RunResult` (:func:`score_run`).
- :mod:`~mella_eval.scoring.parallel`: the tasks scored on a pool of processes, with the
  same results (:func:`scoring_workers` decides how many).
- :mod:`~mella_eval.scoring.paired`: two run folders compared on their shared samples.

Scoring never calls an engine: it reads predictions, never makes them.
"""

from mella_eval.scoring.corpus import PairedResult, paired_bootstrap, score_items
from mella_eval.scoring.environment import environment_info
from mella_eval.scoring.paired import paired_compare
from mella_eval.scoring.parallel import ScoringProcessError, scoring_workers
from mella_eval.scoring.records import sample_record, scorable, to_items, too_long
from mella_eval.scoring.run import (
    PlannedSample,
    PlannedTask,
    group_results,
    score_run,
    task_results,
)
from mella_eval.scoring.task import (
    DEFAULT_BOOTSTRAP,
    TaskScoring,
    category_groups,
    score_records,
    score_task,
    task_result,
)

__all__ = [
    "DEFAULT_BOOTSTRAP",
    "PairedResult",
    "PlannedSample",
    "PlannedTask",
    "ScoringProcessError",
    "TaskScoring",
    "category_groups",
    "environment_info",
    "group_results",
    "paired_bootstrap",
    "paired_compare",
    "sample_record",
    "scorable",
    "score_items",
    "score_records",
    "score_run",
    "score_task",
    "scoring_workers",
    "task_result",
    "task_results",
    "to_items",
    "too_long",
]
