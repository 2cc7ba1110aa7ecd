"""``mella-eval inspect RUN_DIR``: a self-contained HTML page to look at every sample."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from mella_eval.cli.common import add_task_source_options, registry_from_args
from mella_eval.errors import ResultsError


def add_parser(subparsers: Any) -> None:
    """Register ``inspect``."""
    parser = subparsers.add_parser(
        "inspect",
        help="write a static HTML page showing each sample of a run (why a score is what it is)",
        description="One self-contained page (no server, no network): per sample the image "
        "thumbnail, prompt, prediction, references, keywords with hits highlighted, "
        "per-sample metrics and errors; filter by task, language and category, sort by a metric.",
    )
    parser.add_argument("run_dir", type=Path, metavar="RUN_DIR", help="a run's output folder")
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="page to write (default RUN_DIR/inspect.html)"
    )
    parser.add_argument(
        "--max-samples",
        type=int,
        default=1000,
        metavar="N",
        help="at most N samples on the page, shared among tasks by size (default 1000)",
    )
    parser.add_argument(
        "--thumb-size", type=int, default=128, metavar="PX", help="thumbnail size (default 128)"
    )
    parser.add_argument(
        "--no-images", action="store_true", help="leave the thumbnails out (smaller page)"
    )
    add_task_source_options(parser)
    parser.set_defaults(func=inspect_command)


def inspect_command(args: argparse.Namespace) -> int:
    """Build and write the page; print its path, size and how many samples it holds."""
    from mella_eval.inspect import PageOptions, build_page_data, render_inspect
    from mella_eval.results import atomic_write_text

    if args.max_samples < 1:
        raise ResultsError("--max-samples must be at least 1")
    if not 16 <= args.thumb_size <= 512:
        raise ResultsError("--thumb-size must be between 16 and 512 pixels")
    started = time.perf_counter()

    registry = registry_from_args(args)
    options = PageOptions(args.max_samples, args.thumb_size, not args.no_images, registry)
    data = build_page_data(args.run_dir, options)
    path = args.output or args.run_dir / "inspect.html"
    text = render_inspect(data)
    atomic_write_text(path, text)
    run = data["run"]
    size_kib = len(text.encode("utf-8")) / 1024
    print(
        f"wrote {path} ({run['samples_shown']} of {run['samples_total']} samples, "
        f"{size_kib:.0f} KiB, {time.perf_counter() - started:.1f} s)"
    )
    return 0
