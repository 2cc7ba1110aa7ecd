"""The extraction prompt, one per language and written in it, and the parser of answers.

The prompt asks for the culturally specific entities of an alt-text (places, dishes,
people, festivals, objects), copied as written, as a JSON array of strings. Languages
without a prompt of their own get the English one with the language named. The parser
is tolerant about wrapping (code fences, a sentence before the array, an object holding
the array) and strict about content: anything but a list of strings (or of lists of
strings, for alternative forms) fails that sample, and its raw text is kept.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from mella_eval.errors import MellaError
from mella_eval.languages import LanguageSpec

__all__ = ["EXTRACTION_PROMPTS", "KeywordParseError", "load_prompt_file", "parse_keyword_list",
           "prompt_template", "render_prompt"]  # fmt: skip

#: Version of the prompt + parser contract; part of every store key.
PROMPT_VERSION = "kw-prompt-1"

_ENGLISH = (
    "The text below is the alt-text of an image on the web, written in {language}. List the "
    "culturally specific entities it names: places, dishes, people, festivals, objects. Copy "
    "each one exactly as it is written in the text, in {language}. Answer only with a JSON "
    'array of strings, for example ["...", "..."]; answer [] if there are none.\n\nText: {text}'
)

EXTRACTION_PROMPTS: dict[str, str] = {
    "en": _ENGLISH.replace("{language}", "English"),
    "ar": "النص التالي هو النص البديل لصورة على الويب. اذكر الكيانات الخاصة بالثقافة التي يذكرها: "
    "الأماكن والأطباق والأشخاص والمهرجانات والأشياء. انسخ كل كيان تماماً كما هو مكتوب في النص. "
    'أجب فقط بمصفوفة JSON من السلاسل النصية، مثل ["...", "..."]، وأجب [] إذا لم يوجد أي كيان.'
    "\n\nالنص: {text}",
    "cs": "Následující text je alternativní popis obrázku z webu. Vypište kulturně specifické "
    "entity, které zmiňuje: místa, jídla, osoby, svátky a slavnosti, předměty. Každou opište "
    "přesně tak, jak je napsána v textu. Odpovězte pouze polem JSON s řetězci, například "
    '["...", "..."]; pokud žádné nejsou, odpovězte [].\n\nText: {text}',
    "hu": "Az alábbi szöveg egy webes kép alternatív szövege. Sorold fel a benne említett, "
    "kulturálisan jellegzetes entitásokat: helyeket, ételeket, személyeket, ünnepeket, "
    "tárgyakat. Mindegyiket pontosan úgy másold ki, ahogy a szövegben szerepel. Csak egy "
    'szövegeket tartalmazó JSON-tömbbel válaszolj, például ["...", "..."]; ha nincs ilyen, '
    "válaszolj így: [].\n\nSzöveg: {text}",
    "ko": "다음 글은 웹 이미지의 대체 텍스트입니다. 이 글에 나오는 문화적으로 고유한 개체(장소, "
    "음식, 인물, 축제, 사물)를 나열하세요. 각 항목은 글에 쓰인 그대로 정확히 옮겨 적으세요. "
    '답은 문자열로 된 JSON 배열로만 하세요. 예: ["...", "..."]. 해당하는 것이 없으면 []로 '
    "답하세요.\n\n글: {text}",
    "ru": "Ниже приведён альтернативный текст изображения из интернета. Перечислите упомянутые "
    "в нём культурно-специфические сущности: места, блюда, людей, праздники, предметы. Каждую "
    "выпишите точно так, как она написана в тексте. Ответьте только JSON-массивом строк, "
    'например ["...", "..."]; если таких нет, ответьте [].\n\nТекст: {text}',
    "sr": "Следећи текст је алтернативни опис слике са интернета. Наведите културно специфичне "
    "појмове који се у њему помињу: места, јела, особе, празнике и славља, предмете. Сваки "
    "препишите тачно онако како је написан у тексту. Одговорите само JSON низом стрингова, на "
    'пример ["...", "..."]; ако их нема, одговорите [].\n\nТекст: {text}',
    "th": "ข้อความต่อไปนี้เป็นข้อความแสดงแทนของรูปภาพบนเว็บ จงระบุสิ่งที่มีลักษณะเฉพาะทางวัฒนธรรมที่ข้อความกล่าวถึง "
    "ได้แก่ สถานที่ อาหาร บุคคล เทศกาล และสิ่งของ คัดลอกแต่ละรายการให้ตรงตามที่เขียนไว้ในข้อความ "
    'ตอบเป็นอาร์เรย์ JSON ของสตริงเท่านั้น เช่น ["...", "..."] หากไม่มี ให้ตอบ []\n\nข้อความ: {text}',
    "vi": "Đoạn văn sau là văn bản thay thế của một hình ảnh trên web. Hãy liệt kê các thực thể "
    "mang tính đặc trưng văn hóa được nhắc đến: địa danh, món ăn, con người, lễ hội, đồ vật. "
    "Chép lại mỗi thực thể đúng như cách viết trong văn bản. Chỉ trả lời bằng một mảng JSON "
    'gồm các chuỗi, ví dụ ["...", "..."]; nếu không có, hãy trả lời [].\n\nVăn bản: {text}',
}


class KeywordParseError(ValueError):
    """A model answer that is not a JSON list of keyword strings."""


def prompt_template(lang: LanguageSpec, overrides: dict[str, str] | None = None) -> str:
    """The language's template (``{text}`` marks the alt-text), English as the fallback."""
    table = {**EXTRACTION_PROMPTS, **(overrides or {})}
    if lang.code in table:
        return table[lang.code]
    return _ENGLISH.replace("{language}", lang.name or lang.code)


def render_prompt(template: str, alt_text: str) -> str:
    """The template with the alt-text in place (``str.replace``: braces in text are safe)."""
    return template.replace("{text}", alt_text)


def load_prompt_file(path: Path) -> dict[str, str]:
    """A YAML mapping of language code -> template; each must contain ``{text}``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MellaError(f"{path}: cannot read the prompt file: {exc}") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise MellaError(f"{path}: a prompt file maps language codes to prompt templates")
    missing = sorted(code for code, text in data.items() if "{text}" not in text)
    if missing:
        raise MellaError(f"{path}: the prompt for {', '.join(missing)} has no {{text}} slot")
    return data


_FENCE = re.compile(r"```[A-Za-z]*")


def parse_keyword_list(answer: str) -> list[list[str]]:
    """Keyword entries from a model answer; raises :class:`KeywordParseError` on garbage.

    Accepted: a JSON array (optionally inside code fences or after a sentence) of strings,
    or of lists of strings (alternative forms of one entity), or an object whose
    ``keywords``/``entities`` value is such an array. Empty strings are skipped.
    """
    text = _FENCE.sub("", answer).strip()
    value = _first_json_array(text)
    entries: list[list[str]] = []
    for item in value:
        forms = [item] if isinstance(item, str) else item
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise KeywordParseError(f"not a string or a list of strings: {item!r:.80}")
        forms = [" ".join(f.split()) for f in forms if f.strip()]
        if forms:
            entries.append(forms)
    return entries


def _first_json_array(text: str) -> list[Any]:
    decoder = json.JSONDecoder()
    for match in re.finditer(r"[\[{]", text):
        try:
            value, _ = decoder.raw_decode(text, match.start())
        except ValueError:
            continue
        if isinstance(value, dict):
            value = value.get("keywords", value.get("entities"))
        if isinstance(value, list):
            return value
    raise KeywordParseError("no JSON array of keywords in the answer")
