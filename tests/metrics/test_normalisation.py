"""Vietnamese tone placement and Russian ё in every metric; ``chrf`` equals sacrebleu.

Expected values come from sacrebleu on strings written out by hand (the normalised form),
never from our own output.
"""

from __future__ import annotations

import pytest
import sacrebleu
from nltk.translate.meteor_score import meteor_score

from mella_eval.languages import resolve_language
from mella_eval.metrics import ScoringItem
from mella_eval.metrics.meteor import NoSynonyms
from mella_eval.scoring.corpus import score_items
from mella_eval.text.normalize import normalize

LANG_AWARE = [("bleu", "bleu", {}), ("chrf_norm", "chrf_norm", {}), ("rouge_l", "rouge_l", {}),
              ("meteor", "meteor", {}), ("cider_d", "cider_d", {})]  # fmt: skip

# Old-style ("hoà", "thuỷ", "khoẻ") and new-style ("hòa", "thủy", "khỏe") tone placement:
# Vietnamese Wikipedia, "Quy tắc đặt dấu thanh trong chữ quốc ngữ"; both are in use.
VI_OLD = "Hoà thích uống nước suối trên núi cho khoẻ, ở Thuỷ Nguyên."
VI_NEW = "Hòa thích uống nước suối trên núi cho khỏe, ở Thủy Nguyên."


def test_vietnamese_old_style_is_rewritten_to_new_style() -> None:
    vi = resolve_language("vi")
    assert normalize(VI_OLD, vi) == normalize(VI_NEW, vi) == VI_NEW.casefold()
    # the placement is the same in both styles where a final consonant or qu/gi is involved
    for word in ("hoàng", "quý", "quỳnh", "ngoài", "thuyền", "khuỷu", "già"):
        assert normalize(word, vi) == word


@pytest.mark.parametrize(
    ("code", "hyp", "ref"),
    [
        ("vi", VI_OLD, VI_NEW),
        ("ru", "Зелёная ёлка стоит на площади.", "Зеленая елка стоит на площади."),
    ],
)
def test_spelling_variants_score_100_in_every_language_aware_metric(
    code: str, hyp: str, ref: str
) -> None:
    items = [ScoringItem(hyp, [ref]), ScoringItem("một hai ba bốn năm", ["sáu bảy tám chín"])]
    got = score_items(LANG_AWARE, items[:1], resolve_language(code), bootstrap=0)
    expected_bleu = sacrebleu.BLEU(tokenize="none").corpus_score(["a b c d e"], [["a b c d e"]])
    assert got["bleu"].score == pytest.approx(expected_bleu.score) == pytest.approx(100.0)
    for key in ("chrf_norm", "rouge_l"):
        assert got[key].score == pytest.approx(100.0, abs=1e-6), key
    # METEOR of a sentence against itself: nltk on the same tokens (fragmentation penalty)
    words = ref.casefold().replace(",", "").replace(".", "").split()
    same = 100 * meteor_score([words], words, wordnet=NoSynonyms())
    assert got["meteor"].score == pytest.approx(same)
    # before normalisation these pairs score far lower (the BLEU 37 and 32)
    raw = sacrebleu.BLEU().corpus_score([hyp], [[ref]]).score
    assert raw < 60
    sig = got["bleu"].signature
    assert sig["normalization"].endswith("vietnamese_tones" if code == "vi" else "russian_yo")
    assert "text-2" in sig["version"]


def test_yo_folding_in_keywords() -> None:
    items = [ScoringItem("Во дворе стоит зелёная ёлка.", ["r"], [("елка",), ("Ёлка",)])]
    got = score_items([("k", "keyword_accuracy", {})], items, resolve_language("ru"),
                      bootstrap=0)  # fmt: skip
    assert got["k"].score == pytest.approx(100.0)


# One raw caption pair per language, as written (capitals, punctuation, Cyrillic and Latin
# Serbian, unspaced Thai): chrf must equal sacrebleu's chrF on exactly these strings.
RAW = {
    "ar": ("المسجد الحرام في مكة المكرمة، والناس يطوفون.", "الناس يطوفون حول الكعبة في المسجد الحرام."),
    "cs": ("Karlův most v Praze při západu slunce.", "Na Karlově mostě v Praze je večer mnoho lidí."),
    "hu": ("A budapesti Országház a Duna partján.", "Az Országház esti kivilágításban a Dunánál."),
    "ko": ("경복궁은 서울에 있는 궁궐입니다.", "서울의 경복궁 근정전 앞에 사람들이 서 있다."),
    "ru": ("Туристы на Красной площади у Кремля.", "Красная площадь и Кремль зимой, много туристов."),
    "sr": ("Храм Светог Саве у Београду.", "Hram Svetog Save u Beogradu, pogled sa Vračara."),
    "th": ("วัดพระแก้วอยู่ในกรุงเทพฯ", "นักท่องเที่ยวที่วัดพระแก้ว กรุงเทพมหานคร"),
    "vi": ("Chùa Một Cột ở Hà Nội, Việt Nam.", "Du khách thăm chùa Một Cột giữa lòng Hà Nội."),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(RAW))
def test_chrf_equals_sacrebleu_on_raw_text(code: str) -> None:
    hyp, ref = RAW[code]
    other = RAW["cs" if code != "cs" else "hu"]
    items = [ScoringItem(hyp, [ref]), ScoringItem(other[0], [other[1]])]
    got = score_items([("c", "chrf", {}), ("pp", "chrf_pp", {})], items,
                      resolve_language(code), bootstrap=0)  # fmt: skip
    hyps, refs = [hyp, other[0]], [[ref, other[1]]]
    assert got["c"].score == pytest.approx(sacrebleu.CHRF().corpus_score(hyps, refs).score)
    assert got["c"].per_sample[0] == pytest.approx(
        sacrebleu.CHRF().sentence_score(hyp, [ref]).score
    )
    pp = sacrebleu.CHRF(word_order=2).corpus_score(hyps, refs).score
    assert got["pp"].score == pytest.approx(pp)
    sig = got["c"].signature
    assert (sig["normalization"], sig["case"]) == ("none", "mixed")
