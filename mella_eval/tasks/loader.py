"""Loading task files: ``include:`` of shared bases, user overrides, precise errors.

Every validation error names the file and line of the key at fault, even when that key
was inherited from an included base or came from a ``--data-override`` file.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mella_eval.errors import TaskError
from mella_eval.tasks.spec import TaskSpec
from mella_eval.tasks.yamlio import (
    Origins,
    deep_merge,
    merge_origins,
    nearest_origin,
    read_yaml,
)

MAX_INCLUDE_DEPTH = 16


def read_with_includes(path: Path, _chain: tuple[Path, ...] = ()) -> tuple[dict[str, Any], Origins]:
    """Read ``path`` and merge the files it includes beneath it (the includer wins)."""
    path = path.resolve()
    if path in _chain:
        cycle = " -> ".join(p.name for p in (*_chain, path))
        raise TaskError(f"include cycle: {cycle}", path)
    if len(_chain) > MAX_INCLUDE_DEPTH:
        raise TaskError("includes nested too deeply", path)
    data, origins = read_yaml(path)
    if not isinstance(data, dict):
        raise TaskError("a task file must be a YAML mapping", path, 1)
    includes = data.pop("include", None) or []
    includes = [includes] if isinstance(includes, str) else includes
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        raise TaskError(
            "include must be a file name or a list of them", *_where(origins, ("include",))
        )
    merged: dict[str, Any] = {}
    merged_origins: Origins = {}
    for name in includes:
        base_data, base_origins = read_with_includes(path.parent / name, (*_chain, path))
        merged, merged_origins = _layer(merged, merged_origins, base_data, base_origins)
    origins = {k: v for k, v in origins.items() if not k or k[0] != "include"}
    return _layer(merged, merged_origins, data, origins)


def _layer(
    base: dict[str, Any], base_origins: Origins, top: dict[str, Any], top_origins: Origins
) -> tuple[dict[str, Any], Origins]:
    return deep_merge(base, top), merge_origins(base_origins, top_origins, top)


def _where(origins: Origins, key_path: tuple[str | int, ...]) -> tuple[Path | None, int | None]:
    return nearest_origin(origins, key_path)


class Overrides:
    """A ``--data-override`` file: task names or globs -> fields merged into those tasks.

    String values may use ``{task}``, ``{lang}`` and ``{kind}``, so one entry can
    re-point all 16 MELLA tasks at the real data.
    """

    def __init__(self, path: Path):
        self.path = path.resolve()
        data, self.origins = read_yaml(self.path)
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise TaskError("an override file maps task names or globs to mappings", self.path, 1)
        self.entries: dict[str, dict[str, Any]] = data

    def apply(
        self, name: str, data: dict[str, Any], origins: Origins
    ) -> tuple[dict[str, Any], Origins]:
        """Merge every matching entry into one task's raw data."""
        for pattern, fields in self.entries.items():
            if not fnmatch.fnmatchcase(name, pattern):
                continue
            if "name" in fields:
                raise TaskError(
                    "overrides cannot rename a task", *_where(self.origins, (pattern, "name"))
                )
            filled = _fill_placeholders(fields, name, data)
            sub_origins = {k[1:]: v for k, v in self.origins.items() if k and k[0] == pattern}
            data, origins = _layer(data, origins, filled, sub_origins)
        return data, origins


def _fill_placeholders(value: Any, name: str, task: dict[str, Any]) -> Any:
    lang = task.get("language")
    code = lang.get("code") if isinstance(lang, dict) else lang
    if isinstance(value, str):
        return (
            value.replace("{task}", name)
            .replace("{lang}", str(code))
            .replace("{kind}", str(task.get("kind")))
        )
    if isinstance(value, dict):
        return {k: _fill_placeholders(v, name, task) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill_placeholders(v, name, task) for v in value]
    return value


def load_task(path: Path, overrides: Overrides | None = None) -> TaskSpec:
    """Read, merge, override and validate one task file into a :class:`TaskSpec`."""
    data, origins = read_with_includes(path)
    name = data.get("name")
    if not isinstance(name, str):
        raise TaskError("a task needs a 'name'", path.resolve(), 1)
    if overrides is not None:
        data, origins = overrides.apply(name, data, origins)
    defined_in, _ = nearest_origin(origins, ("dataset", "path"))
    base_dir = (defined_in or path.resolve()).parent
    keywords_in, _ = nearest_origin(origins, ("dataset", "keywords_file"))
    keywords_base_dir = (keywords_in or path.resolve()).parent
    try:
        return TaskSpec.model_validate(
            {**data, "base_dir": base_dir, "keywords_base_dir": keywords_base_dir}
        )
    except ValidationError as exc:
        raise _task_error(exc, origins, path) from None


def _task_error(exc: ValidationError, origins: Origins, path: Path) -> TaskError:
    """Turn pydantic's errors into one message led by the first error's file and line."""
    problems = []
    first: tuple[Path | None, int | None] = (path, None)
    for index, error in enumerate(exc.errors()):
        loc = tuple(error["loc"])
        where_file, where_line = nearest_origin(origins, loc)
        if error["type"] == "extra_forbidden":
            message = f"unknown key {'.'.join(map(str, loc))!r}"
        else:
            field = ".".join(map(str, loc)) or "task"
            message = f"{field}: {error['msg'].removeprefix('Value error, ')}"
        if index == 0:
            first = (where_file or path, where_line)
            problems.append(message)
        else:
            problems.append(f"{message} ({where_file}:{where_line})")
    return TaskError("; ".join(problems), *first)
