"""PredictionStore: keyed, append-only predictions that make runs resumable and shardable.

A generation run can take hours on a GPU and be killed at any moment (pre-emption,
OOM, Ctrl-C). Every finished chunk is appended to a JSONL file and fsynced before the
next starts, so a ``kill -9`` loses at most the chunk in flight. The only damage a
kill can do is a half-written last line (one without its final newline); it is ignored
when reading (with a warning) and cut off before the next append, so earlier records are
never touched. A last line that *has* its newline but does not parse was not left by a
kill: before the next append it is moved, byte for byte, to the quarantine file beside
the store (``predictions.quarantine.jsonl``), as ``mella-eval store repair`` does, and
its sample is regenerated. Text that cannot be stored as UTF-8 (lone surrogates, see
``mella_eval.text.surrogates``) is cleaned on the way in and the record says so.

Each record is keyed by :func:`generation_key`, a hash of what decides the model's
output and nothing else (:func:`generation_inputs`: model fingerprint, the engine and
its output-changing options, image hashes, rendered prompt and system turn, sampling
settings). A rerun skips keys already present; changing any of those gives new keys,
never stale answers. What only decides the *score* (references, keyword files, category
labels, the metric list, the task's name) is not in the key, so fixing a reference
rescores without generating anything, and two tasks (or samples) that ask the same
question of the same image share one generation. Each record carries its inputs (so a
garbled key is detectable from the line alone) and ``uses``, the (task, sample id)
pairs that asked for it.

Stores written before keys changed (version 1: the key also held the task hash and the
sample id, see :func:`legacy_prediction_key`) keep resuming: ``runner.migration`` finds
a run's old records by their old keys and appends them under the new ones.
:func:`shard_of` partitions keys for ``--shard i/n`` and :func:`merge` joins shard
stores back into exactly the unsharded store.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from mella_eval.errors import ResultsError
from mella_eval.text.surrogates import scrub

__all__ = [
    "STORE_VERSION",
    "PredictionStore",
    "StoreWarning",
    "generation_inputs",
    "generation_key",
    "legacy_prediction_key",
    "merge",
    "parse_shard",
    "quarantine_path",
    "shard_of",
]

STORE_VERSION = 2
_REQUIRED = ("key", "task", "sample_id", "text", "error")
#: Field added to a record whose strings held lone surrogates (how many were replaced).
SURROGATES_FIELD = "surrogates_replaced"
#: The record's generation inputs (the key is their hash); absent in version-1 records.
INPUTS_FIELD = "inputs"
#: The (task, sample id) pairs that asked for the record's generation.
USES_FIELD = "uses"


class StoreWarning(UserWarning):
    """A store file had a damaged last line; it is cut off or quarantined on the next append."""


def quarantine_path(store_path: Path) -> Path:
    """Where damaged lines of a store go (``x.jsonl`` -> ``x.quarantine.jsonl``)."""
    return store_path.with_name(f"{store_path.stem}.quarantine{store_path.suffix or '.jsonl'}")


def generation_inputs(
    model: str,
    engine: Mapping[str, Any],
    images: Sequence[str],
    prompt: str,
    system: str | None,
    sampling: Mapping[str, Any] | Any,
) -> dict[str, Any]:
    """Everything that decides a generation's output, as plain JSON-able data.

    ``model`` is the model fingerprint (plus a chat-template digest when one is given),
    ``engine`` the engine's name and its output-changing options
    (``engines.output_options``), ``images`` the images' SHA-256 (or why they cannot be
    read), ``sampling`` a mapping or an object with ``to_dict()`` (``SamplingSettings``).
    """
    if hasattr(sampling, "to_dict"):
        sampling = sampling.to_dict()
    return {
        "model": model,
        "engine": dict(engine),
        "images": list(images),
        "prompt": prompt,
        "system": system,
        "sampling": dict(sampling),
    }


def generation_key(inputs: Mapping[str, Any]) -> str:
    """Hex SHA-256 over the canonical JSON of :func:`generation_inputs` and the version.

    Canonical JSON (sorted keys, no whitespace variation) keeps keys stable across
    Python versions and dict orderings.
    """
    return _digest({"v": STORE_VERSION, **inputs})


def legacy_prediction_key(
    model_fingerprint: str,
    task_hash: str,
    sample_id: str,
    image_sha256: str | Sequence[str] | None,
    prompt: str,
    system: str | None,
    sampling: Mapping[str, Any] | Any,
) -> str:
    """The version-1 key (stores written up to commit c4f470b): it also covered the task
    hash and the sample id. Kept only to find old records when migrating a store."""
    if hasattr(sampling, "to_dict"):
        sampling = sampling.to_dict()
    images = [image_sha256] if isinstance(image_sha256, str) else list(image_sha256 or [])
    payload = {
        "v": 1,
        "model": model_fingerprint,
        "task": task_hash,
        "sample": str(sample_id),
        "images": images,
        "prompt": prompt,
        "system": system,
        "sampling": dict(sampling),
    }
    return _digest(payload)


def _digest(payload: Mapping[str, Any]) -> str:
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def shard_of(key: str, n: int) -> int:
    """Shard index in ``[0, n)`` of a hex key; uniform because keys are SHA-256 digests."""
    if n < 1:
        raise ValueError("number of shards must be >= 1")
    return int(key[:16], 16) % n


MAX_SHARDS = 10_000
_SHARD = re.compile(r"([0-9]{1,40})/([0-9]{1,40})")


def parse_shard(text: str) -> tuple[int, int]:
    """Parse ``--shard i/n`` (0-based ``i``) into ``(i, n)``.

    ASCII digits only: ``int`` also reads full-width and other Unicode digits, ``_`` and
    spaces, none of which a shard list written by hand or by a script should contain.
    ``n`` is bounded by :data:`MAX_SHARDS` here and by the run's sample count once the
    tasks are loaded (``runner.prepare.check_shard_count``): a shard count beyond either
    can only run empty shards.
    """
    match = _SHARD.fullmatch(text)
    if match is None:
        raise ResultsError(
            f"--shard must be i/n in ASCII digits (e.g. 0/4, 0-based i), got {text!a}"
        )
    i, n = int(match[1]), int(match[2])
    if not 1 <= n <= MAX_SHARDS:
        raise ResultsError(f"--shard {text}: n must be 1 to {MAX_SHARDS}")
    if not 0 <= i < n:
        raise ResultsError(f"--shard {text}: need 0 <= i < n (i is 0-based)")
    return i, n


class PredictionStore:
    """Append-only JSONL prediction store with an in-memory index of key -> line offset.

    Only offsets (and each key's (task, sample id) users) are kept in memory, not texts,
    so a store of 100k long captions costs a few megabytes; :meth:`get` seeks to the
    record. One writer at a time per file (shards write separate files and are merged).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._index: dict[str, tuple[int, int]] = {}
        self._ok: set[str] = set()
        self._legacy: set[str] = set()  # keys of version-1 records (no inputs field)
        self._uses: dict[str, list[tuple[str, str]]] = {}
        self._good_size = 0
        self._damaged_tail = False  # a newline-terminated bad last line: quarantine, not cut
        self._load()

    def _load(self) -> None:
        """Index the file line by line (streamed: texts are not kept in memory)."""
        if not self.path.exists():
            return
        offset, bad_line, bad_raw = 0, 0, b""
        with self.path.open("rb") as fh:
            for number, line in enumerate(fh, start=1):
                if bad_line:  # a bad line followed by more data is not a kill artefact
                    raise ResultsError(
                        f"{self.path}:{bad_line}: corrupt prediction record; run `mella-eval "
                        f"store repair {self.path.parent}` to quarantine it (it is regenerated "
                        "on the next run)"
                    )
                record = _parse(line)
                if record is None:
                    bad_line, bad_raw = number, line
                    continue
                self._remember(record, offset, len(line))
                offset += len(line)
        if bad_line and bad_raw.endswith(b"\n"):
            self._damaged_tail = True
            warnings.warn(
                f"{self.path}:{bad_line}: ignoring a damaged last record (complete line, "
                f"not a valid record); it will be moved to {quarantine_path(self.path).name} "
                "and regenerated",
                StoreWarning,
                stacklevel=3,
            )
        elif bad_line:
            warnings.warn(
                f"{self.path}:{bad_line}: ignoring a truncated last record (left by an "
                "interrupted run); it will be cut off on the next append",
                StoreWarning,
                stacklevel=3,
            )
        self._good_size = offset

    def _remember(self, record: Mapping[str, Any], offset: int, length: int) -> None:
        key = str(record["key"])
        self._index[key] = (offset, length)
        if record.get("error") is None:
            self._ok.add(key)
        else:
            self._ok.discard(key)
        if INPUTS_FIELD in record:
            self._legacy.discard(key)
        else:
            self._legacy.add(key)
        self._uses[key] = record_uses(record)

    def __len__(self) -> int:
        return len(self._index)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def has(self, key: str, *, ok_only: bool = False) -> bool:
        """Whether ``key`` has a record (with ``ok_only``: a record without an error)."""
        return key in (self._ok if ok_only else self._index)

    def keys(self) -> list[str]:
        return list(self._index)

    @property
    def legacy_keys(self) -> set[str]:
        """Keys of version-1 records (written before keys held only generation inputs)."""
        return set(self._legacy)

    def is_legacy(self, key: str) -> bool:
        """Whether ``key``'s latest record is a version-1 record (no copy of the key set)."""
        return key in self._legacy

    def uses(self, key: str) -> list[tuple[str, str]]:
        """The (task, sample id) pairs recorded as using ``key``'s generation."""
        return list(self._uses.get(key, ()))

    def add_uses(self, wanted: Mapping[str, Iterable[tuple[str, str]]]) -> int:
        """Record that these (task, sample id) pairs use these keys' generations.

        A key whose record lacks some of the pairs gets its record appended again with
        the pairs added (the store is append-only; the latest record of a key wins), so a
        task that joins a run and reuses another task's generations is on record without
        any request to the engine. Returns how many records were appended.
        """
        updated = []
        for key, pairs in wanted.items():
            known = self._uses.get(key)
            if known is None or key not in self._index:
                continue
            extra = [pair for pair in dict.fromkeys(pairs) if pair not in known]
            if extra:
                record = self.get(key)
                if record is not None:
                    record[USES_FIELD] = [list(pair) for pair in known + extra]
                    updated.append(record)
        return self.append(updated)

    def get(self, key: str) -> dict[str, Any] | None:
        """The latest record for ``key``, read from disk, or None."""
        where = self._index.get(key)
        if where is None:
            return None
        offset, length = where
        with self.path.open("rb") as fh:
            fh.seek(offset)
            record = _parse(fh.read(length))
        if record is None:
            raise ResultsError(f"{self.path}: record for key {key[:12]} cannot be read back")
        return record

    def records(self) -> Iterator[dict[str, Any]]:
        """Latest record per key, keys in the order they first appeared; streamed from disk."""
        for key in self._index:
            record = self.get(key)
            if record is not None:
                yield record

    def append(self, records: Iterable[Mapping[str, Any]]) -> int:
        """Append records durably (flush + fsync); returns how many were written.

        A truncated tail left by a kill is cut off first (a damaged complete last line
        is quarantined first), so the new records start on a fresh line and everything
        before stays byte-for-byte as it was. A symlink in the store's place is refused
        (``O_NOFOLLOW``): appending through it would write outside the run folder.
        """
        lines = []
        for given in records:
            missing = [name for name in _REQUIRED if name not in given]
            if missing:
                raise ValueError(f"store record lacks {missing}: {dict(given)!r:.200}")
            record, replaced = scrub(dict(given))
            if replaced:
                record[SURROGATES_FIELD] = replaced
            text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            lines.append((record, (text + "\n").encode("utf-8")))
        if not lines:
            return 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags, 0o666)
        except OSError as exc:
            if self.path.is_symlink():
                raise ResultsError(
                    f"{self.path} is a symbolic link; a store never writes through one"
                ) from None
            raise ResultsError(f"cannot write {self.path}: {exc.strerror}") from None
        with os.fdopen(fd, "ab") as fh:
            end = fh.seek(0, os.SEEK_END)
            if end != self._good_size:
                if self._damaged_tail:
                    self._quarantine_tail()
                fh.truncate(self._good_size)
                fh.seek(self._good_size)
            offset = self._good_size
            for record, data in lines:
                fh.write(data)
                self._remember(record, offset, len(data))
                offset += len(data)
            fh.flush()
            os.fsync(fh.fileno())
        self._good_size = offset
        self._damaged_tail = False
        return len(lines)

    def _quarantine_tail(self) -> None:
        """Copy the bytes after the last good record to the quarantine file (fsynced)."""
        with self.path.open("rb") as source:
            source.seek(self._good_size)
            tail = source.read()
        side = quarantine_path(self.path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(side, flags, 0o666), "ab") as fh:
            fh.write(tail)
            fh.flush()
            os.fsync(fh.fileno())


