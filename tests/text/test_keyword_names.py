"""Names in keyword matching (issue 19): case, Vietnamese name boundaries, name paradigms.

Expected values come from the grammars and references cited in the modules under test
(mella_eval/text/case_rules.py, vietnamese_names.py, declension.py) and the place articles
named beside each case, never from the matcher's own output.
"""

from __future__ import annotations

import pytest

from mella_eval.languages import resolve_language
from mella_eval.text.declension import (
    czech_forms,
    czech_noun_forms,
    hungarian_forms,
    serbian_forms,
    serbian_noun_forms,
)
from mella_eval.text.keywords import KeywordMatcher


def found(code: str, keyword: str, caption: str) -> bool:
    km = KeywordMatcher(resolve_language(code))
    return km.found(km.prepare(caption), (keyword,))


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("praha", "praze"),  # https://en.wiktionary.org/wiki/Praha (loc. Praze)
        ("tábor", "táboře"),  # https://cs.wikipedia.org/wiki/Tábor (v Táboře)
        ("písek", "písku"),  # fleeting e: v Písku
        ("liberec", "liberci"),  # v Liberci
        ("plzeň", "plzni"),  # https://en.wiktionary.org/wiki/Plzeň (loc. Plzni)
        ("pardubice", "pardubic"),  # plural-only, gen. Pardubic
        ("masaryk", "masarykovi"),  # dat. of an animate masculine
        ("kutná", "kutné"),  # v Kutné Hoře
    ],
)
def test_czech_paradigm(word: str, form: str) -> None:
    assert form in czech_forms(word)


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("kragujevac", "kragujevcu"),  # fleeting a
        ("šabac", "šapca"),  # fleeting a + devoicing b -> p
        ("sombor", "somboru"),
        ("subotica", "subotici"),
        ("luka", "luci"),  # Banja Luka -> u Banjoj Luci (sibilarisation)
        ("novi", "novom"),  # u Novom Sadu
        ("peć", "peći"),  # i-declension
        ("karlovci", "karlovaca"),  # Sremski Karlovci, gen. pl.
    ],
)
def test_serbian_paradigm(word: str, form: str) -> None:
    assert form in serbian_forms(word)


# Full declension tables of common nouns simplemma lacks (lexicon_gap_noun), every form
# but the citation form, from https://en.wiktionary.org/wiki/<word> (Czech and
# Serbo-Croatian declension sections; Czech vzory hrad, muž, žena, růže: Internetová
# jazyková příručka, https://prirucka.ujc.cas.cz/?id=150).
NOUN_TABLES = {
    ("cs", "trdelník"): "trdelníku trdelníkem trdelníky trdelníků trdelníkům trdelnících",
    ("cs", "utopenec"): "utopence utopenci utopencem utopenců utopencům utopencích",
    ("cs", "špekáček"): "špekáčku špekáčkem špekáčky špekáčků špekáčkům špekáčcích",
    ("cs", "kulajda"): "kulajdy kulajdě kulajdu kulajdo kulajdou kulajd kulajdám kulajdách"
    " kulajdami",
    ("cs", "česnečka"): "česnečky česnečce česnečku česnečkou česneček česnečkám česnečkách",
    ("cs", "jitrnice"): "jitrnici jitrnicí jitrnic jitrnicím jitrnicích jitrnicemi",
    ("sr", "ćevap"): "ćevapa ćevapu ćevapom ćevapi ćevape ćevapima",
    ("sr", "šajkača"): "šajkače šajkači šajkaču šajkačom šajkačama",
    ("sr", "opanak"): "opanka opanku opankom opanci opanke opanaka opancima",
    ("sr", "tamburica"): "tamburice tamburici tamburicu tamburicom tamburicama",
}


@pytest.mark.parametrize(("code", "word"), sorted(NOUN_TABLES))
def test_noun_paradigm_covers_the_declension_table(code: str, word: str) -> None:
    generate = czech_noun_forms if code == "cs" else serbian_noun_forms
    missing = set(NOUN_TABLES[code, word].split()) - generate(word)
    assert not missing, f"{word}: {sorted(missing)}"


