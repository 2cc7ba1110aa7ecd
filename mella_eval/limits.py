"""Limits on what a user-supplied file may hold, and reading such files safely.

A results folder submitted to a leaderboard, or a data file, comes from someone else.
Before a JSON document is parsed it is size-capped and its nesting depth is counted on
the raw text (the JSON parser and pydantic recurse, so a document nested 2,000 deep
would crash them); after parsing, string lengths are checked. Files named inside a
submitted folder are opened only if they resolve inside it and are regular files
(``os.stat`` before ``open``: no FIFO hangs, no ``/dev/zero``, no symlink escapes).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

MAX_JSON_DEPTH = 32
MAX_RESULTS_BYTES = 16 * 1024 * 1024
MAX_SAMPLES_BYTES = 256 * 1024 * 1024
MAX_RECORD_BYTES = 1024 * 1024
MAX_STRING_CHARS = 64 * 1024
MAX_NAME_CHARS = 256
#: Longest prediction or reference that is scored (characters); a longer one fails its own
#: sample. Meteor 1.5 (``meteor_coco``, 2 GB JVM) ran out of memory at 100,000 characters
#: of repetitive text; measurements in docs/reliability.md.
MAX_SCORED_CHARS = 20_000
_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET_RE = re.compile(r"[\[\]{}]")


class LimitError(ValueError):
    """A document exceeds a limit; the message says which and where."""


def json_depth(text: str) -> int:
    """Deepest nesting of arrays/objects in JSON ``text``, counted without recursion."""
    depth = deepest = 0
    for bracket in _BRACKET_RE.findall(_STRING_RE.sub('""', text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_json_text(text: str, *, max_bytes: int, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Refuse ``text`` before parsing when it is too large or nested too deep."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise LimitError(f"{size} bytes, more than the limit of {max_bytes}")
    depth = json_depth(text)
    if depth > max_depth:
        raise LimitError(f"nested {depth} levels deep, more than the limit of {max_depth}")


def check_strings(
    value: Any, *, max_chars: int = MAX_STRING_CHARS, where: str = "", depth: int = 0
) -> None:
    """Refuse any string (key or value) longer than ``max_chars``, naming its place."""
    if depth > MAX_JSON_DEPTH:
        raise LimitError(f"{where or 'value'}: nested more than {MAX_JSON_DEPTH} levels deep")
    if isinstance(value, str):
        if len(value) > max_chars:
            raise LimitError(f"{where or 'value'}: {len(value)} characters (limit {max_chars})")
    elif isinstance(value, dict):
        for key, inner in value.items():
            check_strings(key, max_chars=max_chars, where=f"{where}.<key>", depth=depth + 1)
            check_strings(inner, max_chars=max_chars, where=f"{where}.{key}", depth=depth + 1)
    elif isinstance(value, list | tuple):
        for index, inner in enumerate(value):
            check_strings(inner, max_chars=max_chars, where=f"{where}[{index}]", depth=depth + 1)


def read_confined(base: Path, relative: str, *, max_bytes: int) -> bytes:
    """Read ``base/relative`` only if it is a regular file inside ``base`` and small enough.

    The path is resolved (symlinks followed) and must stay under the resolved ``base``;
    ``os.stat`` decides before anything is opened, and the open is non-blocking, so a
    named pipe, a device or a file swapped in between is refused instead of hanging.
    """
    root = base.resolve()
    target = (root / relative).resolve()
    if Path(relative).is_absolute() or not target.is_relative_to(root):
        raise LimitError(f"{relative!r} points outside {root}")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        raise FileNotFoundError(str(target)) from None
    _check_regular(info, target, max_bytes)
    fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        _check_regular(os.fstat(handle.fileno()), target, max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise LimitError(f"{target}: larger than the limit of {max_bytes} bytes")
    return data


def _check_regular(info: os.stat_result, path: Path, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise LimitError(f"{path}: not a regular file")
    if info.st_size > max_bytes:
        raise LimitError(f"{path}: {info.st_size} bytes, more than the limit of {max_bytes}")


MAX_TREE_NODES = 100_000
MAX_YAML_BYTES = 4 * 1024 * 1024


def check_tree_size(value: Any, max_nodes: int = MAX_TREE_NODES) -> None:
    """Refuse a parsed document with more than ``max_nodes`` values once expanded.

    YAML aliases let 1 kB of text stand for a tree of billions of values ("billion
    laughs"): safe to load (the values are shared), fatal to walk, copy or serialise.
    The count stops at the limit, so the check itself stays cheap.
    """
    stack, seen = [value], 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > max_nodes:
            raise LimitError(
                f"more than {max_nodes} values once expanded (YAML aliases used as a bomb?)"
            )
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
