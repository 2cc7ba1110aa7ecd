"""Make every mella-mini keyword entry findable in its own alt-text (re-runnable).

`mella-eval tasks validate` requires each keyword entry to be found in its sample's
reference by the matcher that scores predictions. For an entry that is not, this script
adds the inflected form the alt-text actually uses (``Београд`` -> ``Београду``; both
Serbian scripts), and drops the entry when the alt-text does not name it at all (world
knowledge such as "Сибирь" for Lake Baikal measures recall of facts, not grounding in
the reference). Every other field and line stays byte-for-byte as it was, so the script
can be re-run after other edits to these files.

Run from the repository root: ``python tasks/mella/mini/ground_keywords.py``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from mella_eval.keywords.scripts import script_variants
from mella_eval.languages import resolve_language
from mella_eval.text.keywords import KeywordMatcher
from mella_eval.text.normalize import normalize

HERE = Path(__file__).resolve().parent
_WORD = re.compile(r"\w+", re.UNICODE)


def _inflected(forms: list[str], alt_text: str, lang_code: str) -> str | None:
    """The alt-text span whose words best share a stem with one form's words, if any.

    Score = letters shared at the start of each word, so ``krsna slava`` picks ``krsnu
    slavu`` over ``Slavski`` and ``šljive`` picks ``šljiva`` over ``šljivovice``.
    """
    lang = resolve_language(lang_code)
    words = list(_WORD.finditer(alt_text))
    best: tuple[int, int, str] | None = None
    for form in forms:
        want = [normalize(w, lang) for w in _WORD.findall(form)]
        for start in range(len(words) - len(want) + 1):
            span = words[start : start + len(want)]
            got = [normalize(m.group(), lang) for m in span]
            if not all(_same_stem(g, k) for g, k in zip(got, want, strict=True)):
                continue
            shared = sum(_prefix(g, k) for g, k in zip(got, want, strict=True))
            closeness = -sum(abs(len(g) - len(k)) for g, k in zip(got, want, strict=True))
            candidate = (shared, closeness, alt_text[span[0].start() : span[-1].end()])
            best = candidate if best is None or candidate[:2] > best[:2] else best
    return best[2] if best else None


def _prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _same_stem(word: str, keyword: str) -> bool:
    """Same first letters: all but the last (short words) or last two (longer ones)."""
    cut = max(3, len(keyword) - (1 if len(keyword) <= 6 else 2))
    return word[:cut] == keyword[:cut] and len(word) <= len(keyword) + 4


def ground_record(record: dict, lang_code: str, log: list[str]) -> dict:
    """The record with each unfound keyword entry extended by its inflected form or dropped."""
    matcher = KeywordMatcher(resolve_language(lang_code))
    alt = record["alt_text"]
    prepared = matcher.prepare(alt)
    kept = []
    for entry in record["keywords"]:
        forms = [entry] if isinstance(entry, str) else list(entry)
        if matcher.found(prepared, forms):
            kept.append(entry)
            continue
        found = _inflected(forms, alt, lang_code)
        if found and matcher.found(prepared, [found]):
            extra = [v for v in script_variants(found, lang_code) if v not in forms]
            kept.append([*forms, *extra])
            log.append(f"{record['id']}: {forms} + {extra}")
        else:
            log.append(f"{record['id']}: dropped {forms}")
    return {**record, "keywords": kept}


def main() -> int:
    log: list[str] = []
    for path in sorted(HERE.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            record = json.loads(line)
            out.append(json.dumps(ground_record(record, path.stem, log), ensure_ascii=False))
        path.write_text("".join(o + "\n" for o in out), encoding="utf-8")
    print("\n".join(log) or "nothing to change")
    return 0


if __name__ == "__main__":
    sys.exit(main())
