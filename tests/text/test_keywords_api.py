"""The KeywordMatcher API other modules build on: found, spans, mode, the matcher table."""

from __future__ import annotations

import unicodedata

import pytest

from mella_eval import languages
from mella_eval.languages import KEYWORD_MATCHERS, resolve_language
from mella_eval.text.keywords import KeywordMatcher
from mella_eval.text.matchers import MATCHERS
from mella_eval.text.normalizers import NORMALIZERS
from mella_eval.text.segment import SEGMENTERS


def test_matcher_names_in_languages_equal_the_table() -> None:
    assert set(MATCHERS) == KEYWORD_MATCHERS


def test_segmenter_and_normaliser_names_in_languages_equal_the_tables() -> None:
    """The language table checks names against its own lists (it sits below ``text``)."""
    assert set(SEGMENTERS) == languages.SEGMENTER_NAMES
    assert set(NORMALIZERS) == languages.NORMALIZER_NAMES


def test_unknown_matcher_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown matcher 'stemmer'"):
        resolve_language({"code": "cs", "matcher": "stemmer"})


def test_a_yaml_only_language_gets_simplemma_and_exact_words_elsewhere() -> None:
    indonesian = KeywordMatcher(resolve_language({"code": "id", "scripts": ["Latn"]}))
    assert indonesian.name == "simplemma" and indonesian.mode.startswith("simplemma(")
    swahili = KeywordMatcher(resolve_language({"code": "sw", "scripts": ["Latn"]}))
    assert swahili.name == "simplemma"  # simplemma has a Swahili dictionary
    yoruba = KeywordMatcher(resolve_language({"code": "yo", "scripts": ["Latn"]}))
    assert yoruba.name == "words"


@pytest.mark.parametrize(
    ("code", "text", "forms", "expected"),
    [
        # offsets in the original string, whatever normalisation did to it
        ("cs", "Lidé na Pražském hradě, pak v Praze.", ("Pražský hrad",), ["Pražském hradě"]),
        ("sr", "Шетња у Београду и Beogradu.", ("Beograd",), ["Београду", "Beogradu"]),
        ("ar", "صور والقاهرة بالقاهرة", ("القاهرة",), ["والقاهرة", "بالقاهرة"]),
        ("ko", "배추김치를 먹는다", ("김치",), ["김치"]),
        ("th", "ไปกรุงเทพฯ แล้วกลับกรุงเทพมหานคร", ("กรุงเทพ",), ["กรุงเทพ", "กรุงเทพ"]),
        # a keyword in lower case is case-blind (a capitalised one would not match the
        # lower-case syllables: mella_eval/text/case_rules.py)
        ("vi", "Hồ Hoàn Kiếm và hồ hoàn kiếm", ("hồ hoàn kiếm",), ["Hồ Hoàn Kiếm", "hồ hoàn kiếm"]),
        ("ru", "Ёлка и ЕЛКИ", ("ёлка", "ель"), ["Ёлка", "ЕЛКИ"]),
    ],
)
def test_spans_point_into_the_original_text(
    code: str, text: str, forms: tuple[str, ...], expected: list[str]
) -> None:
    matcher = KeywordMatcher(resolve_language(code))
    spans = matcher.spans(text, forms)
    assert [text[a:b] for a, b in spans] == expected
    assert matcher.found(matcher.prepare(text), forms)


def test_spans_of_decomposed_text_and_overlapping_forms() -> None:
    vi = KeywordMatcher(resolve_language("vi"))
    nfd = unicodedata.normalize("NFD", "ở Hà Nội.")
    [(a, b)] = vi.spans(nfd, ("Hà Nội", "Nội"))  # two forms, one merged span
    assert unicodedata.normalize("NFC", nfd[a:b]) == "Hà Nội"
    assert vi.spans("không có", ("Hà Nội",)) == []


def test_stem_false_means_exact_whole_words() -> None:
    hu = KeywordMatcher(resolve_language("hu"), stem=False)
    assert hu.name == "words"
    assert not hu.found(hu.prepare("Budapesten"), ("Budapest",))
    assert hu.found(hu.prepare("Budapest"), ("Budapest",))
