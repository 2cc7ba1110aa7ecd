"""Tiny Idefics3 / SmolVLM: the project's original test checkpoint (see ``tiny_model``)."""

from __future__ import annotations

from pathlib import Path

from mella_eval.testing.tiny_model import build_tiny_idefics3


def build(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the tiny Idefics3 checkpoint in ``out_dir``."""
    return build_tiny_idefics3(out_dir, seed)
