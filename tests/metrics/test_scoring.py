"""Registry contract, regression guards, bootstrap CI and the paired test."""

from __future__ import annotations

import numpy as np
import pytest

from mella_eval.languages import LanguageSpec
from mella_eval.metrics import ScoringItem, build_metric, check_metric, metric_names
from mella_eval.metrics.base import Metric
from mella_eval.scoring.corpus import bootstrap_scores, paired_bootstrap, score_items

LANG_AWARE = ["bleu", "chrf", "chrf_pp", "rouge_l", "cider_d", "meteor"]


def test_all_metrics_registered() -> None:
    assert set(metric_names()) >= {
        "keyword_accuracy", "keyword_hit", "meteor", "meteor_coco", "bleu_coco",
        "rouge_l_coco", "cider_coco", "bleu", "chrf", "chrf_pp", "rouge_l", "cider_d",
        "language_fidelity",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "args"),
    [("nope", {}), ("bleu", {"n": 7}), ("bleu", {"colour": 1}), ("bleu", {"tokenize": "spm"}),
     ("bleu_coco", {"n": 5}), ("chrf", {"word_order": 3}), ("rouge_l", {"beta": 0})],
)  # fmt: skip
def test_check_metric_rejects_bad_names_and_args(name: str, args: dict) -> None:
    with pytest.raises(ValueError):
        check_metric(name, args)


def test_wrong_hypothesis_lowers_every_corpus_score(
    coco_items: list[ScoringItem], en: LanguageSpec
) -> None:
    keyed = [ScoringItem(it.prediction, it.references, [(it.references[0].split()[1],)])
             for it in coco_items]  # fmt: skip
    broken = list(keyed)
    broken[1] = ScoringItem("xylophone quartz zebra", keyed[1].references, keyed[1].keywords)
    metrics = [(m, m, {}) for m in [*LANG_AWARE, "keyword_accuracy"]]
    good = score_items(metrics, keyed, en, bootstrap=0)
    bad = score_items(metrics, broken, en, bootstrap=0)
    for key, _, _ in metrics:
        assert bad[key].score < good[key].score, key


def test_uneven_reference_counts_are_recorded(
    coco_items: list[ScoringItem], en: LanguageSpec
) -> None:
    got = score_items([("b", "bleu", {})], coco_items, en, bootstrap=0)["b"]
    assert got.signature["refs_per_sample"] == "3-5"
    assert got.signature["samples"] == len(coco_items)


def test_empty_prediction_scores_zero(en: LanguageSpec) -> None:
    items = [ScoringItem("", ["a red bus on the street", "a bus"], [("bus",)])]
    names = [*LANG_AWARE, "keyword_accuracy", "keyword_hit", "language_fidelity"]
    got = score_items([(m, m, {}) for m in names], items, en, bootstrap=10)
    for m in names:
        assert got[m].score == 0.0, m
        assert got[m].per_sample == [0.0], m


def test_bootstrap_ci_contains_score_and_is_seeded(
    coco_items: list[ScoringItem], en: LanguageSpec
) -> None:
    metrics = [("b", "bleu", {}), ("r", "rouge_l", {})]
    one = score_items(metrics, coco_items, en, bootstrap=300, seed=1)
    again = score_items(metrics, coco_items, en, bootstrap=300, seed=1)
    other = score_items(metrics, coco_items, en, bootstrap=300, seed=2)
    for key in ("b", "r"):
        o = one[key]
        assert o.ci_low is not None and o.ci_high is not None
        assert o.ci_low <= o.score <= o.ci_high
        assert o.ci_low < o.ci_high
        assert (o.ci_low, o.ci_high) == (again[key].ci_low, again[key].ci_high)
        assert (o.ci_low, o.ci_high) != (other[key].ci_low, other[key].ci_high)


def test_fast_bootstrap_equals_reaggregating_each_resample(
    coco_items: list[ScoringItem], en: LanguageSpec
) -> None:
    """The matrix-product path (column sums) equals rebuilding every resample."""
    metric = build_metric("bleu", {}, en)
    stats = metric.sample_stats(coco_items)
    fast = bootstrap_scores(metric, stats, 50, seed=5)
    slow = np.concatenate(
        [Metric.resampled(metric, stats, c) for c in _counts(len(stats), 50, seed=5)]
    )
    assert fast == pytest.approx(slow)


def _counts(n: int, samples: int, seed: int) -> list[np.ndarray]:
    from mella_eval.scoring.corpus import _resample_counts

    return list(_resample_counts(n, samples, seed))


def test_paired_bootstrap_prefers_the_better_system(
    coco_items: list[ScoringItem], en: LanguageSpec
) -> None:
    better = [ScoringItem(it.references[0], it.references) for it in coco_items]
    worse = list(coco_items)
    # A = baseline, B = candidate: delta = score(B) - score(A)
    res = paired_bootstrap("bleu", {}, worse, better, en, samples=500, seed=0)
    direct = (
        score_items([("b", "bleu", {})], better, en, bootstrap=0)["b"].score
        - score_items([("b", "bleu", {})], worse, en, bootstrap=0)["b"].score
    )
    assert res.delta == pytest.approx(direct)
    assert res.delta > 0
    assert res.p_value < 0.05
    assert res.ci_low <= res.delta <= res.ci_high
    flipped = paired_bootstrap("bleu", {}, better, worse, en, samples=500, seed=0)
    assert flipped.delta == pytest.approx(-res.delta)
    assert flipped.p_value > 0.95
    same = paired_bootstrap("chrf", {}, worse, worse, en, samples=100, seed=0)
    assert same.delta == 0.0 and same.p_value == 1.0


def test_paired_bootstrap_refuses_unaligned_runs(
    coco_items: list[ScoringItem], en: LanguageSpec
) -> None:
    other = [ScoringItem(it.prediction, ["different"]) for it in coco_items]
    with pytest.raises(ValueError, match="differ"):
        paired_bootstrap("bleu", {}, coco_items, other, en)
    with pytest.raises(ValueError, match="aligned"):
        paired_bootstrap("bleu", {}, coco_items, coco_items[:-1], en)
