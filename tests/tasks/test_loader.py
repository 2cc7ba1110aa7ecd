"""Task YAML loading: includes, precise errors, overrides, task hash, new languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mella_eval.errors import TaskError
from mella_eval.tasks import Overrides, TaskRegistry, load_task, task_hash


def test_include_merges_base_and_task_wins(tmp_path: Path, write_task) -> None:
    path = write_task(extra_yaml="include: _base.yaml\n")
    (path.parent / "_base.yaml").write_text(
        "description: from base\ngeneration: {max_new_tokens: 77, temperature: 0.5}\nversion: 9\n",
        encoding="utf-8",
    )
    spec = load_task(path)
    assert spec.description == "from base"
    assert spec.generation.max_new_tokens == 77 and spec.generation.temperature == 0.5
    assert spec.version == 1  # the including file wins


def test_malformed_yaml_names_file_and_line(write_task) -> None:
    path = write_task()
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "  broken: [unclosed")  # becomes line 4
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TaskError) as err:
        load_task(path)
    assert f"{path}:" in str(err.value)
    assert "invalid YAML" in str(err.value)
    assert err.value.line is not None and err.value.line >= 4


def test_unknown_key_names_key_file_and_line(write_task) -> None:
    path = write_task(extra_yaml="generation:\n  max_new_token: 10\n")
    text = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, start=1) if "max_new_token:" in t)
    with pytest.raises(TaskError, match=r"unknown key 'generation\.max_new_token'") as err:
        load_task(path)
    assert str(err.value).startswith(f"{path.resolve()}:{line}:")


def test_unknown_key_in_included_base_points_at_the_base(write_task) -> None:
    path = write_task(extra_yaml="include: _base.yaml\n")
    base = path.parent / "_base.yaml"
    base.write_text("description: ok\n\npromt_style: x\n", encoding="utf-8")
    with pytest.raises(TaskError, match="unknown key 'promt_style'") as err:
        load_task(path)
    assert str(err.value).startswith(f"{base.resolve()}:3:")


def test_unknown_metric_is_rejected_with_alternatives(write_task) -> None:
    path = write_task(metrics="[keyword_acuracy]")
    with pytest.raises(TaskError, match=r"unknown metric 'keyword_acuracy'.*keyword_accuracy"):
        load_task(path)


@pytest.mark.parametrize("code", ["hun", "HU", "xx", "english"])
def test_language_code_must_be_iso_639_1(write_task, code: str) -> None:
    with pytest.raises(TaskError, match="not an ISO 639-1 code"):
        load_task(write_task(language=code))


def test_unlisted_language_must_name_its_scripts(write_task) -> None:
    with pytest.raises(TaskError, match="give its scripts"):
        load_task(write_task(language="yo"))


def test_include_cycle_is_reported(write_task) -> None:
    path = write_task(extra_yaml="include: _a.yaml\n")
    (path.parent / "_a.yaml").write_text("include: _b.yaml\n", encoding="utf-8")
    (path.parent / "_b.yaml").write_text("include: _a.yaml\n", encoding="utf-8")
    with pytest.raises(TaskError, match="include cycle"):
        load_task(path)


def test_task_hash_ignores_key_order_and_whitespace(write_task, tmp_path: Path) -> None:
    path = write_task()
    spec = load_task(path)
    shuffled = tmp_path / "other" / path.name
    shuffled.parent.mkdir()
    lines = path.read_text(encoding="utf-8").splitlines()
    # Same content: top-level keys in reverse order, extra blank lines and comments.
    blocks: list[list[str]] = []
    for line in lines:
        if line and not line.startswith(" "):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    shuffled.write_text(
        "# comment\n\n" + "\n\n".join("\n".join(b) for b in reversed(blocks)) + "\n",
        encoding="utf-8",
    )
    (shuffled.parent / "img").symlink_to(path.parent / "img")
    (shuffled.parent / f"{spec.name}.jsonl").write_bytes(
        (path.parent / f"{spec.name}.jsonl").read_bytes()
    )
    assert load_task(shuffled).definition_hash() == spec.definition_hash()
    assert task_hash(load_task(shuffled), "d") == task_hash(spec, "d")


@pytest.mark.parametrize(
    ("extra", "changes"),
    [
        ("generation: {max_new_tokens: 64}\n", True),
        ("generation: {temperature: 0.7}\n", True),
        ("description: only words\n", False),
    ],
)
def test_task_hash_changes_with_what_changes_scores(write_task, extra: str, changes: bool) -> None:
    base = load_task(write_task(name="h1"))
    other = load_task(write_task(name="h2", extra_yaml=extra))
    assert (base.definition_hash() != other.definition_hash()) is changes


def test_task_hash_changes_with_prompt_metrics_and_data(write_task) -> None:
    base = load_task(write_task(name="h1"))
    assert (
        base.definition_hash()
        != load_task(write_task(name="h2", prompt="Mit látsz a képen?")).definition_hash()
    )
    assert (
        base.definition_hash()
        != load_task(write_task(name="h3", metrics="[keyword_hit]")).definition_hash()
    )
    assert task_hash(base, "data-v1") != task_hash(base, "data-v2")


def test_override_file_repoints_tasks_by_glob_with_placeholders(tmp_path: Path, write_task) -> None:
    path = write_task(name="t_know_hu")
    real = tmp_path / "real"
    real.mkdir()
    (real / "know-hu.jsonl").write_text("", encoding="utf-8")
    override = real / "override.yaml"
    override.write_text(
        "t_*_hu:\n  dataset: {path: '{kind}-{lang}.jsonl', split: test}\n", encoding="utf-8"
    )
    spec = load_task(path, Overrides(override))
    assert spec.data_location() == str((real / "know-hu.jsonl").resolve())
    assert spec.dataset.split == "test"
    assert spec.dataset.fields.references == "refs"  # untouched fields survive the merge


def test_override_errors_point_into_the_override_file(tmp_path: Path, write_task) -> None:
    path = write_task()
    override = tmp_path / "o.yaml"
    override.write_text("'*':\n  dataset:\n    adapterr: jsonl\n", encoding="utf-8")
    with pytest.raises(TaskError, match=r"unknown key 'dataset\.adapterr'") as err:
        load_task(path, Overrides(override))
    assert str(err.value).startswith(f"{override.resolve()}:3:")


def test_new_language_from_yaml_alone(tmp_path: Path, write_task) -> None:
    """A language given by a YAML language block alone (it overrides the built-in table)."""
    records = [
        {
            "id": "sw1",
            "image": "img/sw1.png",
            "refs": ["Mlima Kilimanjaro wenye theluji juu yake, unaonekana kutoka kijijini."],
            "kw": [["Kilimanjaro", "Mlima Kilimanjaro"]],
        },
        {
            "id": "sw2",
            "image": "img/sw2.png",
            "refs": ["Ugali na sukuma wiki vimepakuliwa kwenye sahani ya bati."],
            "kw": [["ugali"], ["sukuma wiki"]],
        },
    ]
    path = write_task(
        name="know_sw",
        language={"code": "sw", "name": "Swahili", "scripts": ["Latn"]},
        records=records,
        prompt="Eleza picha hii.",
    )
    registry = TaskRegistry.discover([path.parent])
    spec = registry.get("know_sw")
    assert spec.language.code == "sw" and spec.language.segmenter == "unicode_words"
    from mella_eval.data.validate import validate_task

    report = validate_task(spec)
    assert report.ok, report.errors
    assert report.samples == 2


def test_unknown_task_suggests_close_names() -> None:
    registry = TaskRegistry.discover()
    with pytest.raises(TaskError, match="did you mean mella_know_th"):
        registry.resolve(["mella_knwo_th"])


def test_broken_user_task_does_not_break_other_tasks(tmp_path: Path, write_task) -> None:
    good = write_task(name="good_hu")
    (good.parent / "bad_hu.yaml").write_text("name: bad_hu\nversion: [1\n", encoding="utf-8")
    registry = TaskRegistry.discover([good.parent])
    assert registry.get("good_hu").name == "good_hu"
    with pytest.raises(TaskError, match="invalid YAML"):
        registry.resolve(["bad_hu"])
    assert json.dumps([str(p) for p in registry.broken])


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("segmenter", "thai_newm", "unknown segmenter 'thai_newm'"),
        ("normalizers", ["arabik"], "unknown normalizer"),
        ("stemmer", "czech", "unknown stemmer 'czech'"),
    ],
)
def test_language_processing_names_are_checked_at_load(
    write_task, field: str, value: object, message: str
) -> None:
    language = {"code": "sw", "scripts": ["Latn"], field: value}
    with pytest.raises(TaskError, match=message) as err:
        load_task(write_task(language=language))
    assert err.value.line is not None


def test_snowball_list_matches_nltk() -> None:
    from nltk.stem.snowball import SnowballStemmer

    from mella_eval.languages import SNOWBALL_STEMMERS

    assert frozenset(SnowballStemmer.languages) == SNOWBALL_STEMMERS
