"""Benchmark the metric suite: 10,000 mixed-language samples, plus the COCO path vs pycocoevalcap.

Text is synthesised from real word lists per language (below), Zipf-weighted so that
frequent words repeat as in real captions: references of about 150 words, predictions
that keep part of the reference in order and substitute the rest. Thai is written without spaces
between words and Korean nouns carry particles, so the segmenters do real work.

Run:  python benchmarks/bench_metrics.py            (10,000 samples; takes minutes)
      python benchmarks/bench_metrics.py --n 800    (a quick run)
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from mella_eval.languages import resolve_language
from mella_eval.metrics import ScoringItem, build_metric
from mella_eval.metrics.context import ScoringContext
from mella_eval.scoring.corpus import bootstrap_scores, score_items

WORDS = {
    "ar": "رجل امرأة طفل يجلس يقف يمشي على في تحت قرب طاولة كرسي شارع سيارة بيت شجرة سماء ماء "
          "نهر قارب مدينة قديم جديد صغير كبير أحمر أزرق أخضر أبيض أسود سوق مسجد خبز قهوة "
          "جبل صحراء جمل ناس يلبس ثوب جميل مضيء ظلام نافذة باب حديقة زهرة",
    "cs": "muž žena dítě sedí stojí jde na v pod u stůl židle ulice auto dům strom nebe voda "
          "řeka loď město starý nový malý velký červený modrý zelený bílý černý náměstí kostel "
          "hrad most chléb pivo hora les lidé nosí krásný světlý tmavý okno dveře zahrada květina",
    "hu": "férfi nő gyerek ül áll megy a az egy alatt mellett asztal szék utca autó ház fa ég "
          "víz folyó hajó város régi új kicsi nagy piros kék zöld fehér fekete tér templom vár "
          "híd kenyér leves hegy erdő emberek visel szép világos sötét ablak ajtó kert virág",
    "ko": "남자 여자 아이 앉아 서 있다 걷는다 위 안 아래 옆 탁자 의자 거리 자동차 집 나무 하늘 "
          "물 강 배 도시 오래된 새로운 작은 큰 빨간 파란 초록 하얀 검은 광장 궁궐 절 다리 "
          "밥 김치 산 숲 사람들 입고 아름다운 밝은 어두운 창문 문 정원 꽃",
    "ru": "мужчина женщина ребёнок сидит стоит идёт на в под у стол стул улица машина дом "
          "дерево небо вода река лодка город старый новый маленький большой красный синий "
          "зелёный белый чёрный площадь собор кремль мост хлеб чай гора лес люди носит "
          "красивый светлый тёмный окно дверь сад цветок",
    "sr": "мушкарац жена дете седи стоји иде на у испод код сто столица улица аутомобил кућа "
          "дрво небо вода река брод град стари нови мали велики црвени плави зелени бели "
          "црни трг храм тврђава мост хлеб кафа планина шума људи носи леп светао таман "
          "прозор врата башта цвет",
    "th": "ผู้ชาย ผู้หญิง เด็ก นั่ง ยืน เดิน บน ใน ใต้ ใกล้ โต๊ะ เก้าอี้ ถนน รถยนต์ บ้าน ต้นไม้ "
          "ท้องฟ้า น้ำ แม่น้ำ เรือ เมือง เก่า ใหม่ เล็ก ใหญ่ สีแดง สีน้ำเงิน สีเขียว สีขาว สีดำ "
          "วัด ตลาด สะพาน ข้าว อาหาร ภูเขา ป่า ผู้คน สวม สวยงาม สว่าง มืด หน้าต่าง ประตู สวน ดอกไม้",
    "vi": "người đàn ông phụ nữ đứa trẻ ngồi đứng đi trên trong dưới gần bàn ghế đường phố xe "
          "nhà cây bầu trời nước sông thuyền thành phố cũ mới nhỏ lớn màu đỏ xanh trắng đen "
          "quảng trường chùa cầu cơm phở núi rừng mọi người mặc đẹp sáng tối cửa sổ vườn hoa",
    "en": "the a of with and on in is are at to near its their two three some many several "
          "man woman child boy girl person people group crowd family couple tourist vendor "
          "worker monk student soldier dancer musician farmer fisherman chef driver rider "
          "sits stands walks runs holds carries wears looks smiles rides drives plays sells "
          "cooks eats drinks waits crosses leans points climbs dances sings reads watches "
          "table chair bench street road alley market stall shop house temple church mosque "
          "palace castle tower bridge river lake sea beach harbor boat ship car bus truck "
          "bicycle motorbike train station square park garden tree forest mountain hill "
          "valley field rice sky cloud sun rain snow water wall window door roof gate stairs "
          "lantern flag sign banner umbrella basket bowl plate cup glass bottle pot pan "
          "bread noodle soup fruit vegetable fish meat tea coffee cake dress shirt hat scarf "
          "shoes bag jacket uniform costume mask statue painting carving pillar column arch "
          "dome courtyard fountain lamp candle flower leaf grass stone brick wood metal gold "
          "silver red blue green white black yellow orange purple brown grey pink golden "
          "old new small large tall short wide narrow bright dark busy quiet crowded empty "
          "wooden stone traditional modern ancient colorful beautiful ornate simple famous "
          "local festive sunny cloudy wet dry early late morning evening night day festival "
          "ceremony parade celebration prayer offering dish meal feast game match concert "
          "left right front behind above below between inside outside along across around "
          "background foreground distance corner edge center middle side top bottom view "
          "scene picture image photo shot detail pattern shape line light shadow reflection "
          "color texture surface row pile stack line crowd queue pair set number several",
}  # fmt: skip
ENTITIES = {
    "ar": ["مكة", "المسجد الحرام", "القاهرة", "الأهرامات", "البتراء"],
    "cs": ["Praha", "Karlův most", "Pražský hrad", "Vltava", "Brno"],
    "hu": ["Budapest", "Parlament", "Duna", "Balaton", "Lánchíd"],
    "ko": ["경복궁", "서울", "한강", "부산", "남산타워"],
    "ru": ["Москва", "Кремль", "Эрмитаж", "Байкал", "Нева"],
    "sr": ["Београд", "Калемегдан", "Дунав", "Нови Сад", "Храм Светог Саве"],
    "th": ["วัดพระแก้ว", "กรุงเทพ", "เชียงใหม่", "ภูเก็ต", "อยุธยา"],
    "vi": ["Hà Nội", "Vịnh Hạ Long", "Huế", "Hội An", "Sài Gòn"],
    "en": ["London", "Big Ben", "Thames", "Eiffel Tower", "Paris"],
}
KO_PARTICLES = ["", "", "은", "는", "이", "가", "을", "를", "에", "의", "에서"]
_KO_NOUN_TEXT = (
    "남자 여자 아이 탁자 의자 거리 자동차 집 나무 하늘 물 강 배 도시 광장 궁궐 절 다리 밥 김치 "
    "산 숲 사람들 창문 문 정원 꽃 경복궁 서울 한강 부산 남산타워"
)
KO_NOUNS = set(_KO_NOUN_TEXT.split())  # particles attach to nouns only, as in real Korean
LANGS = ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"]
LANG_AWARE = ["bleu", "chrf", "chrf_pp", "rouge_l", "cider_d", "meteor", "keyword_accuracy",
              "keyword_hit", "language_fidelity"]  # fmt: skip
COCO = [("bleu_coco", {"n": 4}), ("meteor_coco", {}), ("rouge_l_coco", {}), ("cider_coco", {})]


def _join(code: str, words: list[str], rng: random.Random) -> str:
    """Write words the way the language does (Thai: no spaces inside phrases)."""
    if code == "th":  # benchmark data synthesis only; metric code never branches on language
        return " ".join("".join(words[i : i + 6]) for i in range(0, len(words), 6))
    if code == "ko":
        return " ".join(w + rng.choice(KO_PARTICLES) if w in KO_NOUNS else w for w in words)
    return " ".join(words)


def make_item(code: str, rng: random.Random, ref_words: int = 150) -> ScoringItem:
    words = WORDS[code].split()
    vocab = rng.sample(words, k=int(0.6 * len(words)))  # a per-image "topic": IDF is not 0
    weights = [1 / (r + 10) for r in range(len(vocab))]  # Zipf-like, head not too heavy
    ents = rng.sample(ENTITIES[code], 3)
    ref = rng.choices(vocab, weights, k=ref_words)
    for pos, ent in zip((10, 60, 110), ents, strict=True):
        ref[pos] = ent
    # A paraphrase-like prediction: 55% of reference words kept in order, the rest
    # substituted, length within +-10 of the reference (CIDEr-D's length penalty is steep).
    cut = ref_words - rng.randint(-10, 10)
    hyp = [w if rng.random() < 0.55 else rng.choices(vocab, weights)[0] for w in ref[:cut]]
    hyp += rng.choices(vocab, weights, k=max(0, cut - len(hyp)))
    return ScoringItem(_join(code, hyp, rng), [_join(code, ref, rng)], [(e,) for e in ents])


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (the JVMs)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds, result): CPU time is robust to a busy shared machine."""
    t0, c0 = time.perf_counter(), _cpu()
    out = fn()
    return time.perf_counter() - t0, _cpu() - c0, out


