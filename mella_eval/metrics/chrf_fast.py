"""sacrebleu's chrF / chrF++ sentence statistics, with the character n-grams in numpy.

sacrebleu counts character n-grams with ``Counter`` over string slices; on 10,000
captions of ~1,000 characters that is most of a scoring run. Here each sample's
characters are mapped to small integer ids, every n-gram becomes one int64 key, and
counts and clipped matches come from ``np.unique`` / ``np.intersect1d``. Word n-grams
(chrF++), the F-score used to pick the best reference, and the final score are
sacrebleu's own methods, so the statistics are identical (tests/metrics compare them).
"""

from __future__ import annotations

from typing import Any

import numpy as np

Grams = tuple[np.ndarray, np.ndarray]  # sorted unique keys (order in the low 3 bits), counts
_MAX_BASE = 1024  # base**6 * 8 must fit in int64


def _chars(text: str) -> np.ndarray:
    """Code points of ``text`` with whitespace removed (sacrebleu: ''.join(s.split())).

    ``surrogatepass`` keeps a lone surrogate as its own code point, as sacrebleu's string
    slicing does, instead of raising (callers through ``score_items`` never pass one).
    """
    joined = "".join(text.split())
    return np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _grams(ids: np.ndarray, max_order: int, base: int) -> Grams:
    """All 1..max_order character n-grams as tagged int64 keys, counted in one pass."""
    parts = []
    for n in range(1, max_order + 1):
        length = len(ids) - n + 1
        if length <= 0:
            break
        keys = ids[:length].astype(np.int64)
        for k in range(1, n):
            keys = keys * base + ids[k : k + length]
        parts.append(keys * 8 + n)
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    uniq, counts = np.unique(np.concatenate(parts), return_counts=True)
    return uniq, counts


def _match(h: Grams, r: Grams, max_order: int) -> list[int]:
    """sacrebleu ``_get_match_statistics`` for every order: [hyp, ref, match] triplets.

    The hypothesis count is reported as 0 for an order the reference has no n-gram of.
    """
    _, hi, ri = np.intersect1d(h[0], r[0], assume_unique=True, return_indices=True)
    size = max_order + 1
    hyp = np.bincount(h[0] % 8, weights=h[1], minlength=size)[1:]
    ref = np.bincount(r[0] % 8, weights=r[1], minlength=size)[1:]
    match = np.bincount(h[0][hi] % 8, weights=np.minimum(h[1][hi], r[1][ri]), minlength=size)
    stats: list[int] = []
    for n in range(max_order):
        stats += [int(hyp[n]) if ref[n] > 0 else 0, int(ref[n]), int(match[n + 1])]
    return stats


def chrf_sentence_stats(scorer: Any, hyp: str, refs: list[str]) -> list[int]:
    """Best-reference chrF statistics of one sample, equal to sacrebleu's ``scorer``."""
    hyp = scorer._preprocess_segment(hyp)
    refs = [scorer._preprocess_segment(r) for r in refs]
    hyp_c, refs_c = _chars(hyp), [_chars(r) for r in refs]
    alphabet = np.unique(np.concatenate([hyp_c, *refs_c]))
    base = len(alphabet) + 1
    if base > _MAX_BASE:  # too many distinct characters for int64 keys: sacrebleu itself
        return list(scorer._compute_segment_statistics(hyp, scorer._extract_reference_info(refs)))
    order = scorer.char_order
    h_grams = _grams(np.searchsorted(alphabet, hyp_c) + 1, order, base)
    h_words = _word_grams(scorer, hyp)
    best: list[int] = []
    best_f = -1.0
    for ref, ref_c in zip(refs, refs_c, strict=True):
        stats = _match(h_grams, _grams(np.searchsorted(alphabet, ref_c) + 1, order, base), order)
        for hw, rw in zip(h_words, _word_grams(scorer, ref), strict=True):
            stats.extend(scorer._get_match_statistics(hw, rw))
        f_score = scorer._compute_f_score(stats)
        if f_score > best_f:
            best_f, best = f_score, stats
    return best


def _word_grams(scorer: Any, text: str) -> list[Any]:
    from sacrebleu.metrics.helpers import extract_word_ngrams

    words = scorer._remove_punctuation(text)
    return [extract_word_ngrams(words, n) for n in range(1, scorer.word_order + 1)]
