"""Token ids to text, in exactly one place, so that the text never depends on the engine.

vLLM's incremental detokenizer and HF's one-shot ``decode`` agree on clean text but
not on invalid UTF-8 byte runs (a random or undertrained model emits lone byte
tokens): vLLM holds back or drops bytes it cannot complete yet, HF writes U+FFFD.
Scores are computed on text, so the same tokens must give the same text whichever
engine produced them. Every local engine therefore returns token ids and builds its
text with :func:`completion_text`: one ``tokenizer.decode`` call over the whole
completion with the checkpoint's own tokenizer and settings, then stop strings cut.

The OpenAI-compatible engine receives text only (the chat-completions API does not
return token ids), so its text is the server's own detokenisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["apply_stop_strings", "completion_text", "decode_ids"]


def decode_ids(tokenizer: Any, ids: Sequence[int]) -> str:
    """The text of ``ids`` with special tokens skipped; the tokenizer's own clean-up rules.

    One call over the whole sequence: decoding token by token and joining would split
    multi-byte characters whose bytes sit in different tokens.
    """
    return str(tokenizer.decode(list(ids), skip_special_tokens=True))


def apply_stop_strings(text: str, stops: Sequence[str]) -> tuple[str, bool]:
    """``text`` cut before the earliest stop string, and whether one was found.

    The earliest position over all stop strings wins (what vLLM does while streaming),
    so the order in which stop strings are listed does not matter.
    """
    positions = [pos for stop in stops if stop and (pos := text.find(stop)) >= 0]
    if not positions:
        return text, False
    return text[: min(positions)], True


def completion_text(
    tokenizer: Any, ids: Sequence[int], stops: Sequence[str] = ()
) -> tuple[str, bool]:
    """Decoded completion (``ids`` without the end-of-sequence token) cut at stop strings."""
    return apply_stop_strings(decode_ids(tokenizer, ids), stops)
