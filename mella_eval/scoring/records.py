"""Stored generations as sample records, and the records the metrics may score.

A record is one line of ``samples/<task>.jsonl``: the sample, its prediction or the reason
it has none. ``run`` (from the prediction store), ``score`` (from a predictions file) and
``merge`` build records with :func:`sample_record`; everything after that reads records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mella_eval.data.sample import Sample
from mella_eval.limits import MAX_SCORED_CHARS
from mella_eval.metrics import ScoringItem
from mella_eval.results import SampleRecord

#: Why a sample has no record in the store (its generation was never finished).
NOT_GENERATED = "no prediction (generation did not finish)"


def sample_record(
    sample: Sample,
    image_sha256: str | None,
    stored: Mapping[str, Any] | None,
    *,
    image_error: str | None = None,
) -> SampleRecord:
    """One result line: the sample, plus its stored prediction or the reason it has none."""
    fields: dict[str, Any] = {}
    if stored is None:
        fields["error"] = image_error or NOT_GENERATED
    else:
        fields = {
            k: stored.get(k)
            for k in ("finish_reason", "prompt_tokens", "completion_tokens", "latency_s")
        }
        fields["error"] = stored.get("error")
        fields["prediction"] = None if fields["error"] else stored.get("text")
    return SampleRecord(
        id=sample.id,
        image_sha256=image_sha256,
        prompt=sample.prompt,
        system=sample.system,
        references=sample.references,
        keywords=[list(k) for k in sample.keywords],
        categories=list(sample.categories),
        **fields,
    )


def too_long(record: SampleRecord) -> str | None:
    """Why a record's text is too long to score, or None (see ``limits.MAX_SCORED_CHARS``).

    Meteor 1.5's aligner (``meteor_coco``) ran its 2 GB JVM out of memory on a 100,000
    character caption and took the whole scoring call with it; a long text fails its
    own sample instead, before any metric sees it.
    """
    texts = [("prediction", record.prediction or "")]
    texts += [(f"reference {i + 1}", ref) for i, ref in enumerate(record.references)]
    for what, text in texts:
        if len(text) > MAX_SCORED_CHARS:
            return (
                f"{what} of {len(text)} characters is longer than the scoring limit of "
                f"{MAX_SCORED_CHARS}; not scored"
            )
    return None


def length_checked(records: list[SampleRecord]) -> list[SampleRecord]:
    """The records, each one too long to score turned into a failed sample with its reason."""
    out = []
    for record in records:
        reason = None if record.error is not None else too_long(record)
        out.append(record if reason is None else record.model_copy(
            update={"error": reason, "prediction": None}))  # fmt: skip
    return out


def scorable(records: list[SampleRecord]) -> list[SampleRecord]:
    """Records that have a prediction and no error."""
    return [r for r in records if r.error is None and r.prediction is not None]


def to_items(records: list[SampleRecord]) -> list[ScoringItem]:
    """The metrics' view of sample records."""
    return [
        ScoringItem(
            prediction=r.prediction or "",
            references=list(r.references),
            keywords=[tuple(k) for k in r.keywords],
        )
        for r in records
    ]
