"""From a task's dataset spec to validated :class:`Sample` objects.

Structural problems (missing ids, duplicate ids, empty references, unreadable lines)
stop the load with a message naming file, line and sample id, before anything is
generated or written. Image problems are left for later: images load lazily, and a bad
image fails its own sample only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mella_eval.data.hf import hf_fingerprint, load_hf, read_hf
from mella_eval.data.images import ImageRef, image_ref
from mella_eval.data.keyword_file import KeywordFile, keyword_entries, read_keyword_file
from mella_eval.data.records import (
    Location,
    Record,
    check_regular_file,
    file_fingerprint,
    get_field,
    read_json,
    read_jsonl,
    read_table,
)
from mella_eval.data.sample import Sample
from mella_eval.errors import DataError, ImageError
from mella_eval.tasks.spec import TaskSpec

DEFAULT_FIELDS = {
    "id": "id",
    "image": "image",
    "references": "references",
    "keywords": None,
    "category": None,
}
# The MELLA release record layout (shared notes): img_id, image{path|url}, captions{content, lang}.
MELLA_RELEASE_FIELDS: dict[str, str | None] = {
    "id": "img_id",
    "image": "image",
    "references": "captions.content",
    "keywords": "keywords",
    "category": "labels",
}

# The Crossmodal-3600 release (captions.jsonl): one image a line, ``image/key``,
# ``image/locale`` and per language {caption, caption/tokenized, caption/tokenized/lowercase};
# the image is ``images/{image/key}.jpg`` beside the file. ``{lang}`` is the task's language.
XM3600_FIELDS: dict[str, str | None] = {
    "id": "image/key",
    "image": "image",
    "references": "{lang}.caption",
    "keywords": None,
    "category": "image/locale",
}
# xFlickr&CO as IGLUE distributes it (github.com/e-bug/iglue, datasets/xFlickrCO/):
# ``annotations/{lang}/test.jsonl``, one image a line, ``{"sentences": [...], "id": ...,
# "img_path": "<file>.jpg"}``; no images in the release (Flickr30K and COCO val2014 files,
# found under the task's ``image_root``). ``id`` is a string for Flickr30K, an int for COCO.
XFLICKRCO_FIELDS: dict[str, str | None] = {
    "id": "id",
    "image": "img_path",
    "references": "sentences",
    "keywords": None,
    "category": None,
}
_ADAPTER_FIELDS: dict[str, dict[str, str | None]] = {
    "mella_release": MELLA_RELEASE_FIELDS,
    "xm3600": XM3600_FIELDS,
    "xflickrco": XFLICKRCO_FIELDS,
}


@dataclass
class TaskData:
    """A task's samples plus the fingerprint of the data they came from."""

    samples: list[Sample]
    fingerprint: str
    location: str


def field_map(spec: TaskSpec) -> dict[str, str | None]:
    """The effective field mapping: the task's fields over the adapter's defaults."""
    defaults = _ADAPTER_FIELDS.get(spec.dataset.adapter, DEFAULT_FIELDS)
    given = spec.dataset.fields.model_dump(exclude_none=True)
    merged = {**defaults, **given}
    code = spec.language.code
    return {k: v.replace("{lang}", code) if v else v for k, v in merged.items()}


@dataclass
class _KeywordPlan:
    """Where a task's keywords come from: a record field, a keywords file, or nowhere."""

    field: str | None
    file: KeywordFile | None
    required: bool


def load_task_data(
    spec: TaskSpec, limit: int | None = None, *, with_keywords: bool = True
) -> TaskData:
    """Read, filter and map every record of the task's dataset (the first ``limit`` kept).

    ``with_keywords=False`` reads samples without any keywords (and requires none): the
    keyword extractor reads tasks that have no keywords yet that way.
    """
    records, fingerprint, location = _open_records(spec)
    image_base = Path(spec.data_location()).parent
    if spec.dataset.image_root:
        image_base = (spec.base_dir / spec.dataset.image_root).resolve()
    plan = _keyword_plan(spec, with_keywords)
    if plan.file is not None:  # its content is part of the task hash
        fingerprint = f"{fingerprint}+keywords:{plan.file.sha256}"
    samples: list[Sample] = []
    seen: dict[str, Location] = {}
    for record, where in records:
        if not _passes_filter(record, spec.dataset.filter):
            continue
        for sample in _to_samples(spec, record, where, image_base, plan):
            if sample.id in seen:
                raise DataError(
                    f"duplicate sample id (first at {seen[sample.id]})",
                    where.path,
                    where.line,
                    sample.id,
                )
            seen[sample.id] = where
            samples.append(sample)
        if limit is not None and len(samples) >= limit:
            samples = samples[:limit]
            break
    if not samples:
        raise DataError(f"task {spec.name!r}: the dataset has no samples (after filter)", location)
    return TaskData(samples=samples, fingerprint=fingerprint, location=location)


