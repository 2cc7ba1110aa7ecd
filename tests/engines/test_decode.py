"""One decoder for every engine: hand-checked stop strings, and byte runs decoded whole."""

from __future__ import annotations

from pathlib import Path

from mella_eval.engines.base import SamplingSettings
from mella_eval.engines.decode import apply_stop_strings, completion_text, decode_ids


def _sampling(max_new_tokens: int, stop: tuple[str, ...] = ()) -> SamplingSettings:
    return SamplingSettings(max_new_tokens=max_new_tokens, stop=stop)


def test_stop_strings_cut_at_the_earliest_match_whatever_their_order() -> None:
    text = "Egy piros alma. A háttérben fák.\nMásodik sor"
    assert apply_stop_strings(text, ["\n", "."]) == ("Egy piros alma", True)
    assert apply_stop_strings(text, [".", "\n"]) == ("Egy piros alma", True)
    assert apply_stop_strings(text, ["xyz"]) == (text, False)
    assert apply_stop_strings("สวัสดีครับ", ["ครับ"]) == ("สวัสดี", True)


def test_lone_utf8_bytes_decode_like_python_does(tiny_model: Path) -> None:
    """Byte tokens decoded in one call equal Python's own UTF-8 decoding with U+FFFD
    replacement (the reference), also when a character's bytes sit in two tokens."""
    from transformers import AutoTokenizer

    from mella_eval.testing.byte_model import byte_token

    tokenizer = AutoTokenizer.from_pretrained(tiny_model)
    raw = bytes([0xC3, 0xA9, 0xE0, 0x41, 0xC5, 0xBF, 0x80, 0xF0])  # é, broken, A, ſ, broken
    ids = [byte_token(tokenizer, b) if b >= 0x80 else tokenizer.convert_tokens_to_ids("A")
           for b in raw]  # fmt: skip
    expected = raw.decode("utf-8", errors="replace")
    assert decode_ids(tokenizer, ids) == expected
    assert completion_text(tokenizer, ids, ("A",)) == (expected.split("A")[0], True)
