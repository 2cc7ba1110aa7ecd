"""``mella-eval tasks list|show|validate``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mella_eval.cli.common import add_task_source_options, registry_from_args
from mella_eval.errors import MellaError, TaskError


def add_parser(subparsers: Any) -> None:
    """Register the ``tasks`` command and its subcommands."""
    parser = subparsers.add_parser("tasks", help="list, show and validate task definitions")
    sub = parser.add_subparsers(dest="tasks_command", metavar="SUBCOMMAND", required=True)

    listing = sub.add_parser("list", help="table of tasks and groups")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    add_task_source_options(listing)
    listing.set_defaults(func=list_tasks)

    show = sub.add_parser("show", help="the resolved definition of one task")
    show.add_argument("name")
    add_task_source_options(show)
    show.set_defaults(func=show_task)

    validate = sub.add_parser(
        "validate", help="check schema, includes, data, images and reference languages"
    )
    validate.add_argument(
        "paths", nargs="*", type=Path, help="task files or folders (default: all)"
    )
    validate.add_argument("--no-images", action="store_true", help="skip decoding every image")
    add_task_source_options(validate)
    validate.set_defaults(func=validate_tasks)


def list_tasks(args: argparse.Namespace) -> int:
    """Print every task (name, kind, language, metrics) and every group."""
    registry = registry_from_args(args)
    rows = [
        {
            "name": spec.name,
            "kind": spec.kind,
            "language": spec.language.code,
            "scripts": list(spec.language.scripts),
            "metrics": [m.key for m in spec.metrics],
            "groups": registry.groups_of(spec.name),
            "file": str(registry.files[spec.name]),
        }
        for spec in sorted(registry.tasks.values(), key=lambda s: s.name)
    ]
    broken = {str(path): str(err) for path, err in registry.broken.items()}
    if args.json:
        payload = {"tasks": rows, "groups": registry.groups, "broken": broken}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print_task_table(rows, registry.groups, broken)
    return 1 if broken else 0


def _print_task_table(
    rows: list[dict[str, Any]], groups: dict[str, list[str]], broken: dict[str, str]
) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"{len(rows)} tasks")
    for column in ("task", "kind", "lang", "scripts", "metrics"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["name"],
            row["kind"],
            row["language"],
            "/".join(row["scripts"]),
            ", ".join(row["metrics"]),
        )
    console.print(table)
    group_table = Table(title=f"{len(groups)} groups")
    group_table.add_column("group")
    group_table.add_column("members")
    for name, members in sorted(groups.items()):
        group_table.add_row(name, ", ".join(members))
    console.print(group_table)
    for path, error in broken.items():
        console.print(f"[red]broken[/red] {path}: {error}", markup=True, highlight=False)


def show_task(args: argparse.Namespace) -> int:
    """Print one task's resolved definition as YAML, with its hashes."""
    import yaml

    from mella_eval.data.dataset import load_task_data
    from mella_eval.tasks import task_hash

    registry = registry_from_args(args)
    spec = registry.get(args.name)
    payload = spec.model_dump(mode="json")
    payload["dataset"]["path"] = spec.data_location()
    data = load_task_data(spec)
    payload["_resolved"] = {
        "file": str(registry.files[spec.name]),
        "samples": len(data.samples),
        "definition_hash": spec.definition_hash(),
        "task_hash": task_hash(spec, data.fingerprint),
    }
    print(yaml.safe_dump(payload, allow_unicode=True, sort_keys=False), end="")
    return 0


def validate_tasks(args: argparse.Namespace) -> int:
    """Validate all tasks (or those under the given paths); non-zero exit on any failure."""
    from mella_eval.data.validate import validate_task

    registry = _registry_with_paths(args)
    failures = 0
    for path, broken in sorted(registry.broken.items()):
        if _selected(path, args.paths):
            print(f"FAIL {path}: {broken}")
            failures += 1
    for name, spec in sorted(registry.tasks.items()):
        if not _selected(registry.files[name], args.paths):
            continue
        report = validate_task(spec, check_images=not args.no_images)
        for warning in report.warnings:
            print(f"warn {name}: {warning}")
        if report.ok:
            print(f"ok   {name} ({report.samples} samples)")
        else:
            failures += 1
            for error in report.errors:
                print(f"FAIL {name}: {error}")
    failures += _check_groups(registry)
    print(f"{failures} failure(s)" if failures else "all tasks valid", file=sys.stderr)
    return 1 if failures else 0


def _registry_with_paths(args: argparse.Namespace) -> Any:
    """The registry plus the files and folders named on the command line."""
    for path in args.paths:
        if not path.exists():
            raise TaskError("no such file or folder", path)
    args.include_path = [*args.include_path, *(p for p in args.paths if p.is_dir())]
    return registry_from_args(args, [p for p in args.paths if p.is_file()])


def _selected(path: Path, roots: list[Path]) -> bool:
    if not roots:
        return True
    resolved = path.resolve()
    return any(resolved == r.resolve() or r.resolve() in resolved.parents for r in roots)


def _check_groups(registry: Any) -> int:
    failures = 0
    for group in sorted(registry.groups):
        try:
            registry.resolve([group])
        except MellaError as exc:
            print(f"FAIL group {group}: {exc}")
            failures += 1
    return failures
