"""Prompt rendering: a request as chat messages, rendered with the checkpoint's template.

One function for every local engine, so vLLM and HF see byte-identical prompts; the
``openai`` engine sends the same messages (images as data URLs) to its server.
"""

from __future__ import annotations

from typing import Any

from mella_eval.engines.base import GenerationRequest
from mella_eval.errors import EngineError

__all__ = ["build_messages", "render_prompt"]


def build_messages(
    request: GenerationRequest, image_parts: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Chat messages for ``request``: optional system turn, then images before the text.

    ``image_parts`` lets an HTTP engine pass data-URL parts; local engines use the
    plain ``{"type": "image"}`` placeholder that chat templates expand.
    """
    parts = image_parts if image_parts is not None else [{"type": "image"} for _ in request.images]
    messages: list[dict[str, Any]] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    messages.append({"role": "user", "content": [*parts, {"type": "text", "text": request.prompt}]})
    return messages


def render_prompt(template_owner: Any, request: GenerationRequest) -> str:
    """The prompt text for ``request`` rendered with the checkpoint's own chat template.

    ``template_owner`` is an HF processor or tokenizer (anything with
    ``apply_chat_template``). The vLLM and HF engines share this function, so both
    see byte-identical prompts, which is what makes their outputs comparable.
    """
    try:
        text = template_owner.apply_chat_template(
            build_messages(request), add_generation_prompt=True, tokenize=False
        )
    except Exception as exc:  # a missing or broken template is a checkpoint problem
        raise EngineError(f"cannot apply the checkpoint's chat template: {exc}") from exc
    return str(text)
