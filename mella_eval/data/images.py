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
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from mella_eval.errors import ImageError

MAX_IMAGE_BYTES = 64 * 1024 * 1024
MAX_IMAGE_PIXELS = 64_000_000  # ~8000x8000: far beyond any VLM input, refuses decompression bombs
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
    _sha256: str | None = field(default=None, repr=False)

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
            raw = _read_file(self.path)
        elif self.url is not None:
            raw = _fetch_cached(self.url)
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
    oriented = ImageOps.exif_transpose(image)
    return oriented.convert("RGB")


def _read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise ImageError(f"image file too large ({size} bytes > {MAX_IMAGE_BYTES}): {path}")
        return path.read_bytes()
    except FileNotFoundError:
        raise ImageError(f"image file not found: {path}") from None
    except IsADirectoryError:
        raise ImageError(f"image path is a directory: {path}") from None
    except PermissionError:
        raise ImageError(f"image file not readable: {path}") from None


def _fetch_cached(url: str) -> bytes:
    """Fetch ``url`` once; later reads come from the cache directory."""
    cache = default_cache_dir() / hashlib.sha256(url.encode("utf-8")).hexdigest()
    if cache.exists():
        return cache.read_bytes()
    import httpx

    try:
        response = httpx.get(url, timeout=30.0, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise ImageError(f"cannot fetch image: HTTP {exc.response.status_code}: {url}") from None
    except httpx.HTTPError as exc:
        raise ImageError(
            f"cannot fetch image ({type(exc).__name__}; offline?): {url}. "
            f"Download it yourself, or put it in {cache.parent}"
        ) from None
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".part")
    tmp.write_bytes(response.content)
    tmp.replace(cache)
    return response.content


def image_ref(value: object, base_dir: Path) -> ImageRef:
    """Interpret a dataset field as an image reference.

    Accepts a path (relative to ``base_dir``), ``bytes``, a ``data:`` URL, an http(s) URL,
    a base64 string, or a Hugging Face ``{"bytes": ..., "path": ...}`` mapping.
    """
    if isinstance(value, bytes | bytearray):
        return ImageRef(data=bytes(value))
    if isinstance(value, dict):
        if value.get("bytes"):
            return ImageRef(data=bytes(value["bytes"]))
        for key in ("path", "url", "src"):
            if value.get(key):
                return image_ref(value[key], base_dir)
        raise ImageError(f"image mapping has no bytes, path or url: keys {sorted(value)}")
    if isinstance(value, Image.Image):
        buffer = io.BytesIO()
        value.save(buffer, format="PNG")
        return ImageRef(data=buffer.getvalue())
    if not isinstance(value, str) or not value.strip():
        raise ImageError(f"image field is empty or not a string/bytes: {value!r:.80}")
    return _image_ref_from_string(value.strip(), base_dir)


def _image_ref_from_string(text: str, base_dir: Path) -> ImageRef:
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
    return ImageRef(path=path if path.is_absolute() else base_dir / path)


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
