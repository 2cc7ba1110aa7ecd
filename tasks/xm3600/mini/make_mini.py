"""Build the bundled XM3600-shaped mini data: six drawn JPEGs and ``captions.jsonl``.

The pictures are plain Pillow shapes (no fonts, photos or third-party material), drawn at
twice the size and downsampled; the captions come from ``_captions.yaml`` (written for this
project). The output has the layout of the Crossmodal-3600 release: one JSON object a line
with ``image/key``, ``image/locale`` and, per language, ``caption``, ``caption/tokenized``
and ``caption/tokenized/lowercase`` lists; images at ``images/{image/key}.jpg``.

    /work/main/.venv/bin/python tasks/xm3600/mini/make_mini.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

import regex
import yaml
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
W, H, SS = 320, 240, 2
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]")

Color = tuple[int, int, int]
SKY: Color = (150, 200, 240)
GRASS: Color = (90, 170, 80)


class Pen:
    """Draws in 320x240 logical coordinates on a supersampled canvas."""

    def __init__(self, background: Color) -> None:
        self.img = Image.new("RGB", (W * SS, H * SS), background)
        self.d = ImageDraw.Draw(self.img)

    def _s(self, *xy: float) -> list[float]:
        return [v * SS for v in xy]

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: Color) -> None:
        self.d.rectangle(self._s(x0, y0, x1, y1), fill=fill)

    def oval(self, x0: float, y0: float, x1: float, y1: float, fill: Color) -> None:
        self.d.ellipse(self._s(x0, y0, x1, y1), fill=fill)

    def poly(self, points: list[tuple[float, float]], fill: Color) -> None:
        self.d.polygon([(x * SS, y * SS) for x, y in points], fill=fill)

    def line(self, x0: float, y0: float, x1: float, y1: float, fill: Color, w: int) -> None:
        self.d.line(self._s(x0, y0, x1, y1), fill=fill, width=w * SS)

    def image(self) -> Image.Image:
        return self.img.resize((W, H), Image.Resampling.LANCZOS)


def car(p: Pen) -> None:
    p.rect(0, 170, W, H, (120, 120, 120))
    p.rect(120, 60, 300, 170, (240, 210, 60))  # yellow house
    p.poly([(110, 62), (210, 10), (310, 62)], (170, 60, 50))
    p.rect(195, 110, 225, 170, (40, 80, 200))  # blue door
    p.rect(140, 85, 175, 115, (200, 230, 250))
    p.rect(250, 85, 285, 115, (200, 230, 250))
    p.rect(20, 150, 170, 195, (210, 30, 30))  # red car
    p.poly([(50, 150), (70, 122), (125, 122), (145, 150)], (210, 30, 30))
    p.rect(75, 127, 120, 148, (190, 220, 240))
    for x in (55, 135):
        p.oval(x - 16, 180, x + 16, 212, (30, 30, 30))


def sailboat(p: Pen) -> None:
    p.rect(0, 140, W, H, (30, 90, 190))
    p.oval(240, 20, 290, 70, (250, 210, 40))
    for x in range(10, W, 40):
        p.line(x, 170 + (x % 30), x + 20, 170 + (x % 30), (120, 170, 230), 2)
    p.poly([(100, 150), (220, 150), (200, 175), (120, 175)], (120, 70, 30))
    p.line(160, 40, 160, 150, (90, 60, 30), 3)
    p.poly([(163, 45), (163, 145), (225, 145)], (250, 250, 250))
    p.poly([(157, 60), (157, 145), (110, 145)], (235, 235, 235))


def apples(p: Pen) -> None:
    p.rect(0, 150, W, H, (150, 100, 60))  # wooden table
    for y in (170, 195, 220):
        p.line(0, y, W, y, (120, 80, 45), 2)
    p.poly([(80, 110), (240, 110), (220, 180), (100, 180)], (130, 80, 40))  # basket
    for x in (95, 130, 165, 200):
        p.line(x, 112, x + 10, 178, (100, 60, 30), 2)
    for x, y in ((115, 88), (160, 82), (205, 88)):
        p.oval(x - 22, y - 22, x + 22, y + 22, (200, 20, 30))
        p.line(x, y - 22, x + 3, y - 32, (80, 50, 20), 3)


def park(p: Pen) -> None:
    p.rect(0, 160, W, H, GRASS)
    p.rect(80, 80, 100, 175, (110, 70, 40))  # trunk
    p.oval(30, 10, 150, 110, (40, 140, 50))
    p.rect(170, 150, 290, 160, (150, 100, 50))  # bench seat
    p.rect(170, 125, 290, 133, (150, 100, 50))
    p.rect(170, 138, 290, 145, (150, 100, 50))
    for x in (178, 278):
        p.rect(x, 160, x + 6, 185, (60, 60, 60))


def mountains(p: Pen) -> None:
    p.rect(0, 150, W, H, (60, 120, 200))  # lake
    for x0, peak, x1 in ((-20, 40, 150), (90, 20, 260), (200, 50, 340)):
        mid = (x0 + x1) / 2
        p.poly([(x0, 150), (mid, peak), (x1, 150)], (110, 110, 130))
        p.poly([(mid - 28, peak + 30), (mid, peak), (mid + 28, peak + 30)], (250, 250, 250))
    for x in (20, 45, 270, 295):
        p.poly([(x - 12, 175), (x, 135), (x + 12, 175)], (30, 90, 50))


def cat(p: Pen) -> None:
    p.rect(0, 170, W, H, (160, 130, 100))
    p.rect(40, 175, 280, 230, (190, 30, 40))  # red rug
    p.oval(110, 120, 190, 200, (20, 20, 20))  # body
    p.oval(120, 75, 180, 130, (20, 20, 20))  # head
    p.poly([(123, 90), (128, 60), (145, 80)], (20, 20, 20))
    p.poly([(177, 90), (172, 60), (155, 80)], (20, 20, 20))
    for x in (138, 162):
        p.oval(x - 5, 95, x + 5, 104, (240, 220, 60))
    p.line(185, 185, 215, 150, (20, 20, 20), 6)  # tail
    p.poly([(225, 150), (265, 150), (258, 195), (232, 195)], (180, 90, 50))  # flower pot
    p.line(245, 150, 245, 115, (40, 130, 40), 3)
    p.oval(233, 100, 257, 124, (240, 90, 160))


SCENES: dict[str, Callable[[Pen], None]] = {
    "car": car, "sailboat": sailboat, "apples": apples,
    "park": park, "mountains": mountains, "cat": cat,
}  # fmt: skip
BACKGROUNDS: dict[str, Color] = {"apples": (235, 225, 205), "cat": (225, 215, 190)}


def image_key(name: str) -> str:
    """A 16-hex-digit key, the shape of XM3600's ``image/key``."""
    return hashlib.sha256(f"mella-eval-xm3600-mini:{name}".encode()).hexdigest()[:16]


def tokenized(caption: str) -> str:
    """Words and punctuation marks separated by spaces (the release's tokenized field;
    its own tokenizer is not published, so this one only mimics the shape)."""
    return " ".join(_TOKEN.findall(caption))


def main() -> int:
    source = yaml.safe_load((HERE / "_captions.yaml").read_text(encoding="utf-8"))
    lines = []
    for index, image in enumerate(source["images"]):
        name, key = image["name"], image_key(image["name"])
        pen = Pen(BACKGROUNDS.get(name, SKY))
        SCENES[name](pen)
        pen.image().save(HERE / "images" / f"{key}.jpg", quality=85, optimize=True)
        record: dict[str, object] = {"image/key": key, "image/locale": image["locale"]}
        for lang in sorted(source["captions"]):
            caps = source["captions"][lang][index]
            record[lang] = {
                "caption": caps,
                "caption/tokenized": [tokenized(c) for c in caps],
                "caption/tokenized/lowercase": [tokenized(c).lower() for c in caps],
            }
        lines.append(json.dumps(record, ensure_ascii=False))
    (HERE / "captions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} images and captions.jsonl under {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
