"""Dataset adapters and field mapping: JSONL, JSON, CSV, Parquet, HF datasets, MELLA release."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mella_eval.data.dataset import load_task_data
from mella_eval.errors import DataError
from mella_eval.tasks import load_task
from tests.conftest import draw_image

ROWS = [
    {
        "sid": "ru-1",
        "pic": "img/1.png",
        "text": "Собор Василия Блаженного на Красной площади в Москве.",
        "kws": ["Собор Василия Блаженного", "Красная площадь"],
    },
    {
        "sid": "ru-2",
        "pic": "img/2.png",
        "text": "Самовар и блины с икрой на столе.",
        "kws": ["самовар", "блины"],
    },
]


def _task(folder: Path, adapter: str, path: str, extra: str = "") -> Path:
    for i in (1, 2):
        draw_image(folder / "img" / f"{i}.png")
    yaml = folder / "t.yaml"
    yaml.write_text(
        f"name: t_ru\nversion: 1\nkind: know\nlanguage: ru\n"
        f"dataset:\n  adapter: {adapter}\n  path: {path}\n{extra}"
        "prompt: {templates: ['Опишите эту картину.']}\nmetrics: [keyword_accuracy]\n",
        encoding="utf-8",
    )
    return yaml


FIELDS = "  fields: {id: sid, image: pic, references: text, keywords: kws}\n"


def _check(samples: list) -> None:
    assert [s.id for s in samples] == ["ru-1", "ru-2"]
    assert samples[0].references == [ROWS[0]["text"]]
    assert samples[1].keywords == [("самовар",), ("блины",)]
    assert samples[0].image.load().size == (64, 48)
    assert samples[0].prompt == "Опишите эту картину." and samples[0].language == "ru"


def test_jsonl(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8"
    )
    _check(load_task_data(load_task(_task(tmp_path, "jsonl", "d.jsonl", FIELDS))).samples)


def test_json_with_split_key(tmp_path: Path) -> None:
    (tmp_path / "d.json").write_text(
        json.dumps({"test": ROWS}, ensure_ascii=False), encoding="utf-8"
    )
    _check(
        load_task_data(
            load_task(_task(tmp_path, "json", "d.json", FIELDS + "  split: test\n"))
        ).samples
    )


def test_csv_with_json_list_cells(tmp_path: Path) -> None:
    frame = pd.DataFrame([{**r, "kws": json.dumps(r["kws"], ensure_ascii=False)} for r in ROWS])
    frame.to_csv(tmp_path / "d.csv", index=False)
    _check(load_task_data(load_task(_task(tmp_path, "csv", "d.csv", FIELDS))).samples)


def test_parquet(tmp_path: Path) -> None:
    pd.DataFrame(ROWS).to_parquet(tmp_path / "d.parquet")
    _check(load_task_data(load_task(_task(tmp_path, "parquet", "d.parquet", FIELDS))).samples)


def test_hf_dataset_saved_to_disk_with_image_feature(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets")
    rows = [{**r, "pic": str(tmp_path / r["pic"])} for r in ROWS]
    for i in (1, 2):
        draw_image(tmp_path / "img" / f"{i}.png")
    ds = datasets.Dataset.from_list(rows).cast_column("pic", datasets.Image())
    ds.save_to_disk(str(tmp_path / "hfds"))
    _check(load_task_data(load_task(_task(tmp_path, "hf", "hfds", FIELDS))).samples)


def test_mella_release_layout_with_language_filter(tmp_path: Path) -> None:
    """Release records: img_id, image{path}, captions{content, lang}; one file, many languages."""
    records = [
        {
            "img_id": "1",
            "url": "https://example.org/1",
            "data_source": "web",
            "image": {"path": "img/1.png", "resolution": [64, 48], "format": "PNG"},
            "captions": {"content": ROWS[0]["text"], "lang": "ru"},
            "keywords": ROWS[0]["kws"],
            "labels": {"l1": "place"},
        },
        {
            "img_id": "9",
            "image": {"path": "img/2.png"},
            "captions": {"content": "Wat Arun", "lang": "th"},
            "keywords": ["วัดอรุณ"],
        },
        {
            "img_id": "2",
            "image": {"path": "img/2.png"},
            "captions": {"content": ROWS[1]["text"], "lang": "ru"},
            "keywords": ROWS[1]["kws"],
        },
    ]
    (tmp_path / "release.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    data = load_task_data(
        load_task(
            _task(tmp_path, "mella_release", "release.jsonl", "  filter: {captions.lang: ru}\n")
        )
    )
    assert [s.id for s in data.samples] == ["1", "2"]
    assert data.samples[1].keywords == [("самовар",), ("блины",)]


def test_keyword_entries_with_surface_forms(tmp_path: Path) -> None:
    rows = [
        {
            **ROWS[0],
            "kws": [
                ["Храм Светог Саве", "Hram Svetog Save"],
                {"forms": ["Београд", "Beograd"]},
                "Сава",
            ],
        }
    ]
    (tmp_path / "d.jsonl").write_text(
        json.dumps(rows[0], ensure_ascii=False) + "\n", encoding="utf-8"
    )
    sample = load_task_data(load_task(_task(tmp_path, "jsonl", "d.jsonl", FIELDS))).samples[0]
    assert sample.keywords == [
        ("Храм Светог Саве", "Hram Svetog Save"),
        ("Београд", "Beograd"),
        ("Сава",),
    ]


def test_limit_and_fingerprint_follow_content(tmp_path: Path) -> None:
    data_file = tmp_path / "d.jsonl"
    data_file.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8"
    )
    spec = load_task(_task(tmp_path, "jsonl", "d.jsonl", FIELDS))
    first = load_task_data(spec, limit=1)
    assert [s.id for s in first.samples] == ["ru-1"]
    data_file.write_text(
        data_file.read_text(encoding="utf-8").replace("блины", "пельмени"), encoding="utf-8"
    )
    assert load_task_data(spec).fingerprint != first.fingerprint


def test_missing_id_names_line(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text(
        json.dumps({**ROWS[0], "sid": ""}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"d\.jsonl:1: missing sample id"):
        load_task_data(load_task(_task(tmp_path, "jsonl", "d.jsonl", FIELDS)))


def test_prompt_strategy_all_expands_samples(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text(
        json.dumps(ROWS[0], ensure_ascii=False) + "\n", encoding="utf-8"
    )
    yaml = _task(tmp_path, "jsonl", "d.jsonl", FIELDS)
    text = yaml.read_text(encoding="utf-8").replace(
        "prompt: {templates: ['Опишите эту картину.']}",
        "prompt: {templates: ['Опишите эту картину.', 'Что на фото?'], strategy: all}",
    )
    yaml.write_text(text, encoding="utf-8")
    samples = load_task_data(load_task(yaml)).samples
    assert [(s.id, s.prompt) for s in samples] == [
        ("ru-1#p0", "Опишите эту картину."),
        ("ru-1#p1", "Что на фото?"),
    ]
