"""Task definitions: typed specs, YAML loading with includes, registry and groups."""

from mella_eval.tasks.loader import Overrides, load_task
from mella_eval.tasks.registry import TaskRegistry, bundled_tasks_dir
from mella_eval.tasks.spec import (
    DatasetSpec,
    FieldMap,
    GenerationSpec,
    MetricSpec,
    PromptSpec,
    TaskSpec,
    task_hash,
)

__all__ = [
    "DatasetSpec",
    "FieldMap",
    "GenerationSpec",
    "MetricSpec",
    "Overrides",
    "PromptSpec",
    "TaskRegistry",
    "TaskSpec",
    "bundled_tasks_dir",
    "load_task",
    "task_hash",
]
