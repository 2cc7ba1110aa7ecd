"""A MELLA-release-shaped D_know file without keywords, real drawn images, an override file.

The record layout follows the shared protocol notes (img_id, url, data_source,
image{path, resolution, size, format}, captions{content, lang}, labels); the alt-texts
were written for these tests.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import draw_image

ALT_TEXTS = {
    "rel-sr-1": ("sr", "Храм Светог Саве на Врачару у Београду под ведрим небом."),
    "rel-sr-2": ("sr", "Golubačka tvrđava iznad Dunava, na ulazu u Đerdapsku klisuru."),
    "rel-hu-1": ("hu", "A budapesti Országház a Duna partján, esti kivilágításban."),
    "rel-hu-2": ("hu", "Gőzölgő gulyásleves piros paprikával egy fehér tányérban."),
    "rel-hu-3": ("hu", "Vitorlások a Balatonon, háttérben a Tihanyi-félsziget."),
    "rel-ko-1": ("ko", "북악산을 배경으로 한 경복궁 근정전의 웅장한 모습"),
    "rel-ar-1": ("ar", "برج خليفة فوق أفق دبي عند الغسق"),
    "rel-cs-1": ("cs", "Karlův most a Pražský hrad nad Vltavou při západu slunce."),
    "rel-ru-1": ("ru", "Собор Василия Блаженного на Красной площади в Москве."),
    "rel-th-1": ("th", "ธงชาติไทยโบกสะบัดบนเสาธงที่กรุงเทพมหานคร"),
    "rel-vi-1": ("vi", "Tô phở bò Hà Nội nóng hổi với rau thơm và chanh."),
}
COLORS = [
    ((i * 67) % 256, (40 + i * 37) % 256, (200 - i * 13) % 256) for i in range(len(ALT_TEXTS))
]


def release_record(img_id: str, lang: str, text: str) -> dict[str, Any]:
    return {
        "img_id": img_id,
        "url": f"https://example.org/{img_id}.jpg",
        "data_source": "web",
        "image": {
            "path": f"images/{img_id}.png",
            "resolution": [64, 48],
            "size": 0,
            "format": "PNG",
        },
        "captions": {"content": text, "lang": lang},
        "labels": {"level1": "landmark"},
    }


@pytest.fixture(scope="session")
def tiny(tiny_model: Path) -> Path:
    """The session's tiny random Idefics3 checkpoint (the one ``vllm_server`` serves)."""
    return tiny_model


@pytest.fixture
def release(tmp_path: Path) -> Path:
    """``release/d_know.jsonl`` in the release layout, all languages in one file."""
    folder = tmp_path / "release"
    lines = []
    for (img_id, (lang, text)), color in zip(ALT_TEXTS.items(), COLORS, strict=True):
        draw_image(folder / "images" / f"{img_id}.png", color=color)
        lines.append(json.dumps(release_record(img_id, lang, text), ensure_ascii=False))
    (folder / "d_know.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "d_know.jsonl"


def write_override(
    folder: Path, release_file: Path, keywords: str | None, **task_fields: Any
) -> Path:
    """The README's override recipe: every know task on the release, keywords per language."""
    entry: dict[str, Any] = {
        "adapter": "mella_release",
        "path": str(release_file),
        "filter": {"captions.lang": "{lang}"},
        # The shipped know tasks map the mini data's fields; the release has its own.
        "fields": {"id": "img_id", "image": "image", "references": "captions.content"},
    }
    if keywords is not None:
        entry["keywords_file"] = keywords
    override = folder / "mella-real.yaml"
    fields = {"dataset": entry, **task_fields}
    override.write_text(json.dumps({"mella_know_*": fields}), encoding="utf-8")
    return override


# ------------------------------------------------------------ a fake OpenAI server
Answer = Callable[[str], str]


class FakeChatServer:
    """A real HTTP server on 127.0.0.1 speaking the chat-completions protocol.

    ``answer(prompt) -> text`` chooses each reply; every request body is recorded.
    """

    def __init__(self, answer: Answer, delay_s: float = 0.0) -> None:
        self.answer, self.delay_s = answer, delay_s
        self.bodies: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                import time

                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.bodies.append(body)
                time.sleep(server.delay_s)
                text = body["messages"][-1]["content"][-1]["text"]
                reply = {"choices": [{"message": {"role": "assistant",
                                                  "content": server.answer(text)},
                                      "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 1, "completion_tokens": 1}}  # fmt: skip
                data = json.dumps(reply, ensure_ascii=False).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeChatServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def fake_server() -> Iterator[Callable[..., FakeChatServer]]:
    started: list[FakeChatServer] = []

    def start(answer: Answer, delay_s: float = 0.0) -> FakeChatServer:
        server = FakeChatServer(answer, delay_s).__enter__()
        started.append(server)
        return server

    yield start
    for server in started:
        server.__exit__()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
