"""Round two, metrics: no metric crashes on lone surrogates and each equals its reference
library on the text it sees (2; issue 18's chrF defect), and a caption too long to score
fails its own sample (6). Issue 22.

The rule (``mella_eval.text.surrogates``): a lone surrogate becomes U+FFFD. The expected
values are the reference libraries (sacrebleu, nltk, pycocoevalcap) on that cleaned text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import sacrebleu
from nltk.translate.meteor_score import meteor_score
from pycocoevalcap.cider.cider import Cider
from pycocoevalcap.rouge.rouge import my_lcs

from mella_eval.cli import main
from mella_eval.languages import resolve_language
from mella_eval.limits import MAX_SCORED_CHARS
from mella_eval.metrics import ScoringItem
from mella_eval.metrics.context import ScoringContext
from mella_eval.metrics.registry import BUILTIN_METRICS
from mella_eval.results import read_results, read_samples
from mella_eval.scoring.corpus import score_items
from tests.conftest import TaskWriter

RAW = [
    ScoringItem("a dog \ud83d runs in the park", ["a dog runs \ud83d in a park", "the dog runs"],
                [("dog",), ("park",)]),
    ScoringItem("\udc00 cat on a mat", ["a cat sits on a mat"], [("cat",)]),
    ScoringItem("two birds fly", ["two birds \ud800 fly away", "birds in the sky"], [("bird",)]),
]  # fmt: skip


def _clean(text: str) -> str:
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


CLEAN = [
    ScoringItem(_clean(it.prediction), [_clean(r) for r in it.references], it.keywords)
    for it in RAW
]
PLAIN = [name for name in BUILTIN_METRICS if not name.endswith("_coco")]


def _streams(items: list[ScoringItem]) -> list[list[Any]]:
    """sacrebleu's reference streams (None where a sample has fewer references)."""
    width = max(len(it.references) for it in items)
    return [[it.references[k] if k < len(it.references) else None for it in items]
            for k in range(width)]  # fmt: skip


@pytest.fixture(scope="module")
def raw_scores() -> dict[str, Any]:
    """Every non-JVM metric on the raw (surrogate) items: none may raise."""
    wanted: list[tuple[str, str, dict[str, Any]]] = [(name, name, {}) for name in PLAIN]
    wanted += [("bleu13a", "bleu", {"tokenize": "13a"})]
    return score_items(wanted, RAW, resolve_language("en"), bootstrap=0)


def test_r2_every_metric_scores_surrogate_text_as_the_cleaned_text(
    raw_scores: dict[str, Any],
) -> None:
    cleaned = score_items([(n, n, {}) for n in PLAIN], CLEAN, resolve_language("en"), bootstrap=0)
    assert set(PLAIN) <= set(raw_scores)
    for name in PLAIN:
        assert raw_scores[name].score == pytest.approx(cleaned[name].score, abs=1e-12), name
        assert raw_scores[name].per_sample == pytest.approx(cleaned[name].per_sample), name


def test_r2_bleu_chrf_chrf_pp_equal_sacrebleu_on_the_cleaned_text(
    raw_scores: dict[str, Any],
) -> None:
    hyps, refs = [it.prediction for it in CLEAN], _streams(CLEAN)
    assert "\ufffd" in hyps[0] and "\ufffd" in refs[0][0]
    assert raw_scores["chrf"].score == pytest.approx(
        sacrebleu.corpus_chrf(hyps, refs).score, abs=1e-9
    )
    chrf_pp = sacrebleu.CHRF(word_order=2).corpus_score(hyps, refs).score
    assert raw_scores["chrf_pp"].score == pytest.approx(chrf_pp, abs=1e-9)
    assert raw_scores["bleu13a"].score == pytest.approx(
        sacrebleu.corpus_bleu(hyps, refs).score, abs=1e-9
    )
    for i, it in enumerate(CLEAN):
        one = sacrebleu.sentence_chrf(it.prediction, list(it.references)).score
        assert raw_scores["chrf"].per_sample[i] == pytest.approx(one, abs=1e-9)


