"""The console table's group row: a complete group over some of the run's languages is
labelled with its language count, as papers label XM3600's mean ("avg-35")."""

from __future__ import annotations

from mella_eval.results import GroupMetric, GroupResult, MetricValue, RunResult, TaskResult
from mella_eval.runner.report import table_rows


def _task(name: str, lang: str, cider: float) -> TaskResult:
    return TaskResult.model_construct(
        task=name, language=lang, kind="ling", n_errors=0,
        metrics={"cider_coco": MetricValue.model_construct(value=cider)},
    )  # fmt: skip


def test_a_complete_subgroup_row_is_labelled_avg_k() -> None:
    tasks = {f"xm3600_{c}": _task(f"xm3600_{c}", c, v) for c, v in
             [("en", 80.0), ("de", 40.0), ("fr", 50.0), ("ja", 30.0)]}  # fmt: skip
    members = ["xm3600_de", "xm3600_fr", "xm3600_ja"]
    group = GroupResult.model_construct(
        group="xm_avg3", tasks=members, complete=True,
        metrics={"cider_coco": GroupMetric.model_construct(value=40.0, tasks=3)},
    )  # fmt: skip
    result = RunResult.model_construct(tasks=tasks, groups={"xm_avg3": group})
    header, rows = table_rows(result)
    assert header == ["lang", "CIDEr(coco)", "errors"]
    assert rows[-2] == ["macro avg", "50.00", "0"]  # (80 + 40 + 50 + 30) / 4
    assert rows[-1] == ["avg-3 (xm_avg3)", "40.00", "0"]  # the group's own mean, 3 languages
