"""What keyword extraction reads: the alt-text of each sample of some tasks or of a data file.

Samples are read the way scoring reads them (same adapters, field mappings, filters and
ids), but without keywords, so a know task whose data has none can still be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mella_eval.data.dataset import load_task_data
from mella_eval.errors import DataError, ImageError, MellaError
from mella_eval.tasks.spec import ADAPTERS, TaskSpec

__all__ = ["SourceSample", "data_file_task", "samples_of_task"]


@dataclass(frozen=True)
class SourceSample:
    """One record's alt-text, with what the keywords file needs to join it back."""

    spec: TaskSpec
    sample_id: str
    image_sha256: str | None
    references: tuple[str, ...]
    source: str  # "file:line" of the record

    @property
    def lang_code(self) -> str:
        return self.spec.language.code


def samples_of_task(spec: TaskSpec, limit: int | None = None) -> list[SourceSample]:
    """One source sample per record (prompt strategy ``all`` repeats records: folded)."""
    data = load_task_data(spec, limit, with_keywords=False)
    out: list[SourceSample] = []
    seen: set[str] = set()
    for sample in data.samples:
        if sample.source in seen:
            continue
        seen.add(sample.source)
        record_id = sample.id
        if spec.prompt.strategy == "all":
            record_id = sample.id.rsplit("#p", 1)[0]
        try:
            image_sha: str | None = sample.image.sha256
        except ImageError:
            image_sha = None  # the sample will fail at generation; its keywords still join
        out.append(
            SourceSample(spec, record_id, image_sha, tuple(sample.references), sample.source)
        )
    return out


def data_file_task(
    path: Path,
    language: str,
    *,
    adapter: str = "mella_release",
    fields: dict[str, str] | None = None,
    filters: dict[str, Any] | None = None,
) -> TaskSpec:
    """A throw-away task over a data file, for ``keywords extract --data FILE --language L``."""
    if adapter not in ADAPTERS or adapter == "hf":
        raise MellaError(f"--adapter must be one of {', '.join(a for a in ADAPTERS if a != 'hf')}")
    if not path.exists():
        raise DataError("data file not found", path)
    try:
        return TaskSpec.model_validate(
            {
                "name": f"keywords_{language}",
                "version": 1,
                "kind": "ling",  # read references only; no keyword requirement
                "language": language,
                "dataset": {
                    "adapter": adapter,
                    "path": str(path.resolve()),
                    "allow_data_outside": True,  # named on the command line by the user
                    "fields": fields or {},
                    "filter": filters or {},
                },
                "prompt": {"templates": ["-"]},
                "metrics": ["chrf"],
            }
        )
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise MellaError(f"--data {path} --language {language}: {exc}") from None
