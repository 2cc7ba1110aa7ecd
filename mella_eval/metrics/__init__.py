"""Metrics by name and scoring (per-sample statistics -> corpus score + bootstrap CI)."""

from mella_eval.metrics.base import Metric
from mella_eval.metrics.items import MetricOutcome, ScoringItem
from mella_eval.metrics.registry import (
    build_metric,
    check_metric,
    metric_class,
    metric_names,
    register,
    unregister,
)
from mella_eval.metrics.scoring import PairedResult, paired_bootstrap, score_items

__all__ = [
    "Metric",
    "MetricOutcome",
    "PairedResult",
    "ScoringItem",
    "build_metric",
    "check_metric",
    "metric_class",
    "metric_names",
    "paired_bootstrap",
    "register",
    "score_items",
    "unregister",
]
