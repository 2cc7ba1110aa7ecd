"""The XM3600 adapter on release-shaped records, and the 36 shipped tasks with their groups.

The record layout is the release's as distributed (and as mBLIP's converter reads it:
``row["image/key"]``, ``row[lang]["caption"]``); the expected samples are written out here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from mella_eval.data.dataset import load_task_data
from mella_eval.errors import DataError
from mella_eval.tasks import TaskRegistry, load_task
from tests.conftest import draw_image
from tests.text.test_xm3600_languages import XM3600

MINI = Path(__file__).resolve().parents[2] / "tasks" / "xm3600" / "mini"


def _release(folder: Path) -> Path:
    rows = [
        {"image/key": "000411001ff7dd4f", "image/locale": "fil",
         "fil": {"caption": ["Isang pusa sa bubong.", "Pusang itim."],
                 "caption/tokenized": ["Isang pusa sa bubong .", "Pusang itim ."],
                 "caption/tokenized/lowercase": ["isang pusa sa bubong .", "pusang itim ."]},
         "no": {"caption": ["En katt på taket."], "caption/tokenized": ["En katt på taket ."],
                "caption/tokenized/lowercase": ["en katt på taket ."]}},
        {"image/key": "00a6ab4a0e2f8a1b", "image/locale": "no",
         "fil": {"caption": ["Isang bangka sa dagat."]},
         "no": {"caption": ["En båt på havet.", "Ei lita skute."]}},
    ]  # fmt: skip
    for row in rows:
        draw_image(folder / "images" / f"{row['image/key']}.jpg")
    path = folder / "captions.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def _task(folder: Path, code: str) -> Path:
    path = folder / f"xm_{code}.yaml"
    path.write_text(
        f'name: xm_{code}\nversion: 1\nkind: ling\nlanguage: "{code}"\n'
        "dataset: {adapter: xm3600, path: captions.jsonl}\n"
        "prompt: {templates: [Describe.]}\nmetrics: [cider_d]\n",
        encoding="utf-8",
    )
    return path


def test_release_records_become_one_sample_per_image_in_the_tasks_language(tmp_path: Path):
    _release(tmp_path)
    fil = load_task_data(load_task(_task(tmp_path, "fil"))).samples
    no = load_task_data(load_task(_task(tmp_path, "no"))).samples
    assert [s.id for s in fil] == ["000411001ff7dd4f", "00a6ab4a0e2f8a1b"]
    assert fil[0].references == ["Isang pusa sa bubong.", "Pusang itim."]
    assert no[1].references == ["En båt på havet.", "Ei lita skute."]
    assert [s.categories for s in no] == [("fil",), ("no",)]  # image/locale
    assert fil[1].image.describe().endswith("images/00a6ab4a0e2f8a1b.jpg")
    fil[0].image.load().close()


def test_a_language_missing_from_a_record_is_named(tmp_path: Path) -> None:
    _release(tmp_path)
    with pytest.raises(DataError, match="references"):
        load_task_data(load_task(_task(tmp_path, "sw")))


def test_thirty_six_tasks_and_the_avg35_group() -> None:
    registry = TaskRegistry.discover()
    assert [s.name for s in registry.resolve(["xm3600"])] == [f"xm3600_{c}" for c in XM3600]
    avg35 = [s.language.code for s in registry.resolve(["xm3600_avg35"])]
    assert len(avg35) == 35 and "en" not in avg35
    for code in XM3600:
        spec = registry.get(f"xm3600_{code}")
        assert spec.language.code == code and spec.dataset.adapter == "xm3600"
        assert [m.name for m in spec.metrics][:2] == ["cider_coco", "cider_coco_seg"]


def test_mini_data_has_two_captions_per_image_in_every_language() -> None:
    rows = [json.loads(line) for line in (MINI / "captions.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) == 6
    for row in rows:
        assert (MINI / "images" / f"{row['image/key']}.jpg").is_file()
        assert sorted(k for k in row if "/" not in k) == XM3600
        assert all(len(row[c]["caption"]) == 2 for c in XM3600)
    source = yaml.safe_load((MINI / "_captions.yaml").read_text("utf-8"))
    assert [r["en"]["caption"] for r in rows] == [list(p) for p in source["captions"]["en"]]
