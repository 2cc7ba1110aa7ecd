"""Removing credentials from run settings before they are written anywhere.

Run settings travel into ``run-config.json``, ``engine-info.json``, ``results.json``
(engine settings and the command line) and from there into leaderboard records. A key
can hide in several places: the user part of a URL (``http://user:KEY@host/v1``), a
query parameter (``?api_key=...``, ``?key=...``, ``?code=...``, also inside an
argument such as ``base_url=http://h/v1?api_key=...``), an option named like a secret
(``api_key``, ``token``, ``authorization``, ``password``, ``secret``), or a ``key=value``
argument on the command line. :func:`redact` replaces each with ``***`` and keeps
everything else, so a saved setting still says *which* server was used, never *how* to
log in.
"""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import unquote

MASK = "***"
_SECRET_WORDS = frozenset(
    {"token", "apikey", "password", "passwd", "pwd", "secret", "authorization",
     "authorisation", "auth", "credential", "credentials", "cookie", "sig", "signature"}
)  # fmt: skip
_SECRET_PAIRS = frozenset({("api", "key"), ("access", "key"), ("private", "key")})
# In a URL's query or fragment these words name a credential too: Google's ``?key=``,
# OAuth's ``?code=`` (and ``#access_token=``), Azure's ``subscription-key``, a ``session``.
_QUERY_SECRET_WORDS = _SECRET_WORDS | {"key", "code", "session", "sessionid", "sid"}
# ?name=value, &name=value, ;name=value or #name=value: one URL parameter
_QUERY_PARAM = re.compile(r"(?P<lead>[?&;#])(?P<name>[^=&;#?\s\"'<>]+)=(?P<value>[^&;#\s\"'<>]*)")
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


def is_secret_query_name(name: str) -> bool:
    """Whether a URL query parameter (percent-decoded) names a credential.

    Wider than :func:`is_secret_name`: in a URL a bare ``key`` or ``code`` is a login
    (an API key, an OAuth authorisation code), while as an option name it is not.
    """
    words = [w.lower() for w in _WORD_SPLIT.split(unquote(name)) if w]
    return is_secret_name(unquote(name)) or any(w in _QUERY_SECRET_WORDS for w in words)


def redact_text(text: str) -> str:
    """``text`` with URL user info, secret query parameters, secret-named ``name=value``
    pairs and bearer tokens masked."""
    text = _URL_USERINFO.sub(lambda m: f"{m['scheme']}{MASK}@", text)
    text = _QUERY_PARAM.sub(_mask_query_param, text)
    text = _mask_pairs(text)
    return _BEARER.sub(lambda m: f"{m[1]} {MASK}", text)


def _mask_query_param(match: re.Match[str]) -> str:
    if not match["value"] or not is_secret_query_name(match["name"]):
        return match[0]
    return f"{match['lead']}{match['name']}={MASK}"


def _mask_pairs(text: str) -> str:
    """Mask every secret-named ``name=value``, including pairs nested in another's value.

    A plain ``re.sub`` resumes after a whole match, so ``base_url=http://h?token=K``
    would hide the inner pair inside the outer (innocent) value; after a pair that is
    kept, the search resumes at the start of its value instead.
    """
    out: list[str] = []
    position = 0
    while (match := _NAME_VALUE.search(text, position)) is not None:
        out.append(text[position : match.start()])
        if is_secret_name(match["name"]) and match["value"] != MASK:
            out.append(f"{match['name']}{match['sep']}{MASK}")
            position = match.end()
        else:
            out.append(text[match.start() : match.start("value")])
            position = match.start("value")
    out.append(text[position:])
    return "".join(out)


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
