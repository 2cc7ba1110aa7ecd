"""``mella-eval run|score|merge``: the commands a researcher types."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from mella_eval.cli.common import add_task_source_options, registry_from_args, split_names
from mella_eval.cli.ray_options import add_ray_options, ray_settings
from mella_eval.errors import MellaError


def add_parser(subparsers: Any) -> None:
    """Register ``run``, ``score`` and ``merge``."""
    _add_run(subparsers)
    _add_score(subparsers)
    _add_merge(subparsers)


def _add_run(subparsers: Any) -> None:
    parser = subparsers.add_parser("run", help="generate (resumable), score and write results")
    parser.add_argument("--model", required=True, help="local checkpoint folder or hub id")
    parser.add_argument("--model-name", help="display name in results (default: --model)")
    parser.add_argument(
        "--tasks", action="append", required=True, help="tasks or groups, comma-separated"
    )
    parser.add_argument("--engine", default="vllm", help="vllm (default), hf or openai")
    parser.add_argument(
        "--engine-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="engine option (repeatable)",
    )
    parser.add_argument(
        "--engine-config", type=Path, metavar="FILE", help="YAML file of engine options"
    )
    add_model_loading_options(parser)
    parser.add_argument(
        "--output", type=Path, help="results folder (default: results/<model name, slugified>)"
    )
    parser.add_argument(
        "--limit", type=int, help="first N samples per task (result not reportable)"
    )
    parser.add_argument("--shard", help="i/n: run shard i (0-based) of n; combine with `merge`")
    parser.add_argument(
        "--seed", type=int, help="sampling seed (overrides the tasks') and bootstrap seed"
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=256,
        help="requests per engine call (written as they finish)",
    )
    parser.add_argument(
        "--bootstrap", type=int, default=1000, help="bootstrap resamples for CIs (0: none)"
    )
    add_scoring_workers(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bars (for logs)")
    add_verbose(parser)
    add_ray_options(parser)
    add_task_source_options(parser)
    parser.set_defaults(func=run_command)


def _add_score(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score", help="score predictions made elsewhere, or rescore a run folder"
    )
    parser.add_argument(
        "--predictions",
        type=Path,
        required=True,
        help="JSONL (task, id, prediction) or a run folder",
    )
    parser.add_argument(
        "--tasks", action="append", default=[], help="tasks or groups (default: those in the file)"
    )
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--model-name", help="display name in results")
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    add_scoring_workers(parser)
    parser.add_argument("--quiet", action="store_true")
    _add_force(parser, "results")
    add_task_source_options(parser)
    parser.set_defaults(func=score_command)


def _add_merge(subparsers: Any) -> None:
    parser = subparsers.add_parser("merge", help="combine shard folders into one result")
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--output", type=Path, required=True)
    add_scoring_workers(parser)
    parser.add_argument("--quiet", action="store_true")
    _add_force(parser, "store and results")
    parser.set_defaults(func=merge_command)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, not {text!r}")
    return value


def add_scoring_workers(parser: argparse.ArgumentParser) -> None:
    """``--scoring-workers N``: processes that score tasks (default: auto)."""
    parser.add_argument(
        "--scoring-workers",
        type=_positive,
        metavar="N",
        help="processes that score tasks in parallel (default: every core, for runs of "
        "4,000+ samples; 1: in this process); the scores are the same",
    )


def _add_force(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"replace the {what} of another run already in --output (a copy is kept in "
        "OUTPUT/backup-<time>/)",
    )


def add_model_loading_options(parser: argparse.ArgumentParser) -> None:
    """``--trust-remote-code`` and ``--chat-template``: shortcuts for two engine options."""
    parser.add_argument(
        "--trust-remote-code",
        action="store_true",
        help="run code shipped in the checkpoint (= --engine-arg trust_remote_code=true)",
    )
    parser.add_argument(
        "--chat-template",
        metavar="FILE|NAME",
        help="prompt template: a Jinja file or a bundled name such as paligemma "
        "(= --engine-arg chat_template=...)",
    )


def model_loading_options(args: argparse.Namespace, options: dict[str, Any]) -> dict[str, Any]:
    """Engine options with the two flags folded in; a flag wins over the same engine-arg."""
    merged = dict(options)
    if args.trust_remote_code:
        merged["trust_remote_code"] = True
    if args.chat_template:
        merged["chat_template"] = args.chat_template
    return merged


def add_verbose(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="show engine and library output on the console (default: OUTPUT/logs/run.log)",
    )


def quiet_backends(quiet: bool) -> None:
    """With ``--quiet``, keep vLLM to warnings (set before vLLM is imported)."""
    if quiet:
        os.environ.setdefault("VLLM_LOGGING_LEVEL", "WARNING")


def check_model_argument(model: str) -> None:
    """A path-looking model that does not exist is a typo, not a hub id."""
    if Path(model).expanduser().exists():
        return
    if model.startswith(("/", ".", "~")) or model.count("/") > 1:
        raise MellaError(f"model path not found: {model}")


def run_command(args: argparse.Namespace) -> int:
    """``mella-eval run``."""
    from mella_eval.engines.options import load_engine_options
    from mella_eval.runner.config import RunConfig
    from mella_eval.runner.pipeline import run_evaluation
    from mella_eval.runner.report import print_table
    from mella_eval.store import parse_shard

    quiet_backends(args.quiet)
    check_model_argument(args.model)
    if args.shard is not None:
        parse_shard(args.shard)  # a bad --shard fails before the model is looked at
    name = args.model_name or Path(args.model.rstrip("/")).name
    config = RunConfig(
        model=args.model,
        model_name=args.model_name,
        engine=args.engine,
        engine_options=model_loading_options(
            args, load_engine_options(args.engine_config, args.engine_arg)
        ),
        tasks=split_names(args.tasks),
        limit=args.limit,
        shard=args.shard,
        seed=args.seed,
        include_paths=[str(p.resolve()) for p in args.include_path],
        data_override=str(args.data_override.resolve()) if args.data_override else None,
        chunk_size=args.chunk_size,
        ray=ray_settings(args),
        bootstrap=args.bootstrap,
        scoring_workers=args.scoring_workers,
        command=sys.argv,
    )
    output = args.output = args.output or Path("results") / folder_name(name)  # failure log
    outcome = run_evaluation(config, output, quiet=args.quiet, verbose=args.verbose)
    print_table(outcome.result)
    print(
        f"results: {output / 'results.json'} "
        f"({outcome.generated} generated, {outcome.skipped} reused)"
    )
    return report_failures(outcome.result, output)


def folder_name(name: str) -> str:
    """A model name as one safe folder name: ``../../x`` must not leave ``results/``.

    Letters of any script, digits, ``.``, ``_`` and ``-`` are kept; everything else
    (slashes, spaces, control characters) becomes ``-``; leading dots are dropped so
    the name is never ``.``, ``..`` or hidden.
    """
    cleaned = re.sub(r"[^\w.-]+", "-", name, flags=re.UNICODE).strip(".-")
    return cleaned[:100] or "model"


def report_failures(result: Any, output: Path) -> int:
    """Print how many samples failed and why; exit 1 when nothing at all was scored."""
    from mella_eval.runner.report import failure_summary

    nothing, text = failure_summary(result, output)
    if text:
        print(f"mella-eval: {text}", file=sys.stderr)
    return 1 if nothing else 0


def score_command(args: argparse.Namespace) -> int:
    """``mella-eval score``."""
    from mella_eval.runner.external import score_predictions
    from mella_eval.runner.report import print_table

    registry = registry_from_args(args)
    result = score_predictions(
        registry,
        split_names(args.tasks) or None,
        args.predictions,
        args.output,
        model_name=args.model_name,
        bootstrap=args.bootstrap,
        seed=args.seed,
        force=args.force,
        scoring_workers=args.scoring_workers,
    )
    print_table(result)
    print(f"results: {args.output / 'results.json'}")
    return report_failures(result, args.output)


def merge_command(args: argparse.Namespace) -> int:
    """``mella-eval merge``."""
    from mella_eval.runner.merge import merge_runs
    from mella_eval.runner.report import print_table

    result = merge_runs(
        args.folders,
        args.output,
        quiet=args.quiet,
        force=args.force,
        scoring_workers=args.scoring_workers,
    )
    print_table(result)
    print(f"results: {args.output / 'results.json'}")
    return 0
