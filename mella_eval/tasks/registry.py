"""Finding tasks and groups in task folders and resolving names to task specs.

Files whose names start with ``_`` are include-only bases; a file with a top-level
``groups:`` mapping defines groups; every other ``*.yaml`` is a task. A broken file is
remembered with its error rather than breaking every command: only commands that need
that task fail on it.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from mella_eval.errors import TaskError
from mella_eval.tasks.loader import Overrides, load_task
from mella_eval.tasks.spec import TaskSpec
from mella_eval.tasks.yamlio import read_yaml


class TaskShadowWarning(UserWarning):
    """A task file defines a task name that an earlier file already defined."""


_warned_shadows: set[tuple[str, Path, Path]] = set()


def bundled_tasks_dir() -> Path:
    """The shipped ``tasks/`` folder (the checkout's, or the copy inside the wheel)."""
    checkout = Path(__file__).resolve().parents[2] / "tasks"
    return (
        checkout
        if checkout.is_dir()
        else Path(__file__).resolve().parents[1] / "_bundled" / "tasks"
    )


def task_files(root: Path) -> list[Path]:
    """Task and group YAML files under ``root``, sorted, skipping ``_`` bases."""
    found = [p for ext in ("*.yaml", "*.yml") for p in root.rglob(ext)]
    return sorted(p for p in found if not p.name.startswith("_"))


@dataclass
class TaskRegistry:
    """All known tasks and groups, from the bundled folder and user include paths."""

    tasks: dict[str, TaskSpec] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    broken: dict[Path, TaskError] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def discover(
        cls, include_paths: list[Path] | None = None, overrides: Overrides | None = None
    ) -> TaskRegistry:
        """Load every task; user folders come after the bundled one and win on a name clash."""
        registry = cls()
        env_paths = [Path(p) for p in os.environ.get("MELLA_EVAL_TASKS", "").split(os.pathsep) if p]
        for root in [bundled_tasks_dir(), *env_paths, *(include_paths or [])]:
            if not root.is_dir():
                raise TaskError("task folder not found", root)
            for path in task_files(root):
                registry.add_file(path, overrides)
        return registry

    def add_file(self, path: Path, overrides: Overrides | None = None) -> None:
        """Load one task or group file; a broken file is recorded in ``broken``."""
        try:
            data, _ = read_yaml(path)
            if isinstance(data, dict) and "groups" in data:
                self._add_groups(path, data["groups"])
                return
            spec = load_task(path, overrides)
        except TaskError as exc:
            self.broken[path] = exc
            return
        earlier = self.files.get(spec.name)
        if earlier is not None and earlier != path:
            _warn_shadow(spec.name, earlier, path)
        self.tasks[spec.name] = spec
        self.files[spec.name] = path

    def _add_groups(self, path: Path, groups: object) -> None:
        if not isinstance(groups, dict):
            raise TaskError("'groups' must map group names to lists of task or group names", path)
        for name, members in groups.items():
            if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
                raise TaskError(f"group {name!r} must list task or group names", path)
            self.groups[str(name)] = list(members)

    def names(self) -> list[str]:
        """Every task and group name (for suggestions)."""
        return sorted({*self.tasks, *self.groups})

    def resolve(self, names: list[str]) -> list[TaskSpec]:
        """Expand groups and globs into task specs, in order, without duplicates."""
        ordered: dict[str, TaskSpec] = {}
        for name in names:
            for task_name in self._expand(name.strip(), ()):
                ordered.setdefault(task_name, self.get(task_name))
        if not ordered:
            raise TaskError("no tasks selected")
        return list(ordered.values())

    def _expand(self, name: str, chain: tuple[str, ...]) -> list[str]:
        if name in chain:
            raise TaskError(f"group cycle: {' -> '.join((*chain, name))}")
        if name in self.groups:
            return [t for member in self.groups[name] for t in self._expand(member, (*chain, name))]
        if name in self.tasks or self._broken_named(name):
            return [name]
        if any(ch in name for ch in "*?["):
            matches = sorted(fnmatch.filter(self.tasks, name))
            if matches:
                return matches
        hint = difflib.get_close_matches(name, self.names(), n=3)
        suggestion = (
            f"; did you mean {', '.join(hint)}?" if hint else "; see `mella-eval tasks list`"
        )
        where = f" (in group {chain[-1]!r})" if chain else ""
        raise TaskError(f"unknown task or group {name!r}{where}{suggestion}")

    def _broken_named(self, name: str) -> TaskError | None:
        return next((err for path, err in self.broken.items() if path.stem == name), None)

    def get(self, name: str) -> TaskSpec:
        """The spec of one task; a broken task file raises its own error here."""
        if name in self.tasks:
            return self.tasks[name]
        broken = self._broken_named(name)
        if broken is not None:
            raise broken
        raise TaskError(f"unknown task {name!r}")

    def groups_of(self, task_name: str) -> list[str]:
        """Groups that contain ``task_name`` directly or through other groups."""
        return [g for g in sorted(self.groups) if task_name in self._expand_quiet(g)]

    def _expand_quiet(self, group: str) -> list[str]:
        try:
            return self._expand(group, ())
        except TaskError:
            return []


def _warn_shadow(name: str, earlier: Path, later: Path) -> None:
    """Say, once per process, that ``later`` replaces ``earlier``'s task ``name``.

    Shadowing is how a user overrides a bundled task on purpose, but done by accident
    (a copied file, a folder given twice under two names) it silently changes what is
    run and scored; registries are built several times per command, hence "once".
    """
    if (name, earlier, later) in _warned_shadows:
        return
    _warned_shadows.add((name, earlier, later))
    warnings.warn(
        f"task {name!r} in {later} shadows the task of the same name in {earlier}; {later} is used",
        TaskShadowWarning,
        stacklevel=3,
    )
