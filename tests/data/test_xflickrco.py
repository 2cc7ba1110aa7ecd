"""The xFlickr&CO adapter on release-shaped files, and the 8 shipped tasks on the mini data.

The release layout is IGLUE's as distributed (github.com/e-bug/iglue,
``datasets/xFlickrCO/annotations/{lang}/test.jsonl``) and as mBLIP's converter reads it
(``data/flickr/generate_flickr.py``: ``example["sentences"]``, ``example["img_path"]``).
The records below are copied from that release: the German file's first Flickr30K line and
last COCO line (a string id and an integer id), and two Chinese captions of the same file
(the second belongs to another image there; here it stands on the COCO line's id). The
expected samples are written out here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mella_eval.data.dataset import load_task_data
from mella_eval.languages import resolve_language
from mella_eval.metrics import ScoringItem
from mella_eval.metrics.context import ScoringContext
from mella_eval.metrics.registry import build_metric
from mella_eval.tasks import TaskRegistry, load_task
from tests.conftest import draw_image

MINI = Path(__file__).resolve().parents[2] / "tasks" / "xflickrco" / "mini"
LANGS = ["de", "en", "es", "id", "ja", "ru", "tr", "zh"]
RELEASE = {
    "de": [
        {"sentences": ["Der Mann trägt eine orange Wollmütze."], "id": "1007129816",
         "img_path": "1007129816.jpg"},
        {"sentences": ["Ein Bild mit blauen Pfeilen und Einer blauen Gabel."], "id": 369771,
         "img_path": "COCO_val2014_000000369771.jpg"},
    ],
    "zh": [
        {"sentences": ["一个戴着橙色线帽的白人"], "id": "1007129816",
         "img_path": "1007129816.jpg"},
        {"sentences": ["一只狗在户外爬树，蓝天白云"], "id": 369771,
         "img_path": "COCO_val2014_000000369771.jpg"},
    ],
}  # fmt: skip


def _release(root: Path) -> Path:
    """annotations/{lang}/test.jsonl as IGLUE ships it, images in a separate folder."""
    for lang, rows in RELEASE.items():
        folder = root / "xFlickrCO" / "annotations" / lang
        folder.mkdir(parents=True)
        lines = [json.dumps(r, ensure_ascii=False) for r in rows]
        (folder / "test.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for name in ("1007129816.jpg", "COCO_val2014_000000369771.jpg"):
        draw_image(root / "images" / name)
    task = root / "xf.yaml"
    task.write_text(
        "name: xf\nversion: 1\nkind: ling\nlanguage: de\n"
        "dataset: {adapter: xflickrco, path: 'xFlickrCO/annotations/{lang}/test.jsonl',"
        " image_root: images}\nprompt: {templates: [Beschreibe.]}\nmetrics: [cider_d]\n",
        encoding="utf-8",
    )
    return task


def test_release_lines_become_samples_with_string_and_integer_ids(tmp_path: Path) -> None:
    samples = load_task_data(load_task(_release(tmp_path))).samples
    assert [s.id for s in samples] == ["1007129816", "369771"]
    assert samples[0].references == ["Der Mann trägt eine orange Wollmütze."]
    assert samples[1].references == ["Ein Bild mit blauen Pfeilen und Einer blauen Gabel."]
    assert samples[1].image.describe().endswith("images/COCO_val2014_000000369771.jpg")
    samples[1].image.load().close()


def test_lang_in_the_path_picks_the_tasks_language(tmp_path: Path) -> None:
    task = _release(tmp_path)
    task.write_text(
        task.read_text("utf-8").replace("language: de", "language: zh"), encoding="utf-8"
    )
    samples = load_task_data(load_task(task)).samples
    assert [s.references for s in samples] == [
        ["一个戴着橙色线帽的白人"],
        ["一只狗在户外爬树，蓝天白云"],
    ]


def test_eight_tasks_read_the_bundled_mini_files() -> None:
    registry = TaskRegistry.discover()
    assert [s.name for s in registry.resolve(["xflickrco"])] == [f"xflickrco_{c}" for c in LANGS]
    for code in LANGS:
        spec = registry.get(f"xflickrco_{code}")
        assert spec.language.code == code and spec.dataset.adapter == "xflickrco"
        rows = [json.loads(line) for line in
                (MINI / "annotations" / code / "test.jsonl").read_text("utf-8").splitlines()]  # fmt: skip
        samples = load_task_data(spec).samples
        assert [s.id for s in samples] == [str(r["id"]) for r in rows]
        assert [s.references for s in samples] == [r["sentences"] for r in rows]
        for sample, row in zip(samples, rows, strict=True):
            assert Path(sample.image.describe()) == MINI / "images" / row["img_path"]


@pytest.mark.skipif(shutil.which("java") is None, reason="needs a Java runtime")
@pytest.mark.java
def test_mblip_protocol_on_the_mini_chinese_and_japanese_equals_pycocoevalcap() -> None:
    """mBLIP's xFlickr&CO script splits zh into characters and ja with SudachiPy (spaCy),
    NFC-normalises, then runs pycocoevalcap; cider_coco_seg must give the same CIDEr."""
    from tests.xm3600.test_protocols import _mblip_text, _pycoco

    texts: dict[str, list[ScoringItem]] = {}
    ours: dict[str, float] = {}
    with ScoringContext(resolve_language("en")) as ctx:
        for code in ("zh", "ja"):
            rows = (MINI / "annotations" / code / "test.jsonl").read_text("utf-8").splitlines()
            caps = [json.loads(line)["sentences"][0] for line in rows]
            items = [
                ScoringItem(c, [caps[(i + 1) % len(caps)], c[:-3]]) for i, c in enumerate(caps)
            ]
            texts[code] = [
                ScoringItem(
                    _mblip_text(code, it.prediction), [_mblip_text(code, r) for r in it.references]
                )
                for it in items
            ]
            metric = build_metric("cider_coco_seg", {}, resolve_language(code))
            metric.attach(ctx)
            ours[code] = metric.aggregate(metric.sample_stats(items))
    expected = _pycoco(texts)
    for code in ("zh", "ja"):
        assert 0 < expected[code][0] < 10
        assert ours[code] / 100 == pytest.approx(expected[code][0], abs=1e-9), code