def test_noun_forms_meet_only_words_the_dictionary_lacks() -> None:
    # tambura is another instrument (https://en.wiktionary.org/wiki/tambura), tamburaš its
    # player; vanila "vanilla": known to simplemma, so never a form of an unknown keyword
    assert not found("sr", "tamburica", "Na zidu visi stara tambura.")
    assert not found("sr", "vanilica", "Sladoled od vanile.")
    assert found("sr", "ćevap", "Deset ćevapa u lepinji.")  # known keyword, unknown form
    assert found("cs", "trdelník", "Na stánku se pečou trdelníky.")


@pytest.mark.parametrize(
    ("code", "keyword", "caption", "hit"),
    [
        # the other spellings a caption uses: a sentence start, capitals, the other script
        # (Serbian Cyrillic and Latin are one-to-one: Pravopis srpskoga jezika 2010)
        ("cs", "trdelník", "Trdelníky se pečou nad uhlím.", True),
        ("cs", "kulajda", "KULAJDA S VEJCEM A KOPREM", True),
        ("sr", "šajkača", "Старац у шајкачи свира фрулу.", True),
        ("sr", "шајкача", "Starac u šajkači svira frulu.", True),
        ("sr", "tamburica", "Тамбураши свирају на свадби.", False),  # the players
        # Croatian shares the Serbo-Croatian declension (simplemma's hbs)
        ("hr", "ćevap", "Deset ćevapa u lepinji s lukom.", True),
        # the accusative alif after a conjunction, and after a noun (not a preposition)
        ("ar", "فانوس", "اشترى الطفل كتابا وفانوسا.", True),
        ("ar", "فانوس", "يحمل الطفل فانوسا ملونا.", True),
        ("ar", "فانوس", "ضوء في فانوس قديم.", True),  # genitive, the plain word
    ],
)
def test_gap_nouns_and_accusatives_in_other_spellings(
    code: str, keyword: str, caption: str, hit: bool
) -> None:
    assert found(code, keyword, caption) is hit


def test_paradigms_do_not_reach_other_words() -> None:
    # other lexemes sharing the stem (https://en.wiktionary.org/wiki/<word>)
    assert "karlínem" not in czech_forms("karel")
    assert "berounce" not in czech_forms("beroun")
    assert "golubovi" not in serbian_forms("golubac")
    assert "halál" not in hungarian_forms("hal")
    assert "debreceni" not in hungarian_forms("debrecen")  # the -i adjective


def test_hungarian_forms() -> None:
    # https://en.wiktionary.org/wiki/kenyér#Hungarian (acc. kenyeret, pl. kenyerek)
    assert {"kenyeret", "kenyerek"} <= hungarian_forms("kenyér")
    assert {"halak", "halat", "hallal"} <= hungarian_forms("hal")


