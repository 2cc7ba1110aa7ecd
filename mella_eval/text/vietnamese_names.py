"""Vietnamese names: where a multi-syllable name starts and ends in running text.

Vietnamese writes every syllable as a word and capitalises every syllable of a proper name
(Nghị định 30/2020/NĐ-CP, Phụ lục II, II.1-II.2: ``Hà Nội``, ``Thái Bình``; a generic noun
before a name is written in lower case, ``tỉnh Thái Bình``, ``vịnh Hạ Long``, though
captions often capitalise it too). So the case of the text tells a name from a common
word with the same syllables, and where a name ends:

* Every capitalised syllable of the keyword must be capitalised in the text (``Thái
  bình`` is the ethnonym Thái before ``bình thản`` "calm", not the province), except a
  generic noun written in lower case before the name (``vịnh Hạ Long``).
* A name does not match inside a longer run of capitalised syllables (``Anh`` is not in
  the given name ``Tuấn Anh``):
  ``Bình Dương`` (a province) is not in ``Thái Bình Dương`` (the Pacific), ``Hà Nam`` not
  in ``Hà Nam Ninh`` (the former province). A generic noun before the name (``Thành phố``,
  ``Tỉnh``, ``Chùa``, ``Vịnh``...) and a capitalised sentence start (``Về Hà Nam``) do not
  make the run longer.
* Where the text has no case information (all caps, or no capitals), a name must not end
  inside a word of the lexicon: ``THÁI BÌNH THẢN`` is Thái + ``bình thản``.
* A capitalised keyword is never found in lower-case syllables when the text has case:
  nearly every Vietnamese syllable is a word, so lower-case letters of a name are common
  words (``cao bằng`` "as tall as", ``thái bình`` "peaceful", ``lan`` "orchid").
* A name written as one word is the same name, with or without diacritics (``Sapa`` for
  ``Sa Pa``, ``Kontum``, ``Saigon`` for ``Sài Gòn``, ``Dalat``, and in the French-era
  transcription ``Pleiku`` for ``Plây Cu``); a single syllable without its diacritics is
  another word (``Hue`` is not ``Huế``).

The lexicon (for text without case) is pyvi's word list (about 31k words, bundled with
pyvi, which the project already uses for segmentation), brought to the new tone placement
by the language's normaliser.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from importlib import resources

import regex

from mella_eval.text.case_rules import LOWER, NO_CASE, UPPER
from mella_eval.text.normalizers import vietnamese_tones

# Generic nouns that precede a Vietnamese place, building or person name (administrative
# units, landforms and waters, buildings; titles), from Nghị định 30/2020/NĐ-CP, Phụ lục
# II (tên đơn vị hành chính, tên địa lý) and the Vietnamese Wikipedia naming conventions for
# places. Normalised (lower case, new tone placement).
GENERICS = frozenset(
    (
        "tỉnh", "tp", "huyện", "quận", "phường", "xã", "thôn", "làng", "bản", "ấp", "buôn",
        "miền", "vùng", "sông", "suối", "hồ", "biển", "vịnh", "đảo", "hòn", "bãi", "mũi",
        "đèo", "núi", "đồi", "thác", "hang", "động", "đầm", "phá", "kênh", "rạch", "cửa",
        "rừng", "khu", "chùa", "đền", "đình", "miếu", "phủ", "lăng", "tháp", "cầu", "chợ",
        "phố", "đường", "ga", "bến", "cảng", "dinh", "thành", "trường", "bác", "ông", "bà",
        "anh", "chị", "cô", "chú", "vua", "chúa", "tướng", "thánh", "thầy",
    )
)  # fmt: skip
GENERIC_PHRASES = frozenset(
    (
        "thành phố", "thị xã", "thị trấn", "bãi biển", "cao nguyên", "đồng bằng",
        "vườn quốc gia", "nhà thờ", "thánh đường", "phố cổ", "sân bay", "bảo tàng",
        "công viên", "quảng trường", "cung điện", "cố đô", "kinh thành", "hoàng thành",
        "nhà hát", "đại học", "nhà văn hóa", "khách sạn", "hoàng đế", "chủ tịch",
        "đại tướng", "cửa biển",
    )
)  # fmt: skip


def _norm(word: str) -> str:
    folded = unicodedata.normalize("NFC", word).casefold()
    return unicodedata.normalize("NFC", vietnamese_tones(folded))


@cache
def lexicon() -> frozenset[str]:
    """pyvi's Vietnamese word list, normalised (multi-syllable words joined by spaces)."""
    text = resources.files("pyvi").joinpath("models/words.txt").read_text(encoding="utf-8")
    return frozenset(_norm(line.strip()) for line in text.splitlines() if line.strip())


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Without diacritics (đ -> d): the international one-word spelling of a name
    (``Saigon`` for ``Sài Gòn``, ``Dalat`` for ``Đà Lạt``)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # the five tone marks
