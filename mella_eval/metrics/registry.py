"""Metrics by name: a small decorator registry, so task YAML can name them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mella_eval.languages import LanguageSpec, resolve_language
from mella_eval.metrics.base import Metric

_REGISTRY: dict[str, type[Metric]] = {}


def register(cls: type[Metric]) -> type[Metric]:
    """Class decorator: make ``cls`` available under ``cls.name``."""
    if cls.name in _REGISTRY and _REGISTRY[cls.name] is not cls:
        raise RuntimeError(f"metric {cls.name!r} registered twice")
    _REGISTRY[cls.name] = cls
    return cls


def _ensure_loaded() -> None:
    from mella_eval.metrics import _builtin  # noqa: F401  (registers the built-in metrics)


def metric_names() -> list[str]:
    """All registered metric names, sorted."""
    _ensure_loaded()
    return sorted(_REGISTRY)


def metric_class(name: str) -> type[Metric]:
    """The class registered as ``name``; ValueError naming the alternatives otherwise."""
    _ensure_loaded()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(
            f"unknown metric {name!r}; available: {', '.join(sorted(_REGISTRY))}"
        ) from None


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
