"""Model fingerprints: change with the weights, without re-reading unchanged weights."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from mella_eval.engines import fingerprint as fp
from mella_eval.engines.fingerprint import model_fingerprint


@pytest.fixture
def checkpoint(tmp_path: Path) -> Path:
    root = tmp_path / "ckpt"
    root.mkdir()
    (root / "config.json").write_text('{"a": 1}')
    (root / "model-00001.safetensors").write_bytes(b"\x01" * 1000)
    (root / "model-00002.safetensors").write_bytes(b"\x02" * 1000)
    (root / ".cache").mkdir()
    (root / ".cache" / "junk").write_text("ignored")
    return root


def test_local_fingerprint_is_sha256_of_names_and_contents(
    checkpoint: Path, tmp_path: Path
) -> None:
    expected = hashlib.sha256()
    for name in ("config.json", "model-00001.safetensors", "model-00002.safetensors"):
        digest = hashlib.sha256((checkpoint / name).read_bytes()).hexdigest()
        expected.update(f"{name}\0{digest}\n".encode())
    got = model_fingerprint(str(checkpoint), cache_path=tmp_path / "c.json")
    assert got == "sha256:" + expected.hexdigest()


def test_weights_hashed_once_then_cached_by_size_and_mtime(
    checkpoint: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "c.json"
    first = model_fingerprint(str(checkpoint), cache_path=cache)
    hashed: list[str] = []
    real = fp._file_sha256
    monkeypatch.setattr(fp, "_file_sha256", lambda p: hashed.append(p.name) or real(p))
    assert model_fingerprint(str(checkpoint), cache_path=cache) == first
    assert hashed == ["config.json"]  # weights not re-read


def test_changed_weight_file_changes_fingerprint(checkpoint: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c.json"
    first = model_fingerprint(str(checkpoint), cache_path=cache)
    weights = checkpoint / "model-00002.safetensors"
    stat = weights.stat()
    weights.write_bytes(b"\x03" * 1000)  # same size: caught by mtime
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = model_fingerprint(str(checkpoint), cache_path=cache)
    assert second != first
    (checkpoint / "config.json").write_text('{"a": 2}')
    assert model_fingerprint(str(checkpoint), cache_path=cache) not in (first, second)


def test_hub_id_uses_revision() -> None:
    assert model_fingerprint("HuggingFaceTB/SmolVLM-256M-Instruct") == (
        "HuggingFaceTB/SmolVLM-256M-Instruct@main"
    )
    assert model_fingerprint("org/m", revision="abc123") == "org/m@abc123"


def test_unwritable_cache_still_fingerprints(checkpoint: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert model_fingerprint(str(checkpoint), cache_path=blocker / "c.json").startswith("sha256:")
