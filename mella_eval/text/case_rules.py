"""Letter case as evidence: a capitalised keyword names something; a lower-case word may not.

In the cased scripts (Latin, Cyrillic, Greek, Armenian, Georgian) the orthographies of the
table's languages write proper names with a capital and common words without one, so a
capitalised keyword (a town, a person) is not mentioned by the same letters written in
lower case in the middle of a sentence when those letters are a different, common word:
Czech ``Most`` (a town) vs ``most`` (a bridge), Russian ``Орёл`` vs ``орёл`` (an eagle),
Hungarian ``Baja`` vs ``baja`` (trouble), Serbian ``Kula`` vs ``kula`` (a tower),
Vietnamese ``Thái Bình`` vs ``thái bình`` (peaceful). Sources: Pravidla českého pravopisu
(ÚJČ AV ČR, velká písmena, https://prirucka.ujc.cas.cz/?id=180); Правила русской
орфографии и пунктуации (2006), §§ 157-170; A magyar helyesírás szabályai (12th ed.,
§ 143 ff.); Pravopis srpskoga jezika (Matica srpska 2010), §§ 27-60; Vietnamese: Nghị
định 30/2020/NĐ-CP, Phụ lục II (every syllable of a name is capitalised).

What stays case-blind, because the case there says nothing:

* a capitalised (or ALL-CAPS) text word: sentence starts and titles capitalise common words,
  so a capital in the text never rules a match out;
* a text with no upper-case letter at all (no case information);
* a keyword word written in lower case (``most``, ``pho``);
* a lower-case text word that the language's lexicon reads only as a name: it is the name
  written carelessly (Russian ``в москве``); a word the lexicon lacks is taken as common;
* in a multi-word keyword, a name is still mentioned when one of its capitalised words is
  written with a capital: orthographies write the generic word of a name in lower case
  (Serbian ``храм Светог Саве``, Vietnamese ``vịnh Hạ Long``).

Adjectives derived from names are written in lower case in Czech, Russian, Serbian and
Hungarian (``pražský``, ``московский``, ``beogradski``, ``szegedi``: Pravidla českého
pravopisu, velká písmena, and the sources above); they are other words (other lemmas), so
they are never matched and this rule does not meet them.
"""

from __future__ import annotations

from collections.abc import Sequence

# ISO 15924 scripts with a distinction of letter case.
CASED_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek", "Armn", "Geor", "Copt", "Glag", "Cher"})

UPPER, LOWER, NO_CASE = "U", "l", "-"


def word_cases(words: Sequence[str], text_has_upper: bool) -> tuple[str, ...]:
    """Per text word (as written): ``U`` capitalised, ``l`` lower case, ``-`` no evidence.

    A text without any upper-case letter carries no case evidence at all.
    """
    if not text_has_upper:
        return tuple(NO_CASE for _ in words)
    out = []
    for w in words:
        first = w[:1]
        out.append(UPPER if first.isupper() else LOWER if first.islower() else NO_CASE)
    return tuple(out)


def names_in_keyword(form_words: Sequence[str]) -> tuple[int, ...]:
    """Indices of the keyword's words written with a capital (its name words)."""
    return tuple(j for j, w in enumerate(form_words) if w[:1].isupper())


def lower_case_only(cases: Sequence[str], start: int, names: Sequence[int]) -> bool:
    """Whether every name word of a keyword matched at ``start`` is written in lower case.

    Only then does the case of the text speak against the match (a single capitalised
    name word, e.g. ``Светог`` in ``храм Светог Саве``, marks the whole as a name).
    """
    return bool(names) and all(cases[start + j] == LOWER for j in names)
