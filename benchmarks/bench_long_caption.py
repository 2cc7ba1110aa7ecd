"""How long a caption can a metric take? The measurement behind ``limits.MAX_SCORED_CHARS``.

Scores one caption of each given length (a repetitive English text of 16 distinct words:
the worst case for Meteor 1.5's aligner, which tries every alignment of repeated words)
and one short caption, in one ``score_items`` call per length, and prints the time and the
per-sample scores, or the error. ``meteor_coco`` starts its JVM (``-Xmx2G``) in each call.
The scoring limit is bypassed here on purpose: ``score_items`` is below the runner.

    python benchmarks/bench_long_caption.py meteor_coco 1000 10000 20000 50000 100000
"""

from __future__ import annotations

import random
import sys
import time

from mella_eval.languages import resolve_language
from mella_eval.metrics import ScoringItem
from mella_eval.scoring.corpus import score_items

WORDS = "a dog runs in the park with a red ball while children play near the old church tower"


def text(chars: int, rng: random.Random) -> str:
    """About ``chars`` characters of words drawn from :data:`WORDS`."""
    words, size = [], 0
    vocab = WORDS.split()
    while size < chars:
        word = rng.choice(vocab)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:chars]


def main(metric: str, lengths: list[int]) -> None:
    rng = random.Random(0)
    lang = resolve_language("en")
    for chars in lengths:
        items = [
            ScoringItem(text(chars, rng), [text(200, rng)]),
            ScoringItem("a dog", ["a dog runs"]),
        ]
        started = time.perf_counter()
        try:
            outcome = score_items([(metric, metric, {})], items, lang, bootstrap=0)[metric]
            result = f"per sample {outcome.per_sample}"
        except Exception as exc:
            result = f"FAILED {type(exc).__name__}: {str(exc)[:160]}"
        print(
            f"{metric} {chars:>9} chars {time.perf_counter() - started:7.2f} s  {result}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1], [int(n) for n in sys.argv[2:]])
