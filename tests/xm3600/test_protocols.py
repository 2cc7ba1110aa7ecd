"""Both published XM3600 CIDEr protocols against their reference implementations.

``cider_coco`` (big_vision/PaliGemma: PTB tokenizer + CIDEr on the raw text) must equal
pycocoevalcap in all 36 languages of the bundled mini data. ``cider_coco_seg``
(mBLIP/Centurio) must equal pycocoevalcap run on captions prepared as mBLIP prepares them,
and its zh/ja/th segmentation must be the libraries' own output: characters for Chinese
(spaCy's default), SudachiPy mode A with sudachidict-core for Japanese, pythainlp's newmm
for Thai (spaCy's Japanese and Thai tokenizers call exactly these).

Items: per language and image, prediction = the image's first caption, references = its
second caption and the first caption of the next image (so CIDEr is neither 0 nor 100).
One JVM serves all 36 languages on our side (the PTB step does not depend on the language),
and pycocoevalcap's tokenizer runs twice in all, so the test stays short.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from mella_eval.languages import resolve_language
from mella_eval.metrics import ScoringItem
from mella_eval.metrics.context import ScoringContext
from mella_eval.metrics.registry import build_metric
from tests.text.test_xm3600_languages import XM3600

MINI = Path(__file__).resolve().parents[2] / "tasks" / "xm3600" / "mini" / "captions.jsonl"


def _items(code: str) -> list[ScoringItem]:
    rows = [json.loads(line) for line in MINI.read_text("utf-8").splitlines()]
    caps = [row[code]["caption"] for row in rows]
    return [ScoringItem(c[0], [c[1], caps[(i + 1) % len(caps)][0]]) for i, c in enumerate(caps)]


def _library_tokens(code: str, text: str) -> list[str]:
    """The tokens mBLIP's spaCy pipeline gets from the libraries, computed with them here."""
    if code == "zh":
        return [ch for ch in text if not ch.isspace()]
    if code == "ja":
        from sudachipy import Dictionary, SplitMode

        tok = Dictionary(dict="core").tokenizer(mode=SplitMode.A)
        return [m.surface() for m in tok.tokenize(text) if not m.surface().isspace()]
    if code == "th":
        from pythainlp.tokenize import word_tokenize

        return [t for t in word_tokenize(text, engine="newmm") if not t.isspace()]
    return text.split(" ")


def _mblip_text(code: str, text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(_library_tokens(code, text)))


@pytest.mark.parametrize("code", ["zh", "ja", "th"])
def test_segmentation_is_the_libraries_own_output(code: str) -> None:
    metric = build_metric("cider_coco_seg", {}, resolve_language(code))
    items = _items(code)
    prepared = metric.protocol_items(items)  # type: ignore[attr-defined]
    for raw, ours in zip(items, prepared, strict=True):
        assert ours.prediction == _mblip_text(code, raw.prediction)
        assert ours.references == [_mblip_text(code, r) for r in raw.references]
    assert len(prepared[0].prediction.split()) > 5  # really segmented


def test_other_languages_are_not_segmented() -> None:
    metric = build_metric("cider_coco_seg", {}, resolve_language("ko"))
    items = _items("ko")
    assert metric.protocol_items(items) == [  # type: ignore[attr-defined]
        ScoringItem(it.prediction, it.references) for it in items
    ]


def _pycoco(texts: dict[str, list[ScoringItem]]) -> dict[str, tuple[float, list[float]]]:
    """pycocoevalcap as big_vision and mBLIP call it: PTBTokenizer, then Cider per language."""
    from pycocoevalcap.cider.cider import Cider
    from pycocoevalcap.tokenizer.ptbtokenizer import PTBTokenizer

    gts = {f"{c}/{i}": [{"caption": r} for r in it.references]
           for c, items in texts.items() for i, it in enumerate(items)}  # fmt: skip
    res = {f"{c}/{i}": [{"caption": it.prediction}]
           for c, items in texts.items() for i, it in enumerate(items)}  # fmt: skip
    tok = PTBTokenizer()
    g, r = tok.tokenize(gts), tok.tokenize(res)
    out = {}
    for code, items in texts.items():
        keys = [f"{code}/{i}" for i in range(len(items))]
        score, per = Cider().compute_score({k: g[k] for k in keys}, {k: r[k] for k in keys})
        out[code] = (float(score), [float(x) for x in per])
    return out


def _ours(name: str) -> dict[str, tuple[float, list[float | None]]]:
    out: dict[str, Any] = {}
    with ScoringContext(resolve_language("en")) as ctx:
        for code in XM3600:
            metric = build_metric(name, {}, resolve_language(code))
            metric.attach(ctx)
            stats = metric.sample_stats(_items(code))
            out[code] = (metric.aggregate(stats), metric.sample_scores(stats))
    return out


needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="needs a Java runtime")


@needs_java
@pytest.mark.java
@pytest.mark.parametrize(
    ("name", "prepare"),
    [("cider_coco", lambda code, text: text), ("cider_coco_seg", _mblip_text)],
)
def test_cider_equals_pycocoevalcap_in_all_36_languages(name: str, prepare: Any) -> None:
    texts = {
        code: [
            ScoringItem(prepare(code, it.prediction), [prepare(code, r) for r in it.references])
            for it in _items(code)
        ]
        for code in XM3600
    }
    expected = _pycoco(texts)
    ours = _ours(name)
    for code in XM3600:
        score, per_sample = expected[code]
        assert ours[code][0] / 100 == pytest.approx(score, abs=1e-9), code
        assert [s / 100 for s in ours[code][1]] == pytest.approx(per_sample, abs=1e-9), code  # type: ignore[operator]
    # the protocols differ exactly where segmentation applies
    unsegmented = _ours("cider_coco") if name == "cider_coco_seg" else None
    if unsegmented is not None:
        for code in XM3600:
            same = ours[code][0] == pytest.approx(unsegmented[code][0], abs=1e-9)
            assert same == (code not in ("zh", "ja", "th")), code
