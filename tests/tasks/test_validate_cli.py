"""`mella-eval tasks validate` on good and bad input: each bad input gets a clear message
and a non-zero exit, naming the file, line and sample."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest

from mella_eval.cli import main

CZECH_REFS = [
    "Pražský hrad a katedrála svatého Víta nad Vltavou při západu slunce.",
    "Karlův most je plný turistů a sochy světců stojí podél zábradlí.",
    "Talíř se svíčkovou na smetaně, knedlíky a brusinkami v české hospodě.",
]


def _validate(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str]:
    code = main(["tasks", "validate", *map(str, paths)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_shipped_tasks_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = _validate(capsys)
    assert code == 0, output
    assert output.count("ok   mella_") == 16


def test_good_user_task_validates(capsys, write_task) -> None:
    code, output = _validate(capsys, write_task())
    assert code == 0, output
    assert "ok   t_know_hu (2 samples)" in output


def test_hungarian_task_with_czech_references_fails(capsys, write_task) -> None:
    """The MELLA paper's own mistake: Hungarian predictions scored against Czech references."""
    records = [
        {"id": f"s{i}", "image": "img/a.png", "refs": [ref], "kw": [["Praha"]]}
        for i, ref in enumerate(CZECH_REFS)
    ]
    path = write_task(name="t_ling_hu", records=records)
    code, output = _validate(capsys, path)
    assert code == 1
    assert "3/3 references are not Hungarian (hu" in output
    assert "detected cs/Latn×3" in output
    assert "sample 's0'" in output


def test_english_references_for_thai_fail_on_script(capsys, write_task) -> None:
    records = [
        {
            "id": "x",
            "image": "img/a.png",
            "refs": ["A temple by the river at dusk."],
            "kw": [["วัดอรุณ"]],
        }
    ]
    code, output = _validate(
        capsys, write_task(name="t_th", language="th", records=records, prompt="อธิบายภาพนี้")
    )
    assert code == 1 and "not Thai (th" in output and "Latn" in output


def _records(**changes: object) -> list[dict[str, object]]:
    base = {
        "id": "a",
        "image": "img/a.png",
        "refs": ["A budapesti Parlament épülete a Duna partján este."],
        "kw": [["Parlament"]],
    }
    return [{**base, **changes}]


def _bomb_png(path: Path, width: int = 30000, height: int = 30000) -> None:
    """A tiny PNG file that claims 900 megapixels (decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing", "image file not found"),
        ("corrupt", "cannot decode image"),
        ("zero", "image is empty (0 bytes)"),
        ("bomb", "decompression bomb"),
    ],
)
def test_bad_images_fail_with_sample_and_line(capsys, write_task, case: str, expected: str) -> None:
    path = write_task(records=_records(image=f"img/{case}.png"))
    image = path.parent / "img" / f"{case}.png"
    image.parent.mkdir(exist_ok=True)
    if case == "missing":
        image.unlink()
    elif case == "corrupt":
        image.write_bytes(b"\x89PNG\r\n\x1a\nthis is not a png")
    elif case == "zero":
        image.write_bytes(b"")
    elif case == "bomb":
        _bomb_png(image)
    code, output = _validate(capsys, path)
    assert code == 1
    assert expected in output
    assert f"{path.parent / 't_know_hu.jsonl'}:1: sample 'a'" in output


def test_duplicate_ids_name_both_lines(capsys, write_task) -> None:
    path = write_task(records=_records() * 2)
    code, output = _validate(capsys, path)
    assert (
        code == 1
        and "t_know_hu.jsonl:2: sample 'a': duplicate sample id (first at" in output
        and ".jsonl:1)" in output
    )


def test_non_utf8_line_is_named(capsys, write_task) -> None:
    path = write_task()
    data = path.parent / "t_know_hu.jsonl"
    data.write_bytes(data.read_bytes() + b'{"id": "c", "refs": ["caf' + b"\xe9" + b'"]}\n')
    code, output = _validate(capsys, path)
    assert code == 1 and "t_know_hu.jsonl:3: not valid UTF-8" in output


def test_empty_reference_list(capsys, write_task) -> None:
    code, output = _validate(capsys, write_task(records=_records(refs=[])))
    assert code == 1 and "sample 'a': empty reference list" in output


def test_know_task_without_keywords(capsys, write_task) -> None:
    code, output = _validate(capsys, write_task(records=_records(kw=[])))
    assert code == 1 and "no keywords" in output


def test_invalid_json_line(capsys, write_task) -> None:
    path = write_task()
    data = path.parent / "t_know_hu.jsonl"
    data.write_text(data.read_text(encoding="utf-8") + "{not json}\n", encoding="utf-8")
    code, output = _validate(capsys, path)
    assert code == 1 and "t_know_hu.jsonl:3: invalid JSON" in output


@pytest.mark.parametrize(
    ("yaml_change", "expected"),
    [
        ("language: hun\n", "not an ISO 639-1 code"),
        ("metrics: [bleu_score]\n", "unknown metric 'bleu_score'"),
        ("colour: red\n", "unknown key 'colour'"),
    ],
)
def test_bad_definitions_fail_with_file_and_line(
    capsys, write_task, yaml_change: str, expected: str
) -> None:
    path = write_task()
    key = yaml_change.split(":")[0]
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith(f"{key}:")
    ]
    path.write_text("\n".join([*lines, yaml_change.rstrip()]) + "\n", encoding="utf-8")
    code, output = _validate(capsys, path)
    assert code == 1 and expected in output
    assert f"{path.resolve()}:{len(lines) + 1}:" in output


def test_validate_writes_nothing(capsys, write_task) -> None:
    path = write_task(records=_records(refs=[]))
    before = sorted(p.name for p in path.parent.rglob("*"))
    _validate(capsys, path)
    assert sorted(p.name for p in path.parent.rglob("*")) == before


def test_list_json_shows_tasks_and_groups(capsys) -> None:
    assert main(["tasks", "list", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert len([t for t in payload["tasks"] if t["name"].startswith("mella_")]) == 16
    assert set(payload["groups"]) >= {"mella", "mella_know", "mella_ling", "mella_th"}


def test_show_prints_resolved_definition_and_hash(capsys) -> None:
    assert main(["tasks", "show", "mella_know_th"]) == 0
    out = capsys.readouterr().out
    assert "อธิบายภาพนี้" in out and "task_hash:" in out and "segmenter: thai_newmm" in out


def test_unknown_task_exits_non_zero_with_one_line(capsys) -> None:
    assert main(["tasks", "show", "mella_know_xx"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mella-eval: error: unknown task") and "Traceback" not in err
