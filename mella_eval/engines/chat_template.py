"""Chat templates and remote code: what every local engine needs to render a prompt.

The harness renders prompts itself (one function for every engine) so that vLLM and HF
see byte-identical text. The template comes from the checkpoint, or from
``--chat-template FILE|NAME`` when the checkpoint ships none (real PaliGemma 2
checkpoints) or the user wants another one. Named templates are bundled as package
data in ``engines/templates/*.jinja``.

Remote code is never run unless asked: ``trust_remote_code`` is passed as an explicit
``False`` otherwise, because ``None`` makes transformers stop at an interactive y/N
prompt on a terminal, which would hang an unattended evaluation.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from mella_eval.errors import EngineError

__all__ = [
    "ChatTemplate",
    "bundled_template_names",
    "load_template_owner",
    "remote_code_error",
    "resolve_chat_template",
    "template_key_suffix",
]

_FLAG = "--trust-remote-code"


@dataclass(frozen=True)
class ChatTemplate:
    """A template chosen with ``--chat-template``: where it came from and its text."""

    source: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def info(self) -> dict[str, str]:
        """For engine info and results: enough to tell which template made a prediction."""
        return {"source": self.source, "sha256": self.sha256}


def bundled_template_names() -> list[str]:
    """Names accepted by ``--chat-template NAME``."""
    folder = resources.files("mella_eval.engines") / "templates"
    names = (p.name for p in folder.iterdir())
    return sorted(n.removesuffix(".jinja") for n in names if n.endswith(".jinja"))


def resolve_chat_template(value: str | None) -> ChatTemplate | None:
    """A file path or a bundled name; ``None`` means the checkpoint's own template."""
    if value is None or value == "":
        return None
    path = Path(value).expanduser()
    if path.is_file():
        try:
            return ChatTemplate(f"file:{path.resolve()}", path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise EngineError(f"--chat-template {value}: cannot read it ({exc})") from None
    names = bundled_template_names()
    if value in names:
        text = (resources.files("mella_eval.engines") / "templates" / f"{value}.jinja").read_text(
            encoding="utf-8"
        )
        return ChatTemplate(f"bundled:{value}", text)
    raise EngineError(
        f"--chat-template {value}: no such file, and not a bundled template "
        f"(bundled: {', '.join(names)})"
    )


def template_key_suffix(options: dict[str, Any]) -> str:
    """What a ``chat_template`` option adds to the model part of prediction keys.

    Empty without the option, so keys of runs that use the checkpoint's own template
    (already covered by the model fingerprint) do not change.
    """
    template = resolve_chat_template(options.get("chat_template"))
    return "" if template is None else f"+chat_template:sha256:{template.sha256}"


def remote_code_error(model: str, exc: BaseException) -> EngineError | None:
    """The one-line error for a checkpoint that needs ``trust_remote_code``, else None."""
    text = str(exc)
    if "trust_remote_code" in text or "contains custom code" in text:
        return EngineError(
            f"{model} ships its own model code; rerun with {_FLAG} "
            "(or --engine-arg trust_remote_code=true) if you trust it"
        )
    return None


def load_template_owner(
    model: str,
    *,
    revision: str | None,
    trust_remote_code: bool,
    chat_template: ChatTemplate | None,
) -> Any:
    """The HF processor (or tokenizer) that renders prompts, with the chosen template set.

    Raises a one-line error naming ``--chat-template`` when the checkpoint has none and
    none was given, and naming ``--trust-remote-code`` when its code must be run.
    """
    from transformers import AutoProcessor, AutoTokenizer

    kwargs = {"revision": revision, "trust_remote_code": bool(trust_remote_code)}
    owner: Any = None
    errors = []
    for loader in (AutoProcessor, AutoTokenizer):
        try:
            owner = loader.from_pretrained(model, **kwargs)
            break
        except Exception as exc:
            if (remote := remote_code_error(model, exc)) is not None:
                raise remote from None
            errors.append(f"{loader.__name__}: {str(exc).splitlines()[0][:200]}")
    if owner is None:
        raise EngineError(f"cannot load a processor or tokenizer for {model}: {'; '.join(errors)}")
    if chat_template is not None:
        owner.chat_template = chat_template.text
    elif not getattr(owner, "chat_template", None):
        raise EngineError(
            f"{model} ships no chat template; pass --chat-template FILE or one of: "
            f"{', '.join(bundled_template_names())}"
        )
    return owner
