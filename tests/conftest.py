"""Shared test set-up: offline, isolated caches, and builders for task folders on disk."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
TEST_OUTPUT = REPO / "test-output"

# The prototype's prompts, copied from shared/notes/mella-protocol.md.
MELLA_PROMPTS = {
    "ar": "وصف هذه الصورة.",
    "cs": "Popište tento obrázek.",
    "hu": "Írd le ezt a képet.",
    "ko": "이 그림을 설명하세요.",
    "ru": "Опишите эту картину.",
    "sr": "Опишите ову слику.",
    "th": "อธิบายภาพนี้",
    "vi": "Hãy mô tả bức tranh này.",
}


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Image URL cache per test session, never the user's."""
    monkeypatch.setenv("MELLA_EVAL_CACHE", str(tmp_path_factory.getbasetemp() / "mella-cache"))


def draw_image(
    path: Path, color: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (64, 48)
) -> Path:
    """A small real PNG: a coloured disc on a sky gradient."""
    image = Image.new("RGB", size, (135, 206, 235))
    ImageDraw.Draw(image).ellipse((8, 8, size[0] - 8, size[1] - 8), fill=color)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


TaskWriter = Callable[..., Path]


@pytest.fixture
def write_task(tmp_path: Path) -> TaskWriter:
    """Write a task YAML + JSONL data + images under ``tmp_path``; return the YAML path."""

    def write(
        name: str = "t_know_hu",
        language: Any = "hu",
        kind: str = "know",
        records: list[dict[str, Any]] | None = None,
        extra_yaml: str = "",
        metrics: str = "[keyword_accuracy]",
        prompt: str = "Írd le ezt a képet.",
    ) -> Path:
        folder = tmp_path / "tasks"
        folder.mkdir(exist_ok=True)
        if records is None:
            records = [
                {
                    "id": "a",
                    "image": "img/a.png",
                    "refs": ["A budapesti Parlament épülete a Duna partján."],
                    "kw": [["Parlament", "Országház"], ["Duna"]],
                },
                {
                    "id": "b",
                    "image": "img/b.png",
                    "refs": ["Gulyásleves piros paprikával egy fehér tányérban."],
                    "kw": [["gulyás", "gulyásleves"]],
                },
            ]
        for record in records:
            image = record.get("image")
            if (
                isinstance(image, str)
                and image.startswith("img/")
                and not (folder / image).exists()
            ):
                draw_image(folder / image)
        data = folder / f"{name}.jsonl"
        data.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        lang = json.dumps(language, ensure_ascii=False)
        yaml_text = (
            f"name: {name}\nversion: 1\nkind: {kind}\nlanguage: {lang}\n"
            f"dataset:\n  adapter: jsonl\n  path: {name}.jsonl\n"
            f"  fields: {{id: id, image: image, references: refs, keywords: kw}}\n"
            f'prompt:\n  templates: ["{prompt}"]\nmetrics: {metrics}\n{extra_yaml}'
        )
        path = folder / f"{name}.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def tiny_family() -> Callable[[str], Path]:
    """Build (once, cached under test-output/) the tiny checkpoint of a model family."""
    from mella_eval.testing.families import build_family

    def build(name: str) -> Path:
        return build_family(name, TEST_OUTPUT / "tiny-families" / name, seed=0)

    return build
