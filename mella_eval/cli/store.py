"""``mella-eval store check|repair|migrate OUTPUT``: inspect and mend a run's prediction store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_parser(subparsers: Any) -> None:
    """Register ``store check``, ``store repair`` and ``store migrate``."""
    store = subparsers.add_parser("store", help="check or repair a run's predictions.jsonl")
    actions = store.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="list damaged lines (exit 1 when there are any)")
    check.add_argument("output", type=Path, help="the run's output folder")
    check.set_defaults(func=_check)
    repair = actions.add_parser(
        "repair",
        help="move damaged lines to predictions.quarantine.jsonl; the next run regenerates them",
    )
    repair.add_argument("output", type=Path, help="the run's output folder")
    repair.set_defaults(func=_repair)
    migrate = actions.add_parser(
        "migrate",
        help="carry a store written by an older version over to today's keys "
        "(a run does this by itself; nothing is generated or removed)",
    )
    migrate.add_argument("output", type=Path, help="the run's output folder")
    migrate.set_defaults(func=_migrate)


def _check(args: argparse.Namespace) -> int:
    from mella_eval.store_check import check_store

    report = check_store(args.output)
    print(report.summary())
    if report.bad:
        print(f"run `mella-eval store repair {args.output}` to quarantine them")
    return 1 if report.bad else 0


def _repair(args: argparse.Namespace) -> int:
    from mella_eval.store_check import QUARANTINE_FILE, repair_store

    report = repair_store(args.output)
    print(report.summary())
    if report.bad:
        print(
            f"moved {len(report.bad)} line(s) to {args.output / QUARANTINE_FILE}; "
            "rerun the same `mella-eval run` to regenerate them"
        )
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from mella_eval.runner.migration import migrate_run_folder

    report = migrate_run_folder(args.output)
    print(report.summary())
    return 0
