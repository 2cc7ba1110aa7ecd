"""Case 4: slow, huge, lying and redirecting image servers, run for real on 127.0.0.1."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from PIL import Image

from mella_eval.data import images
from mella_eval.data.images import ImageRef
from mella_eval.errors import ImageError
from tests.hostile.conftest import Handler, LocalServer

Start = Callable[[Handler], LocalServer]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (10, 200, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _cached_files() -> list[Path]:
    folder = images.default_cache_dir()
    return [p for p in folder.iterdir()] if folder.is_dir() else []


def _send(request: BaseHTTPRequestHandler, body: bytes, kind: str, status: int = 200) -> None:
    request.send_response(status)
    request.send_header("content-type", kind)
    request.send_header("content-length", str(len(body)))
    request.end_headers()
    request.wfile.write(body)


@pytest.fixture(autouse=True)
def _fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELLA_EVAL_CACHE", str(tmp_path / "cache"))


def test_04_a_trickling_server_hits_the_total_deadline(
    http_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1 byte every 0.2 s: every read succeeds, so only a total deadline can stop it."""
    monkeypatch.setattr(images, "DOWNLOAD_DEADLINE_S", 2.0, raising=False)

    def trickle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("content-type", "image/png")
        request.send_header("content-length", "60")
        request.end_headers()
        try:
            for _ in range(60):  # bounded: 12 s at most
                request.wfile.write(b"x")
                request.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client gave up: what we want

    server = http_server(trickle)
    started = time.monotonic()
    with pytest.raises(ImageError, match="deadline"):
        ImageRef(url=f"{server.url}/slow.png").load()
    assert time.monotonic() - started < 6.0
    assert _cached_files() == []


def test_04_a_huge_body_is_cut_off_at_the_cap_and_never_cached(
    http_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No content-length (chunked-style close-delimited body): the cap is enforced while streaming."""
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 1 << 20)
    sent = {"bytes": 0}

    def huge(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("content-type", "image/png")
        request.send_header("connection", "close")
        request.end_headers()
        block = b"\x89PNG" + b"\0" * 65532
        try:
            for _ in range(20 * 16):  # 20 MB at most
                request.wfile.write(block)
                sent["bytes"] += len(block)
        except OSError:
            pass

    server = http_server(huge)
    with pytest.raises(ImageError, match="too large"):
        ImageRef(url=f"{server.url}/huge.png").load()
    assert _cached_files() == []
    time.sleep(0.5)
    assert sent["bytes"] < 10 << 20, "the download should stop near the cap"


def test_04_a_declared_huge_length_is_refused_before_reading(
    http_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    def declared(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("content-type", "image/png")
        request.send_header("content-length", str(300 << 20))
        request.end_headers()
        with contextlib.suppress(OSError):
            request.wfile.write(b"\x89PNG" + b"\0" * 1000)

    server = http_server(declared)
    with pytest.raises(ImageError, match="too large"):
        ImageRef(url=f"{server.url}/declared.png").load()
    assert _cached_files() == []


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (b"<html><body>Login required</body></html>", "text/html"),
        (b"<html><body>Not found, but status 200</body></html>", "image/png"),
        (b'{"error": "quota"}', "application/json"),
    ],
)
def test_04_a_lying_server_is_never_cached(http_server: Start, body: bytes, kind: str) -> None:
    server = http_server(lambda request: _send(request, body, kind))
    url = f"{server.url}/photo.jpg"
    with pytest.raises(ImageError):
        ImageRef(url=url).load()
    assert _cached_files() == []
    with pytest.raises(ImageError):  # and a second read asks again rather than trusting it
        ImageRef(url=url).read_bytes()


def test_04_a_redirect_to_file_is_refused_with_a_clear_message(http_server: Start) -> None:
    def to_file(request: BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("location", "file:///etc/passwd")
        request.send_header("content-length", "0")
        request.end_headers()

    server = http_server(to_file)
    with pytest.raises(ImageError) as caught:
        ImageRef(url=f"{server.url}/redirect.png").load()
    message = str(caught.value)
    assert "file" in message and "only http(s)" in message and "offline" not in message
    assert _cached_files() == []


def test_04_http_redirects_still_work_and_a_good_image_is_cached(http_server: Start) -> None:
    """The positive control: a redirect chain to a real PNG is followed and cached once."""
    png = _png()

    def serve(request: BaseHTTPRequestHandler) -> None:
        if request.path == "/a":
            request.send_response(301)
            request.send_header("location", "/b")
            request.send_header("content-length", "0")
            request.end_headers()
        elif request.path == "/b":
            request.send_response(307)
            request.send_header("location", "/img.png")
            request.send_header("content-length", "0")
            request.end_headers()
        else:
            _send(request, png, "image/png")

    server = http_server(serve)
    image = ImageRef(url=f"{server.url}/a").load()
    assert image.size == (8, 6) and image.getpixel((0, 0)) == (10, 200, 30)
    assert [p.read_bytes() for p in _cached_files()] == [png]


def test_too_many_redirects_are_refused(http_server: Start) -> None:
    def loop(request: BaseHTTPRequestHandler) -> None:
        request.send_response(302)
        request.send_header("location", request.path + "x")
        request.send_header("content-length", "0")
        request.end_headers()

    server = http_server(loop)
    with pytest.raises(ImageError, match="redirect"):
        ImageRef(url=f"{server.url}/r").load()


def test_a_dead_image_server_names_the_url(unused_port: int) -> None:
    url = f"http://127.0.0.1:{unused_port}/gone.png"
    with pytest.raises(ImageError, match=r"gone\.png"):
        ImageRef(url=url).load()


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
