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

from dataclasses import dataclass
from functools import cache
from typing import Any

from mella_eval.languages import LanguageSpec
from mella_eval.text.script import dominant_script, script_counts

# Scripts written by one language only in practice: the script decides, no LID needed.
_SCRIPT_DECIDES = {"Hang": "ko", "Thai": "th", "Hebr": "he", "Geor": "ka", "Armn": "hy",
                   "Khmr": "km", "Laoo": "lo", "Sinh": "si"}  # fmt: skip

# Below this many letters the identifier is not consulted (measured: docs/metrics.md).
MIN_LETTERS_FOR_LID = 12

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
    pool = accepted_labels(lang) | SCRIPT_RIVALS.get(script, frozenset())
    return frozenset(pool & lid_languages())


@cache
def _detector(codes: frozenset[str]) -> Any:
    """A lingua detector restricted to ``codes``; models load lazily, once per language."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [IsoCode639_1.from_str(code) for code in sorted(codes)]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).build()


def confidences(text: str, codes: frozenset[str]) -> dict[str, float]:
    """Normalised confidence per candidate code (sums to 1; all 0 when undecidable)."""
    values = _detector(codes).compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}


def check_language(text: str, lang: LanguageSpec) -> LanguageVerdict:
    """Decide whether ``text`` is written in ``lang`` (script first, then language ID)."""
    script = dominant_script(text)
    if script is None or script not in lang.scripts:
        return LanguageVerdict(ok=False, script=script, lid_label=None)
    if script in _SCRIPT_DECIDES or sum(script_counts(text).values()) < MIN_LETTERS_FOR_LID:
        return LanguageVerdict(ok=True, script=script, lid_label=None)
    accepted = accepted_labels(lang)
    pool = candidates(lang, script)
    if not accepted & pool or len(pool) < 2:  # identifier cannot judge: the script must do
        return LanguageVerdict(ok=True, script=script, lid_label=None)
    conf = confidences(text, pool)
    best = max(conf, key=conf.__getitem__)
    accepted_mass = sum(v for code, v in conf.items() if code in accepted)
    rejected = best not in accepted and conf[best] > REJECT_RATIO * accepted_mass
    return LanguageVerdict(ok=not rejected, script=script, lid_label=best)


def identifier_version() -> str:
    """``lingua-<version>`` for metric signatures."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"lingua-{version('lingua-language-detector')}"
    except PackageNotFoundError:
        return "lingua-unknown"
