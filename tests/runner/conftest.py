"""Fixtures for orchestration tests: a tiny checkpoint and a small two-task folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import draw_image

HU_RECORDS = [
    {
        "id": "hu-1",
        "image": "img/1.png",
        "alt": "A budapesti Országház a Duna partján, esti kivilágításban.",
        "desc": [
            "Az Országház neogótikus épülete a Duna partján áll, tornyai és kupolája fényesen ragyognak az esti égbolt alatt."
        ],
        "kw": [["Országház", "Parlament"], ["Duna"]],
    },
    {
        "id": "hu-2",
        "image": "img/2.png",
        "alt": "Gőzölgő gulyásleves piros paprikával egy fehér tányérban.",
        "desc": [
            "Egy fehér tányérban gőzölgő gulyásleves látható, benne marhahús, burgonya és sok piros paprika.",
            "A képen magyar gulyás van egy asztalon, mellette friss kenyér és egy kanál.",
        ],
        "kw": [["gulyás", "gulyásleves"], ["paprika"]],
    },
    {
        "id": "hu-3",
        "image": "img/3.png",
        "alt": "Vitorlások a Balatonon nyári napsütésben.",
        "desc": [
            "Fehér vitorlások úsznak a Balaton kék vizén, a háttérben zöld dombok és a Tihanyi-félsziget látszik."
        ],
        "kw": [["Balaton"], ["vitorlás"]],
    },
]

TASK_YAML = """name: {name}
version: 1
kind: {kind}
language: hu
dataset:
  adapter: jsonl
  path: hu.jsonl
  fields: {{id: id, image: image, references: {refs}, keywords: kw}}
prompt: {{templates: ["Írd le ezt a képet."]}}
generation: {{max_new_tokens: 6}}
metrics: {metrics}
"""


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mella_eval.testing import build_tiny_idefics3

    return build_tiny_idefics3(tmp_path_factory.mktemp("tiny") / "ckpt", seed=0)


@pytest.fixture
def hu_tasks(tmp_path: Path) -> Path:
    """Folder with t_know_hu and t_ling_hu over three real images."""
    folder = tmp_path / "usertasks"
    folder.mkdir()
    for i, color in enumerate([(200, 40, 40), (240, 200, 40), (40, 90, 220)], start=1):
        draw_image(folder / "img" / f"{i}.png", color=color)
    (folder / "hu.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in HU_RECORDS), encoding="utf-8"
    )
    (folder / "t_know_hu.yaml").write_text(
        TASK_YAML.format(
            name="t_know_hu", kind="know", refs="alt", metrics="[keyword_accuracy, keyword_hit]"
        ),
        encoding="utf-8",
    )
    (folder / "t_ling_hu.yaml").write_text(
        TASK_YAML.format(name="t_ling_hu", kind="ling", refs="desc", metrics="[chrf, bleu]"),
        encoding="utf-8",
    )
    (folder / "groups.yaml").write_text(
        "groups:\n  t_hu: [t_know_hu, t_ling_hu]\n", encoding="utf-8"
    )
    return folder
