"""Hand-computed cases for every MELLA language (expected values written out here)."""

from __future__ import annotations

import unicodedata

import pytest
import sacrebleu

from mella_eval.languages import resolve_language
from mella_eval.metrics import ScoringItem
from mella_eval.scoring.corpus import score_items

KW = [("ka", "keyword_accuracy", {}), ("kh", "keyword_hit", {})]


def _kw(code: str, items: list[ScoringItem], **args: object) -> float:
    metric = [("k", "keyword_accuracy", dict(args))]
    return score_items(metric, items, resolve_language(code), bootstrap=0)["k"].score


def test_keyword_accuracy_definition() -> None:
    """Per sample found/entries; mean over samples with keywords; hit = any found."""
    items = [
        ScoringItem("A red bus in London near Big Ben", ["r"], [("London",), ("Big Ben",), ("Thames",)]),
        ScoringItem("The Eiffel Tower", ["r"], [("Tour Eiffel", "Eiffel Tower")]),
        ScoringItem("no keywords here", ["r"], []),
        ScoringItem("nothing relevant", ["r"], [("Kremlin",)]),
    ]  # fmt: skip
    got = score_items(KW, items, resolve_language("en"), bootstrap=0)
    # (2/3 + 1/1 + 0/1) / 3 samples with keywords = 55.555...
    assert got["ka"].score == pytest.approx(100 * (2 / 3 + 1 + 0) / 3)
    assert got["ka"].per_sample == pytest.approx([200 / 3, 100.0, None, 0.0])
    assert got["kh"].score == pytest.approx(100 * 2 / 3)  # 2 of 3 samples hit


def test_serbian_cyrillic_and_latin_predictions_score_the_same() -> None:
    keywords = [("Храм Светог Саве",), ("Калемегдан",), ("Дунав",)]
    ref = ["Храм Светог Саве и Калемегдан у Београду."]
    cyr = ScoringItem("Храм Светог Саве и тврђава Калемегдан.", ref, keywords)
    lat = ScoringItem("Hram Svetog Save i tvrđava Kalemegdan.", ref, keywords)
    metrics = [*KW, ("b", "bleu", {}), ("c", "chrf_norm", {}), ("m", "meteor", {})]
    sr = resolve_language("sr")
    got_cyr = score_items(metrics, [cyr], sr, bootstrap=0)
    got_lat = score_items(metrics, [lat], sr, bootstrap=0)
    assert got_cyr["ka"].score == pytest.approx(200 / 3)  # 2 of 3 entries, either script
    for key in ("ka", "kh", "b", "c", "m"):
        assert got_cyr[key].score == pytest.approx(got_lat[key].score)


def test_thai_segmented_bleu_is_positive_where_unsegmented_is_zero() -> None:
    th = resolve_language("th")
    items = [ScoringItem("แมวสีดำนอนอยู่บนโต๊ะไม้", ["แมวสีขาวนอนอยู่บนโต๊ะไม้"])]
    got = score_items([("seg", "bleu", {}), ("raw", "bleu", {"tokenize": "13a"})], items, th,
                      bootstrap=0)  # fmt: skip
    assert got["raw"].score == 0.0  # one "word" per sentence, and they differ
    # pythainlp newmm segmentation, written out: 7 of 8 words shared
    hyp = "แมว สี ดำ นอน อยู่ บน โต๊ะ ไม้"
    ref = "แมว สี ขาว นอน อยู่ บน โต๊ะ ไม้"
    expected = sacrebleu.BLEU(tokenize="none").corpus_score([hyp], [[ref]]).score
    assert got["seg"].score == pytest.approx(expected)
    assert got["seg"].score > 30


def test_thai_keywords_match_on_segment_boundaries_only() -> None:
    pred = "วัดพระแก้วอยู่ในกรุงเทพ"  # วัด|พระ|แก้ว|อยู่|ใน|กรุงเทพ
    items = [ScoringItem(pred, ["r"], [("วัดพระแก้ว",), ("กรุงเทพ",), ("แก้วอ",)])]
    # 'แก้วอ' occurs as characters but ends inside the word อยู่: not found -> 2/3
    assert _kw("th", items) == pytest.approx(200 / 3)


