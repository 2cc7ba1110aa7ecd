"""Our BLEU / ROUGE-L / CIDEr-D arithmetic equals pycocoevalcap's scorers (no JVM needed).

Both sides get the same already-tokenised strings, so this isolates the arithmetic; the
full PTB + Meteor path is compared in test_coco_parity.py.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from pycocoevalcap.bleu.bleu import Bleu
from pycocoevalcap.cider.cider import Cider
from pycocoevalcap.rouge.rouge import Rouge, my_lcs

from mella_eval.metrics.cider import cider_scores
from mella_eval.metrics.ngrams import (
    bleu_coco_from_totals,
    bleu_coco_row,
    lcs_length,
    rouge_l_coco,
)


def _tok(text: str) -> str:
    return " ".join(text.lower().replace(".", " ").replace(",", " ").split())


@pytest.fixture(scope="module")
def toolkit_input(
    coco_set: list[tuple[str, list[str]]],
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    gts = {i: [_tok(r) for r in refs] for i, (_, refs) in enumerate(coco_set)}
    res = {i: [_tok(h)] for i, (h, _) in enumerate(coco_set)}
    res[8] = [""]  # an empty hypothesis must not crash either side
    return gts, res


def test_bleu_equals_pycocoevalcap(toolkit_input: tuple[dict, dict]) -> None:
    gts, res = toolkit_input
    expected, expected_per = Bleu(4).compute_score(gts, res, verbose=0)
    rows = np.array([bleu_coco_row(res[i][0].split(), [r.split() for r in gts[i]], 4) for i in gts])
    for n in range(1, 5):
        sub = np.concatenate([rows[:, :2], rows[:, 2 : 2 + n], rows[:, 6 : 6 + n]], axis=1)
        assert bleu_coco_from_totals(sub.sum(0), n) == pytest.approx(expected[n - 1], abs=1e-12)
        per = [bleu_coco_from_totals(row, n) for row in sub]
        assert per == pytest.approx(expected_per[n - 1], abs=1e-12)


def test_rouge_l_equals_pycocoevalcap(toolkit_input: tuple[dict, dict]) -> None:
    gts, res = toolkit_input
    expected, expected_per = Rouge().compute_score(gts, res)
    ours = [rouge_l_coco(res[i][0], gts[i]) for i in gts]
    assert ours == pytest.approx(list(expected_per), abs=1e-12)
    assert float(np.mean(ours)) == pytest.approx(expected, abs=1e-12)


def test_cider_equals_pycocoevalcap(toolkit_input: tuple[dict, dict]) -> None:
    gts, res = toolkit_input
    expected, expected_per = Cider().compute_score(gts, res)
    ours = cider_scores(
        [res[i][0].split() for i in gts], [[r.split() for r in gts[i]] for i in gts]
    )
    assert ours == pytest.approx(list(expected_per), abs=1e-9)
    assert float(np.mean(ours)) == pytest.approx(expected, abs=1e-9)
    assert expected > 0.1  # the set is scored as a corpus, so CIDEr is not trivially 0


def test_bit_parallel_lcs_equals_table_lcs() -> None:
    rng = random.Random(7)
    for _ in range(300):
        a = [rng.choice("abcdef") for _ in range(rng.randint(0, 40))]
        b = [rng.choice("abcdefg") for _ in range(rng.randint(0, 70))]
        assert lcs_length(a, b) == my_lcs(a, b) == lcs_length(b, a)
