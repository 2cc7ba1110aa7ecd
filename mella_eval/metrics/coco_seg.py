"""CIDEr as mBLIP and Centurio report it on Crossmodal-3600: segment, then the COCO toolkit.

Two published protocols score XM3600 with the same toolkit and disagree on unspaced
scripts. big_vision's PaliGemma evaluator runs the PTB tokenizer and CIDEr on the raw text
of every language (``cider_coco``): a Chinese, Japanese or Thai caption is then one or a
few "words". mBLIP (``src/tasks/vllm/evaluation.py`` and
``data/xm3600/convert_xm3600_to_coco.py`` in github.com/gregor-ge/mBLIP) and Centurio, by
the same author, first split Chinese into characters, Japanese with SudachiPy and Thai
with pythainlp (spaCy's default tokenizers for the three languages), join the tokens with
spaces, NFC-normalise every caption, and only then run PTB + CIDEr. ``cider_coco_seg`` is
that second protocol, on predictions and references alike.

Which languages are segmented, and how, is the protocol's definition, so it lives here as
data (:data:`MBLIP_SEGMENTERS`, overridable with the ``segmenters`` argument), not in the
language table; every other language is scored exactly as ``cider_coco`` (after NFC).
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np

from mella_eval.languages import LanguageSpec
from mella_eval.metrics.base import MeanMetric, ScoringItem
from mella_eval.metrics.cider import cider_scores
from mella_eval.metrics.coco import _coco_signature
from mella_eval.text.segment import get_segmenter

# spaCy 3's defaults, as mBLIP calls them: Chinese() segments into characters, Japanese()
# is SudachiPy (sudachidict-core, split mode A), Thai() is pythainlp's newmm word_tokenize.
MBLIP_SEGMENTERS = {"zh": "chinese_chars", "ja": "japanese_sudachi", "th": "thai_newmm_tokens"}


def protocol_text(text: str, segment: Any) -> str:
    """A caption as the protocol hands it to PTB: tokens joined by spaces, then NFC."""
    joined = " ".join(segment(text)) if segment is not None else text
    return unicodedata.normalize("NFC", joined)


class CiderCocoSeg(MeanMetric):
    """COCO-toolkit CIDEr-D after the mBLIP/Centurio segmentation of zh, ja and th (x100)."""

    name = "cider_coco_seg"
    description = "COCO-toolkit CIDEr-D after mBLIP's zh/ja/th segmentation (mBLIP, Centurio)"

    def __init__(self, lang: LanguageSpec, *, segmenters: dict[str, str] | None = None) -> None:
        table = dict(MBLIP_SEGMENTERS if segmenters is None else segmenters)
        for name in table.values():
            get_segmenter(name)  # ValueError naming the known segmenters
        super().__init__(lang, **({} if segmenters is None else {"segmenters": table}))
        self.segmenter_name = table.get(lang.code)
        self.segment = get_segmenter(self.segmenter_name).segment if self.segmenter_name else None

    def protocol_items(self, items: list[ScoringItem]) -> list[ScoringItem]:
        """The items with prediction and references segmented and NFC-normalised."""
        cache: dict[str, str] = {}

        def prep(text: str) -> str:
            if text not in cache:
                cache[text] = protocol_text(text, self.segment)
            return cache[text]

        return [ScoringItem(prep(it.prediction), [prep(r) for r in it.references]) for it in items]

    def sample_stats(self, items: list[ScoringItem]) -> np.ndarray:
        hyps, refs = self.context.ptb(self.protocol_items(items))
        scores = cider_scores([h.split() for h in hyps], [[r.split() for r in rs] for rs in refs])
        return np.array([[s, 1.0] for s in scores], dtype=float).reshape(-1, 2)

    def signature(self) -> dict[str, Any]:
        return _coco_signature(
            self.name, n=4, sigma=6.0, df="all references of the call",
            protocol="mBLIP/Centurio: segment, join with spaces, NFC, then PTB + CIDEr",
            segmenter=self.segmenter_name or "none", normalization="nfc+ptb",
        )  # fmt: skip
