"""Deep checks of a task: schema (already done by loading), data, images, languages.

``mella-eval tasks validate`` runs them. They live with the data they read: a task spec
sits below its data (``tasks/`` -> ``data/``), so the checks that load data are here.

The language check exists because the MELLA paper's own Hungarian baseline was scored
against Czech references: a harness must refuse references that are not in the task's
language and script before any model is run against them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mella_eval.data.dataset import TaskData, load_task_data
from mella_eval.data.keyword_file import read_keyword_file
from mella_eval.data.sample import Sample
from mella_eval.errors import ImageError, MellaError
from mella_eval.metrics import metric_class
from mella_eval.tasks.spec import TaskSpec
from mella_eval.text.keywords import KeywordMatcher
from mella_eval.text.langid import check_language

# Web alt-text is noisy; a few off-language references are tolerated, a wrong file is not.
MAX_OFF_LANGUAGE_SHARE = 0.2


@dataclass
class TaskReport:
    """What validating one task found; ``ok`` when there are no errors."""

    task: str
    samples: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_task(spec: TaskSpec, *, check_images: bool = True) -> TaskReport:
    """Load the task's data and check images and reference languages."""
    report = TaskReport(task=spec.name)
    try:
        data = load_task_data(spec)
    except MellaError as exc:
        report.errors.append(str(exc))
        return report
    report.samples = len(data.samples)
    if check_images:
        report.errors.extend(_image_problems(data))
    _check_reference_language(spec, data.samples, report)
    report.errors.extend(ungrounded_keywords(spec, data.samples))
    report.warnings.extend(_keyword_file_failures(spec))
    return report


def _keyword_file_failures(spec: TaskSpec) -> list[str]:
    """A warning when the keywords file's extraction failed for some samples (they then
    have no keywords and no keyword score)."""
    path = spec.keywords_location()
    if path is None:
        return []
    summary = read_keyword_file(path).header.get("summary") or {}
    failed = summary.get("failed_samples") or 0
    if not failed:
        return []
    return [
        f"{path}: extraction failed for {failed} of {summary.get('samples')} samples (see "
        "the 'error' and 'raw' of their lines; rerun with --fallback deterministic or "
        "another model)"
    ]


def keyword_matcher(spec: TaskSpec) -> KeywordMatcher:
    """The matcher the task's keyword metric scores with (its ``stem`` argument included)."""
    stem = True
    for metric in spec.metrics:
        if getattr(metric_class(metric.name), "needs_keywords", False):
            stem = bool(metric.args.get("stem", True))
            break
    return KeywordMatcher(spec.language, stem=stem)


def ungrounded_keywords(spec: TaskSpec, samples: list[Sample]) -> list[str]:
    """Keyword entries that their own sample's references do not contain, one message each.

    A keyword that is not in the alt-text does not measure whether a caption is grounded
    in what that alt-text says; the check uses the very matcher that scores predictions.
    """
    matcher = keyword_matcher(spec)
    problems: list[str] = []
    checked: set[str] = set()
    for sample in samples:
        if not sample.keywords or sample.keywords_source in checked:
            continue  # prompt strategy "all" repeats a record once per template
        checked.add(sample.keywords_source)
        prepared = [matcher.prepare(reference) for reference in sample.references]
        for forms in sample.keywords:
            if not any(matcher.found(reference, forms) for reference in prepared):
                problems.append(
                    f"{sample.keywords_source}: sample {sample.id!r}: keyword entry "
                    f"{list(forms)} is not found in its own reference by the "
                    f"{matcher.mode!r} matcher"
                )
    return problems


def _image_problems(data: TaskData) -> list[str]:
    problems = []
    checked: set[str] = set()
    for sample in data.samples:
        source = sample.image.describe()
        if source in checked:
            continue
        checked.add(source)
        try:
            sample.image.load().close()
        except ImageError as exc:
            problems.append(f"{sample.source}: sample {sample.id!r}: {exc}")
    return problems


def _check_reference_language(spec: TaskSpec, samples: list[Sample], report: TaskReport) -> None:
    lang = spec.language
    off: list[tuple[Sample, str]] = []
    total = 0
    for sample in samples:
        for reference in sample.references:
            total += 1
            verdict = check_language(reference, lang)
            if not verdict.ok:
                off.append((sample, verdict.describe()))
    if not off:
        return
    found = Counter(label for _, label in off).most_common(3)
    first, label = off[0]
    top_label = found[0][0].split("/")[0]
    detail = (
        f"{len(off)}/{total} references are not {lang.name or lang.code} ({lang.code}, "
        f"scripts {'/'.join(lang.scripts)}): detected {', '.join(f'{k}×{v}' for k, v in found)}; "
        f"first at {first.source}, sample {first.id!r} ({label}); if these labels are "
        f"this language's own variety, accept them with `lid_accept` in the task's "
        f"language block (e.g. language: {{code: {lang.code}, lid_accept: [{top_label}]}})"
    )
    if len(off) / total > MAX_OFF_LANGUAGE_SHARE:
        report.errors.append(detail)
    else:
        report.warnings.append(detail)
