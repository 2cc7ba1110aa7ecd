"""The Arabic, Korean and Thai rules of issue 19, one by one, on words whose analysis a
dictionary or grammar states (cited per case), so a regression names its rule; the gold set
(test_keyword_gold.py) measures them on captions."""

from __future__ import annotations

import pytest

from mella_eval.text import arabic_morphology as am
from mella_eval.text.arabic_lexicon import plural_list
from mella_eval.text.normalizers import arabic


def _ar(word: str) -> str:
    return arabic(word)


# --- Arabic: Schulz 2004 ch. 11; Ryding 2005 (suffixed pronouns, number, nisba); Wehr ---


@pytest.mark.parametrize(
    ("word", "stem", "expected"),
    [
        ("وزير", "زير", False),  # Wehr: وزير "minister", one word (root و ز ر)
        ("كتاب", "تاب", False),  # Wehr: كتاب "book" (root ك ت ب)
        ("بلد", "لد", False),  # Wehr: بلد "country" (root ب ل د)
        ("والقاهرة", "قاهرة", True),  # و + ال + القاهرة (Schulz ch. 11)
        ("للقاهرة", "قاهرة", True),  # ل + ال written لل
        ("بمكة", "مكة", True),
        ("مدينتهم", "مدينة", True),  # Ryding 2005: ة is written ت before a suffix
        ("سيارته", "سيارة", True),
        ("مدينتي", "مدينة", True),  # "my city"
        ("مصري", "مصر", False),  # nisba "Egyptian" (Ryding 2005), not "my Egypt"
        ("الدمشقي", "دمشق", False),  # the article excludes a pronoun suffix
        ("أبيه", "أب", True),  # the five nouns: أبوه / أباه / أبيه (Ryding 2005)
        ("أبها", "أب", False),  # the town Abha: two letters cannot be a root
    ],
)
def test_arabic_text_readings(word: str, stem: str, expected: bool) -> None:
    assert (_ar(stem) in am.text_readings(_ar(word))) is expected


def test_arabic_ha_and_ta_marbuta_are_told_apart_in_the_original() -> None:
    # كتابه "his book" (ه) vs كتابة "writing" (ة): one normalised form, two words
    assert _ar("كتاب") in am.raw_text_readings("كتابه", _ar("كتابه"))
    assert _ar("كتاب") not in am.raw_text_readings("كتابة", _ar("كتابة"))


@pytest.mark.parametrize(
    ("keyword", "form", "expected"),
    [
        ("سوق", "أسواق", True),  # Wehr s.v. سوق, pl. أسواق
        ("مسجد", "مساجد", True),  # pl. مساجد
        ("أسواق", "سوق", True),  # a plural keyword accepts its singular
        ("رجل", "رجال", True),  # رَجُل "man", pl. رجال
        ("رجل", "أرجل", False),  # أرجل is the plural of رِجْل "leg"
        ("جمل", "جمال", False),  # جَمال "beauty" is a word of its own
        ("القاهرة", "قاهرة", True),  # the keyword without its article
    ],
)
def test_arabic_keyword_forms(keyword: str, form: str, expected: bool) -> None:
    assert (_ar(form) in am.keyword_forms(_ar(keyword))) is expected


def test_arabic_plural_field_notes_are_left_out() -> None:
    # Arramooz writes a plural of a plural with a note ("جج:"); only plain forms count
    assert plural_list("بُيُوتٌ;أبْيَاتٌ جج:") == ["بُيُوتٌ"]
    assert plural_list("+ات عَوَاصِفُ") == ["عَوَاصِفُ"]
    # a comment after the plural keeps the plural (Wehr s.v. طفل, pl. أطفال); after مؤ:
    # come feminine forms of an adjective, not plurals (Wehr s.v. أوسع, f. وسعى)
    assert plural_list("أَطْفَالٌ (وَقَدْ يَسْتَوِي فِيهِ)") == ["أَطْفَالٌ"]
    assert plural_list("أواسع;مؤ:;وسعى") == ["أواسع"]
    assert plural_list("ج:ظِباءٌ;ظَبْياتٌ") == ["ظِباءٌ", "ظَبْياتٌ"]


