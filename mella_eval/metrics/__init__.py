"""Metrics by name: per-sample statistics -> corpus score (scoring a task: mella_eval.scoring)."""

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

__all__ = [
    "Metric",
    "MetricOutcome",
    "ScoringItem",
    "build_metric",
    "check_metric",
    "metric_class",
    "metric_names",
    "register",
    "unregister",
]
