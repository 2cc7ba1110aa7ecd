"""Lazy image references: a path, raw bytes, base64, a data: URL, or an http(s) URL.

Images are never held in memory beyond the chunk being generated: a sample carries an
:class:`ImageRef` that reads and decodes on demand. Every failure becomes an
:class:`ImageError` naming the source, so one bad image fails one sample, not the run.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import os
import re
import stat
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from mella_eval.errors import ImageError

MAX_IMAGE_BYTES = 64 * 1024 * 1024
MAX_IMAGE_PIXELS = 64_000_000  # ~8000x8000: far beyond any VLM input, refuses decompression bombs
#: Formats an image may decode as. Pillow also reads text-like formats (XBM, XPM, PPM/PBM
#: in ASCII, EPS, ...): a source file or a key file could "decode" into pixels and be sent
#: to a remote endpoint. Only real photo/graphics formats pass.
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "MPO"})
#: Whole-download deadline (seconds), however slowly the server trickles bytes.
DOWNLOAD_DEADLINE_S = 60.0
MAX_REDIRECTS = 5
_BASE64_RE = re.compile(r"^[A-Za-z0-9+/=\s]+$")


def default_cache_dir() -> Path:
    """Where fetched http(s) images are kept (``MELLA_EVAL_CACHE`` overrides)."""
    root = os.environ.get("MELLA_EVAL_CACHE") or Path.home() / ".cache" / "mella-eval"
    return Path(root) / "images"


@dataclass
class ImageRef:
    """Where one image's bytes come from; reads lazily and hashes the raw content."""

    path: Path | None = None
    data: bytes | None = field(default=None, repr=False)
    url: str | None = None
    root: Path | None = field(default=None, repr=False)
    _sha256: str | None = field(default=None, repr=False)
    #: Why fetching ``url`` failed, once it has: hashing (at prepare) and decoding (at
    #: generation, maybe in a Ray worker, which gets this field with the object) must not
    #: each wait out the download deadline of the same broken URL.
    _fetch_error: str | None = field(default=None, repr=False)

    def describe(self) -> str:
        """Human-readable source for error messages."""
        if self.path is not None:
            return str(self.path)
        if self.url is not None:
            return self.url
        return f"<{len(self.data or b'')} inline bytes>"

    def read_bytes(self) -> bytes:
        """The encoded image file, from disk, inline data or the URL cache."""
        if self.data is not None:
            raw = self.data
        elif self.path is not None:
            raw = _read_file(self.path, self.root)
        elif self.url is not None:
            if self._fetch_error is not None:
                raise ImageError(self._fetch_error)
            try:
                raw = _fetch_remembered(self.url)
            except ImageError as exc:
                self._fetch_error = str(exc)
                raise
        else:
            raise ImageError("no image given")
        if not raw:
            raise ImageError(f"image is empty (0 bytes): {self.describe()}")
        return raw

    @property
    def sha256(self) -> str:
        """Content hash of the encoded bytes, recorded in results (computed once)."""
        if self._sha256 is None:
            self._sha256 = hashlib.sha256(self.read_bytes()).hexdigest()
        return self._sha256

    def load(self) -> Image.Image:
        """Decode fully, apply EXIF orientation, convert to RGB."""
        raw = self.read_bytes()
        self._sha256 = self._sha256 or hashlib.sha256(raw).hexdigest()
        return decode_image(raw, self.describe())