@pytest.mark.parametrize(
    ("word", "stem", "expected"),
    [
        ("أمه", "أم", True),  # "his mother": أم is written with two letters (Wright, vol. 1)
        ("يده", "يد", True),  # "his hand"
        ("يديها", "يد", True),  # "her (two) hands": the dual drops ن before a suffix
        ("أمكن", "أم", False),  # the verb "it was possible" (Wehr s.v. مكن)
        ("بنها", "بن", False),  # the town Banha, not بن + ها
    ],
)
def test_arabic_two_letter_nouns_and_duals(word: str, stem: str, expected: bool) -> None:
    assert (_ar(stem) in am.text_readings(_ar(word))) is expected


@pytest.mark.parametrize(
    ("keyword", "caption", "expected"),
    [
        # a non-human plural takes a feminine singular adjective (Ryding 2005, agreement):
        # جِمال "camels" (pl. of جمل), not جَمال "beauty", which is masculine
        ("جمل", "جمال كثيرة", True),
        ("جمل", "الجمال البيضاء", True),
        ("جمل", "الجمال الطبيعي", False),
        ("جمل", "جمال الطبيعة", False),
        ("قصر", "القصور القديمة", True),  # Wehr s.v. قصر, pl. قصور "palaces"
        ("قصر", "قصور القلب", False),  # قصور "deficiency": heart failure
    ],
)
def test_arabic_homograph_plurals_need_agreement(
    keyword: str, caption: str, expected: bool
) -> None:
    words = tuple(_ar(w) for w in caption.split())
    keys = [
        am.text_readings(w) | extra
        for w, extra in zip(words, am.agreement_keys(words), strict=True)
    ]
    assert any(_ar(keyword) in k for k in keys) is expected


@pytest.mark.parametrize(
    ("keyword", "form", "expected"),
    [
        ("سمكة", "أسماك", True),  # unit noun of سمك "fish", pl. أسماك (Ryding 2005)
        ("سمكة", "سمكتان", True),  # its dual
        ("مكتبة", "مكاتب", False),  # "library" is no unit of مكتب "office"
    ],
)
def test_arabic_unit_nouns(keyword: str, form: str, expected: bool) -> None:
    assert (_ar(form) in am.keyword_forms(_ar(keyword))) is expected


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("عبد", "الله", "عبدالله"),  # https://en.wikipedia.org/wiki/Abdullah_(name)
        ("ابي", "ظبي", "ابوظبي"),  # genitive of أبو in the name Abu Dhabi
        ("وعبد", "الرحمن", "وعبدالرحمن"),  # a proclitic stays in front
        ("كتاب", "الله", None),  # not a compound name
        # a toponymic first word + a bare noun: https://en.wikipedia.org/wiki/Ain_Shams
        ("عين", "شمس", "عين_شمس"),
        ("عين", "زرقاء", None),  # "a blue eye": an adjective, no name
    ],
)
def test_arabic_compound_names(first: str, second: str, joined: str | None) -> None:
    assert am.join_compound_name(first, second) == joined


def test_arabic_place_names_are_one_unit() -> None:
    # Bethlehem (بيت لحم): its parts are "house" and "meat", not mentions of them
    joined = am.join_compound_name(_ar("بيت"), _ar("لحم"))
    assert joined is not None
    keys = am.text_readings(joined)
    assert _ar("بيت") not in keys and _ar("لحم") not in keys
    assert am.keyword_forms(_ar("بيتلحم")) & keys


# --- Korean (kiwipiepy decides) and Thai (pythainlp's Thai WordNet and provinces) ---


