"""Offline language identification for reference checks and language fidelity.

A text counts as "in language L" when its dominant script is one of L's scripts and,
where the script is shared by many languages and the text is long enough to judge, no
other *plausible* language is clearly more likely than the labels L accepts.

Why it is built this way (measured on the bundled gold strings, see docs/metrics.md):

* **Plausible candidates only.** An identifier choosing among ~100 languages labels
  short strings with any close neighbour ("Спасская башня" -> be, Czech -> sk, Arabic
  -> arz). Here the identifier (lingua, built for short text, models inside the wheel)
  chooses only among L, the labels L accepts, and the script's usual rivals: the
  high-resource languages a model answers in instead, and the close neighbours of the
  languages the table knows. A new language works unchanged: it joins its script's rivals.
* **Macrolanguages count as one.** ISO 639-3 groups Egyptian Arabic (arz) and Levantine
  (apc) under Arabic, Indonesian and Malay under Malay, Serbian/Croatian/Bosnian under
  Serbo-Croatian; a label of the same macrolanguage is accepted.
* **A clear winner is needed to reject.** The text fails only when the best other
  language's confidence exceeds the accepted labels' combined confidence by
  :data:`REJECT_RATIO`; a near tie between neighbours on a short name is noise.
* **Script only below** :data:`MIN_LETTERS_FOR_LID` letters, where identification is noise.
* **Cost.** lingua loads a language's models on first need (high-accuracy models only
  for texts under 120 characters; longer texts use its trigram models, which load in
  about a second for a whole script), so a run pays only for the languages it meets.

When a check fails, the message names ``lid_accept`` (language table or task YAML) as the
way to accept a neighbouring label deliberately.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from mella_eval.languages import LanguageSpec
from mella_eval.text.script import script_counts

# Scripts written by one language only in practice: the script decides, no LID needed.
_SCRIPT_DECIDES = {"Hang": "ko", "Thai": "th", "Hebr": "he", "Geor": "ka", "Armn": "hy",
                   "Khmr": "km", "Laoo": "lo", "Sinh": "si"}  # fmt: skip

# Below this many letters the identifier is not consulted (measured: docs/metrics.md).
MIN_LETTERS_FOR_LID = 12

# Long texts are identified from their first and last WINDOW_CHARS characters (>= 120, so
# lingua uses its fast trigram models there).
WINDOW_CHARS = 200

# Reject only when the best other language is this many times as likely as all accepted
# labels together.
REJECT_RATIO = 2.0

# Per script, the languages a text in that script is plausibly written in instead: the
# high-resource languages models answer in, and the close neighbours of the languages in
# the built-in table (cs/sk/pl, sr/hr/bs/sl/mk, ru/uk/be/bg, id/ms, ar/fa/ur).
SCRIPT_RIVALS: dict[str, frozenset[str]] = {
    "Latn": frozenset({
        "en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ro", "cs", "sk", "hu", "vi",
        "hr", "bs", "sl", "sq", "id", "ms", "tl",
    }),
    "Cyrl": frozenset({"ru", "uk", "be", "bg", "mk", "sr", "kk", "mn"}),
    "Arab": frozenset({"ar", "fa", "ur"}),
}  # fmt: skip

# ISO 639-3 macrolanguages (SIL, "ISO 639-3 Macrolanguage Mappings",
# https://iso639-3.sil.org/code_tables/macrolanguage_mappings): member labels an
# identifier may return, mapped to the two-letter code of the macrolanguage ("sh" stands
# for Serbo-Croatian, hbs).
_MACROLANGUAGE_MEMBERS = {
    "ar": ("arb arz apc ajp acm acq aeb afb ary arq ayl apd abv acw acx adf aec ayh ayn ayp "
           "pga shu ssh avl auz abh"),
    "ms": "id ind zsm jax meo min mui kxd",
    "sh": "sr hr bs srp hrv bos cnr",
    "fa": "pes prs",
    "no": "nb nn nob nno",
}  # fmt: skip
MACROLANGUAGE_OF: dict[str, str] = {
    member: macro for macro, members in _MACROLANGUAGE_MEMBERS.items() for member in members.split()
}


@dataclass(frozen=True)
class LanguageVerdict:
    """Whether a text is in the expected language, with the evidence for a message."""

    ok: bool
    script: str | None
    lid_label: str | None

    def describe(self) -> str:
        found = self.lid_label or "?"
        return f"{found}/{self.script or 'no letters'}"


def macrolanguage(label: str) -> str:
    """The label's ISO 639-3 macrolanguage (two letters where one exists), else the label."""
    return MACROLANGUAGE_OF.get(label, label)


