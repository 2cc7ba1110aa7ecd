"""A tiny checkpoint whose greedy output is made of lone UTF-8 bytes: invalid text.

Random models sometimes emit byte-level BPE tokens that are fragments of multi-byte
characters (a lead byte without its continuation, or the reverse). How such runs turn
into text is where engines used to disagree (vLLM's incremental detokenizer against
HF's one-shot decode). This builder makes that case certain instead of rare: it copies
the tiny Idefics3 checkpoint and rewrites its output layer so that only single-byte
tokens for UTF-8 lead and continuation bytes can win the argmax.

How: every ``lm_head`` row is zeroed, then each chosen byte token gets a random row
``w`` and its partner the row ``-w``. For any hidden state ``h`` one of ``w.h`` and
``-w.h`` is >= 0, so the best chosen token scores above the zero logits of all other
tokens (ties need ``h`` orthogonal to every ``w``). Which byte wins still depends on
the hidden state, so outputs mix bytes into valid and invalid UTF-8 runs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mella_eval.testing.tiny_model import build_tiny_idefics3

__all__ = ["FORCED_BYTES", "build_byte_emitter", "byte_token"]

#: Lead bytes of 2-, 3- and 4-byte sequences and continuation bytes, in pairs (w, -w).
FORCED_BYTES = (0xC3, 0x80, 0xE0, 0x81, 0xF0, 0x82, 0xD0, 0xA0, 0xE4, 0xBF, 0xC5, 0x9F, 0xE1, 0x91)
_MARKER = "mella_byte_model.json"
_VERSION = 1


def _byte_to_unicode() -> dict[int, str]:
    """GPT-2's byte-to-character table that byte-level BPE vocabularies are written in."""
    printable = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    chars = list(printable)
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            chars.append(256 + extra)
            extra += 1
    return {byte: chr(char) for byte, char in zip(printable, chars, strict=True)}


def byte_token(tokenizer: object, byte: int) -> int:
    """Token id of the single-byte token for ``byte`` in a byte-level BPE vocabulary."""
    token_id = tokenizer.convert_tokens_to_ids(_byte_to_unicode()[byte])  # type: ignore[attr-defined]
    if not isinstance(token_id, int) or token_id == tokenizer.unk_token_id:  # type: ignore[attr-defined]
        raise ValueError(f"no single-byte token for 0x{byte:02X}")
    return token_id


def build_byte_emitter(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) the byte-emitting checkpoint in ``out_dir`` and return it."""
    import torch
    from safetensors.torch import load_file, save_file
    from transformers import AutoTokenizer

    out_dir = Path(out_dir)
    marker = out_dir / _MARKER
    wanted = {"seed": seed, "version": _VERSION}
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")) == wanted:
        return out_dir
    tmp = out_dir.with_name(out_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    build_tiny_idefics3(tmp, seed=seed)
    tokenizer = AutoTokenizer.from_pretrained(tmp)
    weights_path = tmp / "model.safetensors"
    weights = load_file(weights_path)
    (name,) = [k for k in weights if k.endswith("lm_head.weight")]
    head = torch.zeros_like(weights[name])
    generator = torch.Generator().manual_seed(seed + 1)
    ids = [byte_token(tokenizer, b) for b in FORCED_BYTES]
    for first, second in zip(ids[::2], ids[1::2], strict=True):
        row = torch.randn(head.shape[1], generator=generator)
        head[first], head[second] = row, -row
    weights[name] = head.contiguous()
    save_file(weights, weights_path, metadata={"format": "pt"})
    (tmp / _MARKER).write_text(json.dumps(wanted), encoding="utf-8")
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return out_dir
