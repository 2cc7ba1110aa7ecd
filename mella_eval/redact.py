"""Removing credentials from run settings before they are written anywhere.

Run settings travel into ``run-config.json``, ``engine-info.json``, ``results.json``
(engine settings and the command line) and from there into leaderboard records. A key
can hide in several places: the user part of a URL (``http://user:KEY@host/v1``), a
query parameter (``?api_key=...``), an option named like a secret (``api_key``,
``token``, ``authorization``, ``password``, ``secret``), or a ``key=value`` argument on
the command line. :func:`redact` replaces each with ``***`` and keeps everything else,
so a saved setting still says *which* server was used, never *how* to log in.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

MASK = "***"
_SECRET_WORDS = frozenset(
    {"token", "apikey", "password", "passwd", "pwd", "secret", "authorization",
     "authorisation", "auth", "credential", "credentials", "cookie", "sig", "signature"}
)  # fmt: skip
_SECRET_PAIRS = frozenset({("api", "key"), ("access", "key"), ("private", "key")})
_WORD_SPLIT = re.compile(r"[_\-.\s]+|(?<=[a-z])(?=[A-Z])")
# scheme://user:pass@host  or  scheme://token@host
_URL_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^/@\s?#]+)@")
# name=value in a query string or an argument; name: value in a header-like text
_NAME_VALUE = re.compile(
    r"(?P<name>[A-Za-z][A-Za-z0-9_.-]*)(?P<sep>\s*[=:]\s*)"
    r"(?P<value>(?:(?:Bearer|Basic)\s+)?[^&\s,;\"'/][^&\s,;\"']*)"
)
_BEARER = re.compile(r"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE)


def is_secret_name(name: str) -> bool:
    """Whether an option or field name says that its value is a credential.

    Decided per word (``max_tokens`` and ``tokenizer`` are not secrets; ``api_key``,
    ``x-api-key``, ``accessToken`` are). ``api_key_env`` names an environment
    variable, not a key, and is kept.
    """
    words = [w.lower() for w in _WORD_SPLIT.split(name.strip("-")) if w]
    if not words or words[-1] == "env":
        return False
    return any(w in _SECRET_WORDS for w in words) or any(
        pair in _SECRET_PAIRS for pair in itertools.pairwise(words)
    )


def redact_text(text: str) -> str:
    """``text`` with URL user info, secret-named ``name=value`` pairs and bearer tokens masked."""
    text = _URL_USERINFO.sub(lambda m: f"{m['scheme']}{MASK}@", text)
    text = _NAME_VALUE.sub(_mask_pair, text)
    return _BEARER.sub(lambda m: f"{m[1]} {MASK}", text)


def _mask_pair(match: re.Match[str]) -> str:
    if not is_secret_name(match["name"]) or match["value"] == MASK:
        return match[0]
    return f"{match['name']}{match['sep']}{MASK}"


def redact(value: Any) -> Any:
    """A copy of ``value`` (dicts, lists, strings) with every credential masked."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, dict):
        return {
            key: (MASK if is_secret_name(str(key)) and inner else redact(inner))
            for key, inner in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(_redact_arguments(list(value)))
    return value


def _redact_arguments(items: list[Any]) -> list[Any]:
    """Redact list items; in a command line, the value after ``--api-key`` too."""
    out: list[Any] = []
    for index, item in enumerate(items):
        before = items[index - 1] if index else None
        flag = isinstance(before, str) and before.startswith("-") and "=" not in before
        if flag and isinstance(item, str) and is_secret_name(str(before)):
            out.append(MASK)
        else:
            out.append(redact(item))
    return out
