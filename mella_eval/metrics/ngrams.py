"""N-gram statistics shared by the COCO and the language-aware metrics.

These re-implement pycocoevalcap's BLEU, ROUGE-L and CIDEr-D arithmetic exactly (the
tests compare against pycocoevalcap itself), but faster: n-grams are counted with
``zip`` in C, and ROUGE-L's longest common subsequence uses the bit-parallel algorithm
(Hyyrö 2004) on Python integers instead of a quadratic table.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

Tokens = Sequence[str]
_TINY, _SMALL = 1e-15, 1e-9  # pycocoevalcap bleu_scorer constants


def ngram_counts(words: Tokens, n: int) -> Counter[tuple[str, ...]]:
    """All 1..n-gram counts of ``words``."""
    counts: Counter[tuple[str, ...]] = Counter()
    for k in range(1, n + 1):
        counts.update(zip(*(words[i:] for i in range(k)), strict=False))
    return counts


def bleu_coco_row(hyp: Tokens, refs: Sequence[Tokens], n: int) -> list[float]:
    """``[testlen, reflen(closest), guess_1..n, correct_1..n]`` as pycocoevalcap cooks it."""
    maxref: dict[tuple[str, ...], int] = {}
    for ref in refs:
        for gram, c in ngram_counts(ref, n).items():
            if c > maxref.get(gram, 0):
                maxref[gram] = c
    testlen = len(hyp)
    reflen = min((abs(len(r) - testlen), len(r)) for r in refs)[1]
    correct = [0] * n
    for gram, c in ngram_counts(hyp, n).items():
        correct[len(gram) - 1] += min(maxref.get(gram, 0), c)
    guess = [max(0, testlen - k + 1) for k in range(1, n + 1)]
    return [testlen, reflen, *guess, *correct]


def bleu_coco_from_totals(totals: np.ndarray, n: int) -> float:
    """BLEU-n (0-1) from summed rows, with pycocoevalcap's smoothing constants."""
    testlen, reflen = float(totals[0]), float(totals[1])
    guess, correct = totals[2 : 2 + n], totals[2 + n : 2 + 2 * n]
    bleu = 1.0
    for k in range(n):
        bleu *= (float(correct[k]) + _TINY) / (float(guess[k]) + _SMALL)
    score = bleu ** (1.0 / n)
    ratio = (testlen + _TINY) / (reflen + _SMALL)
    if ratio < 1:
        score *= math.exp(1 - 1 / ratio)
    return score


def lcs_length(a: Tokens, b: Tokens) -> int:
    """Length of the longest common subsequence (bit-parallel, O(|a|·|b|/64))."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, tok in enumerate(b):
        masks[tok] = masks.get(tok, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for tok in a:
        u = v & masks.get(tok, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def rouge_l_coco(cand: str, refs: Sequence[str], beta: float = 1.2) -> float:
    """pycocoevalcap Rouge.calc_score: max precision and max recall over references.

    Tokens come from ``str.split(" ")`` as there, so an empty caption is one empty token.
    """
    toks_c = cand.split(" ")
    prec, rec = [], []
    for ref in refs:
        toks_r = ref.split(" ")
        lcs = lcs_length(toks_r, toks_c)
        prec.append(lcs / len(toks_c))
        rec.append(lcs / len(toks_r))
    p, r = max(prec), max(rec)
    if p != 0 and r != 0:
        return ((1 + beta**2) * p * r) / (r + beta**2 * p)
    return 0.0


def rouge_l_f(hyp: Tokens, refs: Sequence[Tokens], beta: float = 1.0) -> float:
    """ROUGE-L F_beta against the best single reference (rouge-score's multi-ref rule)."""
    best = 0.0
    for ref in refs:
        lcs = lcs_length(hyp, ref)
        if lcs == 0:
            continue
        p, r = lcs / len(hyp), lcs / len(ref)
        best = max(best, (1 + beta**2) * p * r / (r + beta**2 * p))
    return best