def pycocoevalcap_like_lmms_eval(items: list[ScoringItem]) -> dict[str, tuple[float, float]]:
    """PTB tokenizer and a new scorer per metric, as lmms-eval's coco_cap aggregation does.

    Returns metric -> (score x100, wall seconds).
    """
    from pycocoevalcap.bleu.bleu import Bleu
    from pycocoevalcap.cider.cider import Cider
    from pycocoevalcap.meteor.meteor import Meteor
    from pycocoevalcap.rouge.rouge import Rouge
    from pycocoevalcap.tokenizer.ptbtokenizer import PTBTokenizer

    out = {}
    for key, make in [("bleu_coco", lambda: Bleu(4)), ("meteor_coco", Meteor),
                      ("rouge_l_coco", Rouge), ("cider_coco", Cider)]:  # fmt: skip
        t0 = time.perf_counter()
        gts = {i: [{"caption": r} for r in it.references] for i, it in enumerate(items)}
        res = {i: [{"caption": it.prediction}] for i, it in enumerate(items)}
        tok = PTBTokenizer()
        g, r = tok.tokenize(gts), tok.tokenize(res)
        score, _ = make().compute_score(g, r)
        value = 100 * (score[3] if key == "bleu_coco" else score)
        out[key] = (value, time.perf_counter() - t0)
    return out


