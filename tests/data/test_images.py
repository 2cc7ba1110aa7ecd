"""Image references: every source kind, EXIF, RGB, hashing, URL cache, failures."""

from __future__ import annotations

import base64
import hashlib
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from mella_eval.data.images import image_ref
from mella_eval.errors import ImageError
from tests.conftest import draw_image


def _png_bytes(size: tuple[int, int] = (40, 30), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 128 if mode != "RGB" else (10, 200, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_relative_path_and_content_hash(tmp_path: Path) -> None:
    path = draw_image(tmp_path / "img" / "a.png")
    ref = image_ref("img/a.png", tmp_path)
    assert ref.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    image = ref.load()
    assert image.mode == "RGB" and image.size == (64, 48)


@pytest.mark.parametrize("kind", ["bytes", "base64", "data_url", "hf_mapping"])
def test_inline_sources(tmp_path: Path, kind: str) -> None:
    raw = _png_bytes()
    encoded = base64.b64encode(raw).decode()
    value = {
        "bytes": raw,
        "base64": encoded,
        "data_url": f"data:image/png;base64,{encoded}",
        "hf_mapping": {"bytes": raw, "path": None},
    }[kind]
    ref = image_ref(value, tmp_path)
    assert ref.load().size == (40, 30)
    assert ref.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize("mode", ["L", "P", "RGBA", "CMYK"])
def test_converted_to_rgb(tmp_path: Path, mode: str) -> None:
    image = Image.new(mode, (8, 8))
    buffer = io.BytesIO()
    image.save(buffer, format="TIFF" if mode == "CMYK" else "PNG")
    assert image_ref(buffer.getvalue(), tmp_path).load().mode == "RGB"


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    """Orientation 6 means 'rotate 90° clockwise to display': a 40x20 file shows as 20x40."""
    image = Image.new("RGB", (40, 20), (255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "rotated.jpg"
    image.save(path, exif=exif)
    assert image_ref(str(path), tmp_path).load().size == (20, 40)


def test_truncated_file_fails_clearly(tmp_path: Path) -> None:
    raw = _png_bytes((200, 200))
    with pytest.raises(ImageError, match="cannot decode image"):
        image_ref(raw[: len(raw) // 2], tmp_path).load()


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    handler = lambda *a, **k: _CountingHandler(*a, directory=str(root), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _CountingHandler.hits = 0
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def test_url_is_fetched_once_into_the_cache(tmp_path: Path, http_root: tuple[str, Path]) -> None:
    base, root = http_root
    draw_image(root / "pho.png")
    first = image_ref(f"{base}/pho.png", tmp_path)
    assert first.load().size == (64, 48)
    second = image_ref(f"{base}/pho.png", tmp_path)
    assert second.sha256 == first.sha256
    assert _CountingHandler.hits == 1


def test_missing_url_and_offline_fail_clearly(tmp_path: Path, http_root: tuple[str, Path]) -> None:
    base, _ = http_root
    with pytest.raises(ImageError, match="HTTP 404"):
        image_ref(f"{base}/nothing.png", tmp_path).load()
    with pytest.raises(ImageError, match="offline"):
        image_ref("http://127.0.0.1:9/x.png", tmp_path).load()  # port 9: discard, closed


def test_directory_and_empty_values(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="directory"):
        image_ref(".", tmp_path).load()
    with pytest.raises(ImageError, match="empty"):
        image_ref("", tmp_path)
