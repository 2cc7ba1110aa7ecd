"""`mella-eval run --tasks xm3600...` end to end on the bundled mini data (hf engine, tiny
checkpoint, one sample and four new tokens per task): English plus the three languages the
two CIDEr protocols treat differently, and one xFlickr&CO task in the same run (no second
engine start). All 36 tasks are validated (tests/xm3600) and scored
against pycocoevalcap (tests/xm3600/test_protocols.py) without an engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from mella_eval.cli import main
from mella_eval.results import read_results

pytestmark = pytest.mark.slow


def test_run_scores_both_protocols_and_the_avg35_group(
    tiny_checkpoint: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    override = tmp_path / "short.yaml"
    override.write_text(
        '"xm3600_*": {generation: {max_new_tokens: 4}}\n'
        '"xflickrco_*": {generation: {max_new_tokens: 4}}\n',
        encoding="utf-8",
    )
    out = tmp_path / "run"
    tasks = "xm3600_en,xm3600_zh,xm3600_ja,xm3600_th,xflickrco_ja"
    args = ["run", "--model", str(tiny_checkpoint), "--tasks", tasks, "--engine", "hf",
            "--limit", "1", "--data-override", str(override), "--output", str(out)]  # fmt: skip
    assert main(args) == 0
    printed = capsys.readouterr().out
    result = read_results(out)
    xm = {f"xm3600_{c}" for c in ("en", "zh", "ja", "th")}
    assert set(result.tasks) == xm | {"xflickrco_ja"}
    for name, task in result.tasks.items():
        assert task.n_errors == 0 and task.headline == "cider_coco"
        assert {"cider_coco", "cider_coco_seg", "cider_d"} <= set(task.metrics)
        assert bool(task.categories) == (name in xm)  # image/locale; xFlickr&CO has none
    xf = result.tasks["xflickrco_ja"]
    assert (
        xf.n_samples == 1
        and xf.metrics["cider_coco_seg"].signature["segmenter"] == "japanese_sudachi"
    )
    seg = result.tasks["xm3600_ja"].metrics["cider_coco_seg"].signature
    assert seg["segmenter"] == "japanese_sudachi"
    group = result.groups["xm3600_avg35"]
    assert group.tasks == ["xm3600_ja", "xm3600_th", "xm3600_zh"] and not group.complete
    assert "CIDEr(coco)" in printed and "CIDEr(seg)" in printed
