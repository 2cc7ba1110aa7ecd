"""Language fidelity: is the prediction written in the task's language and script?

A model that answers a Thai prompt in fluent English must not look good on chrF against
a loose reference; this metric makes that failure visible as its own number. The
decision is :func:`mella_eval.text.langid.check_language`: script first, then the
offline identifier (lingua, restricted to plausible languages) where the script is
shared by many languages.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mella_eval.metrics.base import MeanMetric, ScoringItem
from mella_eval.text.langid import (
    MIN_LETTERS_FOR_LID,
    REJECT_RATIO,
    WINDOW_CHARS,
    accepted_labels,
    check_languages,
    identifier_version,
)


class LanguageFidelity(MeanMetric):
    """Share of predictions in the task's language and script (x100); empty counts as no."""

    name = "language_fidelity"
    description = "share of predictions written in the task's language and script"
    needs_references = False

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        verdicts = check_languages([it.prediction for it in items], self.lang)
        rows = [[float(v.ok), 1.0] for v in verdicts]
        return np.array(rows, dtype=float).reshape(-1, 2)

    def signature(self) -> dict[str, Any]:
        # mella-eval-2: lingua among plausible languages, macrolanguages accepted (was py3langid).
        signature = {
            "metric": self.name, "version": "mella-eval-2",
            "scripts": list(self.lang.scripts), "lid": identifier_version(),
            "lid_accept": sorted(accepted_labels(self.lang)),
            "lid_min_letters": MIN_LETTERS_FOR_LID, "lid_reject_ratio": REJECT_RATIO,
            "lid_window_chars": WINDOW_CHARS,
        }  # fmt: skip
        if self.lang.lid_rivals:  # only where set, so older signatures stay equal
            signature["lid_rivals"] = sorted(self.lang.lid_rivals)
        return signature
