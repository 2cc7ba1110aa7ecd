"""``run --ray``: the options that place generation on a Ray cluster.

Kept apart from ``run``'s own options so that the executor's knobs read as one group
in ``--help`` and parse into plain data (``RunConfig.ray``), importing no Ray.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from mella_eval.errors import MellaError

#: ``--ray`` without an address: join ``RAY_ADDRESS`` or start a private local cluster.
LOCAL = "local"


def add_ray_options(parser: argparse.ArgumentParser) -> None:
    """Register ``--ray`` and the per-replica resource options."""
    group = parser.add_argument_group("Ray cluster (docs/clusters.md)")
    group.add_argument(
        "--ray",
        nargs="?",
        const=LOCAL,
        metavar="ADDRESS",
        help="generate on a Ray cluster (ADDRESS: host:6379, ray://host:10001, auto; "
        "none: RAY_ADDRESS or a local one)",
    )
    group.add_argument(
        "--ray-replicas",
        default="1",
        metavar="N|MIN-MAX",
        help="engine replicas (actors), fixed or an autoscaling range (default 1)",
    )
    group.add_argument(
        "--ray-gpus", type=float, default=0.0, help="GPUs per replica (= tensor_parallel_size)"
    )
    group.add_argument(
        "--ray-cpus",
        type=float,
        default=1.0,
        help="CPUs per replica; Ray sets the replica's OMP_NUM_THREADS (torch threads) to "
        "this, so on CPU-only nodes give it the cores the engine should use",
    )
    group.add_argument(
        "--ray-resources",
        type=_resources,
        default={},
        metavar="JSON",
        help="custom Ray resources per replica, e.g. '{\"a100\": 1}'",
    )


def ray_settings(args: argparse.Namespace) -> dict[str, Any] | None:
    """``RaySettings`` fields from parsed arguments, or None without ``--ray``."""
    if args.ray is None:
        return None
    return {
        "address": None if args.ray == LOCAL else args.ray,
        "replicas": _replicas(args.ray_replicas),
        "num_cpus": args.ray_cpus,
        "num_gpus": args.ray_gpus,
        "resources": args.ray_resources,
    }


def _replicas(text: str) -> int | list[int]:
    low, sep, high = text.partition("-")
    try:
        counts = [int(low)] + ([int(high)] if sep else [])
    except ValueError:
        raise MellaError(f"--ray-replicas must be N or MIN-MAX, got {text!r}") from None
    if min(counts) < 1 or counts != sorted(counts):
        raise MellaError(f"--ray-replicas must be >= 1 with MIN <= MAX, got {text!r}")
    return counts[0] if len(counts) == 1 else counts


def _resources(text: str) -> dict[str, float]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not JSON: {exc}") from None
    if not isinstance(value, dict) or not all(isinstance(v, int | float) for v in value.values()):
        raise argparse.ArgumentTypeError('a JSON object of numbers, e.g. {"a100": 1}')
    return {str(k): float(v) for k, v in value.items()}
