"""The per-language text-processing table: languages are data, not code.

Every place that treats languages differently (normalisation, segmentation, stemming,
language-ID checks) reads a :class:`LanguageSpec`. The built-in table lives in
``languages.yaml``; a task's ``language:`` block can override fields or define a
language that is not in the table at all, so adding a language needs no code change.

The table sits below the text processing that reads it (``mella_eval.text``), so it
checks the names it uses (segmenters, normalisers, stemmers, matchers) against lists
kept here; tests keep each list equal to the code's own table.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

_ISO_639_1_TEXT = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr
ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw
ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv
ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr
ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi
yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1_TEXT.split())
# ISO 639-3 codes for languages that have no ISO 639-1 code of their own, where a benchmark
# names them so: Crossmodal-3600's Filipino (``fil``; ``tl`` is Tagalog) and Cusco Quechua
# (``quz``; ``qu`` is the whole Quechua macrolanguage).
ISO_639_3_ONLY = frozenset({"fil", "quz"})
LANGUAGE_CODES = ISO_639_1 | ISO_639_3_ONLY

# ISO 15924 codes we can recognise from Unicode character names (see mella_eval.text.script).
_SCRIPTS_TEXT = "Latn Cyrl Arab Hang Thai Grek Hebr Deva Beng Hani Hira Kana Geor Armn"
_SCRIPTS_TEXT += " Ethi Khmr Laoo Mymr Sinh Taml Telu Knda Mlym Gujr Guru Orya Tibt"
KNOWN_SCRIPTS = frozenset(_SCRIPTS_TEXT.split())

# nltk's Snowball stemmers (``SnowballStemmer.languages``; a test keeps the two equal), listed
# here so that checking a task's ``stemmer`` does not import nltk.
SNOWBALL_STEMMERS = frozenset(
    {
        "arabic", "danish", "dutch", "english", "finnish", "french", "german", "hungarian",
        "italian", "norwegian", "porter", "portuguese", "romanian", "russian", "spanish",
        "swedish",
    }
)  # fmt: skip


# Keyword matchers (``mella_eval.text.matchers.MATCHERS``; a test keeps the two equal),
# listed here so that checking a task's ``matcher`` imports no NLP library.
KEYWORD_MATCHERS = frozenset(
    {
        "simplemma",
        "pymorphy3",
        "arabic_clitics",
        "kiwi_morphemes",
        "thai_compounds",
        "words",
        "vietnamese_names",
    }
)


# Segmenters (``mella_eval.text.segment.SEGMENTERS``; a test keeps the two equal).
SEGMENTER_NAMES = frozenset(
    {
        "unicode_words", "vietnamese_syllables", "vietnamese_words", "thai_newmm",
        "korean_morphemes", "chinese_words", "japanese_words", "chinese_chars",
        "japanese_sudachi", "thai_newmm_tokens",
    }
)  # fmt: skip

# Normalisers (``mella_eval.text.normalizers.NORMALIZERS``; a test keeps the two equal).
NORMALIZER_NAMES = frozenset({"arabic", "serbian_latin", "vietnamese_tones", "russian_yo"})


class LanguageSpec(BaseModel):
    """How text in one language is normalised, segmented and recognised."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="ISO 639-1 code, e.g. 'sr' (ISO 639-3 where none exists: fil)")
    name: str = ""
    native_name: str = ""
    scripts: tuple[str, ...] = Field(description="ISO 15924 scripts, canonical first")
    segmenter: str = "unicode_words"
    normalizers: tuple[str, ...] = ()
    stemmer: str | None = None
    lid_accept: tuple[str, ...] = ()
    lid_rivals: tuple[str, ...] = Field(
        (), description="languages the identifier also weighs against this one (close neighbours)"
    )
    matcher: str | None = Field(
        None, description="keyword matcher; default: simplemma where it knows the language"
    )
    matcher_lang: str | None = Field(
        None, description="the matcher's own code for the language, e.g. simplemma's 'hbs'"
    )

    @field_validator("code")
    @classmethod
    def _iso_639_1(cls, code: str) -> str:
        if code not in LANGUAGE_CODES:
            raise ValueError(f"language code {code!r} is not an ISO 639-1 code")
        return code

    @field_validator("scripts")
    @classmethod
    def _known_scripts(cls, scripts: tuple[str, ...]) -> tuple[str, ...]:
        if not scripts:
            raise ValueError("a language needs at least one script (ISO 15924, e.g. Latn)")
        unknown = [s for s in scripts if s not in KNOWN_SCRIPTS]
        if unknown:
            raise ValueError(f"unknown script(s) {unknown}; known: {sorted(KNOWN_SCRIPTS)}")
        return scripts

    @field_validator("segmenter")
    @classmethod
    def _known_segmenter(cls, name: str) -> str:
        if name not in SEGMENTER_NAMES:
            raise ValueError(f"unknown segmenter {name!r}; known: {sorted(SEGMENTER_NAMES)}")
        return name

    @field_validator("normalizers")
    @classmethod
    def _known_normalizers(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [n for n in names if n not in NORMALIZER_NAMES]
        if unknown:
            raise ValueError(f"unknown normalizer(s) {unknown}; known: {sorted(NORMALIZER_NAMES)}")
        return names

    @field_validator("stemmer")
    @classmethod
    def _known_stemmer(cls, name: str | None) -> str | None:
        if name is not None and name not in SNOWBALL_STEMMERS:
            raise ValueError(f"unknown stemmer {name!r}; Snowball has: {sorted(SNOWBALL_STEMMERS)}")
        return name

    @field_validator("matcher")
    @classmethod
    def _known_matcher(cls, name: str | None) -> str | None:
        if name is not None and name not in KEYWORD_MATCHERS:
            raise ValueError(f"unknown matcher {name!r}; known: {sorted(KEYWORD_MATCHERS)}")
        return name

    @property
    def accepted_lid_labels(self) -> frozenset[str]:
        """Language-ID labels that count as this language (itself plus ``lid_accept``)."""
        return frozenset((self.code, *self.lid_accept))


@cache
def builtin_table() -> dict[str, dict[str, Any]]:
    """The raw built-in table (code -> fields), read once."""
    text = resources.files("mella_eval").joinpath("languages.yaml").read_text(encoding="utf-8")
    table: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return table


def resolve_language(value: str | dict[str, Any]) -> LanguageSpec:
    """Build a LanguageSpec from a task's ``language:`` value (a code or a mapping).

    Fields given in the task override the built-in table; a code missing from the table
    must bring its own ``scripts``. Raises ``ValueError`` (pydantic reports it with the
    YAML location) on anything invalid.
    """
    fields: dict[str, Any] = {"code": value} if isinstance(value, str) else dict(value)
    code = fields.get("code")
    if not isinstance(code, str):
        raise ValueError("language needs a 'code' (ISO 639-1, e.g. 'th')")
    if code not in LANGUAGE_CODES:
        raise ValueError(
            f"language code {code!r} is not an ISO 639-1 code (two lowercase letters, "
            "e.g. 'sr', 'th', 'sw')"
        )
    merged = {**builtin_table().get(code, {}), **fields}
    if "scripts" not in merged:
        raise ValueError(
            f"language {code!r} is not in the built-in table; give its scripts, e.g. "
            f"language: {{code: {code}, scripts: [Latn]}}"
        )
    return LanguageSpec.model_validate(merged)
