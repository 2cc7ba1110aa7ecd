"""Cases 5 and 8: data files that point outside their folder, non-images, huge lines."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mella_eval.cli import main
from mella_eval.data import records as data_records
from mella_eval.data.dataset import load_task_data
from mella_eval.errors import DataError, ImageError
from mella_eval.results import read_results, read_samples
from mella_eval.tasks import TaskRegistry
from tests.conftest import TaskWriter, draw_image
from tests.hostile.conftest import LocalServer, run_argv

# An X BitMap is C source text, yet Pillow decodes it into pixels: any file shaped like
# this one (a header, a key file rewritten by an attacker) would be sent as an "image".
XBM = b"""#define secret_width 16
#define secret_height 2
static char secret_bits[] = {
0x53,0x45,0x43,0x52,0x45,0x54,0x2d,0x4b,0x45,0x59,0x2d,0x31,0x32,0x33,0x34,0x35};
"""


def _samples(task_yaml: Path) -> dict[str, object]:
    spec = TaskRegistry.discover([task_yaml.parent]).get(task_yaml.stem)
    return {s.id: s for s in load_task_data(spec).samples}


def _records(tmp_path: Path, images: dict[str, str]) -> list[dict[str, object]]:
    return [
        {"id": key, "image": value, "refs": ["A Parlament."], "kw": [["Parlament"]]}
        for key, value in images.items()
    ]


@pytest.fixture
def outside_png(tmp_path: Path) -> Path:
    return draw_image(tmp_path / "elsewhere" / "private.png")


def test_05_image_paths_cannot_leave_the_data_folder(
    write_task: TaskWriter, tmp_path: Path, outside_png: Path
) -> None:
    link = tmp_path / "tasks" / "img" / "link.png"
    link.parent.mkdir(parents=True)
    os.symlink(outside_png, link)
    paths = {
        "dotdot": "../../../../../../etc/passwd",
        "absolute": str(outside_png),
        "symlink": "img/link.png",
        "inside": "img/a.png",
    }
    task = write_task(records=_records(tmp_path, paths))
    samples = _samples(task)
    for key in ("dotdot", "absolute", "symlink"):
        with pytest.raises(ImageError, match="leaves the task's image folder"):
            samples[key].image.load()  # type: ignore[attr-defined]
    assert samples["inside"].image.load().size == (64, 48)  # type: ignore[attr-defined]


def test_05_a_task_may_opt_out_explicitly(write_task: TaskWriter, outside_png: Path) -> None:
    task = write_task(
        records=_records(outside_png.parent, {"absolute": str(outside_png)}),
        extra_yaml="",
    )
    text = task.read_text(encoding="utf-8").replace(
        "  fields:", "  allow_images_outside: true\n  fields:"
    )
    task.write_text(text, encoding="utf-8")
    assert _samples(task)["absolute"].image.load().size == (64, 48)  # type: ignore[attr-defined]


def test_05_image_root_is_the_confinement_when_set(write_task: TaskWriter, tmp_path: Path) -> None:
    draw_image(tmp_path / "pictures" / "p.png")
    task = write_task(records=_records(tmp_path, {"ok": "p.png", "up": "../tasks/t_know_hu.jsonl"}))
    text = task.read_text(encoding="utf-8").replace(
        "  fields:", f"  image_root: {tmp_path / 'pictures'}\n  fields:"
    )
    task.write_text(text, encoding="utf-8")
    samples = _samples(task)
    assert samples["ok"].image.load().size == (64, 48)  # type: ignore[attr-defined]
    with pytest.raises(ImageError, match="leaves"):
        samples["up"].image.load()  # type: ignore[attr-defined]


def test_05_tasks_validate_reports_the_escape(
    write_task: TaskWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    task = write_task(records=_records(Path("."), {"p": "../../../../../../etc/passwd"}))
    assert main(["tasks", "validate", str(task)]) != 0
    assert "leaves the task's image folder" in capsys.readouterr().out + capsys.readouterr().err


def test_05_a_non_image_that_pillow_decodes_is_refused(
    write_task: TaskWriter, tmp_path: Path
) -> None:
    (tmp_path / "tasks" / "img").mkdir(parents=True)
    (tmp_path / "tasks" / "img" / "secret.xbm").write_bytes(XBM)
    task = write_task(records=_records(tmp_path, {"x": "img/secret.xbm"}))
    with pytest.raises(ImageError, match="decodes as XBM"):
        _samples(task)["x"].image.load()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_05_a_decodable_non_image_never_reaches_the_remote_endpoint(
    write_task: TaskWriter, tmp_path: Path, fake_openai: LocalServer
) -> None:
    (tmp_path / "tasks" / "img").mkdir(parents=True)
    (tmp_path / "tasks" / "img" / "secret.xbm").write_bytes(XBM)
    task = write_task(records=_records(tmp_path, {"x": "img/secret.xbm", "ok": "img/a.png"}))
    draw_image(tmp_path / "tasks" / "img" / "a.png")
    out = tmp_path / "out"
    assert main(run_argv(task, out, f"{fake_openai.url}/v1")) == 0
    assert len(fake_openai.requests) == 1  # only the real image was sent
    result = read_results(out)
    records = {r.id: r for r in read_samples(out, result.tasks[task.stem])}
    assert "XBM" in (records["x"].error or "") and records["ok"].prediction


def test_08_a_huge_data_line_is_refused_without_loading_it(
    write_task: TaskWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cap is lowered to 1 MB for the test; the line is 8 MB of one reference."""
    monkeypatch.setattr(data_records, "MAX_LINE_BYTES", 1 << 20, raising=False)
    task = write_task()
    data = task.with_suffix(".jsonl")
    big = {"id": "big", "image": "img/a.png", "refs": ["x" * (8 << 20)], "kw": [["x"]]}
    with data.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(big) + "\n")
    with pytest.raises(DataError, match=r"line longer than 1048576 bytes") as caught:
        _samples(task)
    assert ":3:" in str(caught.value)  # names the line