_HARD_C = regex.compile(r"c(?!h)")


@lru_cache(maxsize=200_000)
def respell(text: str) -> str:
    """The key in which the one-word and the syllable spellings of a name compare.

    :func:`fold` (``Saigon``, ``Dalat``, ``Daklak``), and the French-era transcription of
    Central Highlands names that the one-word spellings keep: ``ei`` for ``ây`` and ``k``
    for the ``c`` of /k/ (``Pleiku`` = ``Plây Cu``, ``Kontum`` = ``Kon Tum``; Vietnamese
    writes /k/ as c, k or q by the vowel that follows, https://en.wikipedia.org/wiki/Vietnamese_alphabet;
    https://en.wikipedia.org/wiki/Pleiku). Applied to both sides, lower case.
    """
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if c not in _TONES)
    bare = unicodedata.normalize("NFC", bare).replace("ây", "ei")
    return _HARD_C.sub("k", fold(bare))


def _ends_generic(syllables: list[str]) -> bool:
    """Whether a run of syllables (normalised) ends in a generic noun."""
    if syllables and syllables[-1] in GENERICS:
        return True
    return any(" ".join(syllables[-n:]) in GENERIC_PHRASES for n in (2, 3) if len(syllables) >= n)


def _sentence_start(gaps: tuple[str, ...], k: int) -> bool:
    return k == 0 or any(c in gaps[k] for c in ".!?…:;\n")


def _glued(gaps: tuple[str, ...], k: int) -> bool:
    """Word ``k`` follows the word before it with only spaces between."""
    return k > 0 and not gaps[k].strip()


def span_ok(
    cases: tuple[str, ...],
    gaps: tuple[str, ...],
    written: tuple[str, ...],
    start: int,
    size: int,
    names: tuple[int, ...],
) -> bool:
    """Vietnamese name boundaries for a keyword with capitalised syllables (see above)."""
    own = [cases[start + j] for j in names]
    if UPPER in own and LOWER in own:
        lower = [j for j in names if cases[start + j] == LOWER]
        leading = list(range(len(lower)))
        if lower != leading or not _ends_generic([_norm(written[start + j]) for j in lower]):
            return False
    shouted = all(_shouted(written[start + j]) for j in names)
    if shouted or all(c == NO_CASE for c in own):  # no case evidence: ALL CAPS, no capitals
        return len(names) < 2 or not _ends_inside_word(gaps, written, start, size)
    if all(c == UPPER for c in own):
        return _no_longer_run(cases, gaps, written, start, size)
    return True


def _shouted(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _capital_run(
    cases: tuple[str, ...], gaps: tuple[str, ...], written: tuple[str, ...], k: int, step: int
) -> list[int]:
    """Capitalised (not ALL-CAPS) words glued to each other from word ``k`` on, by ``step``."""
    run: list[int] = []
    while 0 <= k < len(cases) and cases[k] == UPPER and not _shouted(written[k]):
        if not _glued(gaps, k if step > 0 else k + 1):
            break
        run.append(k)
        k += step
    return run if step > 0 else run[::-1]


def _no_longer_run(
    cases: tuple[str, ...],
    gaps: tuple[str, ...],
    written: tuple[str, ...],
    start: int,
    size: int,
) -> bool:
    """The capitalised match is not the start or the end of a longer capitalised name:
    ``Lào`` is not in ``Lào Cai``, ``Bình Dương`` not in ``Thái Bình Dương``, ``Nam Á`` not
    in ``Đông Nam Á``, ``Anh`` (England) not in ``Tuấn Anh`` (a given name).

    One capitalised syllable next to the match completes a longer name; a run of two or
    more is another name (most Vietnamese place names have two syllables), typically the
    place after a landmark (``Cầu Rồng Đà Nẵng``, ``Bánh Mì Hội An``). A run before the
    match that a generic noun introduces is another name too (``nhà thờ Đức Bà Sài Gòn``),
    and so is a capitalised sentence start (``Về Hà Nam``)."""
    after = _capital_run(cases, gaps, written, start + size, 1)
    if len(after) == 1:
        return False
    run = _capital_run(cases, gaps, written, start - 1, -1)
    if len(run) != 1 or _norm(written[run[0]]) in GENERICS:
        return True
    first = run[0]
    if _sentence_start(gaps, first):
        return True
    return _ends_generic([_norm(w) for w in written[max(0, first - 3) : first]])


def _ends_inside_word(
    gaps: tuple[str, ...], written: tuple[str, ...], start: int, size: int
) -> bool:
    """Without case evidence: the span's edges would cut a two-syllable lexicon word."""
    words = lexicon()
    first, last = _norm(written[start]), _norm(written[start + size - 1])
    after = start + size
    if after < len(written) and _glued(gaps, after) and f"{last} {_norm(written[after])}" in words:
        return True
    return start > 0 and _glued(gaps, start) and f"{_norm(written[start - 1])} {first}" in words
