"""The 16 shipped MELLA tasks and their groups."""

from __future__ import annotations

from mella_eval.tasks import TaskRegistry
from tests.conftest import MELLA_PROMPTS

LANGS = ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"]


def test_sixteen_tasks_and_groups() -> None:
    registry = TaskRegistry.discover()
    expected = {f"mella_{kind}_{lang}" for kind in ("know", "ling") for lang in LANGS}
    assert expected <= set(registry.tasks)
    assert not registry.broken
    assert [s.name for s in registry.resolve(["mella_know"])] == [f"mella_know_{c}" for c in LANGS]
    assert len(registry.resolve(["mella"])) == 16
    for lang in LANGS:
        assert {s.name for s in registry.resolve([f"mella_{lang}"])} == {
            f"mella_know_{lang}",
            f"mella_ling_{lang}",
        }


def test_tasks_carry_language_kind_prompt_and_headline_metric() -> None:
    registry = TaskRegistry.discover()
    for lang in LANGS:
        know, ling = registry.get(f"mella_know_{lang}"), registry.get(f"mella_ling_{lang}")
        assert know.language.code == ling.language.code == lang
        assert (know.kind, ling.kind) == ("know", "ling")
        assert know.prompt.templates[0] == ling.prompt.templates[0] == MELLA_PROMPTS[lang]
        assert know.metrics[0].name == "keyword_accuracy"
        assert ling.metrics[0].name == "meteor"
        assert know.generation.max_new_tokens == 1200 and know.generation.temperature == 0.0
    assert registry.get("mella_know_sr").language.scripts == ("Cyrl", "Latn")


def test_glob_selection_keeps_order_without_duplicates() -> None:
    registry = TaskRegistry.discover()
    names = [s.name for s in registry.resolve(["mella_know_th", "mella_*_th", "mella_th"])]
    assert names == ["mella_know_th", "mella_ling_th"]
