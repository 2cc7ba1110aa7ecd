"""``mella-eval demo``: the whole flow on a fresh machine in a few minutes.

Builds a tiny random Idefics3 checkpoint, runs all 16 mini tasks through vLLM (HF
transformers where vLLM is not installed), writes results, renders a private copy of
the leaderboard with the demo's entry, and draws a figure. The model is random: its
scores only show that every stage works.

It sits with the CLI because it drives the other subcommands (``submit``,
``leaderboard render``, ``plot``) through :func:`mella_eval.cli.main`. The library it
runs is imported when the demo starts, like every subcommand's: building the parser
(every ``mella-eval`` call) must stay fast.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from mella_eval.cli import main
from mella_eval.cli.run import add_verbose

WARNING = (
    "NOTE: the demo model is a tiny, randomly initialised checkpoint; its captions are noise "
    "and its scores are meaningless. They only show that every stage of mella-eval works."
)


def add_parser(subparsers: Any) -> None:
    """Register ``demo``."""
    parser = subparsers.add_parser(
        "demo", help="run all 16 mini tasks on a tiny random model, end to end"
    )
    parser.add_argument("--output", type=Path, default=Path("results/demo"))
    parser.add_argument("--seed", type=int, default=0, help="seed of the random checkpoint")
    parser.add_argument("--engine", choices=("auto", "vllm", "hf"), default="auto")
    parser.add_argument(
        "--limit", type=int, help="first N samples per task (faster, not reportable)"
    )
    parser.add_argument("--quiet", action="store_true")
    add_verbose(parser)
    parser.set_defaults(func=demo_command)


def demo_command(args: argparse.Namespace) -> int:
    """``mella-eval demo``."""
    return run_demo(
        args.output,
        seed=args.seed,
        engine=args.engine,
        limit=args.limit,
        quiet=args.quiet,
        verbose=args.verbose,
    )


def pick_engine(requested: str) -> str:
    """vLLM when importable (the primary path), else HF transformers."""
    if requested != "auto":
        return requested
    return "vllm" if importlib.util.find_spec("vllm") is not None else "hf"


def demo_checkpoint(seed: int) -> Path:
    """Build (once, then reuse) the tiny checkpoint for ``seed`` in the cache folder."""
    from mella_eval.testing import build_tiny_idefics3

    cache = Path(os.environ.get("MELLA_EVAL_CACHE") or Path.home() / ".cache" / "mella-eval")
    return build_tiny_idefics3(cache / f"tiny-idefics3-seed{seed}", seed=seed)


def run_demo(
    output: Path, *, seed: int, engine: str, limit: int | None, quiet: bool, verbose: bool = False
) -> int:
    """Run the demo end to end; return the exit code."""
    from mella_eval.runner.config import RunConfig
    from mella_eval.runner.folder import refuse_symlinks
    from mella_eval.runner.pipeline import run_evaluation
    from mella_eval.runner.quiet import LOG_FILE, third_party_to_log
    from mella_eval.runner.report import print_table

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    refuse_symlinks(output)  # the log below is written before run_evaluation checks
    with third_party_to_log(output / LOG_FILE, verbose=verbose):  # transformers' save notes
        checkpoint = demo_checkpoint(seed)
    chosen = pick_engine(engine)
    print(f"demo: checkpoint {checkpoint} (seed {seed}), engine {chosen}", file=sys.stderr)
    config = RunConfig(
        model=str(checkpoint),
        model_name=f"tiny-random-idefics3-seed{seed}",
        engine=chosen,
        tasks=["mella"],
        limit=limit,
        command=sys.argv,
    )
    outcome = run_evaluation(config, output, quiet=quiet, verbose=verbose)
    print_table(outcome.result)
    board = _render_leaderboard(output)
    figure = _draw_figure(output)
    print(f"results:     {output / 'results.json'}")
    print(f"leaderboard: {board}")
    print(f"figure:      {figure}")
    print(WARNING)
    return 0


def _render_leaderboard(output: Path) -> Path:
    """Submit the demo to a private copy of the MELLA leaderboard and render it."""
    from mella_eval.leaderboard.definition import bundled_leaderboards_dir

    root = output / "leaderboard-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundled_leaderboards_dir() / "mella", root / "mella")
    rendered = output / "leaderboard"
    args = ["submit", str(output), "--leaderboard", "mella", "--root", str(root)]
    if main(args) != 0:
        print("demo: the run was not accepted by the leaderboard (see above)", file=sys.stderr)
    main(["leaderboard", "render", "mella", "--root", str(root), "--output", str(rendered)])
    return rendered / "index.html"


def _draw_figure(output: Path) -> Path:
    figure = output / "figures" / "bars.png"
    figure.parent.mkdir(parents=True, exist_ok=True)
    main(["plot", str(output), "--kind", "bars", "--out", str(figure)])
    return figure
