"""Where keyword entries occur in a text, as character ranges, for highlighting.

The matcher that scores keywords answers only "is this entry in this text?". Until it
offers ``KeywordMatcher.spans(text, forms)`` (planned), :func:`keyword_spans` finds the
ranges by asking it about windows of consecutive words (segments, for Thai) of the
*original* text and keeping the smallest windows that match, so highlighting agrees
with scoring by construction (same normalisation, stemming and match mode). When the
matcher has ``spans``, it is used instead. Offsets are Python string indices.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from mella_eval.text.keywords import KeywordMatcher

Span = tuple[int, int]
_EXTRA_WINDOW = 2  # words beyond the longest form (stemmed or split forms)
_SEGMENT_WINDOW = 12  # Thai: segments per window (a form may split into several)


def keyword_spans(matcher: KeywordMatcher, text: str, forms: Sequence[str]) -> list[Span]:
    """Non-overlapping ``(start, end)`` ranges of ``text`` where the entry is found."""
    native = getattr(matcher, "spans", None)
    if callable(native):
        return [(int(s), int(e)) for s, e in native(text, forms)]
    if not text or not forms or not matcher.found(matcher.prepare(text), forms):
        return []
    units = _units(matcher, text)
    if matcher.mode == "boundaries":
        width = _SEGMENT_WINDOW
    else:
        width = max(len(f.split()) for f in forms) + _EXTRA_WINDOW
    spans: list[Span] = []
    index = 0
    while index < len(units):
        end = _smallest_match(matcher, text, units, index, width, forms)
        if end is None:
            index += 1
            continue
        start = _latest_start(matcher, text, units, index, end, forms)
        spans.append((units[start][0], units[end][1]))
        index = end + 1
    return spans


def _latest_start(
    matcher: KeywordMatcher,
    text: str,
    units: list[Span],
    first: int,
    last: int,
    forms: Sequence[str],
) -> int:
    """Drop leading words of a matching window while it still matches."""
    start = first
    while start < last:
        window = text[units[start + 1][0] : units[last][1]]
        if not matcher.found(matcher.prepare(window), forms):
            break
        start += 1
    return start


def _smallest_match(
    matcher: KeywordMatcher,
    text: str,
    units: list[Span],
    first: int,
    width: int,
    forms: Sequence[str],
) -> int | None:
    """The last unit of the shortest window starting at ``first`` that contains the entry."""
    for last in range(first, min(first + width, len(units))):
        window = text[units[first][0] : units[last][1]]
        if matcher.found(matcher.prepare(window), forms):
            return last
    return None


def _units(matcher: KeywordMatcher, text: str) -> list[Span]:
    """Word ranges (letters, marks, digits) or, for unspaced scripts, segment ranges."""
    spans: list[Span] = []
    if matcher.mode == "boundaries":
        position = 0
        for segment in matcher.segmenter.segment(text):
            found = text.find(segment, position)
            if found < 0 or not segment.strip():
                continue
            spans.append((found, found + len(segment)))
            position = found + len(segment)
        return spans
    start: int | None = None
    for offset, char in enumerate(text):
        inside = unicodedata.category(char)[0] in "LMN"
        if inside and start is None:
            start = offset
        elif not inside and start is not None:
            spans.append((start, offset))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def merge_spans(spans: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Sort ``(start, end, entry)`` ranges and drop any that overlap an earlier one."""
    kept: list[tuple[int, int, int]] = []
    for start, end, entry in sorted(spans):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, entry))
    return kept
