"""A language outside the built-in table, written as task YAML alone, passes validation;
a check that fails names ``lid_accept`` as the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from mella_eval.cli import main

INDONESIAN_RECORDS = [
    ("Candi Borobudur saat matahari terbit, dengan stupa batu di teras atas.", ["Borobudur"]),
    ("Sepiring nasi goreng dengan telur mata sapi dan kerupuk udang.", ["nasi goreng"]),
    ("Anak-anak bermain layang-layang di pantai pada sore hari.", ["layang-layang"]),
    ("Penari Bali mengenakan pakaian adat berwarna emas di depan pura.", ["Bali", "pura"]),
    ("Sawah terasering di Ubud yang hijau setelah musim hujan.", ["Ubud"]),
    (
        "Monumen Nasional di Jakarta pada malam hari dengan lampu yang terang.",
        ["Monumen Nasional", "Monas"],
    ),
    ("Wayang kulit", ["wayang"]),
    ("Rendang daging sapi khas Padang di atas daun pisang.", ["rendang"]),
]
SLOVAK_REFS = [
    "Bratislavský hrad nad Dunajom v letnom večere.",
    "Vysoké Tatry sú pokryté snehom a pod nimi leží malá dedina.",
    "Na tanieri sú bryndzové halušky so slaninou a pohár žinčice.",
]


def _validate(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["tasks", "validate", str(path)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_indonesian_task_from_yaml_alone_validates(capsys, write_task) -> None:
    records = [
        {"id": f"id-{i}", "image": f"img/{i}.png", "refs": [ref], "kw": [kw]}
        for i, (ref, kw) in enumerate(INDONESIAN_RECORDS)
    ]
    path = write_task(
        name="know_id", records=records, prompt="Jelaskan gambar ini.",
        language={"code": "id", "name": "Indonesian", "scripts": ["Latn"]},
    )  # fmt: skip
    code, output = _validate(capsys, path)
    assert code == 0, output
    assert "ok   know_id (8 samples)" in output


def test_failed_language_check_names_lid_accept(capsys, write_task) -> None:
    records = [
        {"id": f"s{i}", "image": "img/a.png", "refs": [ref], "kw": [[keyword]]}
        for i, (ref, keyword) in enumerate(
            zip(SLOVAK_REFS, ["hrad", "Tatry", "halušky"], strict=True)
        )
    ]
    path = write_task(name="t_ling_cs", language="cs", records=records, prompt="Popište obrázek.")
    code, output = _validate(capsys, path)
    assert code == 1
    assert "3/3 references are not Czech (cs" in output
    assert "detected sk/Latn×3" in output
    assert "lid_accept: [sk]" in output
    # Following the hint makes the task pass: the author decided Slovak is acceptable here.
    accepting = write_task(
        name="t_ling_cs2", language={"code": "cs", "lid_accept": ["sk"]}, records=records,
        prompt="Popište obrázek.",
    )  # fmt: skip
    code, output = _validate(capsys, accepting)
    assert code == 0, output