def _open_records(spec: TaskSpec) -> tuple[Iterator[tuple[Record, Location]], str, str]:
    adapter = spec.dataset.adapter
    location = spec.data_location()
    if adapter == "hf":
        dataset = load_hf(location, spec.dataset.split, spec.dataset.config, spec.dataset.revision)
        return read_hf(dataset, location), hf_fingerprint(dataset), location
    path = Path(location)
    allowed = spec.dataset.allow_data_outside
    check_regular_file(
        path, spec.base_dir, allowed_outside=allowed, what="dataset.path", given=spec.dataset.path
    )
    fingerprint = file_fingerprint(path)
    if adapter in ("jsonl", "mella_release", "xflickrco"):
        return read_jsonl(path), fingerprint, location
    if adapter == "xm3600":
        return _xm3600_records(read_jsonl(path)), fingerprint, location
    if adapter == "json":
        return read_json(path, spec.dataset.split), fingerprint, location
    return read_table(path, adapter), fingerprint, location


def _xm3600_records(
    records: Iterator[tuple[Record, Location]],
) -> Iterator[tuple[Record, Location]]:
    """Release records with their image path added: ``images/{image/key}.jpg``."""
    for record, where in records:
        key = record.get("image/key")
        if "image" not in record and isinstance(key, str):
            record = {**record, "image": f"images/{key}.jpg"}
        yield record, where


def _passes_filter(record: Record, conditions: dict[str, Any]) -> bool:
    return all(get_field(record, key) == value for key, value in conditions.items())


def _keyword_plan(spec: TaskSpec, with_keywords: bool) -> _KeywordPlan:
    if not with_keywords:
        return _KeywordPlan(None, None, False)
    required = spec.kind == "know" and _needs_keywords(spec)
    path = spec.keywords_location()
    if path is not None:
        check_regular_file(
            path,
            spec.keywords_base_dir or spec.base_dir,
            allowed_outside=spec.dataset.allow_data_outside,
            what="dataset.keywords_file",
            given=str(spec.dataset.keywords_file),
        )
        return _KeywordPlan(None, read_keyword_file(path), required)
    return _KeywordPlan(field_map(spec)["keywords"], None, required)


def _to_samples(
    spec: TaskSpec, record: Record, where: Location, image_base: Path, plan: _KeywordPlan
) -> list[Sample]:
    fields = field_map(spec)
    sample_id = _sample_id(record, fields["id"], where)
    references = _references(record, fields["references"], where, sample_id)
    categories = _categories(record, fields["category"], where, sample_id)
    raw_image = get_field(record, fields["image"] or "image")
    try:
        root = None if spec.dataset.allow_images_outside else image_base
        image = image_ref(raw_image, image_base, root)
    except ImageError as exc:
        raise DataError(
            f"image field {fields['image']!r}: {exc}", where.path, where.line, sample_id
        ) from None
    if plan.file is not None:
        keywords, keywords_source = _joined_keywords(plan.file, sample_id, image, where)
    else:
        keywords = _keywords(record, plan.field, where, sample_id)
        keywords_source = str(where) if keywords else ""
        if plan.required and not keywords:
            raise DataError(
                f"no keywords (field {plan.field!r}) for a know task; make them from the "
                "alt-text with `mella-eval keywords extract` and set dataset.keywords_file",
                where.path,
                where.line,
                sample_id,
            )
    prompts = _prompts_for(spec, sample_id)
    return [
        Sample(
            id=prompt_id,
            task=spec.name,
            language=spec.language.code,
            image=image,
            prompt=prompt,
            references=references,
            keywords=keywords,
            system=spec.prompt.system,
            categories=categories,
            source=str(where),
            keywords_source=keywords_source,
        )
        for prompt_id, prompt in prompts
    ]


