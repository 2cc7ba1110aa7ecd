"""From a run folder to the data the inspect page shows: one entry per sample.

Reads only result files (``results.json``, ``samples/<task>.jsonl``) plus, for the
thumbnails and each task's language table, the task definitions the run was made with
(``run-config.json``). Texts are cut into pieces for the page: plain text, keyword hits
(by entry number) and bidirectional control characters, so the browser script never
handles offsets and never parses markup.
"""

from __future__ import annotations

import base64
import io
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mella_eval.errors import MellaError
from mella_eval.inspect.spans import keyword_spans, merge_spans
from mella_eval.languages import LanguageSpec, resolve_language
from mella_eval.results import RunResult, SampleRecord, TaskResult, read_results, read_samples
from mella_eval.text.keywords import KeywordMatcher
from mella_eval.text.spoofing import show_bidi_controls, split_bidi

DEFAULT_MAX_SAMPLES = 1000
DEFAULT_THUMB_PX = 128
PLAIN, CONTROL = 0, -1


@dataclass
class PageOptions:
    """How much the page holds: samples (spread over tasks) and thumbnail size."""

    max_samples: int = DEFAULT_MAX_SAMPLES
    thumb_px: int = DEFAULT_THUMB_PX
    images: bool = True
    registry: Any = None  # TaskRegistry for folders without run-config.json (``score`` output)


@dataclass
class TaskContext:
    """What a task needs beyond its records: its language and its images by sample id."""

    language: LanguageSpec | None
    images: dict[str, Any] = field(default_factory=dict)  # sample id -> ImageRef
    note: str | None = None


def pieces(text: str, spans: list[tuple[int, int, int]]) -> list[list[Any]]:
    """``[[text, kind], ...]``: kind 0 plain, n > 0 hit of keyword entry n, -1 a bidi control."""
    out: list[list[Any]] = []
    position = 0
    for start, end, entry in spans:
        out.extend(_plain(text[position:start]))
        out.append([text[start:end], entry])
        position = end
    out.extend(_plain(text[position:]))
    return out


def _plain(text: str) -> list[list[Any]]:
    """Plain pieces; bidi controls as their visible names (``U+202E``), never applied."""
    return [
        [show_bidi_controls(part), CONTROL if control else PLAIN]
        for part, control in split_bidi(text)
    ]


def highlighted(
    matcher: KeywordMatcher | None, text: str, keywords: list[list[str]]
) -> tuple[list[list[Any]], list[bool]]:
    """The text as pieces with keyword hits marked, and per entry whether it was found."""
    if matcher is None or not keywords:
        return pieces(text, []), [False] * len(keywords)
    found_spans: list[tuple[int, int, int]] = []
    found = []
    for number, forms in enumerate(keywords, start=1):
        spans = keyword_spans(matcher, text, forms)
        found.append(bool(spans))
        found_spans.extend((start, end, number) for start, end in spans)
    return pieces(text, merge_spans(found_spans)), found


def thumbnail(image_ref: Any, size: int) -> str:
    """A JPEG data URL of the image scaled to fit ``size`` x ``size`` pixels."""
    from PIL import Image

    image = image_ref.load()
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=70, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def task_contexts(
    run_dir: Path, result: RunResult, images: bool, fallback: Any = None
) -> dict[str, TaskContext]:
    """Each task's language (and image refs) from the definitions the run was made with.

    Those are the run's ``run-config.json`` task sources; a folder without one (written by
    ``score``) uses ``fallback`` (default: the bundled tasks). Missing or
    changed task data costs only the thumbnails (and, for a language outside the
    built-in table, the highlighting); the page says so per task.
    """
    from mella_eval.runner.config import CONFIG_FILE, load_config
    from mella_eval.runner.pipeline import registry_for
    from mella_eval.tasks import TaskRegistry

    contexts = {name: _fallback_context(task) for name, task in result.tasks.items()}
    try:
        if (run_dir / CONFIG_FILE).exists():
            registry = registry_for(load_config(run_dir))
        else:
            registry = fallback or TaskRegistry.discover([])
    except MellaError as exc:
        _warn(f"task definitions unavailable ({exc}); no thumbnails")
        return contexts
    for name in result.tasks:
        try:
            spec = registry.get(name)
        except MellaError:
            contexts[name].note = "task no longer defined: no thumbnails"
            continue
        contexts[name].language = spec.language
        if images:
            _attach_images(contexts[name], spec)
    return contexts


def _fallback_context(task: TaskResult) -> TaskContext:
    try:
        return TaskContext(resolve_language(task.language))
    except (MellaError, ValueError):
        return TaskContext(None, note=f"language {task.language!r} unknown: no highlighting")


def _attach_images(context: TaskContext, spec: Any) -> None:
    from mella_eval.data.dataset import load_task_data

    try:
        data = load_task_data(spec)
    except MellaError as exc:
        context.note = f"task data unavailable ({exc}): no thumbnails"
        return
    context.images = {s.id: s.image for s in data.samples if s.image.url is None}


