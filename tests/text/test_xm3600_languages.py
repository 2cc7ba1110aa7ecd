"""The language table for the 36 Crossmodal-3600 languages.

Expected values come from the libraries themselves (nltk's Snowball list, simplemma's
dictionary list, lingua's language list, rjieba's and SudachiPy's own output) and, for the
eight MELLA entries, from the task definition hashes of the release before this table grew
(main at 33a91f2): adding languages must not move a single MELLA score or hash.
"""

from __future__ import annotations

import pytest

from mella_eval.languages import SNOWBALL_STEMMERS, resolve_language
from mella_eval.tasks import TaskRegistry
from mella_eval.text.langid import lid_languages
from mella_eval.text.segment import chinese_words, japanese_words

XM3600 = [
    "ar", "bn", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fil", "fr", "he", "hi", "hr",
    "hu", "id", "it", "ja", "ko", "mi", "nl", "no", "pl", "pt", "quz", "ro", "ru", "sv", "sw",
    "te", "th", "tr", "uk", "vi", "zh",
]  # fmt: skip

# definition_hash()[:16] of every MELLA task before the table grew (main, 33a91f2).
# vi moved once on purpose: issue 19 gave it the `vietnamese_names` matcher (was `words`).
MELLA_DEFINITION_HASHES = {
    "mella_know_ar": "a7ae0ba979d62f3b", "mella_know_cs": "ef3bde1eb3cc1ee3",
    "mella_know_hu": "52b18a28a4cace9f", "mella_know_ko": "ea73fe5cbeac790d",
    "mella_know_ru": "81b8c22117987d72", "mella_know_sr": "59fca419b846ecc1",
    "mella_know_th": "d36731538981b762", "mella_know_vi": "ccc17b2b46c52510",
    "mella_ling_ar": "3d0546969c04c254", "mella_ling_cs": "9bc0f4081b334001",
    "mella_ling_hu": "b07a03b27e1f11fd", "mella_ling_ko": "1e6a73ac1a445e11",
    "mella_ling_ru": "661a48ff1ec730b6", "mella_ling_sr": "20d104c1210d2308",
    "mella_ling_th": "78554174195ed2bf", "mella_ling_vi": "27c0e9e431ffc1a8",
}  # fmt: skip


def test_every_xm3600_language_is_in_the_table_with_a_name() -> None:
    for code in XM3600:
        lang = resolve_language(code)
        assert lang.name and lang.native_name and lang.scripts, code


def test_a_stemmer_exactly_where_nltk_snowball_has_one() -> None:
    from nltk.stem.snowball import SnowballStemmer

    for code in XM3600:
        lang = resolve_language(code)
        snowball = lang.name.lower() if lang.name.lower() in SnowballStemmer.languages else None
        assert lang.stemmer == snowball, code
    assert frozenset(SnowballStemmer.languages) == SNOWBALL_STEMMERS


def test_simplemma_lemmas_exactly_where_simplemma_knows_the_language() -> None:
    from simplemma.strategies.dictionaries.dictionary_factory import SUPPORTED_LANGUAGES

    special = {"ar": "arabic_clitics", "ko": "kiwi_morphemes", "ru": "pymorphy3",
               "th": "thai_compounds", "vi": "vietnamese_names"}  # fmt: skip
    for code in XM3600:
        lang = resolve_language(code)
        if code in special:
            assert lang.matcher == special[code]
            continue
        known = (lang.matcher_lang or code) in SUPPORTED_LANGUAGES
        default = None if code == "en" else "simplemma"  # en: the table's default, simplemma
        assert lang.matcher == (default if known else "words"), code


def test_language_id_rivals_are_languages_lingua_knows() -> None:
    for code in XM3600:
        assert set(resolve_language(code).lid_rivals) <= lid_languages(), code


@pytest.mark.parametrize("code", ["no", "fil", "quz"])
def test_codes_yaml_or_iso_639_1_would_trip_on(code: str) -> None:
    """`no` must not become YAML's false; fil and quz have no ISO 639-1 code."""
    assert resolve_language(code).code == code


def test_mella_task_definitions_did_not_move() -> None:
    registry = TaskRegistry.discover()
    got = {n: registry.get(n).definition_hash()[:16] for n in MELLA_DEFINITION_HASHES}
    assert got == MELLA_DEFINITION_HASHES


def test_chinese_and_japanese_words_are_the_libraries_own_cuts() -> None:
    import rjieba
    from sudachipy import Dictionary, SplitMode

    zh = "一只黑猫坐在红地毯上的花盆旁边。"
    assert chinese_words(zh) == [w for w in rjieba.cut(zh) if w != "。"]
    ja = "赤いじゅうたんの上で植木鉢の隣に座っている黒い猫。"
    tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.A)
    assert japanese_words(ja) == [m.surface() for m in tokenizer.tokenize(ja)][:-1]
