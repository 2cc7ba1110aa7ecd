"""YAML reading that remembers where every key came from.

Error messages must name the file and line of the offending key, even when the key
was inherited through ``include:``; so each loaded mapping carries a table from key
path to (file, line), merged alongside the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mella_eval.errors import TaskError
from mella_eval.limits import MAX_YAML_BYTES, LimitError, check_tree_size
from mella_eval.text.surrogates import clean_loaded

KeyPath = tuple[str | int, ...]
Origins = dict[KeyPath, tuple[Path, int]]


def read_yaml(path: Path) -> tuple[Any, Origins]:
    """Parse ``path``; return the data and each key path's (file, 1-based line)."""
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise TaskError(f"larger than {MAX_YAML_BYTES} bytes; refused", path)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaskError("file not found", path) from None
    except UnicodeDecodeError as exc:
        raise TaskError(f"not UTF-8 ({exc.reason} at byte {exc.start})", path) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
        check_tree_size(data)
        data = clean_loaded(data, str(path))  # a "\ud800" escape: see text.surrogates
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise TaskError(f"invalid YAML: {exc.problem or exc}", path, line) from None
    except yaml.YAMLError as exc:
        raise TaskError(f"invalid YAML: {exc}", path) from None
    except LimitError as exc:
        raise TaskError(f"refused: {exc}", path) from None
    except RecursionError:
        raise TaskError("refused: nested too deep", path) from None
    origins: Origins = {}
    if node is not None:
        _collect_origins(node, (), path, origins)
    return data, origins


def _collect_origins(node: yaml.Node, prefix: KeyPath, path: Path, out: Origins) -> None:
    out.setdefault(prefix, (path, node.start_mark.line + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, str(key_node.value))
            out[key] = (path, key_node.start_mark.line + 1)
            _collect_origins(value_node, key, path, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_origins(item, (*prefix, index), path, out)


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge mappings recursively; ``override`` wins, lists and scalars are replaced whole."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def merge_origins(base: Origins, override: Origins, override_data: dict[str, Any]) -> Origins:
    """Origins after ``deep_merge``: keys replaced whole by the override lose their old children."""
    merged = dict(base)
    for key_path in list(merged):
        if key_path and _replaced_whole(override_data, key_path):
            del merged[key_path]
    merged.update({k: v for k, v in override.items() if k})
    return merged


def _replaced_whole(data: dict[str, Any], key_path: KeyPath) -> bool:
    node: Any = data
    for depth, key in enumerate(key_path):
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
        if not isinstance(node, dict) and depth < len(key_path) - 1:
            return True
    return False


def nearest_origin(origins: Origins, key_path: KeyPath) -> tuple[Path | None, int | None]:
    """The origin of ``key_path`` or of its closest ancestor that has one."""
    for cut in range(len(key_path), -1, -1):
        hit = origins.get(tuple(key_path[:cut]))
        if hit is not None:
            return hit
    return None, None
