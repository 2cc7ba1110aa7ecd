"""Model fingerprints: a short hash that changes whenever the checkpoint changes.

The fingerprint is part of every prediction key, so re-running with new weights must
never reuse old predictions. Hashing 15 GB of weights on every run would cost minutes,
so weight files are hashed once and the digest is cached by (path, size, mtime_ns):
replacing or rewriting a weight file changes its size or mtime and therefore forces a
re-hash, while an unchanged checkpoint costs one ``stat`` per file. Small files
(config, tokenizer, chat template) are always hashed in full.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

__all__ = ["default_cache_path", "model_fingerprint"]

_WEIGHT_SUFFIXES = {".safetensors", ".bin", ".pt", ".pth", ".gguf", ".h5", ".msgpack", ".ckpt"}
_CHUNK = 8 * 1024 * 1024


def default_cache_path() -> Path:
    """``$MELLA_EVAL_CACHE/fingerprints.json`` or ``~/.cache/mella-eval/fingerprints.json``."""
    root = os.environ.get("MELLA_EVAL_CACHE") or Path.home() / ".cache" / "mella-eval"
    return Path(root) / "fingerprints.json"


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _read_cache(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_cache(path: Path, cache: dict[str, str]) -> None:
    """Atomic replace, so concurrent runs never see a half-written cache (worst case: a
    lost entry, which only costs a re-hash)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only makes the next run slower


def _weight_digest(path: Path, cache: dict[str, str]) -> tuple[str, bool]:
    """(sha256, whether the cache was updated) for a weight file."""
    stat = path.stat()
    cache_key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    if cache_key in cache:
        return cache[cache_key], False
    digest = _file_sha256(path)
    cache[cache_key] = digest
    return digest, True


def _local_files(root: Path) -> list[Path]:
    """Every regular file below ``root`` except hidden ones (``.cache``, ``.git``)."""
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            files.append(path)
    return files


def model_fingerprint(
    model: str, revision: str | None = None, cache_path: str | Path | None = None
) -> str:
    """Fingerprint of a local checkpoint directory (``sha256:<hex>``) or a hub id.

    For a hub id without local files the fingerprint is ``id@revision`` (``main`` when
    no revision is given): pin a commit hash for reproducible keys.
    """
    root = Path(model).expanduser()
    if not root.exists():
        return f"{model}@{revision or 'main'}"
    if root.is_file():
        root, files = root.parent, [root]
    else:
        files = _local_files(root)
    cache_file = Path(cache_path) if cache_path is not None else default_cache_path()
    cache = _read_cache(cache_file)
    changed = False
    overall = hashlib.sha256()
    for path in files:
        if path.suffix in _WEIGHT_SUFFIXES:
            digest, updated = _weight_digest(path, cache)
            changed |= updated
        else:
            digest = _file_sha256(path)
        overall.update(f"{path.relative_to(root).as_posix()}\0{digest}\n".encode())
    if changed:
        _write_cache(cache_file, cache)
    return "sha256:" + overall.hexdigest()