def test_r2_chrf_fast_takes_a_lone_surrogate_like_sacrebleu() -> None:
    """Below the metrics' door too: the numpy chrF equals sacrebleu on the raw text."""
    from sacrebleu.metrics import CHRF

    from mella_eval.metrics.chrf_fast import chrf_sentence_stats

    for word_order in (0, 2):
        scorer = CHRF(word_order=word_order)
        for it in RAW:
            refs = list(it.references)
            expected = scorer._compute_segment_statistics(
                it.prediction, scorer._extract_reference_info(refs)
            )
            assert chrf_sentence_stats(scorer, it.prediction, refs) == expected


def test_r2_meteor_rouge_cider_equal_nltk_and_pycocoevalcap_on_the_same_tokens(
    raw_scores: dict[str, Any],
) -> None:
    en = resolve_language("en")
    with ScoringContext(en) as ctx:
        hyps, refs = ctx.item_words(CLEAN)
    # (the language-aware tokeniser drops U+FFFD like any symbol; both sides get its tokens)

    class NoSyn:
        def synsets(self, *a: object, **k: object) -> list[object]:
            return []

    from nltk.stem.snowball import SnowballStemmer

    meteor = [meteor_score([list(r) for r in rs], list(h), stemmer=SnowballStemmer("english"),
                           wordnet=NoSyn()) for h, rs in zip(hyps, refs, strict=True)]  # fmt: skip
    assert [s / 100 for s in raw_scores["meteor"].per_sample] == pytest.approx(meteor, abs=1e-12)

    def rouge_f1(h: tuple[str, ...], rs: list[tuple[str, ...]]) -> float:
        best = 0.0
        for r in rs:
            lcs = my_lcs(list(r), list(h))
            if lcs:
                p, rec = lcs / len(h), lcs / len(r)
                best = max(best, 2 * p * rec / (p + rec))
        return best

    rouge = [rouge_f1(h, rs) for h, rs in zip(hyps, refs, strict=True)]
    assert [s / 100 for s in raw_scores["rouge_l"].per_sample] == pytest.approx(rouge, abs=1e-12)
    gts = {i: [" ".join(r) for r in rs] for i, rs in enumerate(refs)}
    res = {i: [" ".join(h)] for i, h in enumerate(hyps)}
    _, cider = Cider().compute_score(gts, res)
    assert [s / 100 for s in raw_scores["cider_d"].per_sample] == pytest.approx(
        list(cider), abs=1e-9
    )


def test_r2_keyword_metrics_by_hand(raw_scores: dict[str, Any]) -> None:
    # "dog" and "park" both appear in sample 1 (2/2), "cat" in sample 2 (1/1).
    per_sample = raw_scores["keyword_accuracy"].per_sample
    assert per_sample[0] == pytest.approx(100.0) and per_sample[1] == pytest.approx(100.0)


# -- the COCO toolkit (one JVM of ours, pycocoevalcap's own) --------------------------------

java = pytest.mark.skipif(shutil.which("java") is None, reason="needs a Java runtime")
COCO = [("bleu_coco", {"n": 4}), ("meteor_coco", {}), ("rouge_l_coco", {}), ("cider_coco", {})]


@pytest.fixture(scope="module")
def toolkit() -> dict[str, tuple[float, list[float]]]:
    """pycocoevalcap on the cleaned text (its PTB run cannot even take a surrogate)."""
    from pycocoevalcap.bleu.bleu import Bleu
    from pycocoevalcap.meteor.meteor import Meteor
    from pycocoevalcap.rouge.rouge import Rouge
    from pycocoevalcap.tokenizer.ptbtokenizer import PTBTokenizer

    gts = {i: [{"caption": r} for r in it.references] for i, it in enumerate(CLEAN)}
    res = {i: [{"caption": it.prediction}] for i, it in enumerate(CLEAN)}
    tok = PTBTokenizer()
    g, r = tok.tokenize(gts), tok.tokenize(res)
    bleu, bleu_per = Bleu(4).compute_score(g, r, verbose=0)
    meteor, meteor_per = Meteor().compute_score(g, r)
    rouge, rouge_per = Rouge().compute_score(g, r)
    cider, cider_per = Cider().compute_score(g, r)
    return {"bleu_coco": (bleu[3], bleu_per[3]), "meteor_coco": (meteor, meteor_per),
            "rouge_l_coco": (rouge, list(rouge_per)), "cider_coco": (cider, list(cider_per))}  # fmt: skip


