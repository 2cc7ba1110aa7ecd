"""Metrics by name: one table of built-in metrics, so task YAML can name them.

The table has the shape the engines use (lm-eval's ``MODEL_MAPPING``): one visible line
per metric, ``name -> "module:Class"``, imported only when the metric is first asked
for. A metric written outside the package joins with :func:`register`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from mella_eval.languages import LanguageSpec, resolve_language
from mella_eval.metrics.base import Metric

BUILTIN_METRICS: dict[str, str] = {
    "bleu": "mella_eval.metrics.sacre:Bleu",
    "chrf": "mella_eval.metrics.sacre:Chrf",
    "chrf_pp": "mella_eval.metrics.sacre:ChrfPlusPlus",
    "chrf_norm": "mella_eval.metrics.sacre:ChrfNorm",
    "rouge_l": "mella_eval.metrics.rouge:RougeL",
    "cider_d": "mella_eval.metrics.cider:CiderD",
    "meteor": "mella_eval.metrics.meteor:Meteor",
    "bleu_coco": "mella_eval.metrics.coco:BleuCoco",
    "rouge_l_coco": "mella_eval.metrics.coco:RougeLCoco",
    "cider_coco": "mella_eval.metrics.coco:CiderCoco",
    "cider_coco_seg": "mella_eval.metrics.coco_seg:CiderCocoSeg",
    "meteor_coco": "mella_eval.metrics.coco:MeteorCoco",
    "keyword_accuracy": "mella_eval.metrics.keyword:KeywordAccuracy",
    "keyword_hit": "mella_eval.metrics.keyword:KeywordHit",
    "language_fidelity": "mella_eval.metrics.fidelity:LanguageFidelity",
}

_EXTRA: dict[str, type[Metric]] = {}


def register(cls: type[Metric]) -> type[Metric]:
    """Add a metric defined outside the package under ``cls.name`` (usable as a decorator).

    A name already taken (built-in or registered) by another class raises RuntimeError.
    """
    taken = cls.name in BUILTIN_METRICS or (cls.name in _EXTRA and _EXTRA[cls.name] is not cls)
    if taken:
        raise RuntimeError(f"metric {cls.name!r} registered twice")
    _EXTRA[cls.name] = cls
    return cls


def unregister(name: str) -> None:
    """Remove a metric added with :func:`register` (tests clean up with this)."""
    _EXTRA.pop(name, None)


def metric_names() -> list[str]:
    """All metric names (built-in and registered), sorted."""
    return sorted({*BUILTIN_METRICS, *_EXTRA})


def metric_class(name: str) -> type[Metric]:
    """The class named ``name``; ValueError naming the alternatives otherwise."""
    if name in _EXTRA:
        return _EXTRA[name]
    target = BUILTIN_METRICS.get(name)
    if target is None:
        raise ValueError(f"unknown metric {name!r}; available: {', '.join(metric_names())}")
    module_name, _, class_name = target.partition(":")
    cls: type[Metric] = getattr(importlib.import_module(module_name), class_name)
    return cls


def build_metric(name: str, args: dict[str, Any], lang: LanguageSpec) -> Metric:
    """Instantiate a metric for one language; bad arguments raise ValueError."""
    cls = metric_class(name)
    try:
        return cls(lang, **args)
    except TypeError as exc:
        raise ValueError(f"metric {name!r}: bad arguments {args}: {exc}") from None


def check_metric(name: str, args: dict[str, Any]) -> None:
    """Raise ValueError if ``name`` is unknown or ``args`` are not accepted (English probe)."""
    build_metric(name, args, resolve_language("en"))


MetricFactory = Callable[[LanguageSpec], Metric]