def decode_image(raw: bytes, source: str) -> Image.Image:
    """Decode ``raw`` into an RGB image, refusing bombs and truncated or non-image data."""
    if len(raw) > MAX_IMAGE_BYTES:
        raise ImageError(f"image file too large ({len(raw)} bytes > {MAX_IMAGE_BYTES}): {source}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ImageError(
                    f"image too large ({width}x{height} pixels > {MAX_IMAGE_PIXELS}; "
                    f"possible decompression bomb): {source}"
                )
            image.load()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(f"refused possible decompression bomb ({exc}): {source}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageError(f"cannot decode image ({exc}): {source}") from None
    if image.format not in ALLOWED_FORMATS:
        raise ImageError(
            f"refused: decodes as {image.format}, not an image format "
            f"({', '.join(sorted(ALLOWED_FORMATS))}): {source}"
        )
    oriented = ImageOps.exif_transpose(image)
    return oriented.convert("RGB")


def _read_file(path: Path, root: Path | None) -> bytes:
    """Read an image file, refusing paths that leave ``root`` (symlinks followed)."""
    if root is not None:
        resolved, base = path.resolve(), root.resolve()
        if not resolved.is_relative_to(base):
            raise ImageError(
                f"image path leaves the task's image folder {base} (set dataset."
                f"allow_images_outside: true in the task to allow it): {path}"
            )
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ImageError(f"image path is a directory: {path}")
        if not stat.S_ISREG(info.st_mode):
            raise ImageError(f"image path is not a regular file: {path}")
        if info.st_size > MAX_IMAGE_BYTES:
            raise ImageError(
                f"image file too large ({info.st_size} bytes > {MAX_IMAGE_BYTES}): {path}"
            )
        with open(path, "rb") as handle:
            return handle.read(MAX_IMAGE_BYTES + 1)
    except FileNotFoundError:
        raise ImageError(f"image file not found: {path}") from None
    except IsADirectoryError:
        raise ImageError(f"image path is a directory: {path}") from None
    except PermissionError:
        raise ImageError(f"image file not readable: {path}") from None


_failed_urls: dict[str, str] | None = None  # URL -> reason, while a run remembers failures
_failed_lock = threading.Lock()


@contextmanager
def remember_failed_downloads() -> Iterator[None]:
    """Within the block, a URL whose download failed is not fetched again (same reason).

    A run reads each image twice (its hash for the store key, its pixels for the engine)
    and several samples may share one URL; a server that trickles until the deadline
    would cost that deadline every time. A new block (the next run) asks again: a fetch
    that failed yesterday may work today. Re-entrant: an inner block shares the outer's.
    """
    global _failed_urls
    with _failed_lock:
        outer = _failed_urls is not None
        if not outer:
            _failed_urls = {}
    try:
        yield
    finally:
        if not outer:
            with _failed_lock:
                _failed_urls = None


def _fetch_remembered(url: str) -> bytes:
    memo = _failed_urls
    if memo is not None and url in memo:
        raise ImageError(memo[url])
    try:
        return _fetch_cached(url)
    except ImageError as exc:
        if memo is not None:
            memo[url] = str(exc)
        raise


def _fetch_cached(url: str) -> bytes:
    """Fetch ``url`` once; later reads come from the cache directory.

    Only bytes that were fully received within the deadline and the byte cap, announced
    as an image, and decode as an allowed image format are cached: a server error page
    served with status 200 must never become "the image" for good.
    """
    cache = default_cache_dir() / hashlib.sha256(url.encode("utf-8")).hexdigest()
    if cache.exists():
        return cache.read_bytes()
    content = download_image(url)
    decode_image(content, url)  # refuse before caching, not on every later read
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".part")
    tmp.write_bytes(content)
    tmp.replace(cache)
    return content


def download_image(url: str, *, deadline_s: float | None = None) -> bytes:
    """GET ``url`` with a total deadline and a byte cap, following http(s) redirects only."""
    import httpx

    deadline = time.monotonic() + (DOWNLOAD_DEADLINE_S if deadline_s is None else deadline_s)
    try:
        with httpx.Client(follow_redirects=False) as client:
            for _ in range(MAX_REDIRECTS + 1):
                _check_scheme(url)
                with client.stream("GET", url, timeout=_timeout(deadline)) as response:
                    if response.is_redirect:
                        url = str(response.url.join(response.headers.get("location", "")))
                        continue
                    return _read_body(response, url, deadline)
    except httpx.TimeoutException:
        raise ImageError(
            f"cannot fetch image: no complete answer within the deadline: {url}"
        ) from None
    except httpx.HTTPError as exc:
        raise ImageError(
            f"cannot fetch image ({type(exc).__name__}: {exc}; offline?): {url}. "
            f"Download it yourself, or put it in {default_cache_dir()}"
        ) from None
    raise ImageError(f"cannot fetch image: more than {MAX_REDIRECTS} redirects: {url}")


