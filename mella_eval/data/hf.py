"""Hugging Face ``datasets`` adapter: saved-to-disk datasets, local files, or hub ids.

Image columns are cast to ``decode=False`` so rows carry encoded bytes or paths, and
images stay lazy like every other source.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mella_eval.data.records import Location, Record
from mella_eval.errors import DataError


def load_hf(location: str, split: str | None, config: str | None, revision: str | None) -> Any:
    """Open a dataset saved with ``save_to_disk`` or load one by path / hub id."""
    try:
        import datasets
    except ImportError:
        raise DataError("the 'hf' adapter needs datasets: pip install 'mella-eval[hf]'") from None
    path = Path(location)
    try:
        saved = ("dataset_info.json", "dataset_dict.json", "state.json")
        if path.is_dir() and any((path / name).exists() for name in saved):
            loaded = datasets.load_from_disk(str(path))
        else:
            loaded = datasets.load_dataset(location, config, split=split, revision=revision)
    except (FileNotFoundError, ValueError, OSError, ConnectionError) as exc:
        raise DataError(
            f"cannot load Hugging Face dataset ({type(exc).__name__}: {exc})", location
        ) from None
    if isinstance(loaded, datasets.DatasetDict):
        if split is None or split not in loaded:
            raise DataError(f"dataset has splits {sorted(loaded)}; set dataset.split", location)
        loaded = loaded[split]
    return _lazy_images(loaded)


def _lazy_images(dataset: Any) -> Any:
    import datasets

    for name, feature in dataset.features.items():
        if isinstance(feature, datasets.Image) and feature.decode:
            dataset = dataset.cast_column(name, datasets.Image(decode=False))
    return dataset


def read_hf(dataset: Any, location: str) -> Iterator[tuple[Record, Location]]:
    """Rows of a loaded dataset with their row numbers."""
    for index, row in enumerate(dataset, start=1):
        yield dict(row), Location(location, index, unit="row")


def hf_fingerprint(dataset: Any) -> str:
    """The dataset's own content fingerprint (changes when its data changes)."""
    return str(getattr(dataset, "_fingerprint", "unknown"))
