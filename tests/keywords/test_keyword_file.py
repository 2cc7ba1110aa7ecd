"""Tasks read keywords files: join by id, image-hash check, task hash, `tasks validate`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from mella_eval.cli import main
from mella_eval.data.dataset import load_task_data
from mella_eval.data.keyword_file import write_keyword_file
from mella_eval.errors import DataError
from mella_eval.tasks import load_task, task_hash
from tests.conftest import draw_image

TASK = """name: t_know_hu
version: 1
kind: know
language: hu
dataset:
  adapter: jsonl
  path: hu.jsonl
  fields: {{id: id, image: image, references: alt}}
  keywords_file: {keywords}
prompt: {{templates: ["Írd le ezt a képet."]}}
metrics: [keyword_accuracy]
"""
RECORDS = [
    {"id": "a", "image": "img/a.png", "alt": "A budapesti Országház a Duna partján."},
    {"id": "b", "image": "img/b.png", "alt": "Gulyásleves egy fehér tányérban."},
]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    draw_image(tmp_path / "img/a.png", color=(200, 0, 0))
    draw_image(tmp_path / "img/b.png", color=(0, 0, 200))
    (tmp_path / "hu.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8"
    )
    (tmp_path / "task.yaml").write_text(TASK.format(keywords="kw/hu.jsonl"), encoding="utf-8")
    return tmp_path


def _keywords(folder: Path, entries: dict[str, list[list[str]]], **changes: Any) -> Path:
    lines = [
        {"id": sid, "image_sha256": _sha(folder / f"img/{sid}.png"), "keywords": kws,
         "source": "hu.jsonl", "extractor": "hand", **changes.get(sid, {})}
        for sid, kws in entries.items()
    ]  # fmt: skip
    path = folder / "kw/hu.jsonl"
    write_keyword_file(path, {"extractor": {"name": "hand"}, "summary": {}}, lines)
    return path


def test_join_by_id_relative_to_the_yaml(folder: Path) -> None:
    _keywords(folder, {"a": [["Országház"], ["Duna"]], "b": []})
    data = load_task_data(load_task(folder / "task.yaml"))
    assert {s.id: s.keywords for s in data.samples} == {
        "a": [("Országház",), ("Duna",)],
        "b": [],
    }
    assert data.samples[0].keywords_source.endswith("kw/hu.jsonl:2")


def test_keywords_file_content_is_part_of_the_task_hash(folder: Path) -> None:
    spec = load_task(folder / "task.yaml")
    _keywords(folder, {"a": [["Országház"]], "b": []})
    first = task_hash(spec, load_task_data(spec).fingerprint)
    _keywords(folder, {"a": [["Duna"]], "b": []})
    second = task_hash(spec, load_task_data(spec).fingerprint)
    _keywords(folder, {"a": [["Országház"]], "b": []})
    assert first != second
    assert task_hash(spec, load_task_data(spec).fingerprint) == first


def test_image_hash_mismatch_names_the_keywords_line_and_id(folder: Path) -> None:
    _keywords(folder, {"a": [["Duna"]], "b": []}, b={"image_sha256": "0" * 64})
    with pytest.raises(DataError) as info:
        load_task_data(load_task(folder / "task.yaml"))
    message = str(info.value)
    assert message.startswith(f"{folder / 'kw/hu.jsonl'}:3: sample 'b': image hash 000000000000")
    assert "another image" in message


def test_sample_missing_from_the_keywords_file(folder: Path) -> None:
    _keywords(folder, {"a": [["Duna"]]})
    with pytest.raises(DataError, match=r"hu\.jsonl:2: sample 'b': no line for this sample"):
        load_task_data(load_task(folder / "task.yaml"))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"id": "a", "keywords": []}\n', r"hu\.jsonl:1: not a keywords file"),
        ('{"mella_keywords": 9}\n', r"hu\.jsonl:1: keywords file version 9"),
        ('{"mella_keywords": 1}\n{"id": "a", "keywords": "Duna"}\n',
         r"hu\.jsonl:2: sample 'a': 'keywords' must be a list"),
        ('{"mella_keywords": 1}\n{"id": "a", "keywords": []}\n{"id": "a", "keywords": []}\n',
         r"hu\.jsonl:3: sample 'a': duplicate sample id \(first at .*:2\)"),
    ],
)  # fmt: skip
def test_hostile_keywords_files(folder: Path, content: str, expected: str) -> None:
    (folder / "kw").mkdir()
    (folder / "kw/hu.jsonl").write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=expected):
        load_task_data(load_task(folder / "task.yaml"))


def test_validate_reports_a_keyword_missing_from_its_reference(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _keywords(folder, {"a": [["Országház"], ["Balaton"]], "b": [["gulyásleves"]]})
    assert main(["tasks", "validate", str(folder / "task.yaml"), "--no-images"]) == 1
    out = capsys.readouterr().out
    assert (
        f"FAIL t_know_hu: {folder / 'kw/hu.jsonl'}:2: sample 'a': keyword entry ['Balaton'] "
        "is not found in its own reference"
    ) in out
    assert "Országház" not in out and "gulyásleves" not in out  # found ones pass
    _keywords(folder, {"a": [["Országház"]], "b": [["gulyásleves"]]})
    assert main(["tasks", "validate", str(folder / "task.yaml"), "--no-images"]) == 0


def test_validate_checks_keywords_in_the_data_too(write_task: Any, capsys: Any) -> None:
    """Keywords from a record field are checked the same way, at the data file's line."""
    records = [{"id": "x", "image": "img/x.png", "refs": ["A Duna partján."],
                "kw": [["Duna"], ["Tisza"]]}]  # fmt: skip
    path = write_task(records=records)
    assert main(["tasks", "validate", str(path), "--no-images"]) == 1
    out = capsys.readouterr().out
    assert f"{path.with_suffix('.jsonl')}:1: sample 'x': keyword entry ['Tisza']" in out


def test_validate_warns_about_failed_extractions(folder: Path, capsys: Any) -> None:
    path = _keywords(folder, {"a": [["Duna"]], "b": []})
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["summary"] = {"samples": 2, "failed_samples": 1}
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    assert main(["tasks", "validate", str(folder / "task.yaml"), "--no-images"]) == 0
    assert (
        f"warn t_know_hu: {path}: extraction failed for 1 of 2 samples" in capsys.readouterr().out
    )
