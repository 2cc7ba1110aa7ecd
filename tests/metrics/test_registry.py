"""The table of built-in metrics and the way in for metrics written elsewhere."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from mella_eval.languages import LanguageSpec
from mella_eval.metrics import (
    ScoringItem,
    metric_class,
    metric_names,
    register,
    unregister,
)
from mella_eval.metrics.base import MeanMetric, Metric
from mella_eval.metrics.registry import BUILTIN_METRICS
from mella_eval.scoring import score_items


@pytest.mark.parametrize("name", sorted(BUILTIN_METRICS))
def test_each_table_line_names_a_metric_class_of_that_name(name: str) -> None:
    cls = metric_class(name)
    assert issubclass(cls, Metric)
    assert cls.name == name
    assert BUILTIN_METRICS[name].endswith(f":{cls.__name__}")


def test_unknown_metric_names_the_alternatives() -> None:
    with pytest.raises(ValueError, match=r"unknown metric 'blue'.*bleu"):
        metric_class("blue")


class _Length(MeanMetric):
    """Share of predictions longer than ``min_chars`` characters (a user's own metric)."""

    name = "long_enough"
    needs_references = False

    def __init__(self, lang: LanguageSpec, min_chars: int = 5, **args: Any) -> None:
        super().__init__(lang, **args)
        self.min_chars = min_chars

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        rows = [[float(len(it.prediction) > self.min_chars), 1.0] for it in items]
        return np.array(rows).reshape(-1, 2)

    def signature(self) -> dict[str, Any]:
        return {"metric": self.name, "version": "test-1", "min_chars": self.min_chars}


def test_a_registered_metric_scores_like_a_builtin(en: LanguageSpec) -> None:
    register(_Length)
    try:
        assert "long_enough" in metric_names()
        items = [ScoringItem("a red bus", []), ScoringItem("bus", []), ScoringItem("a cat", [])]
        out = score_items([("L", "long_enough", {"min_chars": 4})], items, en, bootstrap=0)
        assert out["L"].score == pytest.approx(100 * 2 / 3)  # "a red bus", "a cat"
        assert out["L"].per_sample == [100.0, 0.0, 100.0]
        with pytest.raises(RuntimeError, match="registered twice"):
            register(type("Other", (_Length,), {}))
    finally:
        unregister("long_enough")
    assert "long_enough" not in metric_names()


def test_a_builtin_name_cannot_be_taken() -> None:
    clash = type("Clash", (_Length,), {"name": "bleu"})
    with pytest.raises(RuntimeError, match="'bleu' registered twice"):
        register(clash)
