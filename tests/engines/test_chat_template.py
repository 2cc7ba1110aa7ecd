"""--chat-template: files, bundled names, and the prompt our rendering produces with them."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import jinja2
import pytest

from mella_eval.engines.chat_template import (
    bundled_template_names,
    load_template_owner,
    resolve_chat_template,
    template_key_suffix,
)
from mella_eval.engines.prompt import build_messages, render_prompt
from mella_eval.errors import EngineError
from tests.engines.conftest import make_requests

CUSTOM = (
    "{% for message in messages %}[{{ message['role'] }}]"
    "{% if message['content'] is string %}{{ message['content'] }}{% else %}"
    "{% for part in message['content'] %}{% if part['type'] == 'image' %}<image>"
    "{% else %}{{ part['text'] }}{% endif %}{% endfor %}{% endif %}\n{% endfor %}"
    "{% if add_generation_prompt %}[assistant]{% endif %}"
)


def test_paligemma_is_bundled() -> None:
    assert "paligemma" in bundled_template_names()
    template = resolve_chat_template("paligemma")
    assert template is not None and template.source == "bundled:paligemma"


def test_a_file_is_read_and_hashed(tmp_path: Path) -> None:
    path = tmp_path / "mine.jinja"
    path.write_text(CUSTOM, encoding="utf-8")
    template = resolve_chat_template(str(path))
    assert template is not None and template.text == CUSTOM
    assert template.info() == {
        "source": f"file:{path.resolve()}",
        "sha256": hashlib.sha256(CUSTOM.encode()).hexdigest(),
    }


def test_unknown_name_lists_the_bundled_ones() -> None:
    with pytest.raises(EngineError, match=r"--chat-template nope: .*bundled: .*paligemma"):
        resolve_chat_template("nope")


def test_key_suffix_is_empty_without_a_template_and_differs_per_template(tmp_path: Path) -> None:
    other = tmp_path / "other.jinja"
    other.write_text(CUSTOM + " ", encoding="utf-8")
    assert template_key_suffix({}) == "" and template_key_suffix({"chat_template": None}) == ""
    a = template_key_suffix({"chat_template": "paligemma"})
    b = template_key_suffix({"chat_template": str(other)})
    assert a and b and a != b


def test_override_renders_exactly_what_jinja_renders(tiny_model: Path, tmp_path: Path) -> None:
    """The processor gets the file's template; jinja2 itself is the reference renderer."""
    path = tmp_path / "mine.jinja"
    path.write_text(CUSTOM, encoding="utf-8")
    owner: Any = load_template_owner(
        str(tiny_model),
        revision=None,
        trust_remote_code=False,
        chat_template=resolve_chat_template(str(path)),
    )
    default: Any = load_template_owner(
        str(tiny_model), revision=None, trust_remote_code=False, chat_template=None
    )
    # transformers compiles chat templates with trim_blocks and lstrip_blocks (its docs).
    reference = jinja2.Environment(trim_blocks=True, lstrip_blocks=True).from_string(CUSTOM)
    for request in make_requests(4):
        want = reference.render(messages=build_messages(request), add_generation_prompt=True)
        assert render_prompt(owner, request) == want
        assert render_prompt(default, request) != want
