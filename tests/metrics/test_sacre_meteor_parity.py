"""``bleu``/``chrf`` equal sacrebleu, ``meteor`` equals nltk, on the same inputs."""

from __future__ import annotations

import random

import pytest
import sacrebleu
from nltk.stem.snowball import SnowballStemmer
from nltk.translate.meteor_score import meteor_score

from mella_eval.languages import LanguageSpec, resolve_language
from mella_eval.metrics import ScoringItem
from mella_eval.scoring.corpus import score_items


def _streams(items: list[ScoringItem]) -> list[list[str | None]]:
    width = max(len(it.references) for it in items)
    return [[it.references[k] if k < len(it.references) else None for it in items]
            for k in range(width)]  # fmt: skip


def test_bleu_and_chrf_with_sacrebleu_tokenizer_equal_sacrebleu(
    coco_items: list[ScoringItem], en: LanguageSpec
) -> None:
    hyps, refs = [it.prediction for it in coco_items], _streams(coco_items)
    got = score_items(
        [("bleu", "bleu", {"tokenize": "13a"}), ("bleu2", "bleu", {"tokenize": "13a", "n": 2}),
         ("chrf", "chrf", {"tokenize": "none"}), ("chrfpp", "chrf_pp", {"tokenize": "none"})],
        coco_items, en, bootstrap=0,
    )  # fmt: skip
    assert got["bleu"].score == pytest.approx(sacrebleu.corpus_bleu(hyps, refs).score, abs=1e-9)
    bleu2 = sacrebleu.BLEU(max_ngram_order=2).corpus_score(hyps, refs).score
    assert got["bleu2"].score == pytest.approx(bleu2, abs=1e-9)
    assert got["chrf"].score == pytest.approx(sacrebleu.corpus_chrf(hyps, refs).score, abs=1e-9)
    chrfpp = sacrebleu.CHRF(word_order=2).corpus_score(hyps, refs).score
    assert got["chrfpp"].score == pytest.approx(chrfpp, abs=1e-9)
    first = sacrebleu.sentence_bleu(hyps[0], list(coco_items[0].references)).score
    assert got["bleu"].per_sample[0] == pytest.approx(first, abs=1e-9)


def test_default_bleu_is_sacrebleu_on_normalised_words(en: LanguageSpec) -> None:
    """Default path: casefold + Unicode words, then sacrebleu with tok none.

    The expected strings are written out by hand: lower case, punctuation gone.
    """
    items = [ScoringItem("The Red Bus, on a street!", ["A red bus on the street.", "Red bus."]),
             ScoringItem("Two dogs play.", ["Two dogs play with a ball."])]  # fmt: skip
    hyps = ["the red bus on a street", "two dogs play"]
    refs = [["a red bus on the street", "two dogs play with a ball"], ["red bus", None]]
    got = score_items([("b", "bleu", {}), ("c", "chrf_norm", {})], items, en, bootstrap=0)
    assert got["b"].score == pytest.approx(
        sacrebleu.BLEU(tokenize="none").corpus_score(hyps, refs).score, abs=1e-9
    )
    assert got["c"].score == pytest.approx(sacrebleu.CHRF().corpus_score(hyps, refs).score)


_VOCAB = {
    "en": "dogs dog running runs the a cat cats red house houses",
    "ru": "собор соборы кремль кремле красный красная площадь площади",
    "hu": "ház házak parlament parlamentben budapest budapesten szép régi",
    "cs": "pes psi hrad hradu praha praze starý stará",
}


class _NoSyn:
    def synsets(self, *a: object, **k: object) -> list[object]:
        return []


@pytest.mark.parametrize(("code", "stemmer"), [("en", "english"), ("ru", "russian"),
                                               ("hu", "hungarian"), ("cs", None)])  # fmt: skip
def test_meteor_equals_nltk_on_same_tokens(code: str, stemmer: str | None) -> None:
    rng = random.Random(3)
    vocab = _VOCAB[code].split()
    items = [ScoringItem(" ".join(rng.choices(vocab, k=rng.randint(1, 9))),
                         [" ".join(rng.choices(vocab, k=rng.randint(2, 9)))
                          for _ in range(rng.randint(1, 3))]) for _ in range(25)]  # fmt: skip
    got = score_items([("m", "meteor", {})], items, resolve_language(code), bootstrap=0)["m"]
    nltk_stem = SnowballStemmer(stemmer) if stemmer else _Identity()
    expected = [meteor_score([r.split() for r in it.references], it.prediction.split(),
                             stemmer=nltk_stem, wordnet=_NoSyn()) for it in items]  # fmt: skip
    assert [s / 100 for s in got.per_sample] == pytest.approx(expected, abs=1e-12)
    assert got.score == pytest.approx(100 * sum(expected) / len(expected), abs=1e-9)


class _Identity:
    def stem(self, word: str) -> str:
        return word


def test_meteor_hungarian_stemming_matches_inflected_word() -> None:
    """házak (houses) and ház (house) share the Snowball stem ház: a stem match.

    Without stemming the only alignment is 'szép'; with it 'ház' aligns too.
    """
    hu = resolve_language("hu")
    items = [ScoringItem("szép házak", ["szép ház"])]
    stem = score_items([("m", "meteor", {})], items, hu, bootstrap=0)["m"].score
    plain = score_items([("m", "meteor", {"stem": False})], items, hu, bootstrap=0)["m"].score
    # nltk formula by hand, 2 matches in 1 chunk: P=R=1, fmean=1, penalty=0.5*(1/2)^3
    assert stem == pytest.approx(100 * (1 - 0.5 * (1 / 2) ** 3))
    # 1 match: P=R=1/2, fmean=1/2, penalty=0.5*(1/1)^3=0.5 -> 0.25
    assert plain == pytest.approx(25.0)


@pytest.mark.parametrize("word_order", [0, 2])
def test_fast_chrf_statistics_equal_sacrebleu(word_order: int) -> None:
    """Mixed scripts, punctuation, empty and very short strings, several references."""
    from sacrebleu.metrics import CHRF

    from mella_eval.metrics.chrf_fast import chrf_sentence_stats

    rng = random.Random(11)
    pool = [*"абвгд abcde ěšč ก ข ค 가나다 مكة (hi) there! ,.?", "  ", "\u3000"]
    texts = ["", "a", "(x)", *("".join(rng.choices(pool, k=rng.randint(0, 60))) for _ in range(60))]
    scorer = CHRF(word_order=word_order)
    for i, hyp in enumerate(texts):
        refs = [texts[(i * 7 + k) % len(texts)] for k in range(1 + i % 3)]
        expected = scorer._compute_segment_statistics(hyp, scorer._extract_reference_info(refs))
        assert chrf_sentence_stats(scorer, hyp, refs) == expected, (hyp, refs)


def test_sample_without_references_is_a_clear_error(en: LanguageSpec) -> None:
    items = [ScoringItem("a cat", [])]
    with pytest.raises(ValueError, match="sample 0 has no references"):
        score_items([("b", "bleu", {})], items, en, bootstrap=0)
    got = score_items([("k", "keyword_hit", {})], [ScoringItem("a cat", [], [("cat",)])], en)
    assert got["k"].score == 100.0
