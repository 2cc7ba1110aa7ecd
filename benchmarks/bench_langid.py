"""Language identification before and after: false rejections, false acceptances, load time.

"Before" is the previous rule (py3langid over its 97 languages, script-only below 12
letters, accept the code and ``lid_accept``), reproduced here so both run side by side in
one process on the same strings. "After" is :func:`mella_eval.text.langid.check_language`.

Strings: every gold string of the bundled mini benchmark (alt-text, descriptions, each
keyword alternative), and the hand-written captions of ``tests/text/lid_captions.jsonl``
(short names, Serbian in both scripts, Czech that looks Slovak, a new Indonesian task,
and texts in a *wrong* language that must be rejected).

Run:  python benchmarks/bench_langid.py
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mella_eval.languages import LanguageSpec, resolve_language
from mella_eval.text.langid import check_language, confidences
from mella_eval.text.script import dominant_script, script_counts

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tasks" / "mella" / "mini"
CAPTIONS = REPO / "tests" / "text" / "lid_captions.jsonl"
INDONESIAN = {"code": "id", "name": "Indonesian", "scripts": ["Latn"]}
_OLD_SCRIPT_DECIDES = {"Hang", "Thai"}


def old_check(identifier: Any) -> Callable[[str, LanguageSpec], bool]:
    """The previous rule, verbatim in behaviour (py3langid, 12 letters)."""
    known = frozenset(identifier.nb_classes)

    def check(text: str, lang: LanguageSpec) -> bool:
        script = dominant_script(text)
        if script is None or script not in lang.scripts:
            return False
        if script in _OLD_SCRIPT_DECIDES or sum(script_counts(text).values()) < 12:
            return True
        accepted = lang.accepted_lid_labels & known
        return not accepted or identifier.classify(text)[0] in accepted

    return check


def gold_strings() -> list[tuple[str, str, str]]:
    """(language, kind, text) for every gold string of the bundled data."""
    out = []
    for path in sorted(MINI.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            out.append((path.stem, "alt-text", record["alt_text"]))
            out += [(path.stem, "sentence", d) for d in record.get("descriptions", [])]
            out += [(path.stem, "keyword", k) for group in record["keywords"] for k in group]
    return out


def captions() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CAPTIONS.read_text(encoding="utf-8").splitlines()]


def spec(code: str) -> LanguageSpec:
    return resolve_language(INDONESIAN if code == "id" else code)


def main() -> None:
    start = time.perf_counter()
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    py3_load = time.perf_counter() - start
    before = old_check(identifier)
    start = time.perf_counter()
    confidences("Храм Христа Спасителя в Москве", frozenset({"ru", "uk", "be", "bg"}))
    lingua_first = time.perf_counter() - start

    # (language, kind) -> [count, rejected before, rejected after]
    rows: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    wrong: list[tuple[str, str, bool, bool]] = []
    start = time.perf_counter()
    items = [(c, k, t, True) for c, k, t in gold_strings()]
    items += [
        (c["lang"], "caption", c["text"], c["in_language"]) for c in captions()
    ]  # fmt: skip
    for code, kind, text, in_language in items:
        lang = spec(code)
        old_ok, new_ok = before(text, lang), check_language(text, lang).ok
        if in_language:
            row = rows[(code, kind)]
            row[0] += 1
            row[1] += not old_ok
            row[2] += not new_ok
        else:
            wrong.append((code, text, old_ok, new_ok))
    checking = time.perf_counter() - start
    _report(rows, wrong)
    print(f"\npy3langid load: {py3_load:.2f} s; lingua first check (ru + 3 rivals): "
          f"{lingua_first:.2f} s; all {len(items)} checks (after, incl. lazy model loads "
          f"and the old rule): {checking:.1f} s")  # fmt: skip


def _report(
    rows: dict[tuple[str, str], list[int]], wrong: list[tuple[str, str, bool, bool]]
) -> None:
    print("| language | strings | false rejections before | after |")
    print("|---|---|---|---|")
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (code, _kind), (n, old, new) in rows.items():
        agg = by_lang[code]
        agg[0] += n
        agg[1] += old
        agg[2] += new
    for code in sorted(by_lang):
        n, old, new = by_lang[code]
        print(f"| {code} | {n} | {old} ({100 * old / n:.1f}%) | {new} ({100 * new / n:.1f}%) |")
    total = [sum(v[i] for v in by_lang.values()) for i in range(3)]
    print(f"| all | {total[0]} | {total[1]} ({100 * total[1] / total[0]:.1f}%) | "
          f"{total[2]} ({100 * total[2] / total[0]:.1f}%) |")  # fmt: skip
    print("\n| kind | strings | rejected before | after |\n|---|---|---|---|")
    for kind in ("keyword", "alt-text", "sentence", "caption"):
        sel = [v for (_, k), v in rows.items() if k == kind]
        print(f"| {kind} | {sum(v[0] for v in sel)} | {sum(v[1] for v in sel)} | "
              f"{sum(v[2] for v in sel)} |")  # fmt: skip
    print("\nWrong-language texts (must be rejected):")
    for code, text, old_ok, new_ok in wrong:
        print(f"  {code}: {text[:50]!r}: before {'ACCEPTED' if old_ok else 'rejected'}, "
              f"after {'ACCEPTED' if new_ok else 'rejected'}")  # fmt: skip


if __name__ == "__main__":
    main()