def accepted_labels(lang: LanguageSpec) -> frozenset[str]:
    """Labels counted as ``lang``: itself, ``lid_accept``, and their macrolanguage mates."""
    own = lang.accepted_lid_labels
    macros = {macrolanguage(label) for label in own}
    mates = {label for label, macro in MACROLANGUAGE_OF.items() if macro in macros}
    return frozenset(own | macros | mates)


@cache
def lid_languages() -> frozenset[str]:
    """ISO 639-1 codes the offline identifier (lingua) has models for."""
    from lingua import Language

    return frozenset(lang.iso_code_639_1.name.lower() for lang in Language.all())


def candidates(lang: LanguageSpec, script: str) -> frozenset[str]:
    """The languages the identifier chooses among for ``lang`` written in ``script``."""
    pool = accepted_labels(lang) | SCRIPT_RIVALS.get(script, frozenset()) | set(lang.lid_rivals)
    return frozenset(pool & lid_languages())


@cache
def _detector(codes: frozenset[str]) -> Any:
    """A lingua detector restricted to ``codes``; models load lazily, once per language."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [IsoCode639_1.from_str(code) for code in sorted(codes)]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()


def confidences(text: str, codes: frozenset[str]) -> dict[str, float]:
    """Normalised confidence per candidate code (sums to 1; all 0 when undecidable)."""
    return _as_dict(_detector(codes).compute_language_confidence_values(text))


def _as_dict(values: Any) -> dict[str, float]:
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}


def lid_windows(text: str) -> list[str]:
    """What the identifier reads: the whole text, or its start and its end when long.

    Cost grows with length and a caption's language is settled within a few sentences;
    reading the end as well still catches an answer that drifts into another language.
    """
    if len(text) <= 2 * WINDOW_CHARS:
        return [text]
    return [text[:WINDOW_CHARS], text[-WINDOW_CHARS:]]


def check_language(text: str, lang: LanguageSpec) -> LanguageVerdict:
    """Decide whether ``text`` is written in ``lang`` (script first, then language ID)."""
    return check_languages([text], lang)[0]


def check_languages(texts: Sequence[str], lang: LanguageSpec) -> list[LanguageVerdict]:
    """:func:`check_language` for many texts; the identifier runs on them in parallel."""
    verdicts: list[LanguageVerdict | None] = []
    pending: dict[str, list[tuple[int, int]]] = {}  # script -> (text index, window count)
    windows: dict[str, list[str]] = {}
    for index, text in enumerate(texts):
        verdict, script = _script_verdict(text, lang)
        verdicts.append(verdict)
        if verdict is None and script is not None:
            parts = lid_windows(text)
            pending.setdefault(script, []).append((index, len(parts)))
            windows.setdefault(script, []).extend(parts)
    accepted = accepted_labels(lang)
    for script, entries in pending.items():
        pool = candidates(lang, script)
        values = _detector(pool).compute_language_confidence_values_in_parallel(windows[script])
        position = 0
        for index, count in entries:
            found = [_as_dict(v) for v in values[position : position + count]]
            position += count
            verdicts[index] = _lid_verdict(found, accepted, script)
    return [v for v in verdicts if v is not None]


def _script_verdict(text: str, lang: LanguageSpec) -> tuple[LanguageVerdict | None, str | None]:
    """The verdict when the script decides; None (and the script) when the identifier must."""
    counts = script_counts(text)
    script = counts.most_common(1)[0][0] if counts else None
    if script is None or script not in lang.scripts:
        return LanguageVerdict(ok=False, script=script, lid_label=None), script
    if script in _SCRIPT_DECIDES or sum(counts.values()) < MIN_LETTERS_FOR_LID:
        return LanguageVerdict(ok=True, script=script, lid_label=None), script
    pool = candidates(lang, script)
    if not accepted_labels(lang) & pool or len(pool) < 2:  # the identifier cannot judge
        return LanguageVerdict(ok=True, script=script, lid_label=None), script
    return None, script


def _lid_verdict(
    parts: list[dict[str, float]], accepted: frozenset[str], script: str
) -> LanguageVerdict:
    """Reject when, in any window, another language clearly beats all accepted labels."""
    best = "?"
    for conf in parts:
        best = max(conf, key=conf.__getitem__)
        accepted_mass = sum(v for code, v in conf.items() if code in accepted)
        if best not in accepted and conf[best] > REJECT_RATIO * accepted_mass:
            return LanguageVerdict(ok=False, script=script, lid_label=best)
    return LanguageVerdict(ok=True, script=script, lid_label=best)


def identifier_version() -> str:
    """``lingua-<version>`` for metric signatures."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"lingua-{version('lingua-language-detector')}"
    except PackageNotFoundError:
        return "lingua-unknown"