@java
@pytest.mark.java
@pytest.mark.slow
def test_r2_coco_metrics_on_surrogate_text_equal_pycocoevalcap_on_the_cleaned_text(
    toolkit: dict[str, tuple[float, list[float]]],
) -> None:
    got = score_items([(n, n, a) for n, a in COCO], RAW, resolve_language("en"), bootstrap=0)
    for name, _ in COCO:
        tol = 1e-4 if name == "meteor_coco" else 1e-6
        score, per_sample = toolkit[name]
        assert got[name].score / 100 == pytest.approx(score, abs=tol), name
        assert [(s or 0.0) / 100 for s in got[name].per_sample] == pytest.approx(
            per_sample, abs=tol
        ), name


# -- 6: a caption too long to score ---------------------------------------------------------


def _score_file(task: Path, tmp_path: Path, texts: dict[str, str]) -> Path:
    preds = tmp_path / "p.jsonl"
    preds.write_text(
        "".join(json.dumps({"task": task.stem, "id": k, "prediction": v}) + "\n"
                for k, v in texts.items()), encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    argv = ["score", "--predictions", str(preds), "--include-path", str(task.parent),
            "--output", str(out), "--bootstrap", "0", "--quiet"]  # fmt: skip
    assert main(argv) == 0
    return out


LONG = ("a dog runs in the park with a red ball " * 30_000)[: 1 << 20]  # 1 MiB, repetitive


def _records(out: Path) -> dict[str, Any]:
    result = read_results(out)
    (task,) = result.tasks.values()
    return {"task": task, **{r.id: r for r in read_samples(out, task)}}


def test_r6_a_caption_over_the_limit_fails_its_own_sample(
    write_task: TaskWriter, tmp_path: Path
) -> None:
    task = write_task(kind="ling", metrics="[chrf]")
    short = "Gulyásleves egy tányérban."
    out = _score_file(task, tmp_path, {"a": LONG, "b": short})
    got = _records(out)
    assert got["a"].error == (
        f"prediction of {len(LONG)} characters is longer than the scoring limit of "
        f"{MAX_SCORED_CHARS}; not scored"
    )
    assert got["task"].n_errors == 1 and not got["task"].reportable
    refs = ["Gulyásleves piros paprikával egy fehér tányérban."]
    expected = sacrebleu.sentence_chrf(short, refs).score
    assert got["b"].metrics["chrf"] == pytest.approx(expected, abs=1e-9)
    assert got["task"].metrics["chrf"].value == pytest.approx(expected, abs=1e-9)
    (tmp_path / "edge").mkdir()
    at_limit = _score_file(task, tmp_path / "edge", {"a": LONG[:MAX_SCORED_CHARS], "b": short})
    assert _records(at_limit)["a"].error is None  # the limit itself is scored


@java
@pytest.mark.java
@pytest.mark.slow
def test_r6_a_1_mib_caption_no_longer_takes_meteor_coco_and_the_whole_score_down(
    write_task: TaskWriter, tmp_path: Path, toolkit: dict[str, tuple[float, list[float]]]
) -> None:
    """Before: Meteor's JVM ran out of memory and ``score`` exited 1 with a traceback."""
    records = [{"id": "a", "image": "img/a.png", "refs": list(CLEAN[1].references)},
               {"id": "b", "image": "img/b.png", "refs": ["A budapesti Parlament."]}]  # fmt: skip
    task = write_task(kind="ling", metrics="[meteor_coco]", records=records)
    out = _score_file(task, tmp_path, {"a": CLEAN[1].prediction, "b": LONG})
    got = _records(out)
    assert got["b"].error is not None and "scoring limit" in got["b"].error
    meteor = toolkit["meteor_coco"][1][1]  # pycocoevalcap's Meteor on the same pair
    value = got["a"].metrics["meteor_coco"]
    assert value is not None and value / 100 == pytest.approx(meteor, abs=1e-4)
