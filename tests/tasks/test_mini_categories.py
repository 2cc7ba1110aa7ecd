"""The bundled mini data carries categories from the fixed set, on every sample."""

from __future__ import annotations

import importlib.util

from mella_eval.data.dataset import load_task_data
from mella_eval.tasks import TaskRegistry
from tests.conftest import REPO


def _fixed_set() -> tuple[str, ...]:
    path = REPO / "tasks" / "mella" / "mini" / "set_categories.py"
    spec = importlib.util.spec_from_file_location("set_categories", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.LABELS)


def test_every_mini_sample_has_categories_from_the_fixed_set() -> None:
    labels = set(_fixed_set())
    registry = TaskRegistry.discover([])
    seen: set[str] = set()
    for spec in registry.resolve(["mella"]):
        for sample in load_task_data(spec).samples:
            assert sample.categories, f"{spec.name} {sample.id}: no category"
            assert set(sample.categories) <= labels, (spec.name, sample.id, sample.categories)
            seen.update(sample.categories)
    assert seen == labels  # every label is used