def _joined_keywords(
    file: KeywordFile, sample_id: str, image: ImageRef, where: Location
) -> tuple[list[tuple[str, ...]], str]:
    """The sample's keywords from the keywords file, checked against its image.

    A sample missing from the file is an error (the file was made for other data); an
    empty list is allowed (the extractor found no entity, so the sample has no keyword
    score). A null ``image_sha256`` (the image was unreadable at extraction) and an image
    unreadable now skip the check; the latter fails its own sample later anyway.
    """
    entry = file.entries.get(sample_id)
    if entry is None:
        raise DataError(
            f"no line for this sample in the keywords file {file.path}: make it with "
            "`mella-eval keywords extract` for this data",
            where.path,
            where.line,
            sample_id,
        )
    if entry.image_sha256 is not None:
        try:
            actual = image.sha256
        except ImageError:
            actual = None
        if actual is not None and actual != entry.image_sha256:
            raise DataError(
                f"image hash {entry.image_sha256[:12]}... differs from the data's image "
                f"{actual[:12]}... ({where}): these keywords were made for another image",
                entry.where.path,
                entry.where.line,
                sample_id,
            )
    return list(entry.keywords), str(entry.where)


def _sample_id(record: Record, field: str | None, where: Location) -> str:
    value = get_field(record, field or "id")
    if value is None or str(value).strip() == "":
        raise DataError(f"missing sample id (field {field!r})", where.path, where.line)
    return str(value)


def _references(record: Record, field: str | None, where: Location, sample_id: str) -> list[str]:
    value = _maybe_json_list(get_field(record, field or "references"))
    refs = [value] if isinstance(value, str) else value
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise DataError(
            f"references (field {field!r}) must be a string or a list of strings",
            where.path,
            where.line,
            sample_id,
        )
    refs = [r.strip() for r in refs if r.strip()]
    if not refs:
        raise DataError(
            f"empty reference list (field {field!r})", where.path, where.line, sample_id
        )
    return refs


def _keywords(
    record: Record, field: str | None, where: Location, sample_id: str
) -> list[tuple[str, ...]]:
    if field is None:
        return []
    value = _maybe_json_list(get_field(record, field))
    if value is None:
        return []
    return keyword_entries(value if isinstance(value, list) else [value], where, sample_id)


def _categories(
    record: Record, field: str | None, where: Location, sample_id: str
) -> tuple[str, ...]:
    """Category labels: a string, a list of strings, or a mapping of levels (its first).

    The MELLA release's ``labels`` holds category levels (coarse first); map a dotted
    field such as ``labels.l2`` to pick another level. Missing or empty = no category.
    """
    if field is None:
        return ()
    value = _maybe_json_list(get_field(record, field))
    if isinstance(value, dict):
        value = next(iter(value.values()), None)
    if value is None:
        return ()
    labels = [value] if isinstance(value, str) else value
    if not isinstance(labels, list) or not all(isinstance(v, str) for v in labels):
        raise DataError(
            f"category (field {field!r}) must be a string, a list of strings or a mapping of "
            f"levels, got {value!r}",
            where.path,
            where.line,
            sample_id,
        )
    return tuple(dict.fromkeys(v.strip() for v in labels if v.strip()))


def _maybe_json_list(value: Any) -> Any:
    """CSV cells hold lists as JSON text; decode those, leave everything else alone."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if hasattr(value, "tolist"):  # numpy arrays from parquet
        return value.tolist()
    return value


def _needs_keywords(spec: TaskSpec) -> bool:
    from mella_eval.metrics import metric_class

    return any(getattr(metric_class(m.name), "needs_keywords", False) for m in spec.metrics)


def _prompts_for(spec: TaskSpec, sample_id: str) -> list[tuple[str, str]]:
    templates = spec.prompt.templates
    if spec.prompt.strategy == "first":
        return [(sample_id, templates[0])]
    if spec.prompt.strategy == "rotate":
        digest = int(hashlib.sha256(sample_id.encode("utf-8")).hexdigest(), 16)
        return [(sample_id, templates[digest % len(templates)])]
    return [(f"{sample_id}#p{i}", template) for i, template in enumerate(templates)]