def test_arabic_diacritics_tatweel_and_letter_variants_do_not_change_a_match() -> None:
    plain = ScoringItem("المسجد الحرام في مكة", ["r"], [("مكة",), ("المسجد الحرام",), ("احمد",)])
    vocalised = ScoringItem("المَسْجِدُ الحـــرام في مكّه مع أحمد", ["r"], plain.keywords)
    assert _kw("ar", [plain]) == pytest.approx(200 / 3)  # احمد is absent
    assert _kw("ar", [vocalised]) == pytest.approx(100.0)  # harakat, tatweel, ة/ه, أ/ا
    ar = resolve_language("ar")
    a = score_items([("c", "chrf_norm", {})], [ScoringItem("مكّة", ["مكة"])], ar, bootstrap=0)
    assert a["c"].score == pytest.approx(100.0)


def test_korean_particle_attached_still_matches() -> None:
    items = [
        ScoringItem("경복궁은 서울에 있는 궁궐입니다", ["r"], [("경복궁",), ("서울",), ("복궁",)])
    ]
    # 경복궁은 begins with 경복궁, 서울에 with 서울; 복궁 is inside a word -> 2/3
    assert _kw("ko", items) == pytest.approx(200 / 3)


def test_korean_bleu_uses_morphemes() -> None:
    ko = resolve_language("ko")
    items = [ScoringItem("경복궁은 서울에 있는 궁궐입니다", ["경복궁은 서울의 오래된 궁궐입니다"])]
    got = score_items([("b", "bleu", {}), ("eo", "bleu", {"tokenize": "13a"})], items, ko,
                      bootstrap=0)["b"].score  # fmt: skip
    hyp = "경복궁 은 서울 에 있 는 궁궐 이 ᆸ니다"  # kiwipiepy morphemes, written out
    ref = "경복궁 은 서울 의 오래 되 ᆫ 궁궐 이 ᆸ니다"
    assert got == pytest.approx(sacrebleu.BLEU(tokenize="none").corpus_score([hyp], [[ref]]).score)


def test_hungarian_and_russian_inflected_keywords_match_by_stem() -> None:
    hu = [ScoringItem("Sok turista a Parlamentben és Budapesten.", ["r"],
                      [("Parlament",), ("Budapest",)])]  # fmt: skip
    assert _kw("hu", hu) == pytest.approx(100.0)
    assert _kw("hu", hu, stem=False) == pytest.approx(0.0)
    ru = [ScoringItem("Туристы в Кремле и на Красной площади.", ["r"], [("Кремль",), ("Эрмитаж",)])]
    assert _kw("ru", ru) == pytest.approx(50.0)


def test_czech_and_vietnamese_whole_words_and_unicode_forms() -> None:
    cs = [ScoringItem("Pražský hrad a Karlův most.", ["r"], [("Karlův most",), ("hra",)])]
    assert _kw("cs", cs) == pytest.approx(50.0)  # 'hra' is inside 'hrad': not a whole word
    nfd = unicodedata.normalize("NFD", "Hồ Hoàn Kiếm ở Hà Nội")
    vi = [ScoringItem(nfd, ["r"], [("Hà Nội",), ("Hồ Hoàn Kiếm",), ("Huế",)])]
    assert _kw("vi", vi) == pytest.approx(200 / 3)  # decomposed input still matches


def test_language_fidelity_catches_wrong_language() -> None:
    th = resolve_language("th")
    items = [ScoringItem("แมวสีดำนอนอยู่บนโต๊ะไม้", ["r"]),
             ScoringItem("A black cat sleeps on a wooden table.", ["r"])]  # fmt: skip
    got = score_items([("f", "language_fidelity", {})], items, th, bootstrap=0)["f"]
    assert got.per_sample == [100.0, 0.0]
    sr = resolve_language("sr")
    both = [ScoringItem("Храм Светог Саве налази се у Београду.", ["r"]),
            ScoringItem("Hram Svetog Save nalazi se u Beogradu.", ["r"])]  # fmt: skip
    assert score_items([("f", "language_fidelity", {})], both, sr, bootstrap=0)["f"].score == 100
