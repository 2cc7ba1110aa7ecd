"""``mella-eval submit`` and ``mella-eval leaderboard render|show``.

Heavy imports stay inside the handlers so ``mella-eval --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mella_eval.errors import SubmissionError


def add_parser(subparsers: Any) -> None:
    """Register ``submit`` and ``leaderboard``."""
    _add_submit(subparsers)
    board = subparsers.add_parser("leaderboard", help="render or show a leaderboard")
    actions = board.add_subparsers(dest="action", metavar="ACTION", required=True)
    render = actions.add_parser("render", help="write leaderboard.md/.csv/.json and index.html")
    render.add_argument("name", help="leaderboard name (a folder under the leaderboards root)")
    render.add_argument(
        "--output",
        type=Path,
        default=None,
        help="folder to write into (default: <leaderboard>/rendered)",
    )
    _add_root(render)
    _add_by_category(render)
    render.set_defaults(func=_render)
    show = actions.add_parser("show", help="print the leaderboard as Markdown tables")
    show.add_argument("name")
    _add_root(show)
    _add_by_category(show)
    show.set_defaults(func=_show)
    rescore = actions.add_parser(
        "rescore",
        help="rescore every run entry with the current metrics and mark what changed",
        description="Rescore every run entry of a leaderboard from its stored sample files "
        "with the current metrics; rewrite the records that moved, noting old and new values "
        "and signature changes. Reported entries are left as they are.",
    )
    rescore.add_argument("name")
    rescore.add_argument(
        "--runs",
        type=Path,
        nargs="*",
        default=[],
        help="run folders to find samples of entries submitted before samples were kept",
    )
    _add_root(rescore)
    rescore.set_defaults(func=_rescore)


def _add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="leaderboards folder (default: the bundled leaderboards/)",
    )


def _add_by_category(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--by-category",
        action="store_true",
        help="add per-category tables (rank metric per image category, mean over languages)",
    )


def _add_submit(subparsers: Any) -> None:
    submit = subparsers.add_parser(
        "submit",
        help="validate, rescore and add a run (or reported numbers) to a leaderboard",
        description="Validate a results folder against a leaderboard, rescore it from its "
        "sample files and record it; or, with --reported, record numbers from a paper.",
    )
    submit.add_argument(
        "results_dir", nargs="?", type=Path, help="run output folder (results.json)"
    )
    submit.add_argument(
        "--leaderboard",
        help="leaderboard name, e.g. mella (default for a run: the one board whose tasks the "
        "run has: mella, xm3600 or xflickrco); required with --reported",
    )
    _add_root(submit)
    submit.add_argument(
        "--reported", action="store_true", help="numbers copied from a paper, not re-run"
    )
    submit.add_argument("--source", help="URL of the paper or page the reported numbers come from")
    submit.add_argument("--model", help="model name of a reported entry")
    submit.add_argument(
        "--scores",
        help="reported scores: a JSON file or inline JSON, e.g. "
        '\'{"know": {"ar": {"keyword_accuracy": 6.26}}}\'',
    )
    submit.add_argument("--note", help="a remark shown with a reported entry")
    submit.set_defaults(func=_submit)


def _submit(args: argparse.Namespace) -> int:
    from mella_eval.leaderboard import load_definition, parse_scores, submit_reported, submit_run
    from mella_eval.leaderboard.definition import board_for_tasks
    from mella_eval.leaderboard.rescore import archive_samples
    from mella_eval.results import read_results

    if args.leaderboard is None and not args.reported and args.results_dir is not None:
        args.leaderboard = board_for_tasks(list(read_results(args.results_dir).tasks), args.root)
        print(f"leaderboard: {args.leaderboard} (from the run's tasks)")
    if args.leaderboard is None:
        raise SubmissionError("name the board with --leaderboard (e.g. mella, xm3600)")
    definition = load_definition(args.leaderboard, args.root)
    if args.reported:
        if args.results_dir is not None:
            raise SubmissionError(
                "--reported takes no RESULTS_DIR (reported entries have no samples)"
            )
        missing = [f"--{n}" for n in ("source", "model", "scores") if not getattr(args, n)]
        if missing:
            raise SubmissionError(f"--reported needs {', '.join(missing)}")
        scores = parse_scores(args.scores, definition)
        path = submit_reported(definition, args.model, args.source, scores, note=args.note)
        print(f"accepted (reported, not re-run): {args.model} -> {path}")
        return 0
    if args.results_dir is None:
        raise SubmissionError("give RESULTS_DIR (a run's output folder), or use --reported")
    path = submit_run(definition, args.results_dir)
    archive_samples(definition, args.results_dir)  # kept for `leaderboard rescore`
    print(f"accepted (rescored): {args.results_dir} -> {path}")
    return 0


def _render(args: argparse.Namespace) -> int:
    from mella_eval.leaderboard import load_definition, render_all

    definition = load_definition(args.name, args.root)
    output = args.output or definition.base_dir / "rendered"
    skipped: list[str] = []
    for path in render_all(definition, output, skipped, by_category=args.by_category):
        print(path)
    _report_skipped(skipped)
    return 0


def _report_skipped(skipped: list[str]) -> None:
    """Name every record left out of the board (the rest is rendered regardless)."""
    for problem in skipped:
        print(f"mella-eval: warning: skipped {problem}", file=sys.stderr)


def _show(args: argparse.Namespace) -> int:
    from mella_eval.leaderboard import load_board, load_definition, render_markdown

    skipped: list[str] = []
    board = load_board(load_definition(args.name, args.root), skipped, by_category=args.by_category)
    print(render_markdown(board), end="")
    _report_skipped(skipped)
    return 0


def _rescore(args: argparse.Namespace) -> int:
    from mella_eval.leaderboard import load_definition
    from mella_eval.leaderboard.rescore import format_outcomes, rescore_board

    outcomes = rescore_board(load_definition(args.name, args.root), run_dirs=args.runs)
    print(format_outcomes(outcomes), end="")
    if any(o.status == "changed" for o in outcomes):
        print(f"re-render the board: mella-eval leaderboard render {args.name}")
    return 1 if any(o.status == "skipped" for o in outcomes) else 0
