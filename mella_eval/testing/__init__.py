"""Builders for tiny random checkpoints used by tests, benchmarks and the demo."""

from mella_eval.testing.tiny_model import build_tiny_idefics3

__all__ = ["build_tiny_idefics3"]
