"""Where keyword entries occur in a text, as character ranges, for highlighting.

The ranges come from the matcher that scores keyword accuracy
(:meth:`mella_eval.text.keywords.KeywordMatcher.spans`), so a highlighted range is
exactly what the scorer counts, with its normalisation, stemming and match mode, in
the original spelling. Offsets are Python string indices into the original text.
"""

from __future__ import annotations

from collections.abc import Sequence

from mella_eval.text.keywords import KeywordMatcher

Span = tuple[int, int]


def keyword_spans(matcher: KeywordMatcher, text: str, forms: Sequence[str]) -> list[Span]:
    """Non-overlapping, sorted ``(start, end)`` ranges of ``text`` where the entry is found."""
    if not text or not forms:
        return []
    return [(int(start), int(end)) for start, end in matcher.spans(text, forms)]


def merge_spans(spans: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Sort ``(start, end, entry)`` ranges and drop any that overlap an earlier one."""
    kept: list[tuple[int, int, int]] = []
    for start, end, entry in sorted(spans):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, entry))
    return kept
