"""Parser, Serbian scripts, deterministic rules and grounding, each against hand-made values."""

from __future__ import annotations

import json

import pytest

from mella_eval.keywords import ground_entries, parse_keyword_list
from mella_eval.keywords.deterministic import capitalised_spans, deterministic_candidates
from mella_eval.keywords.prompts import EXTRACTION_PROMPTS, KeywordParseError, prompt_template
from mella_eval.keywords.scripts import serbian_to_cyrillic, serbian_to_latin
from mella_eval.languages import resolve_language
from mella_eval.text.keywords import KeywordMatcher
from mella_eval.text.normalize import normalize
from mella_eval.text.script import dominant_script
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("answer", "entries"),
    [
        ('["Országház", "Duna"]', [["Országház"], ["Duna"]]),
        ('Sure!\n```json\n["Duna"]\n```', [["Duna"]]),
        ('{"keywords": [["Beograd", "Београд"]]}', [["Beograd", "Београд"]]),
        ("[]", []),
        ('["  Hà   Nội ", ""]', [["Hà Nội"]]),
        ('Here [not json] and then ["ok"]', [["ok"]]),
    ],
)
def test_parser_accepts_wrapped_arrays(answer: str, entries: list[list[str]]) -> None:
    assert parse_keyword_list(answer) == entries


@pytest.mark.parametrize("answer", ["", "no idea", '["cut', "[1, 2]", '[{"a": 1}]', "{}"])
def test_parser_rejects_garbage(answer: str) -> None:
    with pytest.raises(KeywordParseError):
        parse_keyword_list(answer)


def test_prompts_are_written_in_their_language_and_have_a_slot() -> None:
    for code, template in EXTRACTION_PROMPTS.items():
        lang = resolve_language(code)
        assert template.count("{text}") == 1
        body = template.replace("JSON", "").replace("{text}", "")
        assert dominant_script(body) == lang.scripts[0], code
    swahili = prompt_template(resolve_language({"code": "sw", "name": "Swahili",
                                                "scripts": ["Latn"]}))  # fmt: skip
    assert "written in Swahili" in swahili and "{text}" in swahili


# The official alphabets pair these spellings (Serbian Wikipedia's own titles).
SERBIAN_PAIRS = [
    ("Љубљана", "Ljubljana"),
    ("Ђорђе Чворовић", "Đorđe Čvorović"),
    ("Његош", "Njegoš"),
    ("Џорџ", "Džordž"),
    ("ЉУБИША", "LJUBIŠA"),
    ("Шабац и Ћуприја", "Šabac i Ćuprija"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), SERBIAN_PAIRS)
def test_serbian_transliteration_both_ways(cyrillic: str, latin: str) -> None:
    assert serbian_to_latin(cyrillic) == latin
    assert serbian_to_cyrillic(latin) == cyrillic


def test_serbian_transliteration_agrees_with_the_matching_normaliser() -> None:
    sr = resolve_language("sr")
    for line in (REPO / "tasks/mella/mini/sr.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["alt_text"]
        assert normalize(serbian_to_latin(text), sr) == normalize(text, sr)
        assert normalize(serbian_to_cyrillic(serbian_to_latin(text)), sr) == normalize(text, sr)


def test_capitalised_spans_skip_sentence_starts() -> None:
    text = "Храм Светог Саве на Врачару. Beograd je lep. Az Országház és a Duna."
    assert capitalised_spans(text) == ["Храм Светог Саве", "Врачару", "Országház", "Duna"]


def test_deterministic_by_script() -> None:
    korean = deterministic_candidates("북악산을 배경으로 한 경복궁 근정전", resolve_language("ko"))
    assert ["경복궁"] in korean and ["근정전"] in korean
    assert deterministic_candidates("برج خليفة في دبي", resolve_language("ar")) == []


def test_grounding_drops_invented_entries_and_adds_the_other_script() -> None:
    matcher = KeywordMatcher(resolve_language("sr"))
    alt = ["Храм Светог Саве на Врачару у Београду."]
    grounded = ground_entries([["Храм Светог Саве"], ["Нови Сад"], ["hram svetog save"]],
                              alt, matcher)  # fmt: skip
    assert grounded.kept == [["Храм Светог Саве", "Hram Svetog Save"]]  # the repeat folded
    assert grounded.dropped == [["Нови Сад"]]


def test_mini_keywords_are_all_grounded() -> None:
    """The shipped mini data passes its own grounding check (ground_keywords.py's job)."""
    for path in sorted((REPO / "tasks/mella/mini").glob("*.jsonl")):
        matcher = KeywordMatcher(resolve_language(path.stem))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            record = json.loads(line)
            prepared = matcher.prepare(record["alt_text"])
            for entry in record["keywords"]:
                forms = [entry] if isinstance(entry, str) else entry
                assert matcher.found(prepared, forms), f"{path.name}:{number} {forms}"
