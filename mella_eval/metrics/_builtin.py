"""Imports every built-in metric module so their @register decorators run."""

from mella_eval.metrics import (  # noqa: F401
    cider,
    coco,
    fidelity,
    keyword,
    meteor,
    rouge,
    sacre,
)
