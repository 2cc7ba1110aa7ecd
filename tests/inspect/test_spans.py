"""Keyword hit ranges for highlighting: the substrings a native reader would mark.

Expected substrings are chosen by hand from the sentences; the matcher that scores
keyword accuracy must agree (an entry it finds has a range, one it misses has none).
"""

from __future__ import annotations

import pytest

from mella_eval.inspect.data import highlighted, pieces
from mella_eval.inspect.spans import keyword_spans, merge_spans
from mella_eval.languages import resolve_language
from mella_eval.text.keywords import KeywordMatcher

CASES = [
    # language, text, forms, the substrings to highlight
    ("hu", "Az Országház Budapesten áll, a Duna partján.", ["Budapest"], ["Budapesten"]),
    ("en", "The Eiffel Tower, in Paris. An eiffel tower again.", ["eiffel tower"],  # lower case: case-blind (a capitalised one is a name)
     ["Eiffel Tower", "eiffel tower"]),
    ("ko", "북악산을 배경으로 한 경복궁 근정전의 모습", ["근정전"], ["근정전"]),  # not the particle 의
    ("ar", "جامع الشيخ زايد الكبير في أبوظبي", ["أبو ظبي", "أبوظبي"], ["أبوظبي"]),
    ("sr", "Храм Светог Саве на Врачару у Београду", ["Hram Svetog Save"], ["Храм Светог Саве"]),
    ("th", "วัดอรุณราชวรารามริมแม่น้ำเจ้าพระยา", ["วัดอรุณราชวราราม"], ["วัดอรุณราชวราราม"]),
    ("cs", "Hrad nad řekou Vltavou večer.", ["Pražský hrad"], []),
]  # fmt: skip


@pytest.mark.parametrize(("code", "text", "forms", "expected"), CASES)
def test_spans_mark_the_hand_chosen_substrings(
    code: str, text: str, forms: list[str], expected: list[str]
) -> None:
    matcher = KeywordMatcher(resolve_language(code))
    spans = keyword_spans(matcher, text, forms)
    assert [text[start:end] for start, end in spans] == expected
    assert bool(spans) == matcher.found(matcher.prepare(text), forms)


def test_pieces_cover_the_text_and_show_bidi_controls() -> None:
    text = "a \u202eevil\u202c b"
    got = pieces(text, [])
    assert got == [["a ", 0], ["U+202E", -1], ["evil", 0], ["U+202C", -1], [" b", 0]]
    marked = pieces("xx Duna yy", [(3, 7, 2)])
    assert marked == [["xx ", 0], ["Duna", 2], [" yy", 0]]


def test_overlapping_hits_keep_the_first() -> None:
    assert merge_spans([(5, 9, 2), (0, 7, 1), (9, 12, 3)]) == [(0, 7, 1), (9, 12, 3)]


def test_highlighted_reports_found_entries_per_entry() -> None:
    matcher = KeywordMatcher(resolve_language("hu"))
    shown, found = highlighted(matcher, "A Duna partján.", [["Országház"], ["Duna"]])
    assert found == [False, True]
    assert "".join(p[0] for p in shown) == "A Duna partján."
    assert ["Duna", 2] in shown