@pytest.mark.parametrize(
    ("code", "keyword", "caption", "hit"),
    [
        # a capitalised town vs the same letters as a common word mid-sentence
        ("cs", "Most", "Tramvaj jede přes starý most.", False),
        ("cs", "Most", "Nádraží v Mostě.", True),
        ("cs", "Most", "Most přes řeku v mlze.", True),  # sentence start: case-blind
        ("cs", "most", "Karlův most v mlze.", True),  # lower-case keyword: case-blind
        ("ru", "Москва", "Вечер в москве.", True),  # pymorphy3 reads it only as the city
        ("sr", "Ниш", "Стара ниша у зиду.", False),  # niša "niche" (simplemma lacks it)
        ("ru", "Орёл", "В небе парит орёл.", False),
        ("ru", "Орёл", "ВОКЗАЛ В ОРЛЕ", True),  # all caps: case-blind
        ("hu", "Baja", "Semmi baja nem lett.", False),
        ("hu", "Baja", "Nyár Baján.", True),
        ("sr", "Кула", "Стара кула изнад реке.", False),
        ("sr", "Kula", "Pijaca u Kuli.", True),  # Latin text, Cyrillic-or-Latin keyword
        ("sr", "Храм Светог Саве", "Кубе храма Светог Саве.", True),  # generic in lower case
        ("sr", "Тесла", "Дрводеља ради теслом.", False),  # tesla "adze"
        ("vi", "Thái Bình", "Một buổi chiều thái bình.", False),  # thái bình "peaceful"
        ("vi", "Thái Bình", "Cánh đồng lúa ở Thái Bình.", True),
        ("vi", "Thái Bình", "THÁI BÌNH MÙA LÚA CHÍN", True),
        ("vi", "Vinh", "Đoàn rất vinh dự được đón tiếp.", False),  # vinh dự "honour"
        # Мирный, a town (https://ru.wikipedia.org/wiki/Мирный_(Якутия)); pymorphy3 knows
        # мирный only as the adjective "peaceful": a capitalised adjective keyword is a name
        ("ru", "Мирный", "Договор о мирном соседстве.", False),
        ("ru", "Мирный", "Алмазный карьер в Мирном.", True),
        ("ru", "Ёлка", "Игрушки на ёлке.", True),  # a common noun copied from a sentence start
    ],
)
def test_case_rule(code: str, keyword: str, caption: str, hit: bool) -> None:
    assert found(code, keyword, caption) is hit


@pytest.mark.parametrize(
    ("keyword", "caption", "hit"),
    [
        # Thái Bình Dương = the Pacific (https://vi.wikipedia.org/wiki/Thái_Bình_Dương)
        ("Bình Dương", "Hoàng hôn trên Thái Bình Dương.", False),
        ("Bình Dương", "Khu công nghiệp ở Bình Dương.", True),
        # Hà Nam Ninh, the former province (https://vi.wikipedia.org/wiki/Hà_Nam_Ninh)
        ("Hà Nam", "Bản đồ tỉnh Hà Nam Ninh năm 1980.", False),
        ("Hà Nam", "Về Hà Nam ăn Tết.", True),  # a capitalised sentence start
        ("Thái Bình", "Người Thái bình thản dệt vải.", False),  # Thái + bình thản "calm"
        ("Hồ Chí Minh", "Bưu điện Thành Phố Hồ Chí Minh.", True),  # generic before the name
        ("Lào", "Ruộng bậc thang ở Lào Cai.", False),  # Lào Cai province, not Laos
        ("Cầu Rồng", "Cầu Rồng Đà Nẵng về đêm.", True),  # the landmark, then its city
        ("Đức Bà", "Nhà thờ Đức Bà Sài Gòn.", True),
        ("Sài Gòn", "Nhà thờ Đức Bà Saigon.", True),  # one word, no diacritics
        ("Huế", "Nhà hàng ở Hue Street.", False),  # one syllable without diacritics
        ("Hạ Long", "Du thuyền trên Vịnh Hạ Long.", True),
        ("Hải Dương", "Bánh gai Hải Dương.", True),
        # one word or syllables (https://vi.wikipedia.org/wiki/Sa_Pa, .../Kon_Tum)
        ("Sa Pa", "Ruộng bậc thang ở Sapa.", True),
        ("Sapa", "Ruộng bậc thang ở Sa Pa.", True),
        ("Kon Tum", "Nhà rông ở Kontum.", True),
        ("Pleiku", "Phố núi Plây Cu.", True),  # https://en.wikipedia.org/wiki/Pleiku
        ("Anh", "Cầu thủ Văn Anh ghi bàn.", False),  # a given name, not Anh "England"
        ("Anh", "Du học ở Anh.", True),
    ],
)
def test_vietnamese_name_boundaries(keyword: str, caption: str, hit: bool) -> None:
    assert found("vi", keyword, caption) is hit
