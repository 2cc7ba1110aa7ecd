"""Generation engines: the contract and the registry (backends import lazily by name)."""

from mella_eval.engines.base import Engine, GenerationRequest, Prediction, SamplingSettings
from mella_eval.engines.fingerprint import model_fingerprint
from mella_eval.engines.options import load_engine_options, parse_engine_arg, parse_engine_args
from mella_eval.engines.registry import ENGINE_NAMES, get_engine

__all__ = [
    "ENGINE_NAMES",
    "Engine",
    "GenerationRequest",
    "Prediction",
    "SamplingSettings",
    "get_engine",
    "load_engine_options",
    "model_fingerprint",
    "parse_engine_arg",
    "parse_engine_args",
]
