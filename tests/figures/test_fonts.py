"""Native names render with installed fonts, or fall back to English with a warning."""

from __future__ import annotations

import pytest

from mella_eval.figures import FontWarning
from mella_eval.figures import fonts as fonts_module
from mella_eval.figures.style import language_labels
from tests.figures.test_plots import NATIVE, needs_fonts

CODES = ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"]


@needs_fonts
def test_chain_has_a_font_per_script_and_every_glyph() -> None:
    labels, chain = language_labels(CODES, native=True)
    assert list(labels.values()) == NATIVE
    assert chain[0] == "DejaVu Sans"
    assert "NanumGothic" in chain and "Noto Sans Thai" in chain
    for text in NATIVE:
        assert fonts_module.missing_chars(text, chain) == [], text


def test_without_fonts_the_english_name_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "installed_families", lambda: frozenset({"DejaVu Sans"}))
    with pytest.warns(FontWarning) as caught:
        labels, chain = language_labels(CODES, native=True)
    assert labels["ko"] == "Korean" and labels["th"] == "Thai"
    assert labels["ru"] == "русский" and labels["vi"] == "Tiếng Việt"  # DejaVu Sans has these
    assert chain == ["DejaVu Sans"]
    messages = " ".join(str(w.message) for w in caught)
    assert "한국어" in messages and "fonts-nanum" in messages


def test_arabic_needs_shaping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts_module, "shaping_supported", lambda: False)
    with pytest.warns(FontWarning, match="right-to-left"):
        labels, _ = language_labels(["ar", "cs"], native=True)
    assert labels == {"ar": "Arabic", "cs": "čeština"}


def test_english_names_by_default() -> None:
    labels, chain = language_labels(CODES, native=False)
    assert labels["sr"] == "Serbian" and chain == ["DejaVu Sans"]


def test_unknown_language_code_is_its_own_label() -> None:
    labels, _ = language_labels(["yo"], native=True)
    assert labels == {"yo": "yo"}
