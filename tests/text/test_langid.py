"""Language identification on short texts and close languages.

Every expected verdict comes from outside the code: the captions in ``lid_captions.jsonl``
were written in the language they are labelled with (or, for the rejection cases, in the
named other language), and the bundled mini data is in its task's language by
construction. The macrolanguage memberships are ISO 639-3's (SIL's mapping table).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mella_eval.languages import LanguageSpec, resolve_language
from mella_eval.metrics import ScoringItem
from mella_eval.scoring.corpus import score_items
from mella_eval.text.langid import (
    MIN_LETTERS_FOR_LID,
    WINDOW_CHARS,
    accepted_labels,
    candidates,
    check_language,
    check_languages,
)

HERE = Path(__file__).parent
MINI = HERE.parents[1] / "tasks" / "mella" / "mini"
CAPTIONS = [
    json.loads(line) for line in (HERE / "lid_captions.jsonl").read_text("utf-8").splitlines()
]
INDONESIAN: dict[str, Any] = {"code": "id", "name": "Indonesian", "scripts": ["Latn"]}


def _lang(code: str) -> LanguageSpec:
    return resolve_language(INDONESIAN if code == "id" else code)


def _gold(code: str) -> list[str]:
    out = []
    for line in (MINI / f"{code}.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        out += [record["alt_text"], *record.get("descriptions", [])]
        out += [k for group in record["keywords"] for k in group]
    return out


@pytest.mark.parametrize("case", CAPTIONS, ids=[f"{c['lang']}-{i}" for i, c in enumerate(CAPTIONS)])
def test_written_captions_get_the_right_verdict(case: dict[str, Any]) -> None:
    verdict = check_language(case["text"], _lang(case["lang"]))
    assert verdict.ok is case["in_language"], verdict.describe()


@pytest.mark.parametrize("code", ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"])
def test_every_gold_string_of_the_bundled_data_is_accepted(code: str) -> None:
    lang = resolve_language(code)
    verdicts = [(text, check_language(text, lang)) for text in _gold(code)]
    assert len(verdicts) > 60
    assert [(text, v.describe()) for text, v in verdicts if not v.ok] == []


def test_the_short_strings_the_issue_names() -> None:
    for text, code in [("Спасская башня", "ru"), ("hrad Karlštejn", "cs"),
                       ("جامع الشيخ زايد الكبير", "ar"), ("Богородичина црква", "sr"),
                       ("manastir Studenica", "sr"), ("Budavári Palota", "hu")]:  # fmt: skip
        assert check_language(text, resolve_language(code)).ok, text


def test_macrolanguage_members_count_as_the_language() -> None:
    assert {"arz", "apc", "ary"} <= accepted_labels(resolve_language("ar"))
    assert {"sr", "hr", "bs"} <= accepted_labels(resolve_language("sr"))
    assert {"id", "ms"} <= accepted_labels(_lang("id"))
    assert "sk" not in accepted_labels(resolve_language("cs"))  # a neighbour, not a member


def test_candidates_are_the_script_rivals_not_every_language() -> None:
    cyrillic = candidates(resolve_language("ru"), "Cyrl")
    assert cyrillic >= {"ru", "uk", "be", "bg"} and "en" not in cyrillic
    latin = candidates(_lang("id"), "Latn")
    assert {"id", "ms", "en"} <= latin and len(latin) < 30
    assert candidates(resolve_language("sr"), "Latn") >= {"hr", "bs", "sl"}


def test_below_the_length_threshold_only_the_script_decides() -> None:
    short = "Duna"  # Hungarian, but also a plausible word elsewhere
    assert len(short) < MIN_LETTERS_FOR_LID
    verdict = check_language(short, resolve_language("cs"))
    assert verdict.ok and verdict.lid_label is None
    assert not check_language("Дунав", resolve_language("cs")).ok  # wrong script still fails


def test_language_fidelity_on_answers_in_a_neighbouring_language() -> None:
    items = [ScoringItem("Na obrázku je Karlův most v Praze a v pozadí Pražský hrad.", ["r"]),
             ScoringItem("Na obrázku je Bratislavský hrad nad Dunajom v letnom večere.", ["r"]),
             ScoringItem("The picture shows Charles Bridge in Prague with the castle.", ["r"])]  # fmt: skip
    got = score_items([("f", "language_fidelity", {})], items, resolve_language("cs"), bootstrap=0)
    assert got["f"].per_sample == [100.0, 0.0, 0.0]
    assert got["f"].signature["version"] == "mella-eval-2"
    assert got["f"].signature["lid"].startswith("lingua-")


def test_a_long_answer_that_drifts_into_english_is_caught() -> None:
    czech = (
        "Na obrázku je Karlův most v Praze za slunečného odpoledne. Po mostě chodí turisté, "
        "u soch světců stojí malíři a prodavači suvenýrů. Pod mostem teče Vltava a po ní "
        "plují vyhlídkové lodě. V pozadí se nad střechami Malé Strany zvedá Pražský hrad "
        "s katedrálou svatého Víta. "
    )
    english = (
        "In the distance the castle rises above the red roofs, and the afternoon light makes "
        "the old stone of the bridge glow warmly while boats pass underneath."
    )
    cs = resolve_language("cs")
    assert len(czech + english) > 2 * WINDOW_CHARS
    assert check_language(czech + czech, cs).ok
    verdict = check_language(czech + english, cs)
    assert not verdict.ok and verdict.lid_label == "en"


def test_batch_and_single_checks_agree() -> None:
    texts = [c["text"] for c in CAPTIONS if c["lang"] == "sr"] + ["", "Prague", "Praha"]
    sr = resolve_language("sr")
    assert check_languages(texts, sr) == [check_language(t, sr) for t in texts]
