"""The grounding rule: a keyword entry is kept only if its own alt-text contains it.

It applies to every extractor. An LLM that invents an entity (or copies one from its
prompt's example) would otherwise create a keyword no caption can be credited for by
looking at the image's own text; such entries are dropped and counted. The check is
made by the language's :class:`~mella_eval.text.keywords.KeywordMatcher`, the one that
scores predictions, so "found in the alt-text" means exactly what "found in a caption"
means at scoring time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mella_eval.keywords.scripts import script_variants
from mella_eval.text.keywords import KeywordMatcher
from mella_eval.text.normalize import normalize

__all__ = ["Grounded", "ground_entries"]


@dataclass
class Grounded:
    """Entries kept (with every script variant added) and entries dropped as ungrounded."""

    kept: list[list[str]] = field(default_factory=list)
    dropped: list[list[str]] = field(default_factory=list)


def ground_entries(
    candidates: Sequence[Sequence[str]], references: Sequence[str], matcher: KeywordMatcher
) -> Grounded:
    """Keep each candidate entry one of the references contains; repeats count once.

    Kept entries get their spellings in the language's other scripts (Serbian Latin for
    Cyrillic and back). Two entries are repeats when their normalised forms overlap.
    """
    lang = matcher.lang
    prepared = [matcher.prepare(reference) for reference in references]
    result = Grounded()
    seen: set[str] = set()
    for entry in candidates:
        forms = [form.strip() for form in entry if form.strip()]
        if not forms:
            continue
        if not any(matcher.found(text, forms) for text in prepared):
            result.dropped.append(forms)
            continue
        variants = list(
            dict.fromkeys(v for form in forms for v in script_variants(form, lang.code))
        )
        normalised = {normalize(v, lang) for v in variants}
        if normalised & seen:
            continue
        seen |= normalised
        result.kept.append(variants)
    return result
