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


def registry_from_args(args: argparse.Namespace) -> TaskRegistry:
    """The task registry for the include paths and overrides given on the command line."""
    overrides = Overrides(args.data_override) if args.data_override else None
    return TaskRegistry.discover(list(args.include_path), overrides)


def split_names(values: list[str]) -> list[str]:
    """``["a,b", "c"]`` -> ``["a", "b", "c"]``."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]
