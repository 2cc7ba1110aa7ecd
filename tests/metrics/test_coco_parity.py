"""End-to-end parity of the ``*_coco`` metrics with pycocoevalcap, called as lmms-eval does.

Expected values come from pycocoevalcap itself (PTB tokenizer, then a new scorer per
metric). The set includes a hypothesis with a newline and one with ``|||``: the toolkit
survives them through PTB, and so must we. Two JVM groups start here (theirs and ours),
so these tests are few and marked ``java``.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from mella_eval.languages import LanguageSpec
from mella_eval.metrics import ScoringItem
from mella_eval.metrics.context import ScoringContext
from mella_eval.scoring.corpus import score_items

pytestmark = [
    pytest.mark.java,
    pytest.mark.skipif(shutil.which("java") is None, reason="needs a Java runtime"),
]

METRICS = [
    ("B1", "bleu_coco", {"n": 1}),
    ("B4", "bleu_coco", {"n": 4}),
    ("M", "meteor_coco", {}),
    ("R", "rouge_l_coco", {}),
    ("C", "cider_coco", {}),
]


@pytest.fixture(scope="module")
def items(coco_items: list[ScoringItem]) -> list[ScoringItem]:
    extra = [
        ScoringItem("A dog |||\nsitting on a couch.", ["A dog lying on a sofa.", "A brown dog."]),
        ScoringItem("", ["An empty street at night.", "A quiet road in the dark."]),
        # a perfect match: Meteor leaves its single chunk out of the corpus aggregate
        ScoringItem("A cat lying on a laptop.", ["A cat lying on a laptop.", "A cat."]),
    ]
    return [*coco_items, *extra]


@pytest.fixture(scope="module")
def expected(items: list[ScoringItem]) -> dict[str, Any]:
    from pycocoevalcap.bleu.bleu import Bleu
    from pycocoevalcap.cider.cider import Cider
    from pycocoevalcap.meteor.meteor import Meteor
    from pycocoevalcap.rouge.rouge import Rouge
    from pycocoevalcap.tokenizer.ptbtokenizer import PTBTokenizer

    gts = {i: [{"caption": r} for r in it.references] for i, it in enumerate(items)}
    res = {i: [{"caption": it.prediction}] for i, it in enumerate(items)}
    tok = PTBTokenizer()
    g, r = tok.tokenize(gts), tok.tokenize(res)
    bleu, bleu_per = Bleu(4).compute_score(g, r, verbose=0)
    meteor, meteor_per = Meteor().compute_score(g, r)
    rouge, rouge_per = Rouge().compute_score(g, r)
    cider, cider_per = Cider().compute_score(g, r)
    return {
        "B1": (bleu[0], bleu_per[0]), "B4": (bleu[3], bleu_per[3]), "M": (meteor, meteor_per),
        "R": (rouge, list(rouge_per)), "C": (cider, list(cider_per)),
    }  # fmt: skip


@pytest.fixture(scope="module")
def ours(items: list[ScoringItem], en: LanguageSpec) -> dict[str, Any]:
    return score_items(METRICS, items, en, bootstrap=50)


@pytest.mark.parametrize(("key", "tol"), [("B1", 1e-6), ("B4", 1e-6), ("R", 1e-6), ("C", 1e-6),
                                          ("M", 1e-4)])  # fmt: skip
def test_corpus_and_sample_scores_equal_pycocoevalcap(
    key: str, tol: float, ours: dict[str, Any], expected: dict[str, Any]
) -> None:
    score, per_sample = expected[key]
    assert ours[key].score / 100 == pytest.approx(score, abs=tol)
    assert [s / 100 for s in ours[key].per_sample] == pytest.approx(per_sample, abs=tol)


def test_meteor_jar_survives_separators_and_line_breaks(en: LanguageSpec) -> None:
    """Raw ``|||``, CR and LF straight into the jar: one result per pair, in order.

    (pycocoevalcap itself desynchronises on a carriage return: PTB splits the line.)
    """
    pairs = [
        ("a cat on a mat", ["a cat sits on the mat"]),
        ("a dog ||| on\r\na sofa", ["a dog ||| lying\non a sofa", "a brown dog"]),
        ("a red bus", ["a red bus on the street"]),
    ]
    clean = [("a cat on a mat", ["a cat sits on the mat"]),
             ("a dog on a sofa", ["a dog lying on a sofa", "a brown dog"]),
             ("a red bus", ["a red bus on the street"])]  # fmt: skip
    with ScoringContext(en) as ctx:
        dirty_stats = ctx.jvm.meteor_stats(pairs)
        clean_stats = ctx.jvm.meteor_stats(clean)
    assert dirty_stats == clean_stats
    assert dirty_stats[0] != dirty_stats[2]


def test_tasks_share_one_jvm_and_a_dead_one_is_replaced(en: LanguageSpec) -> None:
    """Two scoring calls use one JVM; a JVM killed between calls (or mid-call) makes the
    call that finds it dead fail clearly, and the next call starts a new one whose PTB
    output is pycocoevalcap's."""
    from pycocoevalcap.tokenizer.ptbtokenizer import PTBTokenizer

    caption = "A man, riding a horse (on the beach)."
    with ScoringContext(en) as first:
        jvm = first.jvm
        first.ptb([ScoringItem(caption, ["x"])])
    with ScoringContext(en) as second:
        assert second.jvm is jvm and jvm.alive  # not stopped by the first context
        jvm._proc.kill()
        jvm._proc.wait()
        with pytest.raises(RuntimeError, match="COCO JVM stopped"):
            jvm.tokenize([caption])
    with ScoringContext(en) as third:
        assert third.jvm is not jvm and third.jvm.alive
        ours = third.jvm.tokenize([caption])
    theirs = PTBTokenizer().tokenize({0: [{"caption": caption}]})[0]
    assert ours == theirs == ["a man riding a horse -lrb- on the beach -rrb-"]  # sic: PTB
