"""``mella-eval plot`` and ``mella-eval table``: paper figures and tables from results files.

Both read only ``results.json`` (and, for ``--kind delta``, the runs' sample files for
the paired bootstrap); nothing is generated or rescored. matplotlib is imported inside
the handlers so that other commands start fast.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mella_eval.cli.common import split_names
from mella_eval.errors import ResultsError

PLOT_KINDS = ("bars", "delta", "radar", "heatmap")
TABLE_FORMATS = ("latex", "markdown", "csv")


def add_parser(subparsers: Any) -> None:
    """Register ``plot`` and ``table``."""
    _add_plot(subparsers)
    _add_table(subparsers)


def _add_plot(subparsers: Any) -> None:
    plot = subparsers.add_parser(
        "plot", help="paper figure (bars, delta, radar, heatmap) from runs"
    )
    _add_run_options(plot)
    plot.add_argument(
        "--kind",
        choices=PLOT_KINDS,
        default="bars",
        help="bars: grouped per language; delta: second run minus first with paired "
        "bootstrap; radar: polygon per run; heatmap: runs x languages",
    )
    plot.add_argument("--metric", metavar="NAME", help="metric key (default: each task's headline)")
    plot.add_argument(
        "--native-names",
        action="store_true",
        help="label languages by native name (العربية, 한국어, ไทย ...)",
    )
    plot.add_argument(
        "--width",
        choices=("single", "double"),
        default="double",
        help="one column (3.5 in) or two columns (7.16 in); default double",
    )
    plot.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="output file: .pdf or .svg (vector, fonts embedded) or .png",
    )
    plot.add_argument(
        "--by-category",
        action="store_true",
        help="heatmap: image categories x languages, one panel per run and kind",
    )
    plot.add_argument("--samples", type=int, default=1000, help="delta: bootstrap resamples")
    plot.add_argument("--seed", type=int, default=0, help="delta: bootstrap seed")
    plot.set_defaults(func=plot_command)


def _add_table(subparsers: Any) -> None:
    table = subparsers.add_parser("table", help="LaTeX / Markdown / CSV table of runs per language")
    _add_run_options(table)
    table.add_argument("--format", choices=TABLE_FORMATS, default="markdown")
    table.add_argument("--ci", action="store_true", help="show ± half the bootstrap 95%% CI")
    table.add_argument(
        "--metrics",
        nargs="+",
        default=[],
        metavar="NAME",
        help="one block per metric and kind (default: each kind's headline)",
    )
    table.add_argument("--precision", type=int, default=1, help="decimal places (default 1)")
    table.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    table.set_defaults(func=table_command)


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results",
        nargs="+",
        type=Path,
        metavar="RESULTS",
        help="run folders or results.json files (for delta: baseline first)",
    )
    parser.add_argument(
        "--tasks",
        nargs="+",
        default=[],
        metavar="TASK",
        help="task names or globs to include (default: all in the runs)",
    )
    parser.add_argument(
        "--labels",
        nargs="+",
        metavar="LABEL",
        help="display name per run, in order (default: model names)",
    )


@contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Show warnings (e.g. a missing font) as one ``mella-eval: warning:`` line each."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        finally:
            for seen in dict.fromkeys(str(w.message) for w in caught):
                print(f"mella-eval: warning: {seen}", file=sys.stderr)


def plot_command(args: argparse.Namespace) -> int:
    """Draw one figure kind from the runs and save it."""
    from mella_eval.figures import (
        build_grids,
        category_grids,
        load_runs,
        plot_bars,
        plot_heatmap,
        plot_radar,
        save_figure,
    )

    if args.out.suffix.lower() not in (".pdf", ".svg", ".png"):
        raise ResultsError(f"--out must end in .pdf, .svg or .png, got {args.out.name!r}")
    if args.by_category and args.kind != "heatmap":
        raise ResultsError("--by-category goes with --kind heatmap")
    runs = load_runs(args.results, args.labels)
    tasks = split_names(args.tasks) or None
    with _warnings_as_lines():
        if args.kind == "delta":
            fig = _delta_figure(runs, args, tasks)
        else:
            draw: dict[str, Callable[..., Any]] = {
                "bars": plot_bars,
                "radar": plot_radar,
                "heatmap": plot_heatmap,
            }
            build = category_grids if args.by_category else build_grids
            grids = build(runs, args.metric, tasks)
            fig = draw[args.kind](grids, width=args.width, native_names=args.native_names)
        save_figure(fig, args.out)
    print(f"wrote {args.out}")
    return 0


def _delta_figure(runs: list[Any], args: argparse.Namespace, tasks: list[str] | None) -> Any:
    from mella_eval.figures.delta import compute_deltas, describe, paired_compare_fn, plot_delta

    if len(runs) != 2:
        raise ResultsError(
            f"--kind delta compares exactly two runs (baseline first), got {len(runs)}"
        )
    baseline, candidate = runs
    compare = paired_compare_fn(baseline, candidate, samples=args.samples, seed=args.seed)
    deltas = compute_deltas(baseline, candidate, compare, args.metric, tasks)
    print(f"{candidate.label} - {baseline.label} (paired bootstrap, {args.samples} resamples):")
    for _, points in deltas:
        print(describe(points))
    title = f"{candidate.label} − {baseline.label}"
    return plot_delta(deltas, width=args.width, native_names=args.native_names, title=title)


def table_command(args: argparse.Namespace) -> int:
    """Print or write the table in the chosen format."""
    from mella_eval.figures import load_runs, render_table, table_grids

    if args.precision < 0:
        raise ResultsError("--precision must be zero or more")
    runs = load_runs(args.results, args.labels)
    grids = table_grids(runs, split_names(args.metrics) or None, split_names(args.tasks) or None)
    text = render_table(grids, args.format, ci=args.ci, precision=args.precision)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0
