"""Build the bundled xFlickr&CO-shaped mini data: four drawn JPEGs and the annotations.

The pictures are plain Pillow shapes (no fonts, photos or third-party material), drawn at
twice the size and downsampled; the captions come from ``_captions.yaml`` (written for this
project). The output has the layout of the IGLUE release of xFlickr&CO
(github.com/e-bug/iglue, ``datasets/xFlickrCO/annotations/{lang}/test.jsonl``): one JSON
object a line, ``{"sentences": [...], "id": ..., "img_path": ...}``; the release ships no
images, so ours lie in ``images/`` (the tasks' ``image_root``).

    /work/main/.venv/bin/python tasks/xflickrco/mini/make_mini.py
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
W, H, SS = 320, 240, 2
Color = tuple[int, int, int]


class Pen:
    """Draws in 320x240 logical coordinates on a supersampled canvas."""

    def __init__(self, background: Color) -> None:
        self.img = Image.new("RGB", (W * SS, H * SS), background)
        self.d = ImageDraw.Draw(self.img)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: Color) -> None:
        self.d.rectangle([x0 * SS, y0 * SS, x1 * SS, y1 * SS], fill=fill)

    def oval(self, x0: float, y0: float, x1: float, y1: float, fill: Color) -> None:
        self.d.ellipse([x0 * SS, y0 * SS, x1 * SS, y1 * SS], fill=fill)

    def poly(self, points: list[tuple[float, float]], fill: Color) -> None:
        self.d.polygon([(x * SS, y * SS) for x, y in points], fill=fill)

    def line(self, x0: float, y0: float, x1: float, y1: float, fill: Color, w: int) -> None:
        self.d.line([x0 * SS, y0 * SS, x1 * SS, y1 * SS], fill=fill, width=w * SS)

    def image(self) -> Image.Image:
        return self.img.resize((W, H), Image.Resampling.LANCZOS)


def dog(p: Pen) -> None:
    p.rect(0, 150, W, H, (90, 170, 80))  # grass
    for x in range(0, W, 24):  # white fence
        p.rect(x + 4, 80, x + 16, 152, (250, 250, 250))
    p.rect(0, 95, W, 103, (250, 250, 250))
    p.rect(0, 125, W, 133, (250, 250, 250))
    p.oval(110, 160, 210, 200, (140, 85, 40))  # body
    p.oval(195, 140, 235, 175, (140, 85, 40))  # head
    for x0, x1 in ((120, 140), (180, 200)):  # legs, running
        p.line(x0 + 10, 190, x0, 225, (120, 70, 30), 5)
        p.line(x1 - 10, 190, x1, 225, (120, 70, 30), 5)
    p.line(112, 172, 85, 150, (140, 85, 40), 5)  # tail


def beach(p: Pen) -> None:
    p.rect(0, 0, W, 90, (150, 200, 240))
    p.rect(0, 90, W, 150, (30, 90, 190))  # sea
    p.rect(0, 150, W, H, (230, 210, 150))  # sand
    for x, shirt in ((120, (220, 60, 60)), (190, (60, 120, 220))):
        p.oval(x - 10, 110, x + 10, 130, (230, 190, 150))  # head
        p.rect(x - 10, 130, x + 10, 175, shirt)
        p.line(x - 5, 175, x - 7, 205, (40, 40, 40), 4)
        p.line(x + 5, 175, x + 7, 205, (40, 40, 40), 4)


def bicycle(p: Pen) -> None:
    p.rect(0, 0, W, 200, (150, 150, 155))  # grey brick wall
    for y in range(0, 200, 20):
        p.line(0, y, W, y, (110, 110, 115), 2)
        for x in range((y // 20) % 2 * 20, W, 40):
            p.line(x, y, x, y + 20, (110, 110, 115), 2)
    p.rect(0, 200, W, H, (90, 90, 90))  # pavement
    for cx in (100, 220):
        p.oval(cx - 40, 150, cx + 40, 230, (30, 30, 30))
        p.oval(cx - 34, 156, cx + 34, 224, (150, 150, 155))
    red = (210, 30, 30)
    p.line(100, 190, 150, 140, red, 5)
    p.line(150, 140, 200, 140, red, 5)
    p.line(200, 140, 220, 190, red, 5)
    p.line(100, 190, 160, 190, red, 5)
    p.line(160, 190, 150, 140, red, 5)
    p.line(200, 140, 195, 120, red, 4)


def pizza(p: Pen) -> None:
    p.rect(0, 0, W, H, (150, 100, 60))  # wooden table
    for y in (40, 90, 140, 190):
        p.line(0, y, W, y, (120, 80, 45), 2)
    p.oval(60, 20, 260, 220, (250, 250, 250))  # white plate
    p.oval(85, 45, 235, 195, (230, 180, 90))  # crust
    p.oval(95, 55, 225, 185, (240, 220, 150))  # cheese
    for x, y in ((130, 90), (185, 85), (120, 145), (170, 130), (200, 155)):
        p.oval(x - 14, y - 14, x + 14, y + 14, (200, 30, 30))  # tomatoes


SCENES: dict[str, Callable[[Pen], None]] = {
    "dog": dog,
    "beach": beach,
    "bicycle": bicycle,
    "pizza": pizza,
}
BACKGROUND: Color = (150, 200, 240)


def image_name(image_id: str | int) -> str:
    """Flickr30K images are ``<id>.jpg``, COCO val2014 ones ``COCO_val2014_<12 digits>.jpg``."""
    return f"COCO_val2014_{image_id:012d}.jpg" if isinstance(image_id, int) else f"{image_id}.jpg"


def main() -> None:
    source = yaml.safe_load((HERE / "_captions.yaml").read_text(encoding="utf-8"))
    images = source["images"]
    (HERE / "images").mkdir(exist_ok=True)
    for entry in images:
        pen = Pen(BACKGROUND)
        SCENES[entry["name"]](pen)
        pen.image().save(HERE / "images" / image_name(entry["id"]), quality=90)
    for lang, captions in source["captions"].items():
        if len(captions) != len(images):
            raise SystemExit(f"{lang}: {len(captions)} captions for {len(images)} images")
        folder = HERE / "annotations" / lang
        folder.mkdir(parents=True, exist_ok=True)
        lines = [
            json.dumps(
                {"sentences": [text], "id": entry["id"], "img_path": image_name(entry["id"])},
                ensure_ascii=False,
            )
            for entry, text in zip(images, captions, strict=True)
        ]
        (folder / "test.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
