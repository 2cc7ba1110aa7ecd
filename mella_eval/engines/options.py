"""Engine options from the command line (``--engine-arg key=value``) and YAML files.

Values are typed like JSON/YAML scalars, so ``tensor_parallel_size=2`` reaches the
engine as an int; dashes in keys become underscores.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mella_eval.errors import EngineError
from mella_eval.limits import LimitError, check_tree_size

__all__ = ["load_engine_options", "parse_engine_arg", "parse_engine_args"]


def parse_engine_arg(text: str) -> tuple[str, Any]:
    """Parse one ``--engine-arg key=value``; the value is typed like JSON/YAML scalars.

    ``8`` is an int, ``0.5`` a float, ``true``/``false`` a bool, ``null`` None,
    ``{"image": 2}`` or ``[1, 2]`` JSON; anything else stays a string.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise EngineError(f"--engine-arg must look like key=value, got {text!r}")
    return key.replace("-", "_"), _typed(raw.strip())


def _typed(raw: str) -> Any:
    lowered = raw.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    if lowered in ("null", "none"):
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def parse_engine_args(items: Sequence[str]) -> dict[str, Any]:
    """Parse repeated ``--engine-arg`` values; later keys win."""
    return dict(parse_engine_arg(item) for item in items)


def load_engine_options(path: str | Path | None, args: Sequence[str] = ()) -> dict[str, Any]:
    """Options from a YAML mapping file, overridden by ``--engine-arg`` values."""
    options: dict[str, Any] = {}
    if path is not None:
        import yaml

        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
            check_tree_size(data)
        except (OSError, yaml.YAMLError, LimitError) as exc:
            raise EngineError(f"{path}: cannot read engine options: {exc}") from None
        except RecursionError:
            raise EngineError(f"{path}: cannot read engine options: nested too deep") from None
        if data is not None and not isinstance(data, dict):
            raise EngineError(f"{path}: engine options must be a mapping of key: value")
        options.update({str(k).replace("-", "_"): v for k, v in (data or {}).items()})
    options.update(parse_engine_args(args))
    return options
