"""``mella-eval keywords extract``: keyword lists for D_know from native alt-text."""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from mella_eval.cli.common import add_task_source_options, registry_from_args, split_names
from mella_eval.errors import MellaError


def add_parser(subparsers: Any) -> None:
    """Register ``keywords extract``."""
    parser = subparsers.add_parser("keywords", help="make D_know keyword lists from alt-text")
    sub = parser.add_subparsers(dest="keywords_command", metavar="SUBCOMMAND", required=True)
    ext = sub.add_parser("extract", help="extract grounded keywords into a keywords file")
    ext.add_argument("--tasks", action="append", default=[], help="tasks or groups")
    ext.add_argument("--data", type=Path, help="a data file instead of tasks (with --language)")
    ext.add_argument("--language", help="language code of --data (e.g. sr)")
    ext.add_argument("--adapter", default="mella_release", help="adapter of --data")
    ext.add_argument("--field", action="append", default=[], metavar="PART=FIELD",
                     help="field mapping of --data, e.g. references=captions.content")  # fmt: skip
    ext.add_argument("--filter", action="append", default=[], metavar="FIELD=VALUE",
                     help="keep --data records whose dotted field equals VALUE")  # fmt: skip
    ext.add_argument(
        "--output", required=True, help="keywords JSONL; {task} and {lang} give one file each"
    )
    ext.add_argument("--extractor", choices=("deterministic", "llm"), default="llm")
    ext.add_argument("--model", help="model for --extractor llm (checkpoint, or served name)")
    ext.add_argument("--engine", default="vllm", help="vllm (default), hf or openai")
    ext.add_argument("--engine-arg", action="append", default=[], metavar="KEY=VALUE")
    ext.add_argument("--engine-config", type=Path, metavar="FILE")
    ext.add_argument("--fallback", choices=("none", "deterministic"), default="none",
                     help="extractor for samples whose LLM answer fails to parse")  # fmt: skip
    ext.add_argument("--prompt-file", type=Path, help="YAML: language code -> prompt ({text})")
    ext.add_argument("--max-new-tokens", type=int, default=256)
    ext.add_argument("--chunk-size", type=int, default=64, help="requests per engine call")
    ext.add_argument("--limit", type=int, help="first N samples per task")
    ext.add_argument("--quiet", action="store_true")
    add_task_source_options(ext)
    ext.set_defaults(func=extract_command)


def _pairs(items: list[str], option: str) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise MellaError(f"{option} must look like KEY=VALUE, got {item!r}")
        out[key.strip()] = value.strip()
    return out


def _sources(args: argparse.Namespace) -> list[Any]:
    from mella_eval.keywords.sources import data_file_task, samples_of_task

    if bool(args.tasks) == bool(args.data):
        raise MellaError("give either --tasks or --data FILE --language CODE")
    if args.data:
        if not args.language:
            raise MellaError("--data needs --language (the alt-text's language code)")
        spec = data_file_task(args.data, args.language, adapter=args.adapter,
                              fields=_pairs(args.field, "--field"),
                              filters=_pairs(args.filter, "--filter"))  # fmt: skip
        return samples_of_task(spec, args.limit)
    registry = registry_from_args(args)
    specs = registry.resolve(split_names(args.tasks))
    return [s for spec in specs for s in samples_of_task(spec, args.limit)]


def _extractor(args: argparse.Namespace, store: Path) -> Any:
    from mella_eval.keywords.extractors import DeterministicExtractor, LLMExtractor

    if args.extractor == "deterministic":
        return DeterministicExtractor()
    if not args.model:
        raise MellaError("--extractor llm needs --model")
    from mella_eval.cli.run import check_model_argument, quiet_backends
    from mella_eval.engines.base import SamplingSettings
    from mella_eval.engines.fingerprint import model_fingerprint
    from mella_eval.engines.options import load_engine_options
    from mella_eval.engines.registry import get_engine
    from mella_eval.keywords.prompts import load_prompt_file

    quiet_backends(args.quiet)
    if args.engine != "openai":
        check_model_argument(args.model)
    options = load_engine_options(args.engine_config, args.engine_arg)
    fingerprint = model_fingerprint(args.model, options.get("revision"))
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        if not args.quiet:
            print(f"keywords: {done[0]} answers stored in {store}", file=sys.stderr)

    return LLMExtractor(
        lambda: get_engine(args.engine, args.model, options),
        engine_name=args.engine, model=args.model, model_fingerprint=fingerprint,
        store_path=store, sampling=SamplingSettings(max_new_tokens=args.max_new_tokens),
        prompts=load_prompt_file(args.prompt_file) if args.prompt_file else None,
        fallback=args.fallback == "deterministic", chunk_size=args.chunk_size,
        on_progress=progress, engine_options=options,
    )  # fmt: skip


def extract_command(args: argparse.Namespace) -> int:
    """Write one keywords file per distinct ``--output`` (after {task}/{lang} are filled)."""
    from mella_eval.keywords.extract import extract_to_file

    groups: dict[Path, list[Any]] = defaultdict(list)
    for sample in _sources(args):
        path = args.output.replace("{task}", sample.spec.name).replace("{lang}", sample.lang_code)
        groups[Path(path).resolve()].append(sample)
    for output, samples in groups.items():
        store = output.with_name(output.name + ".store.jsonl")
        start = time.perf_counter()
        summary = extract_to_file(samples, _extractor(args, store), output)
        elapsed = time.perf_counter() - start
        print(
            f"{output}: {summary.samples} samples, {summary.with_keywords} with keywords; "
            f"entries kept {summary.entries_kept}, dropped as ungrounded "
            f"{summary.entries_dropped_ungrounded}; failed samples {summary.failed_samples}"
            f"{f' ({summary.fallback_samples} by fallback)' if summary.fallback_samples else ''}"
            f"; {elapsed:.1f} s"
        )
    return 0