@pytest.mark.slow  # loads kiwipiepy's model
def test_korean_lexical_word_is_not_split_and_compositional_one_is() -> None:
    from mella_eval.text.korean_compounds import is_name, noun_parts

    # 배추흰나비 "cabbage white" (Pieris rapae) is one word (표준국어대사전)
    assert [f for f, _ in noun_parts("배추흰나비")] == ["배추흰나비"]
    # 배추김치 = 배추 + 김치 (https://en.wiktionary.org/wiki/배추김치)
    assert [f for f, _ in noun_parts("배추김치")] == ["배추", "김치"]
    # 미역국 "seaweed soup" = 미역 + 국 (표준국어대사전), a one-syllable head
    assert [f for f, _ in noun_parts("미역국")] == ["미역", "국"]
    assert is_name("부산") and not is_name("김치")


@pytest.mark.slow  # loads kiwipiepy's model
def test_korean_dictionary_words_and_material_heads() -> None:
    from mella_eval.text.korean_compounds import is_name, noun_parts, text_pieces

    def forms(eojeol: str) -> list[str]:
        return [f for f, *_ in text_pieces(eojeol)]

    # 오리너구리 "platypus" (표준국어대사전) is one word even where kiwi reads 오리 + 너구리
    assert "오리" not in forms("오리너구리")
    # 호박벌 "bumblebee": 벌 names no material; 호박죽 "pumpkin porridge": 죽 does
    assert [f for f, _ in noun_parts("호박벌")] == ["호박벌"]
    assert [f for f, _ in noun_parts("호박죽")] == ["호박", "죽"]
    # 팥죽 "red-bean porridge" (팥 + 죽); 개떡 "coarse rice cake" is not 개 "dog" + 떡
    assert [f for f, _ in noun_parts("팥죽")] == ["팥", "죽"]
    assert [f for f, _ in noun_parts("개떡")] == ["개떡"]
    # Cheongju is a city (https://en.wikipedia.org/wiki/Cheongju); 유자 "citron" is no name
    assert is_name("청주") and not is_name("유자")


@pytest.mark.slow  # loads pythainlp's dictionaries
def test_thai_noun_verb_compounds_and_province_names() -> None:
    from mella_eval.text.matchers import _thai_in_dict, _thai_orst
    from mella_eval.text.thai_compounds import is_place_name, is_verb, noun_verb_split

    assert is_verb("เผา") and is_verb("ทอด") and not is_verb("น้ำ")  # grill, fry; water
    assert noun_verb_split("ไก่ทอด", _thai_in_dict) == ("ไก่", "ทอด")  # fried chicken
    assert noun_verb_split("ไก่งวง", _thai_in_dict) is None  # turkey: งวง "trunk"
    # Phra Nakhon Si Ayutthaya (https://en.wikipedia.org/wiki/Phra_Nakhon_Si_Ayutthaya)
    assert is_place_name("อยุธยา", _thai_orst().__contains__)
    assert not is_place_name("แก้ว", _thai_orst().__contains__)  # "glass", end of สระแก้ว


@pytest.mark.slow  # loads pythainlp's dictionaries
def test_thai_wordnet_kinds_cooking_verbs_and_place_names() -> None:
    """Kinds per Princeton WordNet 3.0's hypernyms (a parrot is a bird, a sparrow is a bird,
    a seal is no cat, a turkey no chicken, a whale no fish); headwords split only before a
    cooking verb (ไข่เจียว "omelette", ORST) and stay whole before another verb (ทองหยอด, a
    dessert, ORST); Hua Hin is a district (https://en.wikipedia.org/wiki/Hua_Hin_district)."""
    from mella_eval.text.matchers import _thai_in_dict
    from mella_eval.text.thai_compounds import inside_place_name, is_kind_of, noun_verb_split

    assert is_kind_of("นกแก้ว", "นก") and is_kind_of("นกกระจอก", "นก")
    assert not is_kind_of("แมวน้ำ", "แมว") and not is_kind_of("ไก่งวง", "ไก่")
    assert not is_kind_of("ปลาวาฬ", "ปลา")
    assert noun_verb_split("ไข่เจียว", _thai_in_dict, True) == ("ไข่", "เจียว")
    assert noun_verb_split("ทองหยอด", _thai_in_dict, True) is None
    assert inside_place_name("ชายหาดหัวหิน", 9, 12)  # หิน "stone"
    assert not inside_place_name("ก้อนหินริมทาง", 4, 7)
