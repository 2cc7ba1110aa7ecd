"""The inspect page's content without a browser: data, escaping, CSP, size bounds."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image

from mella_eval.cli import main
from mella_eval.inspect import PageOptions, build_page_data, render_inspect
from mella_eval.inspect.data import select
from tests.inspect.conftest import ACCURACY, HOSTILE_IMG, HOSTILE_SCRIPT

pytestmark = pytest.mark.slow  # the first page loads Thai, Korean and stemmer models


@pytest.fixture(scope="module")
def page_data(scored_run: Path) -> dict:  # type: ignore[type-arg]
    """Built once: highlighting Thai and loading stemmers takes a few seconds."""
    return build_page_data(scored_run)


def _data_block(page: str) -> dict:  # type: ignore[type-arg]
    match = re.search(
        r'<script type="application/json" id="inspect-data">(.*?)</script>', page, re.S
    )
    assert match is not None
    return json.loads(match.group(1))


def test_page_holds_every_sample_with_hits_metrics_errors_and_thumbnails(
    page_data: dict,  # type: ignore[type-arg]
) -> None:
    data = page_data
    assert data["run"]["samples_total"] == 40 and len(data["samples"]) == 40
    by_id = {s["id"]: s for s in data["samples"]}
    for sample_id, value in ACCURACY.items():
        assert by_id[sample_id]["metrics"]["keyword_accuracy"] == pytest.approx(value)
    hu = by_id["hu-01"]
    assert [k["in_prediction"] for k in hu["keywords"]] == [True, False, True]  # Duna missing
    assert ["Budapesten", 3] in hu["prediction"]
    assert by_id["hu-02"]["error"].startswith("no prediction")
    assert by_id["hu-02"]["categories"] == ["landmark"]
    thumb = by_id["ko-01"]["image"]
    assert thumb.startswith("data:image/jpeg;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(thumb.split(",", 1)[1])))
    assert max(image.size) == 128 and image.size == (128, 96)  # 320x240 drawn, scaled


def test_hostile_text_never_reaches_the_markup_and_csp_hashes_the_scripts(
    page_data: dict,  # type: ignore[type-arg]
) -> None:
    page = render_inspect(page_data)
    assert HOSTILE_IMG not in page and "<img" not in page
    assert page.count("</script>") == 3  # error trap, data block, page script: ours only
    assert "\u202e" not in page  # shown as U+202E, never applied
    assert "hostile &lt;b&gt;model&lt;/b&gt;" in page  # the <title>
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    for source in inline + styles:
        digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    data = _data_block(page)
    th = next(s for s in data["samples"] if s["id"] == "th-01")
    assert "".join(p[0] for p in th["prediction"]).endswith(HOSTILE_SCRIPT)


def test_large_runs_are_cut_per_task_in_proportion(scored_run: Path, tmp_path: Path) -> None:
    assert select({"a": [None] * 30, "b": [None] * 10}, 8) == {"a": 6, "b": 2}  # type: ignore[list-item]
    assert select({"a": [None] * 3, "b": [None] * 1000}, 10) == {"a": 1, "b": 9}  # type: ignore[list-item]
    sixteen = select({f"t{i:02}": [None] * 10 for i in range(16)}, 40)  # type: ignore[misc]
    assert sum(sixteen.values()) == 40 and set(sixteen.values()) == {2, 3}
    data = build_page_data(scored_run, PageOptions(max_samples=8, images=False))
    assert data["run"]["samples_shown"] == 8 and data["run"]["samples_total"] == 40
    assert {s["task"] for s in data["samples"]} == {
        "mella_know_ar", "mella_know_hu", "mella_know_ko", "mella_know_th"
    }  # fmt: skip
    assert all(s["image"] is None for s in data["samples"])


def test_cli_writes_the_page_and_refuses_bad_options(
    scored_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.html"
    assert main(["inspect", str(scored_run), "--output", str(out), "--thumb-size", "64"]) == 0
    assert "wrote" in capsys.readouterr().out and out.stat().st_size > 10_000
    assert main(["inspect", str(scored_run), "--max-samples", "0"]) == 2
    assert main(["inspect", str(tmp_path / "nothing")]) == 2
    assert "no results.json" in capsys.readouterr().err


def test_a_changed_image_is_not_shown_as_the_run_s(scored_run: Path, tmp_path: Path) -> None:
    import shutil

    run = Path(shutil.copytree(scored_run, tmp_path / "run"))
    sample_file = run / "samples" / "mella_know_hu.jsonl"
    lines = sample_file.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["image_sha256"] = "0" * 64
    lines[0] = json.dumps(first, ensure_ascii=False)
    text = "\n".join(lines) + "\n"
    sample_file.write_text(text, encoding="utf-8")
    results = json.loads((run / "results.json").read_text(encoding="utf-8"))
    results["tasks"]["mella_know_hu"]["samples_sha256"] = hashlib.sha256(text.encode()).hexdigest()
    (run / "results.json").write_text(json.dumps(results), encoding="utf-8")
    sample = next(s for s in build_page_data(run)["samples"] if s["id"] == first["id"])
    assert sample["image"] is None and "changed" in sample["image_note"]