def record_uses(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A record's (task, sample id) pairs: its ``uses`` field, else its own task and sample."""
    given = record.get(USES_FIELD)
    if isinstance(given, list):
        pairs = [(str(p[0]), str(p[1])) for p in given if isinstance(p, list) and len(p) == 2]
        if pairs:
            return pairs
    return [(str(record.get("task")), str(record.get("sample_id")))]


def _parse(line: bytes) -> dict[str, Any] | None:
    """A complete JSON record, or None for a truncated/garbled line."""
    if not line.endswith(b"\n"):
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "key" in record else None


def merge(stores: Sequence[PredictionStore], out_path: str | Path) -> PredictionStore:
    """Merge shard stores into a store at ``out_path`` (replaced if it exists), by key.

    The same key with different text in two stores is an error (they cannot both be
    the output of the same inputs with greedy decoding); a successful record wins
    over an error record for the same key, so a shard rerun that fixed errors counts.
    The merged record's ``uses`` are those of all the stores together.
    """
    chosen: dict[str, dict[str, Any]] = {}
    origin: dict[str, Path] = {}
    uses: dict[str, dict[tuple[str, str], None]] = {}
    for store in stores:
        for record in store.records():
            key = record["key"]
            uses.setdefault(key, {}).update(dict.fromkeys(record_uses(record)))
            old = chosen.get(key)
            if old is None or (old.get("error") is not None and record.get("error") is None):
                chosen[key], origin[key] = record, store.path
            elif record.get("error") is None and old.get("text") != record.get("text"):
                raise ResultsError(
                    f"merge conflict for key {key[:12]} (task {record.get('task')!r}, sample "
                    f"{record.get('sample_id')!r}): {origin[key]} and {store.path} disagree"
                )
    for key, record in chosen.items():
        if len(uses[key]) > 1 or USES_FIELD in record:
            record[USES_FIELD] = [list(pair) for pair in uses[key]]
    out = Path(out_path)
    tmp = out.with_name(out.name + ".merging")
    tmp.unlink(missing_ok=True)
    PredictionStore(tmp).append(chosen[key] for key in sorted(chosen))
    tmp.touch()
    os.replace(tmp, out)  # atomic: a re-run of merge (even into one of its inputs) is safe
    return PredictionStore(out)
