"""The Ray executor's pieces that need no cluster: rows, the decode stage, CLI options."""

from __future__ import annotations

import argparse
import re
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mella_eval.cli.ray_options import add_ray_options, ray_settings
from mella_eval.data.images import ImageRef
from mella_eval.engines.base import SamplingSettings
from mella_eval.errors import MellaError
from mella_eval.generation.loop import PendingRequest, load_or_reason
from mella_eval.generation.ray import decode_images, request_rows
from tests.conftest import draw_image


def _pending(key: str, ref: ImageRef, system: str | None = None) -> PendingRequest:
    return PendingRequest(
        key=key,
        task="t",
        sample_id=key,
        prompt="Опишите эту картину.",
        system=system,
        sampling=SamplingSettings(max_new_tokens=4, stop=("\n",)),
        load_images=partial(lambda r: [r.load()], ref),
        images=(ref,),
    )


def _columns(rows: list[dict[str, object]]) -> dict[str, np.ndarray]:
    """What Ray Data hands a numpy-format UDF: one object array per column."""
    out = {}
    for name in rows[0]:
        column = np.empty(len(rows), dtype=object)
        column[:] = [row[name] for row in rows]
        out[name] = column
    return out


def test_decode_stage_gives_pils_pixels_and_the_local_error_reason(tmp_path: Path) -> None:
    png = draw_image(tmp_path / "a.png", size=(37, 23))
    exif = tmp_path / "rotated.jpg"
    image = Image.new("RGB", (30, 10), (250, 10, 10))
    info = Image.Exif()
    info[0x0112] = 6  # EXIF orientation: rotate 90 degrees
    image.save(exif, exif=info)
    broken = tmp_path / "broken.png"
    broken.write_bytes(png.read_bytes()[:40])
    refs = [
        ImageRef(path=png),
        ImageRef(path=exif),
        ImageRef(path=broken),
        ImageRef(data=png.read_bytes()),
    ]
    pending = [_pending(f"k{i}", ref) for i, ref in enumerate(refs)]

    out = decode_images(_columns(request_rows(pending)))

    expected = np.asarray(Image.open(png).convert("RGB"))
    assert np.array_equal(out["pixels"][0], expected)
    assert out["pixels"][1].shape == (30, 10, 3)  # turned upright, as ImageOps.exif_transpose does
    # PIL's message names a BytesIO object by address (differs per process): not in ours
    local_reason = str(load_or_reason(pending[2].load_images))
    assert out["image_error"][2] == local_reason
    assert not re.search(r"0x[0-9a-fA-F]{6,}", local_reason)
    assert out["image_error"][2].startswith("image error: ImageError: cannot decode image")
    assert np.array_equal(out["pixels"][3], expected)
    assert list(out["image_error"]) == ["", "", out["image_error"][2], ""]
    assert list(out["key"]) == ["k0", "k1", "k2", "k3"]


def test_rows_carry_references_not_pixels(tmp_path: Path) -> None:
    png = draw_image(tmp_path / "a.png")
    rows = request_rows(
        [
            _pending("a", ImageRef(path=png), "Be brief."),
            _pending("b", ImageRef(url="https://x/y.jpg")),
        ]
    )
    assert rows[0]["image_path"] == str(png) and rows[0]["image_data"] == b""
    assert rows[1]["image_url"] == "https://x/y.jpg" and rows[1]["image_path"] == ""
    assert rows[0]["system"] == "Be brief." and rows[1]["system"] == ""
    assert '"stop": ["\\n"]' in str(rows[0]["sampling"])


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_ray_options(parser)
    return parser.parse_args(argv)


def test_ray_options() -> None:
    assert ray_settings(_parse()) is None
    assert ray_settings(_parse("--ray"))["address"] is None  # type: ignore[index]
    settings = ray_settings(
        _parse("--ray", "ray://head:10001", "--ray-replicas", "2-8", "--ray-gpus", "2",
               "--ray-resources", '{"A100": 1}')
    )  # fmt: skip
    assert settings == {
        "address": "ray://head:10001",
        "replicas": [2, 8],
        "num_cpus": 1.0,
        "num_gpus": 2.0,
        "resources": {"A100": 1.0},
    }
    for bad in ("0", "3-2", "two"):
        with pytest.raises(MellaError, match="--ray-replicas"):
            ray_settings(_parse("--ray", "--ray-replicas", bad))
    with pytest.raises(SystemExit):
        _parse("--ray-resources", "[1]")
