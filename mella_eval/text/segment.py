"""Named word segmenters: how text is cut into tokens for the n-gram metrics.

The language table names a segmenter per language (``segmenter:``); this module maps
the name to code. Heavy segmenters (pythainlp, kiwipiepy, pyvi, rjieba, sudachipy) are
imported on first use and built once per process. Keyword matching has its own table
(:mod:`mella_eval.text.matchers`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import regex

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def unicode_words(text: str) -> list[str]:
    """Runs of letters, combining marks and digits: punctuation and spaces separate.

    Marks are part of the run so Arabic harakat or Devanagari vowel signs never split
    a word (Python's ``\\w`` would split them).
    """
    return _WORD.findall(text)


def _words_of(tokens: Iterable[str]) -> list[str]:
    """Keep the word parts of a segmenter's tokens (drops punctuation and spaces)."""
    out: list[str] = []
    for tok in tokens:
        out.extend(_WORD.findall(tok))
    return out


@cache
def _thai_tokenizer() -> Callable[..., list[str]]:
    if not os.environ.get("PYTHAINLP_DATA"):
        data = Path.home() / ".cache" / "mella-eval" / "pythainlp"
        data.mkdir(parents=True, exist_ok=True)
        os.environ["PYTHAINLP_DATA"] = str(data)
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def thai_newmm(text: str) -> list[str]:
    """Thai words by pythainlp's dictionary-based ``newmm`` engine (offline)."""
    return _words_of(_thai_tokenizer()(text, engine="newmm", keep_whitespace=False))


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


_EOJEOL_CACHE: dict[str, tuple[str, ...]] = {}
_EOJEOL_CACHE_MAX = 500_000


def _analyse_eojeols(eojeols: list[str]) -> None:
    """Morphemes of each not-yet-cached eojeol, analysed in one kiwipiepy batch."""
    todo = [e for e in dict.fromkeys(eojeols) if e not in _EOJEOL_CACHE]
    if not todo:
        return
    if len(_EOJEOL_CACHE) + len(todo) > _EOJEOL_CACHE_MAX:
        _EOJEOL_CACHE.clear()
    for eojeol, toks in zip(todo, _kiwi().tokenize(todo), strict=True):
        _EOJEOL_CACHE[eojeol] = tuple(_words_of(tok.form for tok in toks))


def korean_morphemes_many(texts: list[str]) -> list[list[str]]:
    """Korean morphemes by kiwipiepy, analysed one eojeol (space-separated word) at a time.

    Analysing each eojeol on its own means the same written word always splits the same
    way in a prediction and its reference (whole-sentence analysis may split a word
    differently in two contexts), and it makes the analysis cacheable: captions repeat
    their words, so a corpus is analysed many times faster.
    """
    split = [t.split() for t in texts]
    _analyse_eojeols([e for words in split for e in words])
    return [[m for e in words for m in _EOJEOL_CACHE[e]] for words in split]


def korean_morphemes(text: str) -> list[str]:
    """Korean morphemes (particles and endings split off their stems), per eojeol."""
    return korean_morphemes_many([text])[0]


@cache
def _pyvi() -> Any:
    from pyvi import ViTokenizer

    return ViTokenizer


def vietnamese_words(text: str) -> list[str]:
    """Vietnamese multi-syllable words by pyvi (syllables joined by ``_``)."""
    return [t for t in _pyvi().tokenize(text).split() if _WORD.search(t)]


@cache
def _rjieba() -> Any:
    import rjieba

    return rjieba


def chinese_words(text: str) -> list[str]:
    """Chinese words by rjieba (jieba-rs: jieba's dictionary and HMM; chosen over jieba by
    measurement, docs/metrics.md: the same cuts, about 70 times faster, a 4 MB wheel)."""
    return _words_of(_rjieba().cut(text))


def chinese_chars(text: str) -> list[str]:
    """Every character but whitespace, punctuation included: spaCy's default Chinese
    segmentation, which mBLIP and Centurio apply before the COCO toolkit."""
    return [ch for ch in text if not ch.isspace()]


@cache
def _sudachi() -> Any:
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(mode=SplitMode.A)


def japanese_sudachi(text: str) -> list[str]:
    """SudachiPy morphemes (sudachidict-core, split mode A, the shortest units), whitespace
    dropped and punctuation kept: spaCy's Japanese tokenizer, as mBLIP and Centurio use it."""
    return [m.surface() for m in _sudachi().tokenize(text) if m.surface().strip()]


def japanese_words(text: str) -> list[str]:
    """Japanese words: the word parts of :func:`japanese_sudachi`."""
    return _words_of(japanese_sudachi(text))


def thai_newmm_tokens(text: str) -> list[str]:
    """pythainlp ``newmm`` tokens with whitespace dropped and punctuation kept (spaCy's Thai
    tokenizer, as mBLIP and Centurio use it); :func:`thai_newmm` keeps only word parts."""
    return [t for t in _thai_tokenizer()(text, engine="newmm") if t.strip()]


@dataclass(frozen=True)
class Segmenter:
    """A named segmenter: the function, its batch form and the tool behind it."""

    name: str
    segment: Callable[[str], list[str]]
    batch: Callable[[list[str]], list[list[str]]] | None = None
    tool: str = "regex"

    def many(self, texts: list[str]) -> list[list[str]]:
        """Segment many texts (the batch form where the tool has one)."""
        if self.batch is not None:
            return self.batch(texts)
        return [self.segment(t) for t in texts]


SEGMENTERS: dict[str, Segmenter] = {
    "unicode_words": Segmenter("unicode_words", unicode_words),
    # Vietnamese writes one syllable per space-separated unit: syllables are Unicode words.
    "vietnamese_syllables": Segmenter("vietnamese_syllables", unicode_words),
    "vietnamese_words": Segmenter("vietnamese_words", vietnamese_words, tool="pyvi"),
    "thai_newmm": Segmenter("thai_newmm", thai_newmm, tool="pythainlp-newmm"),
    "korean_morphemes": Segmenter(
        "korean_morphemes", korean_morphemes, korean_morphemes_many, "kiwipiepy"
    ),
    "chinese_words": Segmenter("chinese_words", chinese_words, tool="rjieba"),
    "japanese_words": Segmenter("japanese_words", japanese_words, tool="sudachipy-core-A"),
    # Raw tokens (punctuation kept) of the segmented COCO protocol (metrics/coco_seg.py).
    "chinese_chars": Segmenter("chinese_chars", chinese_chars, tool="chars"),
    "japanese_sudachi": Segmenter("japanese_sudachi", japanese_sudachi, tool="sudachipy-core-A"),
    "thai_newmm_tokens": Segmenter("thai_newmm_tokens", thai_newmm_tokens, tool="pythainlp-newmm"),
}


def get_segmenter(name: str) -> Segmenter:
    """The segmenter registered as ``name``; ValueError naming the alternatives otherwise."""
    try:
        return SEGMENTERS[name]
    except KeyError:
        raise ValueError(f"unknown segmenter {name!r}; known: {sorted(SEGMENTERS)}") from None