def _check_scheme(url: str) -> None:
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        raise ImageError(
            f"cannot fetch image: redirected to a {scheme or 'relative'}: URL, only http(s) "
            f"is followed: {url}"
        )


def _timeout(deadline: float) -> Any:
    import httpx

    left = deadline - time.monotonic()
    if left <= 0:
        raise httpx.ReadTimeout("deadline passed")
    return httpx.Timeout(min(left, 30.0))


def _read_body(response: Any, url: str, deadline: float) -> bytes:
    """The response body, refused on a bad status or type, past the cap or the deadline."""
    if response.status_code != 200:
        raise ImageError(f"cannot fetch image: HTTP {response.status_code}: {url}")
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and not kind.startswith("image/") and kind != "application/octet-stream":
        raise ImageError(f"cannot fetch image: the server sent {kind}, not an image: {url}")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_IMAGE_BYTES:
        raise ImageError(f"image too large ({declared} bytes > {MAX_IMAGE_BYTES}): {url}")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_IMAGE_BYTES:
            raise ImageError(f"image too large (more than {MAX_IMAGE_BYTES} bytes): {url}")
        if time.monotonic() > deadline:
            raise ImageError(f"cannot fetch image: no complete answer within the deadline: {url}")
        chunks.append(chunk)
    return b"".join(chunks)


def image_ref(value: object, base_dir: Path, root: Path | None = None) -> ImageRef:
    """Interpret a dataset field as an image reference.

    Accepts a path (relative to ``base_dir``), ``bytes``, a ``data:`` URL, an http(s) URL,
    a base64 string, or a Hugging Face ``{"bytes": ..., "path": ...}`` mapping.
    A path must stay inside ``root`` when one is given (checked when it is read).
    """
    if isinstance(value, bytes | bytearray):
        return ImageRef(data=bytes(value))
    if isinstance(value, dict):
        if value.get("bytes"):
            return ImageRef(data=bytes(value["bytes"]))
        for key in ("path", "url", "src"):
            if value.get(key):
                return image_ref(value[key], base_dir, root)
        raise ImageError(f"image mapping has no bytes, path or url: keys {sorted(value)}")
    if isinstance(value, Image.Image):
        buffer = io.BytesIO()
        value.save(buffer, format="PNG")
        return ImageRef(data=buffer.getvalue())
    if not isinstance(value, str) or not value.strip():
        raise ImageError(f"image field is empty or not a string/bytes: {value!r:.80}")
    return _image_ref_from_string(value.strip(), base_dir, root)


def _image_ref_from_string(text: str, base_dir: Path, root: Path | None) -> ImageRef:
    if text.startswith("data:"):
        header, _, payload = text.partition(",")
        if ";base64" not in header:
            raise ImageError(f"data URL is not base64-encoded: {header}")
        return ImageRef(data=_b64decode(payload))
    if text.startswith(("http://", "https://")):
        return ImageRef(url=text)
    decoded = _base64_image(text)
    if decoded is not None:
        return ImageRef(data=decoded)
    path = Path(text).expanduser()
    return ImageRef(path=path if path.is_absolute() else base_dir / path, root=root)


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF", b"BM", b"II*\x00", b"MM\x00*")


def _base64_image(text: str) -> bytes | None:
    """Decoded bytes if ``text`` is base64 of a known image format, else None (a path)."""
    if len(text) < 16 or not _BASE64_RE.match(text):
        return None
    try:
        raw = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if raw.startswith(_IMAGE_MAGIC) else None


def _b64decode(payload: str) -> bytes:
    try:
        return base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError) as exc:
        raise ImageError(f"invalid base64 image data: {exc}") from None
