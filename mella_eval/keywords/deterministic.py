"""The deterministic keyword extractor: proper nouns found by libraries, no model.

It is the baseline an LLM extractor must beat and the fallback for samples the LLM
fails on. It only finds *names*, and only where a library or the script marks them:

* Korean: kiwipiepy morphemes tagged ``NNP`` (proper noun); adjacent ones inside one
  eojeol form one entry. Dishes and objects are common nouns (``김치`` is ``NNG``), so
  they are missed.
* Thai: pythainlp's perceptron tagger (ORCHID tag set) ``NPRP``. Its recall on web
  alt-text is low (it tags ``ราชบุรี`` as a common noun): expect few Thai keywords.
* Scripts with letter case (Latin, Cyrillic, Greek, Armenian, Georgian): runs of
  capitalised words that do not start a sentence; a capitalised sentence-initial word
  longer than three letters joins a run that directly follows it (``Храм Светог Саве``,
  but ``Az Országház`` gives ``Országház``). Common nouns are missed
  (``gulyás``, ``ćevapi``) and sentence-initial single names are skipped; Vietnamese
  capitalises every syllable of a name (``Hà Nội``), which suits the rule.
* Every other script (Arabic, Hebrew, Devanagari, ...) has no case and no tagger here:
  the extractor returns nothing, and the summary counts those samples as empty.

The script is read from the language table (its canonical script), not from the code.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from mella_eval.languages import LanguageSpec

__all__ = ["EXTRACTOR_BY_SCRIPT", "capitalised_spans", "deterministic_candidates"]

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;]\s*$")


def capitalised_spans(text: str) -> list[str]:
    """Runs of capitalised words, except a lone capitalised word opening a sentence."""
    spans: list[str] = []
    run: list[re.Match[str]] = []
    run_has_inner = False
    previous_end = 0
    for match in _WORD.finditer(text):
        starts_sentence = previous_end == 0 or bool(_SENTENCE_END.search(text[: match.start()]))
        gap = text[previous_end : match.start()]
        previous_end = match.end()
        capital = match.group()[0].isupper()
        if run and (not capital or starts_sentence or gap.strip()):
            _close(run, run_has_inner, text, spans)
            run, run_has_inner = [], False
        if capital:
            run.append(match)
            run_has_inner |= not starts_sentence
    _close(run, run_has_inner, text, spans)
    return spans


def _close(run: list[re.Match[str]], has_inner: bool, text: str, spans: list[str]) -> None:
    """Keep a run with a capital beyond the sentence start; a short sentence-initial word
    (an article or preposition: ``Az``, ``The``, ``Na``) is cut off it."""
    if not (run and has_inner):
        return
    if len(run) > 1 and len(run[0].group()) <= 3:
        run = run[1:]
    spans.append(text[run[0].start() : run[-1].end()])


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


def korean_proper_nouns(text: str) -> list[str]:
    """kiwipiepy ``NNP`` morphemes; touching ones (one eojeol) are joined."""
    spans: list[tuple[int, int]] = []
    for token in _kiwi().tokenize(text):
        if token.tag != "NNP":
            continue
        start, end = token.start, token.start + token.len
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [text[a:b] for a, b in spans]


@cache
def _thai_tools() -> tuple[Callable[..., list[str]], Callable[..., list[tuple[str, str]]]]:
    if not os.environ.get("PYTHAINLP_DATA"):
        data = Path.home() / ".cache" / "mella-eval" / "pythainlp"
        data.mkdir(parents=True, exist_ok=True)
        os.environ["PYTHAINLP_DATA"] = str(data)
    from pythainlp.tag import pos_tag
    from pythainlp.tokenize import word_tokenize

    return word_tokenize, pos_tag


def thai_proper_nouns(text: str) -> list[str]:
    """pythainlp ``NPRP`` words (ORCHID tags); consecutive ones are joined."""
    tokenize, tag = _thai_tools()
    words = tokenize(text, engine="newmm", keep_whitespace=False)
    spans: list[str] = []
    previous = False
    for word, pos in tag(words, corpus="orchid"):
        if pos == "NPRP":
            spans[-1:] = [spans[-1] + word] if previous else [*spans[-1:], word]
        previous = pos == "NPRP"
    return spans


#: canonical script (ISO 15924) -> the extractor for it; missing scripts get nothing.
EXTRACTOR_BY_SCRIPT: dict[str, Callable[[str], list[str]]] = {
    "Hang": korean_proper_nouns,
    "Thai": thai_proper_nouns,
    "Latn": capitalised_spans,
    "Cyrl": capitalised_spans,
    "Grek": capitalised_spans,
    "Armn": capitalised_spans,
    "Geor": capitalised_spans,
}


def supported(lang: LanguageSpec) -> bool:
    """Whether the deterministic extractor can find anything in this language."""
    return lang.scripts[0] in EXTRACTOR_BY_SCRIPT


def deterministic_candidates(text: str, lang: LanguageSpec) -> list[list[str]]:
    """Candidate entries (one form each) for one alt-text, before grounding."""
    extract = EXTRACTOR_BY_SCRIPT.get(lang.scripts[0])
    return [[span] for span in extract(text)] if extract else []