def _warn(message: str) -> None:
    print(f"mella-eval: warning: inspect: {message}", file=sys.stderr)


def select(records_by_task: dict[str, list[SampleRecord]], limit: int) -> dict[str, int]:
    """How many samples of each task the page keeps: all, or a share proportional to size.

    Shares are rounded by largest remainder (ties by task name) so they add up to
    ``limit``; every task keeps at least one sample, its first ones in file order, so every
    task stays visible and the page size stays bounded.
    """
    sizes = {name: len(r) for name, r in records_by_task.items()}
    total = sum(sizes.values())
    if total <= limit:
        return sizes
    exact = {name: limit * size / total for name, size in sizes.items()}
    keep = {name: min(sizes[name], max(1, math.floor(share))) for name, share in exact.items()}
    by_remainder = sorted(exact, key=lambda n: (-(exact[n] - math.floor(exact[n])), n))
    for name in by_remainder:
        if sum(keep.values()) >= limit:
            break
        if keep[name] < sizes[name]:
            keep[name] += 1
    return keep


def build_page_data(run_dir: Path, options: PageOptions | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-able data."""
    options = options or PageOptions()
    result = read_results(run_dir)
    records = {name: read_samples(run_dir, task) for name, task in result.tasks.items()}
    keep = select(records, options.max_samples)
    contexts = task_contexts(run_dir, result, options.images, options.registry)
    samples = []
    for name, task in result.tasks.items():
        context = contexts[name]
        matcher = KeywordMatcher(context.language) if context.language else None
        for record in records[name][: keep[name]]:
            samples.append(_sample(name, task, record, matcher, context, options))
    total = sum(len(r) for r in records.values())
    return {
        "run": _run_info(run_dir, result, total, len(samples), options),
        "tasks": [_task_info(name, task, contexts[name]) for name, task in result.tasks.items()],
        "metrics": sorted({key for task in result.tasks.values() for key in task.metrics}),
        "samples": samples,
    }


def _sample(
    task_name: str,
    task: TaskResult,
    record: SampleRecord,
    matcher: KeywordMatcher | None,
    context: TaskContext,
    options: PageOptions,
) -> dict[str, Any]:
    keywords = record.keywords
    prediction, in_prediction = (
        highlighted(matcher, record.prediction, keywords)
        if record.prediction is not None
        else (None, [False] * len(keywords))
    )
    references, in_reference = [], [False] * len(keywords)
    for reference in record.references:
        shown, found = highlighted(matcher, reference, keywords)
        references.append(shown)
        in_reference = [a or b for a, b in zip(in_reference, found, strict=True)]
    image, image_note = _image(context, record, options)
    return {
        "task": task_name,
        "id": record.id,
        "language": task.language,
        "kind": task.kind,
        "categories": list(record.categories),
        "prompt": pieces(record.prompt, []),
        "prediction": prediction,
        "references": references,
        "keywords": [
            {"forms": forms, "in_prediction": hit, "in_reference": ref}
            for forms, hit, ref in zip(keywords, in_prediction, in_reference, strict=True)
        ],
        "metrics": record.metrics,
        "error": record.error,
        "image": image,
        "image_note": image_note,
    }


def _image(
    context: TaskContext, record: SampleRecord, options: PageOptions
) -> tuple[str | None, str | None]:
    """The thumbnail, only for the very image the prediction was made from (same hash)."""
    if not options.images:
        return None, "thumbnails off (--no-images)"
    ref = context.images.get(record.id)
    if ref is None:
        return None, context.note or "image not available"
    try:
        if record.image_sha256 is not None and ref.sha256 != record.image_sha256:
            return None, "the task's image changed since the run (hash differs)"
        return thumbnail(ref, options.thumb_px), None
    except (MellaError, OSError) as exc:
        return None, f"image unreadable: {exc}"


def _run_info(
    run_dir: Path, result: RunResult, total: int, shown: int, options: PageOptions
) -> dict[str, Any]:
    return {
        "folder": run_dir.resolve().name,
        "model": result.run.model.name,
        "fingerprint": result.run.model.fingerprint,
        "engine": result.run.engine,
        "finished_at": result.run.finished_at.strftime("%Y-%m-%d %H:%M UTC"),
        "schema_version": result.schema_version,
        "samples_total": total,
        "samples_shown": shown,
        "max_samples": options.max_samples,
    }


def _task_info(name: str, task: TaskResult, context: TaskContext) -> dict[str, Any]:
    return {
        "name": name,
        "language": task.language,
        "kind": task.kind,
        "headline": task.headline,
        "metrics": {key: value.value for key, value in task.metrics.items()},
        "n_samples": task.n_samples,
        "n_errors": task.n_errors,
        "note": context.note,
    }
