"""Options shared by several subcommands, and the registry they build."""

from __future__ import annotations

import argparse
from pathlib import Path

from mella_eval.tasks import Overrides, TaskRegistry


def add_task_source_options(parser: argparse.ArgumentParser) -> None:
    """``--include-path`` and ``--data-override``: where tasks come from, how to re-point them."""
    parser.add_argument(
        "--include-path",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="extra folder of task YAML files (repeatable; wins over bundled tasks on a clash)",
    )
    parser.add_argument(
        "--data-override",
        type=Path,
        metavar="FILE",
        help="YAML mapping task names/globs to fields to override, e.g. the dataset path",
    )


def overrides_from_args(args: argparse.Namespace) -> Overrides | None:
    """The ``--data-override`` file, parsed, if one was given."""
    return Overrides(args.data_override) if args.data_override else None


def registry_from_args(
    args: argparse.Namespace, extra_files: list[Path] | None = None
) -> TaskRegistry:
    """The task registry for the command line's include paths and overrides.

    ``extra_files`` are single task or group files added on top (``tasks validate FILE``).
    """
    overrides = overrides_from_args(args)
    registry = TaskRegistry.discover(list(args.include_path), overrides)
    for path in extra_files or []:
        registry.add_file(path.resolve(), overrides)
    return registry


def split_names(values: list[str]) -> list[str]:
    """``["a,b", "c"]`` -> ``["a", "b", "c"]``."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]
