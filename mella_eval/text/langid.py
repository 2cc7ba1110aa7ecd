"""Offline language identification for reference checks and language fidelity.

A text counts as "in language L" when its dominant script is one of L's scripts and,
where the script is shared by many languages and the text is long enough to judge,
py3langid's label is one L accepts. py3langid cannot separate Serbian, Croatian and
Bosnian in Latin script, so the language table lists such families in ``lid_accept``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from mella_eval.languages import LanguageSpec
from mella_eval.text.script import dominant_script, script_counts

# Scripts written by one language only in practice: the script decides, no LID needed.
_SCRIPT_DECIDES = {"Hang": "ko", "Thai": "th", "Hebr": "he", "Geor": "ka", "Armn": "hy",
                   "Khmr": "km", "Laoo": "lo", "Sinh": "si"}  # fmt: skip
_MIN_LETTERS_FOR_LID = 12


@dataclass(frozen=True)
class LanguageVerdict:
    """Whether a text is in the expected language, with the evidence for a message."""

    ok: bool
    script: str | None
    lid_label: str | None

    def describe(self) -> str:
        found = self.lid_label or "?"
        return f"{found}/{self.script or 'no letters'}"


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def lid_languages() -> frozenset[str]:
    """Language codes the offline identifier knows."""
    return frozenset(_identifier().nb_classes)


def identify(text: str) -> str:
    """Most likely ISO 639-1 label for ``text`` according to py3langid."""
    label, _prob = _identifier().classify(text)
    return str(label)


def check_language(text: str, lang: LanguageSpec) -> LanguageVerdict:
    """Decide whether ``text`` is written in ``lang`` (script first, then language ID)."""
    script = dominant_script(text)
    if script is None or script not in lang.scripts:
        return LanguageVerdict(ok=False, script=script, lid_label=None)
    if script in _SCRIPT_DECIDES or sum(script_counts(text).values()) < _MIN_LETTERS_FOR_LID:
        return LanguageVerdict(ok=True, script=script, lid_label=None)
    accepted = lang.accepted_lid_labels & lid_languages()
    if not accepted:  # the identifier does not know this language: the script must do
        return LanguageVerdict(ok=True, script=script, lid_label=None)
    label = identify(text)
    return LanguageVerdict(ok=label in accepted, script=script, lid_label=label)
