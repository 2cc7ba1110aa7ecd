"""One rule for lone UTF-16 surrogates, applied wherever text enters mella-eval.

JSON may escape a code point as ``\\ud83d``; a well-formed pair (``\\ud83d\\ude00``) is
joined by the parser into one character, but a lone half stays in the Python string as a
surrogate code point (U+D800-U+DFFF). Such a string cannot be encoded as UTF-8: writing
it to the store, a sample file or ``results.json`` raises ``UnicodeEncodeError``, and so
do metrics that encode text. A server that answers ``"\\ud800"`` would lose its whole
chunk and crash every rerun the same way.

The rule: **every surrogate code point in text that enters (an engine's answer, a data
file, a keywords file, a predictions file) is replaced by U+FFFD (the replacement
character), and the replacement is reported** (a store record gets a
``surrogates_replaced`` count; a file line gets a warning naming file and line). U+FFFD
is what a UTF-8 decoder puts in place of bytes it cannot decode, so the text stays one
character long where it was broken and every later stage sees ordinary Unicode.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

__all__ = [
    "REPLACEMENT",
    "SurrogateWarning",
    "clean_loaded",
    "has_surrogates",
    "may_hold_surrogates",
    "replace_surrogates",
    "scrub",
]

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class SurrogateWarning(UserWarning):
    """Text read from a file held lone surrogates, replaced by U+FFFD (shown on the console)."""


def may_hold_surrogates(json_text: str) -> bool:
    """Whether parsing ``json_text`` can yield a surrogate: only a ``\\uD800``-style escape can
    (a decoded UTF-8 text never holds one)."""
    return _ESCAPE.search(json_text) is not None or has_surrogates(json_text)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point (and so cannot be UTF-8 encoded)."""
    return _SURROGATE.search(text) is not None


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each surrogate code point replaced by U+FFFD, and how many were."""
    if not has_surrogates(text):  # the common case: no copy
        return text, 0
    return _SURROGATE.subn(REPLACEMENT, text)


def scrub(value: Any) -> tuple[Any, int]:
    """A JSON-like value with every string (keys included) cleaned, and the count.

    Recursive, so only as deep as the JSON parser allowed; returns the value itself
    when nothing changed. Readers call it only when the raw text holds a surrogate
    escape (:func:`may_hold_surrogates`), so clean files cost one regex search.
    """
    if isinstance(value, str):
        return replace_surrogates(value)
    if isinstance(value, dict):
        total, out = 0, {}
        for key, inner in value.items():
            new_key, n_key = scrub(key)
            new_value, n_value = scrub(inner)
            out[new_key] = new_value
            total += n_key + n_value
        return (out, total) if total else (value, 0)
    if isinstance(value, list | tuple):
        cleaned = [scrub(inner) for inner in value]
        total = sum(n for _, n in cleaned)
        if not total:
            return value, 0
        items = [v for v, _ in cleaned]
        return (tuple(items) if isinstance(value, tuple) else items), total
    return value, 0


def clean_loaded(value: Any, where: str) -> Any:
    """``value`` parsed from the file place ``where``, cleaned; a warning names the place."""
    cleaned, count = scrub(value)
    if count:
        warnings.warn(
            f"{where}: {count} lone UTF-16 surrogate(s) (e.g. a \\ud83d escape) replaced by U+FFFD",
            SurrogateWarning,
            stacklevel=3,
        )
    return cleaned
