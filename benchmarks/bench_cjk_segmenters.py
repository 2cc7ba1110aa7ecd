"""Chinese and Japanese word segmenters side by side: cold start, speed, agreement.

Candidates (all install offline from PyPI and download nothing at run time): for Chinese
``jieba`` and ``rjieba`` (jieba-rs, a Rust port with the same dictionary); for Japanese
``sudachipy`` + ``sudachidict-core`` (split modes A and C) and ``fugashi`` + ``unidic-lite``
(MeCab with UniDic short units). Install size and time are measured outside this script
(``pip install --no-deps --target DIR PKG``, see docs/metrics.md); a candidate that is not
importable is skipped, so extra ``--site DIR`` folders can hold ones not in the venv.

Text: the 12 Chinese and 12 Japanese captions of the bundled XM3600 mini data plus the
longer sentences below (written for this benchmark), repeated ``--repeat`` times for the
speed figure. Agreement is the F1 of word boundaries between two segmenters (1.0 = they
cut every text at the same places; punctuation and spaces are dropped first).

Run:  python benchmarks/bench_cjk_segmenters.py [--repeat 200] [--site DIR ...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import regex
import yaml

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tasks" / "xm3600" / "mini" / "_captions.yaml"
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")

EXTRA = {
    "zh": [
        "一个穿着红色外套的小女孩在公园里喂鸽子，旁边的长椅上坐着她的爷爷。",
        "傍晚的街道上挤满了自行车和行人，路边的小吃摊冒着热气。",
        "两只白色的小狗在雪地里追逐玩耍，远处是一排被雪覆盖的松树。",
        "厨房的桌子上摆着一碗热腾腾的面条、一盘饺子和一杯绿茶。",
        "一位老人戴着草帽在稻田里弯腰插秧，背景是连绵的青山。",
        "博物馆的大厅里陈列着古代的青铜器和瓷器，游客们正在拍照。",
    ],
    "ja": [
        "赤いコートを着た小さな女の子が公園で鳩に餌をやっていて、隣のベンチには祖父が座っている。",
        "夕方の通りは自転車と歩行者でいっぱいで、屋台から湯気が立ち上っている。",
        "二匹の白い子犬が雪の中で追いかけっこをしていて、遠くには雪に覆われた松の木が並んでいる。",
        "台所のテーブルには湯気の立つラーメンと餃子の皿、緑茶の湯のみが置いてある。",
        "麦わら帽子をかぶった老人が田んぼで腰をかがめて田植えをしていて、背景には山々が連なっている。",
        "博物館のホールには古代の青銅器や陶磁器が展示されていて、観光客が写真を撮っている。",
    ],
}

# name -> (language, code that builds the segmenter and returns a str -> list[str] function)
CANDIDATES: dict[str, tuple[str, str]] = {
    "jieba": ("zh", "import jieba, logging\njieba.setLogLevel(logging.WARNING)\n"
                    "seg = lambda t: jieba.lcut(t)"),
    "rjieba": ("zh", "import rjieba\nseg = lambda t: rjieba.cut(t)"),
    "sudachipy-A": ("ja", "from sudachipy import Dictionary, SplitMode\n"
                          "tok = Dictionary(dict='core').tokenizer(mode=SplitMode.A)\n"
                          "seg = lambda t: [m.surface() for m in tok.tokenize(t)]"),
    "sudachipy-C": ("ja", "from sudachipy import Dictionary, SplitMode\n"
                          "tok = Dictionary(dict='core').tokenizer(mode=SplitMode.C)\n"
                          "seg = lambda t: [m.surface() for m in tok.tokenize(t)]"),
    "fugashi-unidic-lite": ("ja", "import fugashi\ntagger = fugashi.Tagger()\n"
                                  "seg = lambda t: [w.surface for w in tagger(t)]"),
}  # fmt: skip


def corpus(lang: str) -> list[str]:
    """The mini captions of ``lang`` plus the longer sentences above."""
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    return [c for pair in data["captions"][lang] for c in pair] + EXTRA[lang]


def build(name: str) -> Callable[[str], list[str]] | None:
    """The candidate's segmentation function, or None when it is not installed."""
    scope: dict[str, object] = {}
    try:
        exec(CANDIDATES[name][1], scope)  # our own constant code
    except ImportError:
        return None
    seg = scope["seg"]
    return seg  # type: ignore[return-value]


def cold_start(name: str, sites: list[str], runs: int = 3) -> float | None:
    """Median seconds for a fresh interpreter to import, build and segment one text."""
    text = corpus(CANDIDATES[name][0])[0]
    code = (
        "import sys, time\nsys.path[:0] = "
        + repr(sites)
        + "\nt = time.perf_counter()\n"
        + CANDIDATES[name][1]
        + f"\nseg({text!r})\nprint(time.perf_counter() - t)"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if out.returncode != 0:
            return None
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def words(tokens: list[str]) -> list[str]:
    return [w for tok in tokens for w in _WORD.findall(tok)]


def boundaries(tokens: list[str]) -> set[int]:
    """Character offsets (in the text with punctuation and spaces dropped) where words end."""
    cuts, pos = set(), 0
    for word in words(tokens):
        pos += len(word)
        cuts.add(pos)
    return cuts


def boundary_f1(a: list[list[str]], b: list[list[str]]) -> float:
    hit = total_a = total_b = 0
    for ta, tb in zip(a, b, strict=True):
        ba, bb = boundaries(ta), boundaries(tb)
        hit, total_a, total_b = hit + len(ba & bb), total_a + len(ba), total_b + len(bb)
    return 2 * hit / (total_a + total_b) if total_a + total_b else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--site", action="append", default=[], help="extra import folder")
    args = parser.parse_args()
    sys.path[:0] = args.site
    outputs: dict[str, list[list[str]]] = {}
    print("| candidate | lang | cold start (s) | texts/s | chars/s | words/text |")
    print("|---|---|---|---|---|---|")
    for name, (lang, _) in CANDIDATES.items():
        seg = build(name)
        if seg is None:
            print(f"| {name} | {lang} | not installed | | | |")
            continue
        texts = corpus(lang)
        outputs[name] = [seg(t) for t in texts]
        batch = texts * args.repeat
        start = time.perf_counter()
        for text in batch:
            seg(text)
        elapsed = time.perf_counter() - start
        chars = sum(map(len, batch))
        cold = cold_start(name, args.site)
        per_text = statistics.mean(len(words(t)) for t in outputs[name])
        cold_text = "-" if cold is None else f"{cold:.2f}"
        print(f"| {name} | {lang} | {cold_text} | {len(batch) / elapsed:,.0f} | "
              f"{chars / elapsed:,.0f} | {per_text:.1f} |")  # fmt: skip
    print("\nBoundary agreement (F1):")
    names = list(outputs)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if CANDIDATES[a][0] == CANDIDATES[b][0]:
                print(f"  {a} vs {b}: {boundary_f1(outputs[a], outputs[b]):.3f}")
    for name in names:
        print(f"\n{name}: " + " | ".join(" ".join(words(t)) for t in outputs[name][:2]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