def ours_coco(items: list[ScoringItem], bootstrap: int) -> dict[str, tuple[float, float]]:
    """What score_items does for the four *_coco metrics, timed step by step.

    Returns step -> (score x100 or nan, wall seconds); the JVM starts in the PTB step and
    loads Meteor's tables in the meteor_coco step.
    """
    out = {}
    with ScoringContext(resolve_language("en")) as ctx:
        t0 = time.perf_counter()
        ctx.ptb(items)
        out["ptb (once, JVM start)"] = (float("nan"), time.perf_counter() - t0)
        for name, args in COCO:
            t0 = time.perf_counter()
            metric = build_metric(name, args, resolve_language("en"))
            metric.attach(ctx)
            stats = metric.sample_stats(items)
            bootstrap_scores(metric, stats, bootstrap, seed=0)
            out[name] = (metric.aggregate(stats), time.perf_counter() - t0)
    return out


def run_multilingual(by_lang: dict[str, list[ScoringItem]], bootstrap: int) -> None:
    """The language-aware suite, one scoring call per language (as a task would be)."""
    metrics: list[tuple[str, str, dict[str, Any]]] = [(m, m, {}) for m in LANG_AWARE]
    wall = cpu = 0.0
    for code, items in by_lang.items():
        call = partial(score_items, metrics, items, resolve_language(code), bootstrap=bootstrap)
        dt, dc, res = timed(call)
        wall, cpu = wall + dt, cpu + dc
        print(f"  {code}: {dt:5.1f} s " + " ".join(f"{k}={v.score:.1f}" for k, v in res.items()))
    print(f"multilingual suite ({len(LANG_AWARE)} metrics, CI {bootstrap}): "
          f"wall {wall:.1f} s, CPU {cpu:.1f} s")  # fmt: skip


def run_coco(english: list[ScoringItem], bootstrap: int, reference: bool) -> None:
    """The *_coco metrics vs pycocoevalcap on the same English samples."""
    dt_ours, dc_ours, ours = timed(partial(ours_coco, english, bootstrap))
    print(f"coco path (ours, with CI {bootstrap}): wall {dt_ours:.1f} s, CPU {dc_ours:.1f} s")
    for k, (v, t) in ours.items():
        print(f"    {k:22s} {t:6.1f} s  {v:.4f}")
    if not reference:
        return
    dt_ref, dc_ref, ref = timed(partial(pycocoevalcap_like_lmms_eval, english))
    print(f"pycocoevalcap (lmms-eval style): wall {dt_ref:.1f} s, CPU {dc_ref:.1f} s")
    for k, (v, t) in ref.items():
        print(f"    {k:22s} {t:6.1f} s  {v:.4f}")
    diff = max(abs(ours[k][0] - ref[k][0]) for k in ref)
    rest_ours = dt_ours - ours["meteor_coco"][1]
    rest_ref = dt_ref - ref["meteor_coco"][1]
    print(
        f"speed-up: wall {dt_ref / dt_ours:.2f}x, CPU {dc_ref / dc_ours:.2f}x; "
        f"without METEOR {rest_ref / rest_ours:.1f}x; max |diff| = {diff:.2e} (x100)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="multilingual samples (8 languages)")
    ap.add_argument("--n-en", type=int, default=None, help="English samples (default n/8)")
    ap.add_argument("--bootstrap", type=int, default=1000)
    ap.add_argument("--skip-pycocoevalcap", action="store_true")
    args = ap.parse_args()
    rng = random.Random(0)
    by_lang = {c: [make_item(c, rng) for _ in range(args.n // len(LANGS))] for c in LANGS}
    n_en = args.n_en if args.n_en is not None else args.n // len(LANGS)
    english = [make_item("en", rng) for _ in range(n_en)]
    print(f"samples: {sum(map(len, by_lang.values()))} multilingual, {n_en} English; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    run_multilingual(by_lang, args.bootstrap)
    run_coco(english, args.bootstrap, not args.skip_pycocoevalcap)
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kid = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: python {me:.0f} MiB, largest child (JVM) {kid:.0f} MiB")


if __name__ == "__main__":
    main()
