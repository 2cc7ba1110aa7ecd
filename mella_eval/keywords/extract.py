"""Proposals -> grounded keyword entries -> one keywords file with its summary.

The file is written once, atomically, at the end; what makes a long LLM extraction
resumable is the store of raw answers next to it (see ``extractors``). The output
has no time stamp, so extracting the same data with the same model twice gives a
byte-identical file and the same task hash (no needless regeneration).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mella_eval import __version__
from mella_eval.data.keyword_file import write_keyword_file
from mella_eval.data.validate import keyword_matcher
from mella_eval.errors import DataError
from mella_eval.keywords.extractors import Extractor, Proposal
from mella_eval.keywords.grounding import ground_entries
from mella_eval.keywords.sources import SourceSample
from mella_eval.text.keywords import KeywordMatcher

__all__ = ["ExtractionSummary", "extract_to_file"]

_EXAMPLES = 5


@dataclass
class ExtractionSummary:
    """Counts for one keywords file; written into its header and printed."""

    samples: int = 0
    with_keywords: int = 0
    entries_proposed: int = 0
    entries_kept: int = 0
    entries_dropped_ungrounded: int = 0
    failed_samples: int = 0
    fallback_samples: int = 0
    by_language: dict[str, Counter[str]] = field(default_factory=dict)
    failed_examples: list[str] = field(default_factory=list)
    dropped_examples: list[str] = field(default_factory=list)

    def count(self, lang: str, name: str, n: int = 1) -> None:
        setattr(self, name, getattr(self, name) + n)
        self.by_language.setdefault(lang, Counter())[name] += n

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["by_language"] = {
            k: dict(sorted(v.items())) for k, v in sorted(self.by_language.items())
        }
        return data


def extract_to_file(
    samples: Sequence[SourceSample], extractor: Extractor, output: Path
) -> ExtractionSummary:
    """Extract, ground and write one keywords file for ``samples``."""
    samples = _unique(samples, output)
    proposals = extractor.propose(samples)
    summary = ExtractionSummary()
    matchers: dict[str, KeywordMatcher] = {}
    lines = []
    for sample, proposal in zip(samples, proposals, strict=True):
        matcher = matchers.setdefault(sample.spec.name, keyword_matcher(sample.spec))
        line = _line(sample, proposal, matcher, summary)
        line["source"] = _relative(sample.source, output)
        lines.append(line)
    header = {
        "extractor": extractor.describe(samples),
        "grounding": {
            name: {"language": m.lang.code, "match": m.mode} for name, m in sorted(matchers.items())
        },
        "data": sorted({_relative(s.source, output).rsplit(":", 1)[0] for s in samples}),
        "mella_eval": __version__,
        "summary": summary.to_dict(),
    }
    write_keyword_file(output, header, lines)
    return summary


def _relative(source: str, output: Path) -> str:
    """``file:line`` with the file relative to the keywords file, so that moving data and
    keywords together keeps the file (and the task hash) the same."""
    path, sep, line = source.rpartition(":")
    if not sep or not Path(path).is_absolute():
        return source
    return f"{os.path.relpath(path, output.resolve().parent)}:{line}"


def _unique(samples: Sequence[SourceSample], output: Path) -> list[SourceSample]:
    """Drop exact repeats; the same id with other alt-text cannot share one file."""
    by_id: dict[str, SourceSample] = {}
    for sample in samples:
        old = by_id.get(sample.sample_id)
        if old is None:
            by_id[sample.sample_id] = sample
        elif old.references != sample.references or old.image_sha256 != sample.image_sha256:
            raise DataError(
                f"sample id also at {old.source} with other alt-text or image; write one "
                f"keywords file per task or language (--output with {{task}} or {{lang}}), "
                f"not all into {output}",
                sample.source,
                sample_id=sample.sample_id,
            )
    return list(by_id.values())


def _line(
    sample: SourceSample, proposal: Proposal, matcher: KeywordMatcher, summary: ExtractionSummary
) -> dict[str, Any]:
    lang = sample.lang_code
    grounded = ground_entries(proposal.candidates, sample.references, matcher)
    summary.count(lang, "samples")
    summary.count(lang, "entries_proposed", len(proposal.candidates))
    summary.count(lang, "entries_kept", len(grounded.kept))
    summary.count(lang, "entries_dropped_ungrounded", len(grounded.dropped))
    summary.count(lang, "with_keywords", int(bool(grounded.kept)))
    if proposal.error is not None:
        summary.count(lang, "failed_samples")
        summary.count(lang, "fallback_samples", int(proposal.extractor != "llm"))
        if len(summary.failed_examples) < _EXAMPLES:
            summary.failed_examples.append(f"{sample.sample_id}: {proposal.error[:200]}")
    for forms in grounded.dropped:
        if len(summary.dropped_examples) < _EXAMPLES:
            summary.dropped_examples.append(f"{sample.sample_id}: {forms[0][:80]}")
    line: dict[str, Any] = {
        "id": sample.sample_id,
        "lang": lang,
        "image_sha256": sample.image_sha256,
        "keywords": grounded.kept,
        "source": sample.source,
        "extractor": proposal.extractor,
    }
    if grounded.dropped:
        line["dropped"] = grounded.dropped
    if proposal.error is not None:
        line["error"] = proposal.error
        line["raw"] = proposal.raw
    return line
