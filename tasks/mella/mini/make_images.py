"""Draw the 80 stylised images of the bundled mella-mini benchmark.

Every picture is built from plain shapes with Pillow (no fonts, no third-party
material), so the output is byte-identical on every run and every machine:

    /work/main/.venv/bin/python tasks/mella/mini/make_images.py

Images are written to ``images/<lang>/<id>.png`` next to this script.
Scenes are drawn at twice the final size, downsampled and reduced to a small
palette so that each PNG stays small.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

W, H = 320, 240
SS = 2  # supersampling factor
COLORS = 96  # palette size of the saved images

Color = tuple[int, int, int]
Point = tuple[float, float]
Box = tuple[float, float, float, float]

HERE = Path(__file__).resolve().parent
SCENES: dict[str, Callable[[Canvas], None]] = {}


def scene(image_id: str) -> Callable[[Callable[[Canvas], None]], Callable[[Canvas], None]]:
    """Register a drawing function under an image id such as ``ar-01``."""

    def wrap(func: Callable[[Canvas], None]) -> Callable[[Canvas], None]:
        SCENES[image_id] = func
        return func

    return wrap


# --------------------------------------------------------------------------- canvas


class Canvas:
    """A 320x240 logical drawing surface backed by a supersampled RGB image."""

    def __init__(self, seed: int) -> None:
        self.img = Image.new("RGB", (W * SS, H * SS), (255, 255, 255))
        self.draw = ImageDraw.Draw(self.img)
        self.rng = random.Random(seed)

    @staticmethod
    def _pts(points: Sequence[Point]) -> list[Point]:
        return [(x * SS, y * SS) for x, y in points]

    @staticmethod
    def _box(box: Box) -> list[float]:
        x0, y0, x1, y1 = box
        return [min(x0, x1) * SS, min(y0, y1) * SS, max(x0, x1) * SS, max(y0, y1) * SS]

    def rect(self, box: Box, fill: Color, outline: Color | None = None, width: int = 1) -> None:
        """Filled rectangle."""
        self.draw.rectangle(self._box(box), fill=fill, outline=outline, width=width * SS)

    def ellipse(self, box: Box, fill: Color | None, outline: Color | None = None,
                width: int = 1) -> None:
        """Filled ellipse inside a bounding box."""
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=width * SS)

    def circle(self, x: float, y: float, r: float, fill: Color | None,
               outline: Color | None = None, width: int = 1) -> None:
        """Filled circle by centre and radius."""
        self.ellipse((x - r, y - r, x + r, y + r), fill, outline, width)

    def poly(self, points: Sequence[Point], fill: Color, outline: Color | None = None) -> None:
        """Filled polygon."""
        self.draw.polygon(self._pts(points), fill=fill, outline=outline)

    def line(self, points: Sequence[Point], fill: Color, width: float = 1) -> None:
        """Polyline with rounded joints."""
        self.draw.line(self._pts(points), fill=fill, width=max(1, round(width * SS)),
                       joint="curve")

    def pie(self, box: Box, start: float, end: float, fill: Color) -> None:
        """Pie slice (angles in degrees, clockwise from 3 o'clock)."""
        self.draw.pieslice(self._box(box), start, end, fill=fill)

    def chord(self, box: Box, start: float, end: float, fill: Color) -> None:
        """Chord (segment of an ellipse)."""
        self.draw.chord(self._box(box), start, end, fill=fill)

    def arc(self, box: Box, start: float, end: float, fill: Color, width: float = 1) -> None:
        """Elliptic arc."""
        self.draw.arc(self._box(box), start, end, fill=fill, width=max(1, round(width * SS)))

    def pattern(self, shape: Sequence[Point], painter: Callable[[Canvas], None]) -> None:
        """Fill a polygon with whatever ``painter`` draws (clipped to the polygon)."""
        layer = Canvas(0)
        painter(layer)
        mask = Image.new("L", self.img.size, 0)
        ImageDraw.Draw(mask).polygon(self._pts(shape), fill=255)
        self.img.paste(layer.img, (0, 0), mask)

    def finish(self) -> Image.Image:
        """Downsample and reduce to a small palette; returns an RGB image."""
        small = self.img.resize((W, H), Image.Resampling.LANCZOS)
        pal = small.quantize(colors=COLORS, method=Image.Quantize.MEDIANCUT,
                             dither=Image.Dither.NONE)
        return pal.convert("RGB")


# --------------------------------------------------------------------------- helpers


def mix(a: Color, b: Color, t: float) -> Color:
    """Linear blend of two colours."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
            round(a[2] + (b[2] - a[2]) * t))


def sky(c: Canvas, top: Color, bottom: Color, y1: float = H, bands: int = 14) -> None:
    """Banded vertical gradient from the top of the frame down to ``y1``."""
    step = y1 / bands
    for i in range(bands):
        c.rect((0, i * step, W, (i + 1) * step + 1), mix(top, bottom, i / (bands - 1)))


def ground(c: Canvas, y: float, col: Color, y1: float = H) -> None:
    """Flat ground from ``y`` to the bottom."""
    c.rect((0, y, W, y1), col)


def water(c: Canvas, y: float, col: Color, ripple: Color, y1: float = H) -> None:
    """Water surface with short horizontal ripples."""
    c.rect((0, y, W, y1), col)
    for _ in range(int((y1 - y) * 0.9)):
        x = c.rng.uniform(0, W)
        yy = c.rng.uniform(y + 3, y1)
        ln = c.rng.uniform(6, 22)
        c.line([(x, yy), (x + ln, yy)], ripple, 1)


def sun(c: Canvas, x: float, y: float, r: float, col: Color, glow: Color | None = None) -> None:
    """Sun or moon with an optional soft halo."""
    if glow is not None:
        for i in range(4, 0, -1):
            c.circle(x, y, r + i * r * 0.35, mix(glow, col, 1 - i / 5))
    c.circle(x, y, r, col)


def cloud(c: Canvas, x: float, y: float, s: float, col: Color = (250, 250, 252)) -> None:
    """Puffy cloud made of overlapping circles."""
    for dx, dy, r in ((0, 0, 10), (12, -6, 12), (26, 0, 10), (13, 3, 10)):
        c.circle(x + dx * s, y + dy * s, r * s, col)


def hills(c: Canvas, base: float, peaks: Sequence[Point], col: Color) -> None:
    """A ridge through ``peaks`` filled down to ``base``."""
    pts = [(0.0, base), *peaks, (float(W), base)]
    c.poly([*pts, (W, H), (0, H)], col)


def star(c: Canvas, x: float, y: float, r: float, col: Color, n: int = 5,
         inner: float = 0.38, rot: float = -90) -> None:
    """Regular star polygon."""
    pts = []
    for i in range(2 * n):
        rad = r if i % 2 == 0 else r * inner
        a = math.radians(rot + i * 180 / n)
        pts.append((x + rad * math.cos(a), y + rad * math.sin(a)))
    c.poly(pts, col)


def rotated(points: Sequence[Point], cx: float, cy: float, deg: float) -> list[Point]:
    """Rotate points about a centre."""
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca)
            for x, y in points]


def onion(cx: float, base: float, w: float, h: float) -> list[Point]:
    """Outline of an onion dome with its widest point low down."""
    right, left = [], []
    n = 24
    for i in range(n + 1):
        u = i / n
        r = (0.8 + 2.2 * u) * (1 - u) ** 1.5 / 0.9 * w / 2
        y = base - u * h
        right.append((cx + r, y))
        left.append((cx - r, y))
    return right + left[::-1]


def dome(cx: float, base: float, w: float, h: float) -> list[Point]:
    """Outline of a round (half-ellipse) dome."""
    return [(cx + w / 2 * math.cos(math.radians(a)), base - h * math.sin(math.radians(a)))
            for a in range(0, 181, 10)]


def stripes(cols: Sequence[Color], width: float, slant: float = 0.0) -> Callable[[Canvas], None]:
    """Painter for diagonal stripes in repeating colours."""

    def paint(layer: Canvas) -> None:
        x = -H * 2.0
        i = 0
        while x < W + H:
            layer.poly([(x, 0), (x + width, 0), (x + width + slant * H, H), (x + slant * H, H)],
                       cols[i % len(cols)])
            x += width
            i += 1

    return paint


def table(c: Canvas, wall: Color, top: Color, y: float = 105) -> None:
    """Wall and table top for still lifes."""
    sky(c, mix(wall, (255, 255, 255), 0.2), wall, y, 6)
    c.rect((0, y, W, H), top)
    for i in range(5):
        yy = y + 12 + i * 26
        c.line([(0, yy), (W, yy + 4)], mix(top, (0, 0, 0), 0.12), 1)


def plate(c: Canvas, cx: float, cy: float, w: float, h: float,
          col: Color = (246, 246, 240), rim: Color = (214, 218, 222)) -> None:
    """Round plate seen at an angle, with its shadow."""
    c.ellipse((cx - w / 2 + 4, cy - h / 2 + 6, cx + w / 2 + 4, cy + h / 2 + 6),
              mix(rim, (40, 30, 20), 0.6))
    c.ellipse((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), rim)
    c.ellipse((cx - w / 2 + 8, cy - h / 2 + 5, cx + w / 2 - 8, cy + h / 2 - 5), col)


def bowl(c: Canvas, cx: float, top: float, w: float, h: float, col: Color, inner: Color) -> None:
    """Bowl seen from the side and a little above; ``inner`` is the food surface."""
    c.ellipse((cx - w * 0.3, top + h - 5, cx + w * 0.36, top + h + 7), mix(col, (60, 45, 35), 0.6))
    c.rect((cx - w * 0.18, top + h - 4, cx + w * 0.18, top + h + 3), mix(col, (0, 0, 0), 0.15))
    c.chord((cx - w / 2, top - h * 0.9, cx + w / 2, top + h), 0, 180, col)
    c.ellipse((cx - w / 2, top - h * 0.22, cx + w / 2, top + h * 0.22), mix(col, (0, 0, 0), 0.1))
    c.ellipse((cx - w / 2 + 5, top - h * 0.2 + 2, cx + w / 2 - 5, top + h * 0.2 - 1), inner)


def dots(c: Canvas, box: Box, n: int, r: float, cols: Sequence[Color]) -> None:
    """Scatter ``n`` small circles inside an elliptic area."""
    x0, y0, x1, y1 = box
    cx, cy, rx, ry = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
    for i in range(n):
        a = c.rng.uniform(0, 2 * math.pi)
        d = math.sqrt(c.rng.uniform(0, 1))
        c.circle(cx + rx * d * math.cos(a), cy + ry * d * math.sin(a), r, cols[i % len(cols)])


def flag_scene(c: Canvas, painter: Callable[[Canvas, Box], None], skytop: Color = (90, 150, 220),
               skybot: Color = (190, 220, 245)) -> None:
    """A flag on a pole against the sky with a slight wave."""
    sky(c, skytop, skybot)
    cloud(c, 230, 200, 1.4)
    cloud(c, 20, 40, 0.9)
    c.rect((34, 20, 40, H), (150, 150, 155))
    c.circle(37, 20, 5, (220, 190, 60))
    box = (40.0, 34.0, 292.0, 202.0)
    painter(c, box)
    # shading folds
    for i, x in enumerate((90, 160, 230)):
        shade = (0, 0, 0) if i % 2 == 0 else (255, 255, 255)
        layer = c.img.crop((int(x * SS), int(34 * SS), int((x + 18) * SS), int(202 * SS)))
        c.img.paste(Image.blend(layer, Image.new("RGB", layer.size, shade), 0.08),
                    (int(x * SS), int(34 * SS)))


def hstripes(c: Canvas, box: Box, cols: Sequence[Color], weights: Sequence[float] | None = None
             ) -> None:
    """Horizontal bands inside a box."""
    x0, y0, x1, y1 = box
    weights = weights or [1.0] * len(cols)
    total = sum(weights)
    y = y0
    for col, wgt in zip(cols, weights, strict=True):
        h = (y1 - y0) * wgt / total
        c.rect((x0, y, x1, y + h + 0.5), col)
        y += h


def person(c: Canvas, x: float, y: float, s: float, body: Color, skin: Color = (226, 180, 140),
           hair: Color = (40, 30, 25)) -> None:
    """Simple standing figure; (x, y) is the feet position."""
    c.rect((x - 6 * s, y - 26 * s, x - 2 * s, y), (60, 60, 80))
    c.rect((x + 2 * s, y - 26 * s, x + 6 * s, y), (60, 60, 80))
    c.poly([(x - 10 * s, y - 24 * s), (x + 10 * s, y - 24 * s), (x + 8 * s, y - 52 * s),
            (x - 8 * s, y - 52 * s)], body)
    c.circle(x, y - 60 * s, 8 * s, skin)
    c.chord((x - 8 * s, y - 69 * s, x + 8 * s, y - 55 * s), 180, 360, hair)


# --------------------------------------------------------------------------- Arabic


def minaret(c: Canvas, x: float, base: float, top: float, w: float, col: Color,
            cap: Color) -> None:
    """Slender minaret with balconies and a pointed cap."""
    c.rect((x - w / 2, top, x + w / 2, base), col)
    for f in (0.3, 0.6):
        y = top + (base - top) * f
        c.rect((x - w / 2 - 2, y, x + w / 2 + 2, y + 3), mix(col, (0, 0, 0), 0.15))
    c.poly(onion(x, top, w + 2, w * 1.6), cap)
    c.line([(x, top - w * 1.6), (x, top - w * 1.6 - 6)], cap, 1)


@scene("ar-01")
def grand_mosque(c: Canvas) -> None:
    """Sheikh Zayed Grand Mosque: white domes, four minarets, reflecting pool."""
    sky(c, (70, 140, 215), (200, 225, 245), 190)
    ground(c, 185, (232, 226, 210))
    water(c, 200, (70, 130, 170), (120, 175, 205))
    white, shade, gold = (248, 248, 246), (214, 218, 224), (214, 178, 70)
    c.rect((55, 140, 265, 188), white)
    for i in range(9):
        x = 66 + i * 22
        c.poly([(x, 186), (x, 165), (x + 6, 156), (x + 12, 165), (x + 12, 186)], (120, 140, 150))
    for cx, w, h, base in ((95, 38, 30, 142), (225, 38, 30, 142), (160, 76, 62, 140)):
        c.rect((cx - w / 2 + 2, base - 10, cx + w / 2 - 2, base + 2), shade)
        c.poly(onion(cx, base - 10, w, h), white)
        c.poly(onion(cx + w * 0.18, base - 12, w * 0.25, h * 0.8), shade)
        c.line([(cx, base - 10 - h), (cx, base - 18 - h)], gold, 2)
        c.circle(cx, base - 20 - h, 3, gold)
    for x, top in ((40, 40), (280, 40), (70, 80), (250, 80)):
        minaret(c, x, 188, top, 10, white, gold)


@scene("ar-02")
def uae_flag(c: Canvas) -> None:
    """Flag of the United Arab Emirates."""

    def paint(cv: Canvas, box: Box) -> None:
        x0, y0, x1, y1 = box
        hstripes(cv, (x0, y0, x1, y1), [(0, 132, 61), (255, 255, 255), (20, 20, 20)])
        cv.rect((x0, y0, x0 + (x1 - x0) / 4, y1), (206, 17, 38))

    flag_scene(c, paint, (40, 110, 200), (160, 205, 240))


@scene("ar-03")
def pyramids(c: Canvas) -> None:
    """Pyramids of Giza and the Sphinx at golden hour."""
    sky(c, (245, 170, 90), (252, 228, 160), 170)
    sun(c, 255, 60, 16, (255, 245, 200), (250, 200, 120))
    ground(c, 165, (222, 184, 120))
    c.poly([(0, 175), (90, 165), (200, 178), (320, 168), (320, 240), (0, 240)], (210, 168, 105))
    for cx, base, w, h in ((120, 170, 170, 115), (225, 172, 130, 90), (290, 174, 60, 42)):
        c.poly([(cx - w / 2, base), (cx, base - h), (cx + w * 0.12, base)], (236, 196, 128))
        c.poly([(cx + w * 0.12, base), (cx, base - h), (cx + w / 2, base)], (180, 135, 80))
    # Sphinx
    sph, dark = (176, 128, 72), (140, 98, 55)
    c.ellipse((90, 186, 132, 214), dark)
    c.rect((44, 190, 116, 214), sph)
    c.rect((10, 206, 56, 214), sph)
    c.line([(12, 210), (54, 210)], dark, 1)
    c.poly([(36, 196), (40, 166), (64, 166), (68, 196)], (205, 170, 100))
    for y in range(170, 196, 5):
        c.line([(38, y), (66, y)], dark, 1)
    c.rect((44, 164, 60, 188), sph)
    c.poly([(40, 168), (52, 156), (64, 168)], (205, 170, 100))
    c.rect((46, 172, 50, 175), (80, 55, 35))
    c.rect((54, 172, 58, 175), (80, 55, 35))
    for x in (20, 300):
        c.rect((x - 2, 150, x + 2, 185), (120, 90, 50))
        for a in (200, 240, 300, 340):
            r = math.radians(a)
            c.line([(x, 150), (x + 16 * math.cos(r), 150 + 10 * math.sin(r) + 6)],
                   (60, 120, 50), 3)


@scene("ar-04")
def hummus(c: Canvas) -> None:
    """Plate of hummus with olive oil, chickpeas and pita."""
    table(c, (226, 210, 180), (150, 100, 60), 70)
    plate(c, 150, 150, 210, 120, (240, 238, 230), (70, 110, 150))
    c.ellipse((70, 105, 230, 195), (226, 196, 140))
    for r in (60, 42, 24):
        c.arc((150 - r, 150 - r * 0.55, 150 + r, 150 + r * 0.55), 20, 320, (196, 160, 100), 2)
    c.ellipse((125, 138, 175, 162), (200, 170, 40))
    dots(c, (128, 140, 172, 160), 9, 4, [(230, 200, 120)])
    dots(c, (80, 110, 220, 190), 20, 1.6, [(190, 40, 30), (70, 130, 40)])
    for i, (x, y) in enumerate(((250, 95), (275, 125), (255, 160))):
        c.poly(rotated([(x - 28, y), (x + 28, y), (x, y + 30)], x, y, i * 25 - 10),
               (222, 186, 120), (190, 150, 90))
    c.ellipse((20, 80, 70, 110), (110, 120, 60))
    dots(c, (28, 84, 62, 104), 7, 4, [(60, 70, 30), (90, 100, 40)])


@scene("ar-05")
def dallah(c: Canvas) -> None:
    """Arabic coffee pot (dallah), finjan cups and dates."""
    table(c, (190, 150, 110), (150, 40, 40), 130)
    for x in range(0, W, 24):
        c.poly([(x, 150), (x + 12, 142), (x + 24, 150), (x + 12, 158)], (220, 180, 70))
    brass, dark = (210, 160, 60), (150, 105, 35)
    c.ellipse((95, 195, 185, 212), (90, 30, 30))
    c.poly([(105, 205), (112, 150), (168, 150), (175, 205)], brass)
    c.poly([(140, 205), (140, 150), (168, 150), (175, 205)], dark)
    c.poly([(118, 150), (124, 110), (156, 110), (162, 150)], brass)
    c.poly([(120, 112), (140, 80), (160, 112)], dark)
    c.line([(140, 80), (140, 66)], dark, 3)
    c.circle(140, 64, 4, brass)
    c.poly([(112, 150), (80, 110), (60, 82), (70, 80), (96, 112), (118, 140)], brass)
    c.arc((150, 110, 200, 180), 270, 90, dark, 5)
    for x in (215, 250):
        c.poly([(x, 190), (x + 24, 190), (x + 20, 210), (x + 4, 210)], (245, 245, 240))
        c.ellipse((x, 186, x + 24, 194), (120, 80, 30))
    c.ellipse((30, 185, 95, 215), (230, 230, 225))
    dots(c, (40, 190, 85, 208), 8, 6, [(100, 50, 25), (120, 65, 30)])


@scene("ar-06")
def fanous(c: Canvas) -> None:
    """Ramadan lantern (fanous) under a crescent moon."""
    sky(c, (10, 20, 60), (40, 50, 110))
    rng = random.Random(6)
    for _ in range(40):
        c.circle(rng.uniform(0, W), rng.uniform(0, H), rng.uniform(0.6, 1.4), (255, 250, 220))
    c.circle(255, 55, 26, (250, 230, 150))
    c.circle(266, 48, 24, mix((10, 20, 60), (40, 50, 110), 0.2))
    c.line([(130, 0), (130, 38)], (180, 150, 80), 2)
    sun(c, 130, 130, 34, (255, 210, 110), (60, 60, 110))
    frame = (190, 140, 50)
    c.poly([(112, 50), (130, 38), (148, 50)], frame)
    c.rect((105, 50, 155, 60), frame)
    c.poly([(100, 60), (160, 60), (168, 150), (92, 150)], frame)
    panes = [(200, 40, 40), (40, 150, 80), (250, 200, 60), (40, 100, 190)]
    for i in range(4):
        x0 = 104 + i * 15
        c.poly([(x0, 64), (x0 + 12, 64), (x0 + 13 + (i - 1.5) * 1, 146), (x0 - 1 + (i - 1.5), 146)],
               panes[i])
    c.poly([(92, 150), (168, 150), (150, 172), (110, 172)], frame)
    c.poly([(118, 172), (142, 172), (130, 186)], frame)
    for y in (90, 120):
        c.line([(98, y), (164, y)], frame, 2)


@scene("ar-07")
def petra(c: Canvas) -> None:
    """Al-Khazneh (the Treasury) carved into the rose-red rock of Petra."""
    rock, dark, light = (196, 112, 90), (150, 80, 66), (222, 150, 120)
    c.rect((0, 0, W, H), rock)
    for i in range(12):
        y = 8 + i * 19
        c.line([(0, y), (80, y + 6), (160, y - 4), (240, y + 5), (320, y)], dark, 2)
    c.poly([(0, 0), (70, 0), (40, 240), (0, 240)], dark)
    c.poly([(320, 0), (255, 0), (285, 240), (320, 240)], dark)
    ground(c, 215, (214, 170, 130))
    c.rect((80, 20, 240, 212), light)
    c.rect((85, 128, 235, 134), dark)
    for i in range(6):
        x = 92 + i * 27
        c.rect((x, 136, x + 8, 212), (236, 170, 140))
    c.poly([(120, 130), (160, 108), (200, 130)], (236, 170, 140))
    c.rect((145, 160, 175, 212), (70, 40, 35))
    c.rect((138, 40, 182, 100), (236, 170, 140))
    c.poly([(138, 40), (160, 22), (182, 40)], (236, 170, 140))
    for x in (88, 196):
        c.rect((x, 52, x + 36, 100), (236, 170, 140))
        c.poly([(x, 52), (x + 36, 40), (x + 36, 52)] if x == 88 else
               [(x, 40), (x + 36, 52), (x, 52)], (236, 170, 140))
    for x in (142, 156, 170):
        c.rect((x, 44, x + 6, 100), light)


@scene("ar-08")
def burj_khalifa(c: Canvas) -> None:
    """Burj Khalifa rising above the Dubai skyline at dusk."""
    sky(c, (40, 60, 120), (240, 160, 110), 200)
    for i, (x, h) in enumerate(((10, 60), (40, 90), (72, 70), (205, 95), (235, 60), (262, 110),
                                (292, 80))):
        c.rect((x, 200 - h, x + 26, 205), (60 + i * 4, 70, 100))
        for y in range(int(205 - h) + 6, 200, 10):
            c.line([(x + 4, y), (x + 22, y)], (240, 200, 120), 1)
    water(c, 205, (40, 70, 110), (90, 120, 160))
    glass = (170, 190, 215)
    segs = [(60, 205, 120), (48, 170, 95), (36, 130, 70), (26, 95, 45), (16, 62, 25),
            (8, 35, 12)]
    for w, base, top in segs:
        c.rect((160 - w / 2, top, 160 + w / 2, base), glass)
        c.rect((160, top, 160 + w / 2, base), (120, 140, 175))
    c.line([(160, 12), (160, 0)], glass, 2)


@scene("ar-09")
def kunafa(c: Canvas) -> None:
    """Round tray of kunafa with pistachios and a glass of tea."""
    table(c, (120, 60, 50), (90, 60, 45), 80)
    c.ellipse((40, 95, 260, 215), (150, 90, 40))
    c.ellipse((50, 100, 250, 205), (235, 130, 40))
    rng = random.Random(9)
    for _ in range(160):
        x, y = rng.uniform(65, 235), rng.uniform(108, 198)
        if ((x - 150) / 95) ** 2 + ((y - 152) / 48) ** 2 < 1:
            c.line([(x, y), (x + rng.uniform(-6, 6), y + rng.uniform(-3, 3))], (200, 95, 25), 1)
    dots(c, (120, 135, 180, 170), 24, 2.2, [(110, 170, 70), (80, 140, 50)])
    c.pie((50, 100, 250, 205), 10, 50, (250, 245, 230))
    c.pie((56, 104, 244, 201), 10, 50, (240, 240, 225))
    c.poly([(270, 150), (300, 150), (296, 205), (274, 205)], (190, 60, 30))
    c.rect((270, 145, 300, 152), (230, 230, 230))


@scene("ar-10")
def kuwait_towers(c: Canvas) -> None:
    """Kuwait Towers: three spires with spheres dotted in blue and green."""
    sky(c, (60, 140, 210), (190, 225, 245), 190)
    water(c, 185, (30, 110, 160), (90, 160, 200))
    c.rect((0, 182, W, 190), (220, 210, 190))

    def sphere(x: float, y: float, r: float) -> None:
        shape = [(x + r * math.cos(a / 10), y + r * math.sin(a / 10)) for a in range(63)]

        def paint(layer: Canvas) -> None:
            layer.rect((0, 0, W, H), (230, 235, 235))
            for i in range(-12, 13):
                for j in range(-12, 13):
                    col = (30, 90, 160) if (i + j) % 3 else (30, 140, 110)
                    layer.circle(x + i * 5 + (j % 2) * 2.5, y + j * 4.5, 1.8, col)

        c.pattern(shape, paint)

    c.poly([(120, 185), (126, 40), (130, 185)], (225, 230, 235))
    c.line([(126, 40), (126, 10)], (200, 205, 210), 2)
    sphere(126, 120, 30)
    sphere(126, 72, 18)
    c.poly([(185, 185), (190, 70), (195, 185)], (225, 230, 235))
    sphere(190, 140, 22)
    c.poly([(235, 185), (239, 100), (243, 185)], (225, 230, 235))


# --------------------------------------------------------------------------- Czech


def red_roofs(c: Canvas, y: float, n: int, seed: int) -> None:
    """A row of small houses with red-tiled roofs."""
    rng = random.Random(seed)
    x = -10.0
    for _ in range(n):
        w = rng.uniform(18, 30)
        h = rng.uniform(12, 22)
        wall = rng.choice([(240, 228, 200), (236, 210, 170), (230, 230, 220), (245, 215, 190)])
        c.rect((x, y - h, x + w, y + 30), wall)
        c.poly([(x - 2, y - h), (x + w / 2, y - h - 12), (x + w + 2, y - h)], (190, 70, 45))
        c.rect((x + 4, y - h + 5, x + 8, y - h + 10), (90, 80, 70))
        x += w - 2


def gothic_spire(c: Canvas, x: float, base: float, top: float, w: float, col: Color,
                 roof: Color) -> None:
    """Square gothic tower with a tall pointed roof."""
    c.rect((x - w / 2, top, x + w / 2, base), col)
    c.poly([(x - w / 2 - 2, top), (x, top - w * 2.2), (x + w / 2 + 2, top)], roof)
    c.rect((x - 3, top + 12, x + 3, top + 24), (50, 50, 55))


@scene("cs-01")
def prague_castle(c: Canvas) -> None:
    """Prague Castle and St Vitus Cathedral above the Vltava."""
    sky(c, (100, 160, 220), (215, 230, 245), 150)
    cloud(c, 30, 40, 1.0)
    hills(c, 140, [(60, 120), (200, 112), (320, 122)], (90, 130, 70))
    c.rect((20, 92, 300, 128), (238, 232, 214))
    for i in range(26):
        c.rect((26 + i * 10.5, 100, 30 + i * 10.5, 106), (110, 110, 110))
        c.rect((26 + i * 10.5, 112, 30 + i * 10.5, 118), (110, 110, 110))
    c.poly([(16, 92), (304, 92), (296, 82), (24, 82)], (190, 75, 50))
    stone, copper = (120, 115, 110), (100, 170, 140)
    c.rect((170, 50, 262, 92), stone)
    c.poly([(170, 50), (216, 30), (262, 50)], (80, 80, 85))
    c.circle(216, 64, 8, (70, 60, 90))
    for x in (196, 236):
        gothic_spire(c, x, 90, 40, 12, stone, (70, 70, 75))
    c.rect((140, 38, 166, 92), stone)
    c.poly(onion(153, 38, 26, 30), copper)
    c.line([(153, 8), (153, 2)], (220, 190, 80), 2)
    red_roofs(c, 158, 16, 11)
    water(c, 188, (60, 110, 140), (120, 160, 185))


@scene("cs-02")
def charles_bridge(c: Canvas) -> None:
    """Charles Bridge with the Old Town Bridge Tower at sunset."""
    sky(c, (90, 80, 140), (250, 180, 120), 170)
    sun(c, 250, 120, 14, (255, 220, 150), (250, 190, 130))
    hills(c, 150, [(0, 120), (120, 110), (200, 125), (320, 105)], (110, 90, 110))
    water(c, 165, (70, 70, 110), (180, 140, 130))
    stone = (120, 100, 90)
    c.rect((0, 140, W, 165), stone)
    for i in range(5):
        x = 70 + i * 55
        c.chord((x - 22, 152, x + 22, 196), 180, 360, (70, 70, 110))
    for x in range(80, W, 30):
        c.rect((x, 122, x + 5, 140), (50, 40, 45))
        c.circle(x + 2.5, 119, 4, (50, 40, 45))
    c.rect((10, 40, 62, 165), (95, 80, 75))
    c.poly([(6, 40), (36, 4), (66, 40)], (60, 55, 60))
    for x in (8, 64):
        c.poly([(x - 4, 44), (x, 22), (x + 4, 44)], (60, 55, 60))
    c.chord((22, 110, 50, 170), 180, 360, (40, 30, 30))
    c.rect((22, 140, 50, 165), (40, 30, 30))


@scene("cs-03")
def czech_flag(c: Canvas) -> None:
    """Flag of the Czech Republic."""

    def paint(cv: Canvas, box: Box) -> None:
        x0, y0, x1, y1 = box
        hstripes(cv, box, [(255, 255, 255), (215, 20, 26)])
        cv.poly([(x0, y0), (x0 + (x1 - x0) / 2, (y0 + y1) / 2), (x0, y1)], (17, 69, 126))

    flag_scene(c, paint)


@scene("cs-04")
def svickova(c: Canvas) -> None:
    """Svíčková na smetaně with bread dumplings, cranberries and cream."""
    table(c, (210, 220, 230), (235, 235, 235), 60)
    for i in range(0, W, 20):
        c.line([(i, 60), (i - 40, H)], (200, 60, 60), 2)
    plate(c, 160, 150, 250, 150)
    for i in range(4):
        x = 60 + i * 26
        c.ellipse((x, 118 + i * 6, x + 34, 180 + i * 4), (250, 246, 225), (220, 210, 180))
        dots(c, (x + 5, 125 + i * 6, x + 29, 172 + i * 4), 8, 1.2, [(225, 215, 185)])
    c.poly([(160, 110), (230, 108), (250, 140), (236, 190), (170, 196), (150, 160)],
           (215, 150, 80))
    for y in (130, 150, 170):
        c.ellipse((170, y - 8, 230, y + 8), (150, 90, 60))
    c.poly([(165, 120), (240, 118), (246, 150), (200, 170), (160, 150)], (225, 165, 95))
    c.circle(205, 128, 12, (250, 240, 120))
    c.circle(205, 128, 9, (255, 252, 210))
    c.ellipse((188, 108, 222, 124), (255, 255, 250))
    dots(c, (196, 110, 214, 122), 7, 2.5, [(190, 20, 40)])


@scene("cs-05")
def orloj(c: Canvas) -> None:
    """Prague astronomical clock (orloj) on the Old Town Hall tower."""
    c.rect((0, 0, W, H), (150, 140, 125))
    for y in range(0, H, 14):
        c.line([(0, y), (W, y)], (135, 125, 112), 1)
    c.rect((60, 0, 260, H), (120, 112, 100))
    c.poly([(75, 10), (160, 0), (245, 10), (245, 130), (75, 130)], (70, 60, 55))
    c.circle(160, 70, 56, (200, 160, 60))
    c.chord((110, 20, 210, 120), 180, 360, (60, 120, 190))
    c.chord((110, 20, 210, 120), 0, 180, (40, 40, 60))
    c.chord((118, 64, 202, 100), 0, 180, (190, 110, 60))
    c.circle(166, 60, 30, None, (230, 200, 90), 3)
    c.circle(160, 70, 10, (230, 200, 90))
    for a in range(0, 360, 15):
        r = math.radians(a)
        c.line([(160 + 50 * math.cos(r), 70 + 50 * math.sin(r)),
                (160 + 55 * math.cos(r), 70 + 55 * math.sin(r))], (60, 40, 20), 1)
    c.line([(160, 70), (195, 40)], (240, 210, 90), 3)
    star(c, 196, 38, 7, (240, 210, 90))
    c.circle(160, 190, 40, (215, 190, 120))
    for a in range(0, 360, 30):
        c.pie((120, 150, 200, 230), a, a + 15, (200, 80, 60))
    c.circle(160, 190, 18, (60, 110, 170))
    c.circle(160, 190, 8, (220, 190, 80))
    for x in (85, 235):
        c.rect((x - 7, 40, x + 7, 100), (90, 75, 65))
        c.circle(x, 34, 7, (90, 75, 65))


@scene("cs-06")
def pilsner(c: Canvas) -> None:
    """Glass of golden Czech lager with a thick foam head."""
    table(c, (90, 60, 40), (130, 85, 50), 150)
    c.rect((0, 0, W, 40), (70, 45, 30))
    for x in (30, 60, 250, 280):
        c.ellipse((x, 60, x + 20, 88), (150, 190, 90))
        c.line([(x + 4, 66), (x + 16, 66)], (110, 150, 60), 1)
        c.line([(x + 3, 76), (x + 17, 76)], (110, 150, 60), 1)
    c.ellipse((100, 195, 220, 222), (220, 220, 210))
    c.ellipse((108, 198, 212, 219), (200, 40, 40))
    c.poly([(118, 60), (202, 60), (194, 205), (126, 205)], (225, 160, 30))
    c.poly([(175, 60), (202, 60), (194, 205), (180, 205)], (240, 190, 70))
    rng = random.Random(16)
    for _ in range(30):
        c.circle(rng.uniform(130, 188), rng.uniform(80, 200), rng.uniform(0.6, 1.5),
                 (250, 220, 130))
    c.ellipse((112, 40, 208, 80), (252, 250, 240))
    c.rect((114, 55, 206, 72), (252, 250, 240))
    c.arc((190, 95, 240, 175), 270, 90, (225, 225, 215), 7)


def egg(c: Canvas, x: float, y: float, s: float, base: Color, deco: Color, tilt: float) -> None:
    """Decorated Easter egg (kraslice)."""
    shape = rotated([(x + 14 * s * math.sin(a / 10) * (1 - 0.15 * math.cos(a / 10)),
                      y - 20 * s * math.cos(a / 10)) for a in range(63)], x, y, tilt)

    def paint(layer: Canvas) -> None:
        layer.rect((0, 0, W, H), base)
        for k in (-8, 0, 8):
            yy = y + k * s
            pts = [(x - 16 * s + i * 4 * s, yy + (3 * s if i % 2 else -3 * s)) for i in range(9)]
            layer.line(pts, deco, 1.5)
        layer.circle(x, y - 13 * s, 2.5 * s, deco)
        layer.circle(x, y + 13 * s, 2.5 * s, deco)

    c.pattern(shape, paint)


@scene("cs-07")
def kraslice(c: Canvas) -> None:
    """Painted Easter eggs in a basket with a braided pomlázka."""
    table(c, (235, 240, 200), (200, 170, 120), 120)
    c.ellipse((60, 170, 260, 225), (120, 80, 40))
    c.chord((60, 110, 260, 225), 0, 180, (150, 100, 50))
    for y in range(180, 225, 8):
        c.line([(70, y), (250, y)], (120, 80, 40), 1)
    eggs = [(95, 150, (200, 30, 40), (250, 230, 120)), (130, 142, (250, 200, 40), (180, 40, 40)),
            (165, 146, (40, 90, 180), (255, 255, 255)), (200, 142, (40, 140, 70), (250, 220, 80)),
            (232, 152, (200, 30, 40), (255, 255, 255)), (150, 170, (240, 120, 30), (90, 40, 20))]
    for i, (x, y, b, d) in enumerate(eggs):
        egg(c, x, y, 1.0, b, d, (i - 2.5) * 8)
    for k in range(3):
        pts = [(20 + t * 9, 95 - t * 5.5 + math.sin(t + k * 2) * 2) for t in range(33)]
        c.line(pts, (170, 130, 70), 3)
    for col, dy in (((220, 30, 40), 0), ((250, 210, 40), 8), ((40, 120, 200), 16)):
        c.line([(20, 95), (10, 120 + dy), (18, 140 + dy)], col, 2)


@scene("cs-08")
def karlstejn(c: Canvas) -> None:
    """Karlštejn Castle on a wooded hill."""
    sky(c, (110, 170, 225), (220, 235, 245), 160)
    cloud(c, 230, 30, 1.1)
    hills(c, 200, [(0, 150), (90, 130), (160, 90), (230, 130), (320, 140)], (60, 110, 55))
    hills(c, 220, [(0, 190), (120, 170), (320, 185)], (80, 135, 65))
    rng = random.Random(18)
    for _ in range(40):
        x, y = rng.uniform(0, W), rng.uniform(150, 235)
        c.circle(x, y, rng.uniform(5, 9), rng.choice([(50, 100, 45), (70, 125, 55)]))
    wall, roof = (225, 215, 195), (70, 70, 75)
    c.rect((70, 110, 250, 140), wall)
    c.rect((80, 80, 130, 115), wall)
    c.poly([(76, 80), (105, 60), (134, 80)], (190, 70, 45))
    c.rect((150, 70, 175, 110), wall)
    c.poly([(146, 70), (162, 48), (179, 70)], (190, 70, 45))
    c.rect((190, 34, 236, 115), wall)
    c.poly([(186, 34), (213, 8), (240, 34)], roof)
    for x in range(196, 232, 10):
        c.rect((x, 50, x + 4, 58), (80, 70, 60))
    for x in range(75, 250, 12):
        c.rect((x, 122, x + 4, 130), (90, 80, 70))


@scene("cs-09")
def cesky_krumlov(c: Canvas) -> None:
    """Český Krumlov: painted castle tower over red roofs and the Vltava bend."""
    sky(c, (120, 175, 225), (225, 238, 248), 130)
    hills(c, 120, [(0, 95), (160, 88), (320, 100)], (90, 140, 80))
    c.poly([(200, 240), (220, 120), (320, 110), (320, 240)], (140, 130, 115))
    tower = (240, 205, 190)
    c.rect((240, 50, 272, 130), tower)
    c.rect((236, 36, 276, 52), (230, 150, 160))
    for x in range(240, 274, 8):
        c.rect((x, 40, x + 4, 50), (120, 90, 80))
    c.poly([(238, 36), (256, 18), (274, 36)], (230, 190, 90))
    c.poly(onion(256, 20, 16, 16), (110, 170, 150))
    c.line([(256, 4), (256, 0)], (230, 190, 90), 1)
    for y in range(60, 128, 12):
        c.line([(240, y), (272, y)], (200, 160, 150), 1)
    red_roofs(c, 170, 14, 19)
    c.poly([(0, 205), (80, 190), (170, 200), (230, 185), (320, 195), (320, 240), (0, 240)],
           (70, 120, 130))
    for i in range(12):
        c.line([(20 + i * 24, 212 + (i % 3) * 8), (36 + i * 24, 212 + (i % 3) * 8)],
               (140, 180, 190), 1)


@scene("cs-10")
def petrin(c: Canvas) -> None:
    """Petřín lookout tower above blossoming trees in spring."""
    sky(c, (120, 180, 235), (230, 240, 250), 180)
    cloud(c, 40, 50, 1.0)
    hills(c, 170, [(0, 150), (160, 120), (320, 150)], (100, 160, 80))
    steel = (120, 90, 70)
    left = [(140, 150), (152, 90), (156, 40), (159, 14)]
    right = [(180, 150), (168, 90), (164, 40), (161, 14)]
    c.line(left, steel, 3)
    c.line(right, steel, 3)
    for i in range(12):
        t = i / 12
        y = 150 - t * 136
        xl = 140 + 19 * t ** 0.7
        xr = 180 - 19 * t ** 0.7
        c.line([(xl, y), (xr, y - 10)], steel, 1)
        c.line([(xr, y), (xl, y - 10)], steel, 1)
    c.rect((150, 88, 170, 93), steel)
    c.rect((154, 36, 166, 42), steel)
    rng = random.Random(20)
    for _ in range(60):
        x, y = rng.uniform(0, W), rng.uniform(140, 240)
        c.circle(x, y, rng.uniform(8, 14),
                 rng.choice([(245, 190, 210), (250, 215, 230), (110, 170, 90), (235, 170, 195)]))


# --------------------------------------------------------------------------- Hungarian


@scene("hu-01")
def parliament(c: Canvas) -> None:
    """Hungarian Parliament Building on the Danube bank."""
    sky(c, (90, 150, 215), (215, 230, 245), 160)
    cloud(c, 40, 35, 0.9)
    stone, roof = (238, 228, 205), (185, 70, 50)
    c.rect((10, 110, 310, 160), stone)
    c.poly([(10, 110), (310, 110), (300, 96), (20, 96)], roof)
    for i in range(28):
        x = 16 + i * 10.5
        c.chord((x, 128, x + 6, 140), 180, 360, (120, 110, 100))
        c.rect((x, 134, x + 6, 152), (120, 110, 100))
    for x in list(range(14, 310, 18)):
        c.poly([(x - 2, 98), (x, 84), (x + 2, 98)], stone)
    c.rect((130, 70, 190, 110), stone)
    c.poly(dome(160, 72, 62, 44), roof)
    c.poly([(152, 30), (160, 4), (168, 30)], roof)
    c.rect((154, 28, 166, 34), stone)
    for x in (60, 260):
        c.rect((x - 10, 70, x + 10, 110), stone)
        c.poly([(x - 12, 70), (x, 40), (x + 12, 70)], roof)
    c.rect((0, 160, W, 168), (160, 150, 130))
    water(c, 168, (70, 110, 140), (130, 160, 180))
    for i in range(6):
        c.line([(40 + i * 45, 180 + i % 2 * 14), (70 + i * 45, 180 + i % 2 * 14)],
               (220, 200, 150), 2)


@scene("hu-02")
def chain_bridge(c: Canvas) -> None:
    """Széchenyi Chain Bridge with Buda Castle on the hill."""
    sky(c, (100, 160, 220), (225, 235, 245), 140)
    hills(c, 150, [(0, 120), (200, 95), (320, 105)], (100, 130, 80))
    c.rect((190, 70, 300, 110), (230, 220, 200))
    c.poly(dome(245, 72, 30, 24), (90, 150, 120))
    c.line([(245, 48), (245, 40)], (90, 150, 120), 2)
    water(c, 155, (60, 100, 130), (120, 150, 175))
    stone = (205, 195, 175)
    for x in (90, 230):
        c.rect((x - 18, 80, x + 18, 185), stone)
        c.chord((x - 9, 110, x + 9, 140), 180, 360, (110, 140, 170))
        c.rect((x - 9, 125, x + 9, 152), (110, 140, 170))
        c.rect((x - 21, 76, x + 21, 84), (180, 170, 150))
    chain = (70, 70, 80)
    for off in (0, 5):
        for x0, x1 in ((-60, 90), (90, 230), (230, 380)):
            pts = []
            for i in range(31):
                t = i / 30
                x = x0 + (x1 - x0) * t
                sag = 4 * t * (1 - t) * 62
                pts.append((x, 82 + off + sag))
            c.line(pts, chain, 2)
    c.rect((0, 148, W, 156), (150, 140, 125))
    for x in range(96, 228, 12):
        t = (x - 90) / 140
        c.line([(x, 148), (x, 82 + 4 * t * (1 - t) * 62)], chain, 1)


@scene("hu-03")
def hungarian_flag(c: Canvas) -> None:
    """Flag of Hungary."""
    flag_scene(c, lambda cv, box: hstripes(cv, box, [(206, 41, 57), (255, 255, 255),
                                                     (71, 112, 80)]))


@scene("hu-04")
def goulash(c: Canvas) -> None:
    """Gulyás cooking in a bogrács kettle over an open fire."""
    sky(c, (120, 180, 230), (220, 238, 250), 150)
    hills(c, 150, [(0, 140), (320, 135)], (110, 160, 70))
    c.rect((0, 150, W, H), (100, 150, 60))
    wood = (110, 75, 45)
    c.line([(100, 225), (160, 40), (220, 225)], wood, 5)
    c.line([(160, 40), (160, 70)], (60, 60, 60), 2)
    c.arc((110, 70, 210, 110), 200, 340, (60, 60, 60), 2)
    for i in range(5):
        c.line([(120 + i * 20, 222), (150 + i * 5, 205)], (90, 60, 35), 5)
    for x, h, col in ((130, 40, (240, 120, 30)), (160, 55, (250, 170, 40)),
                      (190, 38, (240, 120, 30)), (160, 30, (255, 230, 120))):
        c.poly([(x - 14, 215), (x, 215 - h), (x + 14, 215)], col)
    c.chord((108, 80, 212, 190), 0, 180, (40, 40, 42))
    c.ellipse((108, 124, 212, 146), (60, 60, 62))
    c.ellipse((114, 127, 206, 143), (190, 70, 30))
    dots(c, (120, 128, 200, 142), 14, 3, [(240, 220, 160), (240, 140, 50), (150, 40, 20)])
    for x in range(20, 80, 12):
        c.poly([(x, 110), (x + 4, 100), (x + 8, 110), (x + 6, 130), (x + 2, 130)],
               (200, 30, 30))
    c.line([(15, 98), (85, 98)], wood, 2)


@scene("hu-05")
def balaton(c: Canvas) -> None:
    """Lake Balaton with sailboats and the Badacsony hill on the far shore."""
    sky(c, (100, 170, 230), (230, 240, 250), 125)
    sun(c, 60, 40, 14, (255, 250, 220), (200, 225, 245))
    c.poly([(170, 122), (195, 92), (250, 90), (275, 122)], (90, 120, 90))
    hills(c, 125, [(0, 118), (100, 114), (170, 120), (280, 118), (320, 112)], (110, 140, 100))
    water(c, 122, (90, 170, 170), (160, 210, 210))
    for x, y, s in ((60, 170, 1.0), (130, 145, 0.6), (230, 160, 0.8), (290, 138, 0.5)):
        c.poly([(x - 20 * s, y), (x + 20 * s, y), (x + 14 * s, y + 7 * s), (x - 14 * s, y + 7 * s)],
               (250, 250, 250))
        c.poly([(x, y - 2), (x, y - 50 * s), (x + 22 * s, y - 2)], (255, 255, 255))
        c.poly([(x - 2, y - 2), (x - 2, y - 40 * s), (x - 18 * s, y - 2)], (240, 90, 70))
    for i in range(30):
        x = i * 11
        c.line([(x, 240), (x + 3, 205 + (i * 7) % 20)], (120, 130, 60), 2)
    c.rect((200, 200, 320, 206), (150, 110, 70))
    for x in (210, 240, 270, 300):
        c.rect((x, 200, x + 3, 224), (120, 85, 50))


@scene("hu-06")
def fishermans_bastion(c: Canvas) -> None:
    """Fisherman's Bastion with conical towers and the Matthias Church spire."""
    sky(c, (70, 140, 215), (200, 225, 245))
    white, shade = (245, 240, 228), (210, 200, 185)
    c.rect((220, 30, 260, 150), (230, 220, 200))
    c.pattern([(216, 30), (240, -20), (264, 30)], stripes([(200, 80, 50), (60, 130, 90),
                                                           (230, 200, 80)], 5, 0.5))
    c.rect((0, 140, W, H), white)
    for i in range(9):
        x = 10 + i * 34
        c.chord((x, 150, x + 22, 190), 180, 360, (130, 150, 170))
        c.rect((x, 170, x + 22, 215), (130, 150, 170))
    for x, top in ((30, 90), (95, 70), (160, 60), (300, 90)):
        c.rect((x - 16, top, x + 16, 145), white)
        c.rect((x, top, x + 16, 145), shade)
        c.poly([(x - 20, top), (x, top - 40), (x + 20, top)], (245, 245, 240))
        c.poly([(x, top), (x, top - 40), (x + 20, top)], (205, 205, 200))
        c.chord((x - 8, top + 14, x + 8, top + 40), 180, 360, (90, 100, 120))
        c.rect((x - 8, top + 27, x + 8, top + 50), (90, 100, 120))
    for y in range(205, 240, 7):
        c.line([(0, y), (W, y)], shade, 1)


@scene("hu-07")
def paprika(c: Canvas) -> None:
    """Strings of red paprika drying on a whitewashed farmhouse wall."""
    c.rect((0, 0, W, H), (245, 242, 232))
    c.rect((0, 0, W, 24), (120, 80, 50))
    c.rect((0, 200, W, H), (170, 120, 80))
    for x, y, col in ((40, 160, (40, 90, 170)), (280, 150, (200, 40, 60)),
                      (270, 110, (40, 130, 60))):
        for a in range(0, 360, 60):
            r = math.radians(a)
            c.circle(x + 9 * math.cos(r), y + 9 * math.sin(r), 6, col)
        c.circle(x, y, 5, (250, 210, 50))
    for k, x in enumerate(range(75, 250, 34)):
        c.line([(x, 24), (x, 196)], (180, 150, 90), 1)
        for j in range(9):
            y = 30 + j * 19
            for side in (-1, 1):
                tip = (x + side * 14, y + 20 + (j + k) % 3)
                c.poly([(x, y), (x + side * 7, y + 3), tip, (x + side * 3, y + 10)],
                       (200 - (j % 3) * 20, 25, 25))
            c.rect((x - 2, y - 2, x + 2, y + 2), (60, 120, 40))


@scene("hu-08")
def kurtoskalacs(c: Canvas) -> None:
    """Kürtőskalács (chimney cake) baked on a wooden spit at a fair."""
    sky(c, (40, 40, 70), (90, 70, 80), 120)
    for i, col in enumerate(((250, 200, 90), (240, 120, 90), (120, 200, 240))):
        for x in range(10 + i * 7, W, 40):
            c.circle(x, 20 + i * 14, 3, col)
    c.rect((0, 120, W, H), (140, 100, 70))
    c.rect((0, 185, W, 195), (70, 45, 30))
    shape = [(70, 70), (250, 70), (250, 160), (70, 160)]
    c.pattern(shape, stripes([(200, 130, 50), (230, 170, 80), (170, 100, 40)], 14, 0.35))
    c.ellipse((244, 70, 262, 160), (245, 225, 170))
    c.ellipse((248, 100, 258, 130), (110, 70, 40))
    c.ellipse((58, 70, 82, 160), (190, 120, 45))
    dots(c, (80, 74, 240, 156), 90, 1.4, [(255, 250, 240), (120, 70, 35)])
    c.rect((10, 112, 60, 118), (120, 80, 50))
    c.rect((262, 112, 310, 118), (120, 80, 50))
    c.ellipse((100, 200, 220, 232), (90, 60, 40))
    for x in range(108, 216, 10):
        c.circle(x, 216, 6, (230, 90, 30))


def iso(ox: float, oy: float, s: float, a: float, b: float, h: float) -> Point:
    """Isometric projection of cube coordinates (a, b along the base, h up)."""
    return (ox + (a - b) * s * 0.87, oy + (a + b) * s * 0.5 - h * s)


@scene("hu-09")
def rubik(c: Canvas) -> None:
    """Rubik's cube, the Hungarian puzzle, on a desk."""
    table(c, (200, 215, 230), (180, 140, 100), 150)
    c.ellipse((90, 190, 250, 230), (140, 105, 75))
    ox, oy, s = 160, 75, 32
    faces = {
        "top": [(255, 255, 255), (200, 30, 40), (250, 210, 0), (0, 80, 180), (255, 255, 255),
                (0, 150, 70), (250, 130, 0), (250, 210, 0), (200, 30, 40)],
        "left": [(0, 150, 70), (0, 150, 70), (250, 130, 0), (200, 30, 40), (0, 150, 70),
                 (255, 255, 255), (0, 80, 180), (250, 210, 0), (0, 150, 70)],
        "right": [(200, 30, 40), (0, 80, 180), (200, 30, 40), (250, 210, 0), (200, 30, 40),
                  (0, 150, 70), (255, 255, 255), (200, 30, 40), (250, 130, 0)],
    }
    c.poly([iso(ox, oy, s, 0, 0, 3), iso(ox, oy, s, 3, 0, 3), iso(ox, oy, s, 3, 0, 0),
            iso(ox, oy, s, 3, 3, 0), iso(ox, oy, s, 0, 3, 0), iso(ox, oy, s, 0, 3, 3)],
           (20, 20, 20))
    for i in range(3):
        for j in range(3):
            g = 0.08
            top = [iso(ox, oy, s, i + g, j + g, 3), iso(ox, oy, s, i + 1 - g, j + g, 3),
                   iso(ox, oy, s, i + 1 - g, j + 1 - g, 3), iso(ox, oy, s, i + g, j + 1 - g, 3)]
            c.poly(top, faces["top"][i * 3 + j])
            left = [iso(ox, oy, s, i + g, 3, 3 - j - g), iso(ox, oy, s, i + 1 - g, 3, 3 - j - g),
                    iso(ox, oy, s, i + 1 - g, 3, 2 - j + g), iso(ox, oy, s, i + g, 3, 2 - j + g)]
            c.poly(left, mix(faces["left"][i * 3 + j], (0, 0, 0), 0.15))
            right = [iso(ox, oy, s, 3, i + g, 3 - j - g), iso(ox, oy, s, 3, i + 1 - g, 3 - j - g),
                     iso(ox, oy, s, 3, i + 1 - g, 2 - j + g), iso(ox, oy, s, 3, i + g, 2 - j + g)]
            c.poly(right, mix(faces["right"][i * 3 + j], (0, 0, 0), 0.3))


@scene("hu-10")
def hortobagy(c: Canvas) -> None:
    """Hortobágy puszta with a sweep well (gémeskút) and grey cattle at sunset."""
    sky(c, (250, 150, 90), (255, 225, 160), 170)
    sun(c, 60, 150, 18, (255, 240, 190), (250, 190, 120))
    ground(c, 168, (170, 160, 80))
    c.rect((0, 200, W, H), (150, 140, 70))
    wood = (80, 55, 35)
    c.poly([(222, 170), (226, 100), (232, 100), (236, 170)], wood)
    c.line([(226, 100), (220, 88)], wood, 3)
    c.line([(232, 100), (238, 88)], wood, 3)
    c.line([(150, 40), (300, 130)], wood, 3)
    c.rect((292, 124, 304, 140), (100, 100, 100))
    c.line([(150, 40), (150, 150)], (60, 50, 40), 1)
    c.rect((144, 150, 156, 160), wood)
    c.rect((130, 160, 180, 176), (120, 90, 60))
    for x, y, s in ((40, 205, 1.0), (95, 200, 0.8), (250, 215, 1.1)):
        cow = (205, 200, 190)
        c.ellipse((x - 24 * s, y - 22 * s, x + 24 * s, y), cow)
        for dx in (-18, -8, 10, 18):
            c.rect((x + dx * s, y - 6 * s, x + dx * s + 4 * s, y + 14 * s), (150, 145, 140))
        c.ellipse((x + 18 * s, y - 30 * s, x + 34 * s, y - 12 * s), cow)
        c.arc((x + 14 * s, y - 50 * s, x + 28 * s, y - 26 * s), 160, 300, (230, 225, 210), 2)
        c.arc((x + 24 * s, y - 50 * s, x + 38 * s, y - 26 * s), 240, 20, (230, 225, 210), 2)


# --------------------------------------------------------------------------- Korean


def hanok_roof(c: Canvas, x0: float, x1: float, y: float, h: float, col: Color) -> None:
    """Curved Korean tiled roof with upturned eaves."""
    lift = h * 0.6
    pts = [(x0 - 8, y - lift)]
    for i in range(21):
        t = i / 20
        pts.append((x0 + (x1 - x0) * t, y - lift * (2 * t - 1) ** 4))
    pts += [(x1 + 8, y - lift), (x1 - h * 0.8, y - h), (x0 + h * 0.8, y - h)]
    c.poly(pts, col)
    c.line([(x0 + h * 0.8, y - h), (x1 - h * 0.8, y - h)], mix(col, (0, 0, 0), 0.3), 2)


def dancheong_hall(c: Canvas, x0: float, x1: float, base: float, h: float) -> None:
    """Wooden hall with red columns and a green painted band."""
    c.rect((x0, base - h, x1, base), (180, 60, 45))
    n = 7
    for i in range(n):
        x = x0 + 4 + i * (x1 - x0 - 8) / (n - 1)
        c.rect((x - 2, base - h, x + 2, base), (140, 40, 30))
    c.rect((x0, base - h, x1, base - h + 7), (50, 140, 120))
    for i in range(int((x1 - x0) / 8)):
        c.rect((x0 + i * 8 + 2, base - h + 2, x0 + i * 8 + 5, base - h + 5), (240, 200, 80))


@scene("ko-01")
def gyeongbokgung(c: Canvas) -> None:
    """Geunjeongjeon hall of Gyeongbokgung Palace below Bugaksan."""
    sky(c, (110, 170, 225), (225, 238, 248), 150)
    hills(c, 150, [(0, 110), (110, 60), (170, 80), (320, 100)], (90, 130, 110))
    ground(c, 160, (205, 200, 190))
    for y in range(170, 240, 10):
        c.line([(0, y), (W, y)], (190, 185, 175), 1)
    c.rect((50, 150, 270, 172), (220, 215, 205))
    c.rect((40, 160, 280, 175), (200, 195, 185))
    dancheong_hall(c, 80, 240, 152, 34)
    hanok_roof(c, 70, 250, 118, 22, (70, 70, 75))
    dancheong_hall(c, 100, 220, 100, 18)
    hanok_roof(c, 90, 230, 84, 24, (60, 60, 65))


@scene("ko-02")
def taegeukgi(c: Canvas) -> None:
    """Flag of South Korea (Taegeukgi)."""

    def paint(cv: Canvas, box: Box) -> None:
        x0, y0, x1, y1 = box
        cv.rect(box, (255, 255, 255))
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        r = (y1 - y0) / 4
        ang = math.degrees(math.atan2(y1 - y0, x1 - x0))
        sub = Canvas(0)
        sub.rect((0, 0, W, H), (255, 255, 255))
        sub.pie((cx - r, cy - r, cx + r, cy + r), 180, 360, (205, 46, 58))
        sub.pie((cx - r, cy - r, cx + r, cy + r), 0, 180, (0, 71, 160))
        sub.circle(cx - r / 2, cy, r / 2, (205, 46, 58))
        sub.circle(cx + r / 2, cy, r / 2, (0, 71, 160))
        turned = sub.img.rotate(-ang, resample=Image.Resampling.BICUBIC,
                                center=(cx * SS, cy * SS))
        mask = Image.new("L", cv.img.size, 0)
        ImageDraw.Draw(mask).ellipse([(cx - r) * SS, (cy - r) * SS, (cx + r) * SS,
                                      (cy + r) * SS], fill=255)
        cv.img.paste(turned, (0, 0), mask)
        patterns = {(-1, -1): "111", (1, -1): "010", (-1, 1): "101", (1, 1): "000"}
        for (sx, sy), bars in patterns.items():
            ux, uy = sx * math.cos(math.radians(ang)), sy * math.sin(math.radians(ang))
            vx, vy = -uy, ux
            tx, ty = cx + ux * r * 1.75, cy + uy * r * 1.75
            for k, bar in enumerate(bars):
                off, bh, bw = (k - 1) * r * 0.25, r * 0.085, r * 0.5
                pieces = [(-bw, bw)] if bar == "1" else [(-bw, -bw * 0.08), (bw * 0.08, bw)]
                for a0, a1 in pieces:
                    quad = [(tx + ux * (off + e) + vx * a, ty + uy * (off + e) + vy * a)
                            for e, a in ((-bh, a0), (bh, a0), (bh, a1), (-bh, a1))]
                    cv.poly(quad, (0, 0, 0))

    flag_scene(c, paint, (120, 170, 225), (215, 230, 245))


@scene("ko-03")
def kimchi(c: Canvas) -> None:
    """Napa cabbage kimchi on a plate, an onggi jar and a bowl of rice."""
    table(c, (225, 215, 195), (170, 130, 90), 110)
    c.ellipse((20, 30, 110, 140), (110, 70, 45))
    c.ellipse((40, 24, 90, 40), (90, 55, 35))
    c.arc((28, 60, 102, 100), 20, 160, (140, 95, 60), 2)
    plate(c, 170, 170, 190, 90)
    for i in range(6):
        x = 110 + i * 20
        leaf = [(x, 190), (x + 6, 140), (x + 22, 132), (x + 34, 150), (x + 24, 195)]
        c.poly(leaf, (205, 60 + i * 5, 40))
        c.poly([(x + 6, 186), (x + 10, 150), (x + 20, 150), (x + 18, 188)], (240, 190, 150))
    dots(c, (110, 135, 240, 195), 40, 1.2, [(160, 20, 20), (240, 240, 230)])
    c.chord((250, 90, 300, 150), 0, 180, (245, 245, 240))
    c.ellipse((250, 112, 300, 128), (255, 255, 252))
    dots(c, (254, 113, 296, 126), 16, 2, [(240, 240, 235)])
    c.line([(40, 225), (120, 200)], (190, 190, 195), 2)
    c.line([(44, 229), (124, 204)], (190, 190, 195), 2)


@scene("ko-04")
def hanbok(c: Canvas) -> None:
    """Woman in a hanbok standing before a hanok door."""
    c.rect((0, 0, W, H), (235, 225, 205))
    c.rect((40, 20, 280, 200), (150, 100, 60))
    c.rect((50, 30, 270, 190), (245, 238, 220))
    for x in range(50, 271, 20):
        c.line([(x, 30), (x, 190)], (150, 100, 60), 2)
    for y in range(30, 191, 20):
        c.line([(50, y), (270, y)], (150, 100, 60), 2)
    ground(c, 200, (170, 160, 145))
    c.poly([(160, 96), (110, 230), (210, 230)], (225, 60, 100))
    c.poly([(160, 96), (150, 230), (170, 230)], (200, 40, 80))
    c.poly([(140, 76), (180, 76), (190, 102), (130, 102)], (250, 220, 80))
    c.poly([(140, 78), (120, 140), (130, 142), (150, 90)], (250, 220, 80))
    c.poly([(180, 78), (200, 140), (190, 142), (170, 90)], (250, 220, 80))
    c.rect((118, 132, 130, 146), (120, 60, 160))
    c.rect((190, 132, 202, 146), (120, 60, 160))
    c.poly([(150, 76), (160, 92), (170, 76)], (255, 255, 255))
    c.poly([(160, 92), (154, 140), (160, 140), (164, 96)], (200, 30, 60))
    c.circle(160, 58, 14, (240, 205, 175))
    c.chord((145, 42, 175, 62), 180, 360, (30, 25, 25))
    c.circle(160, 40, 7, (30, 25, 25))


@scene("ko-05")
def bibimbap(c: Canvas) -> None:
    """Dolsot bibimbap with vegetables, a fried egg and gochujang."""
    table(c, (210, 200, 185), (120, 85, 60), 80)
    c.ellipse((60, 100, 260, 210), (45, 42, 40))
    c.ellipse((66, 100, 254, 190), (70, 66, 62))
    box = (76, 106, 244, 184)
    cols = [(60, 130, 50), (235, 120, 40), (245, 235, 190), (120, 80, 50), (150, 60, 40),
            (80, 160, 70), (250, 220, 120)]
    for i, col in enumerate(cols):
        c.pie(box, i * 360 / 7, (i + 1) * 360 / 7, col)
    c.ellipse((135, 125, 185, 165), (252, 252, 248))
    c.circle(162, 144, 10, (250, 190, 40))
    c.ellipse((185, 118, 205, 132), (200, 30, 30))
    for x in (20, 270):
        c.ellipse((x, 190, x + 40, 210), (245, 245, 240))
        dots(c, (x + 6, 193, x + 34, 206), 6, 3, [(210, 60, 40), (80, 150, 60)])


@scene("ko-06")
def namsan_tower(c: Canvas) -> None:
    """N Seoul Tower on Namsan at dusk above the city lights."""
    sky(c, (60, 60, 130), (240, 150, 140), 180)
    hills(c, 190, [(0, 180), (160, 130), (320, 175)], (40, 70, 60))
    rng = random.Random(26)
    for _ in range(45):
        c.circle(rng.uniform(100, 220), rng.uniform(140, 195), rng.uniform(4, 8), (50, 90, 70))
    for i in range(22):
        x = i * 15
        h = 20 + (i * 37) % 30
        c.rect((x, 240 - h - 20, x + 13, 240), (50, 50, 80))
        c.rect((x + 4, 240 - h - 14, x + 7, 240 - h - 11), (250, 220, 120))
    c.rect((156, 70, 164, 135), (235, 235, 230))
    c.ellipse((140, 62, 180, 80), (240, 240, 235))
    c.rect((142, 58, 178, 70), (240, 240, 235))
    c.ellipse((142, 52, 178, 62), (220, 220, 220))
    for i in range(8):
        c.rect((158.5, 10 + i * 6, 161.5, 16 + i * 6), (200, 40, 40) if i % 2 else (250, 250, 250))
    c.rect((146, 62, 174, 66), (250, 230, 140))


@scene("ko-07")
def cheomseongdae(c: Canvas) -> None:
    """Cheomseongdae, the bottle-shaped stone observatory in Gyeongju."""
    sky(c, (90, 160, 225), (215, 235, 250), 170)
    cloud(c, 230, 40, 1.1)
    ground(c, 170, (120, 170, 80))
    c.rect((100, 190, 220, 200), (170, 160, 140))
    c.rect((110, 182, 210, 190), (180, 170, 150))
    stone = (200, 185, 150)
    rows = 24
    for i in range(rows):
        t = i / rows
        y = 182 - i * 5.4
        half = 40 - 22 * math.sin(t * math.pi / 2) ** 1.2
        c.rect((160 - half, y - 5.4, 160 + half, y), mix(stone, (150, 135, 110), (i % 3) * 0.25))
        for k in range(-3, 4):
            x = 160 + k * half / 3.5 + (i % 2) * 4
            c.line([(x, y - 5), (x, y)], (150, 135, 110), 1)
    c.rect((152, 110, 168, 124), (40, 35, 30))
    c.rect((134, 44, 186, 52), (185, 170, 135))
    c.rect((142, 52, 178, 56), (170, 155, 120))


@scene("ko-08")
def sungnyemun(c: Canvas) -> None:
    """Sungnyemun (Namdaemun) gate with its stone base and arch."""
    sky(c, (100, 165, 225), (220, 235, 248), 190)
    ground(c, 195, (150, 150, 150))
    stone = (190, 185, 175)
    c.poly([(50, 195), (70, 120), (250, 120), (270, 195)], stone)
    for y in range(130, 195, 10):
        c.line([(60, y), (260, y)], (160, 155, 145), 1)
    c.chord((136, 140, 184, 185), 180, 360, (40, 40, 45))
    c.rect((136, 162, 184, 195), (40, 40, 45))
    dancheong_hall(c, 90, 230, 120, 24)
    hanok_roof(c, 70, 250, 96, 20, (70, 70, 75))
    dancheong_hall(c, 100, 220, 80, 16)
    hanok_roof(c, 80, 240, 64, 24, (60, 60, 65))


@scene("ko-09")
def songpyeon(c: Canvas) -> None:
    """Songpyeon rice cakes on pine needles under the Chuseok full moon."""
    table(c, (0, 0, 0), (160, 110, 70), 120)
    c.rect((0, 0, W, 120), (30, 40, 80))
    sun(c, 250, 55, 28, (255, 240, 190), (60, 60, 100))
    plate(c, 160, 180, 260, 90, (240, 235, 220), (180, 170, 150))
    for i in range(40):
        x = 50 + (i * 53) % 220
        y = 150 + (i * 29) % 55
        c.line([(x, y), (x + 14, y - 6 + (i % 3) * 4)], (40, 110, 50), 1)
    cols = [(250, 250, 245), (245, 180, 200), (150, 200, 120), (245, 220, 130)]
    for i in range(10):
        x = 80 + (i % 5) * 38 + (i // 5) * 16
        y = 165 + (i // 5) * 24
        c.chord((x - 16, y - 14, x + 16, y + 14), 180, 360, cols[i % 4])
        c.rect((x - 16, y - 1, x + 16, y + 2), mix(cols[i % 4], (0, 0, 0), 0.08))


@scene("ko-10")
def dol_hareubang(c: Canvas) -> None:
    """Dol hareubang stone grandfather with Hallasan and canola flowers on Jeju."""
    sky(c, (100, 170, 230), (225, 238, 250), 150)
    c.poly([(0, 150), (100, 110), (160, 90), (220, 110), (320, 150)], (110, 140, 120))
    water(c, 140, (50, 120, 170), (110, 170, 210), 160)
    ground(c, 160, (90, 150, 60))
    rng = random.Random(30)
    for _ in range(220):
        c.circle(rng.uniform(0, W), rng.uniform(165, 240), rng.uniform(1.5, 3), (250, 220, 40))
    stone = (110, 110, 108)
    c.ellipse((120, 90, 200, 230), stone)
    c.ellipse((126, 52, 194, 130), stone)
    c.ellipse((124, 42, 196, 66), (95, 95, 93))
    c.ellipse((138, 24, 182, 56), (95, 95, 93))
    for x in (146, 174):
        c.circle(x, 84, 9, (85, 85, 83))
        c.circle(x, 84, 5, (70, 70, 68))
    c.ellipse((150, 88, 170, 118), (95, 95, 93))
    c.line([(146, 122), (174, 122)], (70, 70, 68), 2)
    c.poly([(126, 150), (160, 140), (160, 150), (128, 162)], (95, 95, 93))
    c.poly([(194, 170), (160, 158), (160, 168), (192, 182)], (95, 95, 93))
    dots(c, (124, 30, 196, 225), 80, 1.2, [(80, 80, 78), (135, 135, 132)])


# --------------------------------------------------------------------------- Russian


def swirl_dome(c: Canvas, cx: float, base: float, w: float, h: float, cols: Sequence[Color],
               slant: float) -> None:
    """Onion dome on a drum, painted with slanted stripes."""
    c.rect((cx - w * 0.32, base, cx + w * 0.32, base + h * 0.7), (200, 70, 50))
    c.rect((cx - w * 0.32, base + 4, cx + w * 0.32, base + 7), (245, 240, 230))
    c.pattern(onion(cx, base + 1, w, h), stripes(cols, w / 4, slant))
    c.line([(cx, base - h), (cx, base - h - 10)], (220, 180, 60), 2)
    c.line([(cx - 4, base - h - 6), (cx + 4, base - h - 6)], (220, 180, 60), 1)


@scene("ru-01")
def saint_basil(c: Canvas) -> None:
    """Saint Basil's Cathedral on Red Square with its patterned onion domes."""
    sky(c, (90, 150, 215), (210, 228, 245), 180)
    ground(c, 190, (120, 110, 110))
    for x in range(0, W, 12):
        c.line([(x, 190), (x - 20, H)], (100, 92, 92), 1)
    brick = (190, 70, 50)
    c.rect((40, 120, 280, 192), brick)
    for i in range(8):
        x = 55 + i * 29
        c.chord((x, 150, x + 16, 170), 180, 360, (245, 240, 230))
        c.rect((x + 2, 160, x + 14, 190), (120, 50, 40))
    c.rect((40, 118, 280, 124), (245, 240, 230))
    c.rect((146, 60, 174, 122), brick)
    c.poly([(144, 62), (160, 14), (176, 62)], (220, 200, 150))
    for y in range(25, 62, 8):
        c.line([(160 - (y - 14) / 3, y), (160 + (y - 14) / 3, y)], (90, 140, 90), 1)
    c.poly(onion(160, 16, 10, 12), (220, 180, 60))
    swirl_dome(c, 70, 100, 40, 44, [(220, 50, 40), (60, 140, 70)], 0.6)
    swirl_dome(c, 115, 90, 36, 40, [(250, 210, 60), (60, 140, 70)], -0.6)
    swirl_dome(c, 205, 90, 36, 40, [(40, 90, 170), (245, 245, 240)], 0.6)
    swirl_dome(c, 250, 100, 40, 44, [(220, 50, 40), (245, 245, 240)], -0.6)
    swirl_dome(c, 160, 118, 22, 22, [(60, 140, 70), (250, 210, 60)], 0.4)


@scene("ru-02")
def russian_flag(c: Canvas) -> None:
    """Flag of Russia."""
    flag_scene(c, lambda cv, box: hstripes(cv, box, [(255, 255, 255), (0, 57, 166),
                                                     (213, 43, 30)]))


@scene("ru-03")
def borscht(c: Canvas) -> None:
    """Bowl of borscht with smetana and dill, rye bread and garlic."""
    table(c, (230, 225, 210), (245, 240, 230), 90)
    for x in range(0, W, 16):
        c.rect((x, 96, x + 8, 102), (200, 40, 40))
    plate(c, 150, 170, 220, 90)
    bowl(c, 150, 140, 150, 60, (250, 250, 245), (160, 25, 40))
    c.ellipse((135, 132, 170, 148), (255, 252, 245))
    dots(c, (90, 128, 210, 156), 30, 1.3, [(60, 130, 50), (90, 160, 60)])
    c.poly([(240, 130), (300, 120), (310, 170), (250, 182)], (70, 45, 35))
    c.poly([(244, 134), (298, 125), (306, 166), (253, 176)], (100, 70, 55))
    dots(c, (250, 130, 300, 172), 10, 1, [(60, 40, 30)])
    for x in (40, 58):
        c.ellipse((x - 9, 150, x + 9, 172), (252, 250, 244), (190, 180, 160))
        c.line([(x, 150), (x, 142)], (190, 180, 150), 2)
        c.line([(x, 154), (x, 170)], (215, 205, 185), 1)


@scene("ru-04")
def samovar(c: Canvas) -> None:
    """Brass samovar with a painted teapot, a glass of tea and sushki."""
    table(c, (180, 60, 50), (120, 80, 50), 170)
    brass, dark = (215, 165, 60), (160, 110, 35)
    c.poly([(120, 220), (135, 190), (175, 190), (190, 220)], dark)
    c.ellipse((100, 90, 210, 200), brass)
    c.pattern([(155, 90), (210, 90), (210, 200), (155, 200)],
              stripes([(230, 185, 80), (200, 150, 50)], 8, 0))
    c.ellipse((100, 90, 210, 200), None, dark, 2)
    c.rect((130, 70, 180, 92), brass)
    c.arc((80, 100, 110, 150), 90, 270, dark, 4)
    c.arc((200, 100, 230, 150), 270, 90, dark, 4)
    c.rect((100, 165, 80, 170), dark)
    c.rect((78, 165, 84, 180), dark)
    c.ellipse((125, 30, 185, 75), (250, 250, 250))
    for x, y in ((140, 50), (160, 45), (172, 58)):
        c.circle(x, y, 5, (30, 70, 170))
    c.poly([(185, 50), (205, 38), (200, 48)], (250, 250, 250))
    c.circle(155, 28, 4, (30, 70, 170))
    c.poly([(240, 170), (270, 170), (268, 215), (242, 215)], (190, 90, 30))
    c.rect((238, 190, 272, 216), (170, 170, 175))
    c.arc((262, 175, 285, 205), 270, 90, (170, 170, 175), 3)
    for x, y in ((40, 200), (60, 212), (30, 220)):
        c.circle(x, y, 10, (210, 150, 80))
        c.circle(x, y, 4, (120, 80, 50))


def matryoshka(c: Canvas, x: float, base: float, s: float, dress: Color, scarf: Color) -> None:
    """One matryoshka doll."""
    c.ellipse((x - 24 * s, base - 62 * s, x + 24 * s, base), dress)
    c.ellipse((x - 17 * s, base - 92 * s, x + 17 * s, base - 52 * s), scarf)
    c.ellipse((x - 11 * s, base - 86 * s, x + 11 * s, base - 62 * s), (250, 225, 200))
    c.chord((x - 11 * s, base - 87 * s, x + 11 * s, base - 75 * s), 180, 360, (200, 150, 60))
    for dx in (-4.5, 4.5):
        c.circle(x + dx * s, base - 72 * s, 1.3 * s, (30, 30, 30))
        c.circle(x + dx * 1.4 * s, base - 67 * s, 2.2 * s, (240, 150, 150))
    c.ellipse((x - 14 * s, base - 48 * s, x + 14 * s, base - 6 * s), (250, 245, 230))
    for a in range(0, 360, 60):
        r = math.radians(a)
        c.circle(x + 6 * s * math.cos(r), base - 28 * s + 6 * s * math.sin(r), 4 * s,
                 (220, 40, 40))
    c.circle(x, base - 28 * s, 3.5 * s, (250, 200, 40))


@scene("ru-05")
def matryoshkas(c: Canvas) -> None:
    """Row of nesting matryoshka dolls from large to small."""
    table(c, (230, 215, 170), (160, 100, 55), 170)
    specs = [(60, 1.7, (200, 30, 40), (250, 200, 40)), (145, 1.35, (40, 100, 180), (200, 30, 40)),
             (212, 1.05, (250, 190, 40), (40, 130, 70)), (262, 0.8, (200, 30, 40), (40, 90, 170)),
             (298, 0.55, (40, 130, 70), (250, 190, 40))]
    for x, s, dress, scarf in specs:
        c.ellipse((x - 26 * s, 214, x + 30 * s, 222), (120, 75, 40))
        matryoshka(c, x, 218, s, dress, scarf)


@scene("ru-06")
def spasskaya(c: Canvas) -> None:
    """Spasskaya Tower of the Moscow Kremlin with its clock and red star."""
    sky(c, (80, 145, 215), (210, 228, 245), 200)
    brick = (180, 55, 45)
    c.rect((0, 150, W, 215), brick)
    for x in range(0, W, 16):
        c.poly([(x, 150), (x, 138), (x + 5, 142), (x + 10, 138), (x + 10, 150)], brick)
    ground(c, 212, (110, 100, 100))
    c.rect((120, 90, 200, 215), brick)
    c.chord((145, 170, 175, 200), 180, 360, (60, 30, 30))
    c.rect((145, 185, 175, 215), (60, 30, 30))
    c.rect((130, 60, 190, 92), (190, 60, 50))
    for x in (124, 196):
        c.poly([(x - 4, 92), (x, 75), (x + 4, 92)], (245, 240, 230))
    c.circle(160, 76, 13, (250, 250, 245))
    c.circle(160, 76, 13, None, (220, 180, 60), 2)
    c.line([(160, 76), (160, 67)], (30, 30, 30), 2)
    c.line([(160, 76), (167, 79)], (30, 30, 30), 2)
    c.rect((138, 40, 182, 60), (245, 240, 230))
    c.rect((142, 44, 178, 58), brick)
    c.poly([(138, 40), (160, 8), (182, 40)], (60, 120, 90))
    star(c, 160, 6, 8, (220, 30, 40))


@scene("ru-07")
def blini(c: Canvas) -> None:
    """Stack of blini with red caviar, smetana and jam for Maslenitsa."""
    table(c, (240, 230, 200), (245, 245, 240), 80)
    for x in range(0, W, 40):
        c.poly([(x, 80), (x + 20, 92), (x + 40, 80)], (200, 40, 40))
    plate(c, 150, 165, 220, 110, (250, 250, 245), (40, 80, 160))
    for i in range(9):
        y = 190 - i * 5
        c.ellipse((70, y - 28, 230, y + 18), mix((200, 130, 40), (240, 190, 90), (i % 2) * 0.6))
    c.ellipse((74, 120, 226, 160), (240, 190, 90))
    dots(c, (110, 125, 190, 155), 60, 2.6, [(230, 80, 30), (250, 120, 40)])
    for x, col in ((270, (255, 252, 245)), (40, (170, 30, 60))):
        c.chord((x - 24, 90, x + 24, 140), 0, 180, (245, 245, 240))
        c.ellipse((x - 24, 108, x + 24, 124), col)


@scene("ru-08")
def kizhi(c: Canvas) -> None:
    """Wooden Church of the Transfiguration on Kizhi island."""
    sky(c, (140, 180, 220), (230, 238, 245), 170)
    water(c, 170, (70, 110, 140), (130, 165, 190), 195)
    ground(c, 195, (110, 140, 70))
    wood, shingle = (130, 90, 55), (175, 180, 185)
    c.rect((100, 130, 220, 200), wood)
    for y in range(134, 200, 6):
        c.line([(100, y), (220, y)], (105, 70, 45), 1)
    tiers = [(130, 110, 100), (95, 80, 70), (70, 60, 46), (50, 40, 30)]
    for base, w, _ in tiers:
        c.rect((160 - w / 2, base - 22, 160 + w / 2, base), wood)
    for (base, w, _), n in zip(tiers, (6, 5, 4, 3), strict=True):
        for i in range(n):
            x = 160 - w / 2 + (i + 0.5) * w / n
            c.rect((x - 3, base - 28, x + 3, base - 20), wood)
            c.poly(onion(x, base - 26, 12, 14), shingle)
    c.poly(onion(160, 28, 20, 22), shingle)
    c.line([(160, 6), (160, 0)], (90, 90, 90), 1)
    for x in (60, 260):
        c.rect((x - 8, 150, x + 8, 200), wood)
        c.poly([(x - 11, 150), (x, 130), (x + 11, 150)], shingle)


@scene("ru-09")
def khokhloma(c: Canvas) -> None:
    """Khokhloma bowl and spoon painted with golden and red berries."""
    table(c, (230, 220, 190), (110, 70, 40), 100)
    c.chord((50, 40, 250, 200), 0, 180, (25, 20, 20))
    c.ellipse((50, 110, 250, 140), (200, 40, 30))
    c.ellipse((60, 113, 240, 137), (30, 25, 25))
    shape = [(50 + 100 + 100 * math.cos(math.radians(a)), 120 + 80 * math.sin(math.radians(a)))
             for a in range(0, 181, 6)]

    def paint(layer: Canvas) -> None:
        layer.rect((0, 0, W, H), (25, 20, 20))
        for i in range(6):
            x0 = 60 + i * 32
            layer.arc((x0, 135, x0 + 36, 185), 200, 340, (230, 180, 50), 2)
            layer.ellipse((x0 + 10, 140, x0 + 22, 148), (220, 170, 40))
            dots(layer, (x0 + 14, 150, x0 + 30, 170), 5, 3, [(210, 30, 30)])
        layer.rect((50, 186, 250, 194), (220, 170, 40))

    c.pattern(shape, paint)
    c.poly([(250, 200), (300, 120), (308, 124), (262, 204)], (210, 160, 50))
    c.ellipse((240, 196, 276, 226), (200, 40, 30))


@scene("ru-10")
def baikal(c: Canvas) -> None:
    """Clear blue ice and ice hummocks on frozen Lake Baikal."""
    sky(c, (150, 190, 230), (235, 240, 248), 110)
    c.poly([(0, 110), (60, 70), (110, 95), (170, 60), (240, 90), (320, 75), (320, 112),
            (0, 112)], (120, 130, 150))
    for x, y in ((60, 70), (170, 60), (320, 75)):
        c.poly([(x - 18, y + 14), (x, y), (x + 18, y + 14)], (250, 250, 255))
    c.rect((0, 110, W, H), (60, 150, 190))
    rng = random.Random(40)
    for _ in range(14):
        x, y = rng.uniform(0, W), rng.uniform(130, 240)
        pts = [(x, y)]
        for _ in range(5):
            x, y = x + rng.uniform(-30, 30), y + rng.uniform(-12, 12)
            pts.append((x, y))
        c.line(pts, (220, 240, 250), 1)
    for x, y, s in ((60, 160, 1.0), (200, 140, 0.7), (250, 210, 1.3)):
        c.poly([(x - 30 * s, y), (x - 10 * s, y - 40 * s), (x + 5 * s, y - 15 * s),
                (x + 20 * s, y - 35 * s), (x + 35 * s, y)], (150, 220, 230))
        c.poly([(x - 10 * s, y - 40 * s), (x + 5 * s, y - 15 * s), (x, y)], (100, 190, 215))


# --------------------------------------------------------------------------- Serbian


def cross(c: Canvas, x: float, y: float, s: float, col: Color) -> None:
    """Small Christian cross."""
    c.rect((x - s * 0.15, y - s, x + s * 0.15, y + s), col)
    c.rect((x - s * 0.6, y - s * 0.55, x + s * 0.6, y - s * 0.25), col)


@scene("sr-01")
def saint_sava(c: Canvas) -> None:
    """Temple of Saint Sava in Belgrade with its great green dome."""
    sky(c, (80, 145, 215), (210, 228, 245), 190)
    cloud(c, 30, 30, 1.0)
    ground(c, 192, (200, 195, 185))
    marble, shade, copper = (245, 243, 236), (215, 212, 205), (90, 150, 120)
    c.rect((60, 120, 260, 196), marble)
    c.rect((160, 120, 260, 196), shade)
    for cx in (80, 240):
        c.poly(dome(cx, 120, 44, 26), copper)
        cross(c, cx, 88, 5, (220, 180, 60))
    c.rect((100, 80, 220, 124), marble)
    c.poly(dome(160, 82, 110, 58), copper)
    c.rect((152, 20, 168, 26), copper)
    cross(c, 160, 10, 9, (220, 180, 60))
    for i in range(10):
        x = 108 + i * 11
        c.chord((x, 90, x + 6, 104), 180, 360, (70, 80, 90))
        c.rect((x, 97, x + 6, 112), (70, 80, 90))
    c.chord((140, 150, 180, 185), 180, 360, (90, 80, 70))
    c.rect((140, 168, 180, 196), (90, 80, 70))
    for i in range(4):
        c.rect((40 - i * 6, 196 + i * 6, 280 + i * 6, 202 + i * 6), mix(shade, marble, i / 4))


def serbian_arms(c: Canvas, x: float, y: float, s: float) -> None:
    """Simplified Serbian coat of arms: crowned red shield with a cross and four ocila."""
    c.poly([(x - 8 * s, y - 26 * s), (x, y - 34 * s), (x + 8 * s, y - 26 * s)], (230, 190, 60))
    c.rect((x - 10 * s, y - 28 * s, x + 10 * s, y - 24 * s), (230, 190, 60))
    c.poly([(x - 18 * s, y - 22 * s), (x + 18 * s, y - 22 * s), (x + 18 * s, y + 4 * s),
            (x, y + 22 * s), (x - 18 * s, y + 4 * s)], (200, 30, 40))
    c.rect((x - 2 * s, y - 20 * s, x + 2 * s, y + 18 * s), (255, 255, 255))
    c.rect((x - 16 * s, y - 4 * s, x + 16 * s, y), (255, 255, 255))
    for dx, dy, a0, a1 in ((-9, -12, 300, 60), (9, -12, 120, 240), (-9, 9, 300, 60),
                           (9, 9, 120, 240)):
        c.arc((x + dx * s - 4 * s, y + dy * s - 4 * s, x + dx * s + 4 * s, y + dy * s + 4 * s),
              a0, a1, (255, 255, 255), 1.5)


@scene("sr-02")
def serbian_flag(c: Canvas) -> None:
    """Flag of Serbia with the simplified coat of arms."""

    def paint(cv: Canvas, box: Box) -> None:
        hstripes(cv, box, [(198, 54, 60), (12, 64, 118), (255, 255, 255)])
        serbian_arms(cv, 120, 118, 1.6)

    flag_scene(c, paint)


@scene("sr-03")
def cevapi(c: Canvas) -> None:
    """Ćevapi in lepinja with chopped onion and kajmak on a wooden board."""
    table(c, (225, 215, 195), (120, 80, 50), 80)
    c.ellipse((30, 90, 290, 230), (180, 130, 80))
    c.ellipse((40, 96, 280, 222), (205, 155, 100))
    c.ellipse((70, 105, 250, 205), (230, 190, 130))
    c.ellipse((80, 112, 240, 198), (240, 210, 160))
    for i in range(10):
        x = 100 + (i % 5) * 26
        y = 130 + (i // 5) * 30
        c.ellipse((x - 6, y, x + 14, y + 28), (120, 65, 40))
        c.line([(x - 2, y + 6), (x + 4, y + 20)], (90, 45, 25), 1)
    dots(c, (200, 150, 240, 195), 20, 2.2, [(250, 250, 245), (230, 220, 240)])
    c.ellipse((210, 110, 245, 140), (252, 248, 230))


@scene("sr-04")
def kalemegdan(c: Canvas) -> None:
    """Belgrade Fortress with the Pobednik statue above the Sava and Danube confluence."""
    sky(c, (240, 170, 110), (250, 225, 180), 150)
    c.rect((0, 140, W, 150), (120, 120, 130))
    water(c, 150, (90, 110, 140), (200, 170, 150), 180)
    ground(c, 178, (90, 130, 70))
    stone = (190, 160, 120)
    c.rect((0, 150, 200, 200), stone)
    for x in range(0, 200, 16):
        c.rect((x, 142, x + 9, 152), stone)
    for y in range(160, 200, 10):
        c.line([(0, y), (200, y)], (165, 135, 100), 1)
    c.poly([(150, 200), (175, 140), (230, 140), (240, 200)], stone)
    c.rect((262, 120, 274, 200), (170, 160, 150))
    c.rect((258, 115, 278, 122), (170, 160, 150))
    fig = (40, 60, 60)
    c.rect((264, 92, 272, 115), fig)
    c.circle(268, 88, 4, fig)
    c.line([(272, 96), (282, 80)], fig, 2)
    c.circle(283, 78, 2.5, fig)
    c.line([(264, 96), (258, 112)], fig, 2)
    c.rect((0, 200, W, H), (110, 150, 80))


@scene("sr-05")
def studenica(c: Canvas) -> None:
    """White marble Church of the Virgin at Studenica monastery among green hills."""
    sky(c, (110, 170, 225), (220, 235, 248), 140)
    hills(c, 140, [(0, 100), (100, 80), (200, 105), (320, 85)], (70, 120, 70))
    ground(c, 170, (120, 160, 80))
    c.rect((0, 160, W, 175), (200, 190, 170))
    marble, shade, lead = (248, 246, 238), (220, 215, 205), (110, 115, 120)
    c.rect((60, 120, 250, 195), marble)
    c.rect((60, 120, 90, 195), shade)
    c.poly([(55, 122), (155, 100), (255, 122)], lead)
    c.chord((240, 130, 280, 195), 270, 90, marble)
    c.rect((140, 70, 176, 112), marble)
    c.poly(dome(158, 72, 44, 26), lead)
    cross(c, 158, 38, 7, (80, 80, 85))
    for x in (148, 164):
        c.chord((x, 80, x + 6, 96), 180, 360, (80, 80, 90))
        c.rect((x, 88, x + 6, 104), (80, 80, 90))
    c.chord((100, 140, 124, 170), 180, 360, (100, 80, 70))
    c.rect((100, 155, 124, 195), (100, 80, 70))
    c.rect((0, 175, 40, 200), (235, 230, 220))
    c.poly([(-4, 175), (20, 160), (44, 175)], (170, 80, 60))


@scene("sr-06")
def sljivovica(c: Canvas) -> None:
    """Bottle of šljivovica with small glasses and a basket of blue plums."""
    table(c, (225, 220, 200), (120, 80, 50), 140)
    for x, y in ((20, 20), (70, 50), (260, 30)):
        c.line([(x, y), (x + 40, y + 30)], (90, 60, 40), 3)
        c.ellipse((x + 10, y + 8, x + 22, y + 20), (70, 120, 60))
        c.circle(x + 30, y + 30, 7, (70, 60, 140))
    c.rect((130, 70, 180, 200), (210, 230, 225))
    c.rect((130, 120, 180, 200), (230, 215, 160))
    c.rect((148, 40, 162, 72), (210, 230, 225))
    c.rect((146, 30, 164, 42), (150, 90, 50))
    c.rect((138, 130, 172, 165), (250, 248, 240))
    c.circle(155, 147, 8, (70, 60, 140))
    for x in (200, 230):
        c.poly([(x, 170), (x + 16, 170), (x + 12, 200), (x + 4, 200)], (215, 235, 230))
        c.rect((x + 2, 178, x + 14, 200), (235, 220, 170))
    c.ellipse((30, 160, 110, 215), (150, 110, 60))
    dots(c, (38, 150, 102, 185), 16, 8, [(70, 55, 130), (90, 70, 150), (60, 45, 110)])


@scene("sr-07")
def golubac(c: Canvas) -> None:
    """Golubac Fortress climbing a cliff above the Danube."""
    sky(c, (100, 160, 220), (220, 235, 248), 150)
    hills(c, 150, [(0, 90), (120, 70), (220, 60), (320, 80)], (60, 100, 60))
    water(c, 160, (60, 100, 130), (130, 160, 190))
    stone, roof = (170, 160, 140), (70, 65, 65)
    c.poly([(40, 170), (120, 150), (200, 120), (260, 60), (320, 70), (320, 170)], (120, 110, 95))
    towers = [(60, 168, 24, 60), (110, 160, 24, 70), (160, 148, 26, 80), (205, 128, 24, 80),
              (245, 100, 26, 85), (285, 78, 28, 80)]
    for x, base, w, h in towers:
        c.rect((x - w / 2, base - h, x + w / 2, base), stone)
        c.rect((x, base - h, x + w / 2, base), mix(stone, (0, 0, 0), 0.15))
        c.poly([(x - w / 2 - 2, base - h), (x, base - h - w), (x + w / 2 + 2, base - h)], roof)
        c.rect((x - 2, base - h * 0.6, x + 2, base - h * 0.5), (50, 45, 45))
    c.line([(60, 140), (110, 125), (160, 110), (205, 90), (245, 70), (285, 50)], stone, 6)


@scene("sr-08")
def ajvar(c: Canvas) -> None:
    """Jar of ajvar with roasted red peppers and bread."""
    table(c, (235, 225, 205), (170, 130, 90), 110)
    c.rect((110, 70, 190, 200), (200, 70, 40))
    c.rect((110, 70, 190, 80), (230, 130, 90))
    c.rect((106, 56, 194, 72), (220, 60, 60))
    dots(c, (114, 60, 190, 70), 10, 2, [(255, 255, 255)])
    c.rect((112, 82, 120, 196), (235, 140, 110))
    for x, y, t in ((230, 140, 20), (260, 180, 160), (60, 150, -30)):
        pts = rotated([(x - 30, y), (x - 20, y - 14), (x + 20, y - 14), (x + 34, y),
                       (x + 20, y + 12), (x - 20, y + 12)], x, y, t)
        c.poly(pts, (190, 30, 25))
        dots(c, (x - 20, y - 8, x + 20, y + 8), 5, 3, [(60, 30, 20)])
        c.circle(*rotated([(x - 32, y)], x, y, t)[0], 4, (70, 110, 40))
    c.ellipse((30, 190, 110, 225), (230, 190, 130))
    c.ellipse((40, 195, 100, 218), (205, 80, 40))


@scene("sr-09")
def slava(c: Canvas) -> None:
    """Slava table: slavski kolač, a lit candle, žito and an icon."""
    c.rect((0, 0, W, 120), (120, 40, 40))
    c.rect((120, 10, 200, 100), (210, 170, 70))
    c.rect((126, 16, 194, 94), (120, 60, 40))
    c.circle(160, 40, 14, (240, 200, 80))
    c.circle(160, 42, 9, (220, 180, 140))
    c.poly([(146, 55), (174, 55), (182, 92), (138, 92)], (40, 60, 120))
    c.rect((0, 120, W, H), (250, 250, 245))
    for x in range(0, W, 20):
        c.line([(x, 120), (x - 30, H)], (230, 225, 210), 1)
    c.ellipse((70, 130, 230, 215), (190, 120, 50))
    c.ellipse((76, 128, 224, 200), (215, 150, 70))
    c.rect((146, 140, 154, 190), (235, 190, 110))
    c.rect((100, 160, 200, 168), (235, 190, 110))
    for x, y in ((118, 146), (182, 146), (118, 182), (182, 182)):
        c.circle(x, y, 7, (235, 190, 110))
    c.rect((240, 100, 250, 180), (245, 215, 120))
    c.poly([(245, 86), (240, 98), (245, 102), (250, 98)], (255, 180, 40))
    c.chord((20, 150, 80, 210), 0, 180, (230, 230, 235))
    c.ellipse((20, 168, 80, 190), (170, 130, 80))
    dots(c, (26, 170, 74, 188), 10, 2, [(120, 80, 40)])
    c.poly([(265, 150), (295, 150), (290, 200), (270, 200)], (130, 20, 40))


@scene("sr-10")
def gusle(c: Canvas) -> None:
    """Gusle, the one-stringed folk instrument, with its bow and a šajkača cap."""
    c.rect((0, 0, W, H), (200, 180, 150))
    for y in range(0, H, 20):
        c.line([(0, y), (W, y)], (180, 160, 130), 1)
    wood = (140, 85, 45)
    shape = rotated([(110, 200), (80, 170), (78, 130), (100, 108), (130, 108), (150, 130),
                     (148, 170), (120, 200)], 115, 150, 20)
    c.poly(shape, wood)
    c.ellipse((92, 130, 140, 180), (235, 220, 190))
    c.poly(rotated([(108, 108), (108, 20), (120, 20), (120, 108)], 115, 150, 20), wood)
    head = rotated([(104, 20), (106, 4), (120, 0), (128, 10), (120, 20)], 115, 150, 20)
    c.poly(head, (110, 65, 30))
    c.line(rotated([(114, 190), (114, 14)], 115, 150, 20), (230, 220, 200), 1)
    c.arc((150, 40, 300, 200), 200, 320, (120, 75, 40), 3)
    c.line([(163, 150), (250, 47)], (230, 220, 200), 1)
    cap = (95, 100, 75)
    c.poly([(200, 200), (210, 170), (290, 170), (300, 200)], cap)
    c.poly([(210, 170), (230, 150), (270, 150), (290, 170)], mix(cap, (0, 0, 0), 0.2))
    c.line([(230, 150), (250, 185), (270, 150)], mix(cap, (0, 0, 0), 0.35), 2)


# --------------------------------------------------------------------------- Thai


def prang(c: Canvas, cx: float, base: float, w: float, h: float, col: Color,
          band: Color) -> None:
    """Khmer-style prang tower with stacked tiers and a spire."""
    pts_r, pts_l = [], []
    for i in range(21):
        t = i / 20
        r = w / 2 * (1 - t) ** 0.55 * (1 - 0.25 * t)
        pts_r.append((cx + r, base - t * h))
        pts_l.append((cx - r, base - t * h))
    c.poly(pts_r + pts_l[::-1], col)
    for i in range(1, 9):
        t = i / 9
        r = w / 2 * (1 - t) ** 0.55 * (1 - 0.25 * t)
        c.line([(cx - r, base - t * h), (cx + r, base - t * h)], band, 1.5)
    c.line([(cx, base - h), (cx, base - h - h * 0.12)], band, 1.5)


@scene("th-01")
def wat_arun(c: Canvas) -> None:
    """Wat Arun, the Temple of Dawn, on the Chao Phraya River at sunset."""
    sky(c, (240, 130, 80), (255, 210, 150), 170)
    sun(c, 60, 150, 16, (255, 240, 200), (250, 170, 110))
    ground(c, 168, (120, 110, 90))
    white, band = (240, 232, 215), (170, 120, 110)
    for x, s in ((70, 0.45), (250, 0.45), (110, 0.3), (210, 0.3)):
        prang(c, x, 172, 60 * s * 2, 150 * s * 1.4, white, band)
    prang(c, 160, 172, 80, 150, white, band)
    dots(c, (130, 60, 190, 160), 60, 1.1, [(210, 80, 70), (70, 120, 170), (90, 150, 90)])
    water(c, 172, (170, 110, 80), (230, 170, 120))
    c.poly([(200, 205), (290, 205), (300, 196), (286, 212), (206, 212)], (120, 50, 40))
    c.rect((230, 198, 260, 205), (230, 200, 60))


@scene("th-02")
def thai_flag(c: Canvas) -> None:
    """Flag of Thailand."""
    red, white, blue = (165, 25, 49), (244, 245, 248), (45, 42, 74)
    flag_scene(c, lambda cv, box: hstripes(cv, box, [red, white, blue, white, red],
                                           [1, 1, 2, 1, 1]))


@scene("th-03")
def tom_yum(c: Canvas) -> None:
    """Tom yum goong with shrimp, mushrooms, lemongrass, lime and chilies."""
    table(c, (220, 205, 170), (110, 75, 45), 80)
    c.ellipse((60, 120, 240, 215), (70, 55, 45))
    c.chord((60, 80, 240, 215), 0, 180, (90, 70, 55))
    c.ellipse((60, 110, 240, 160), (110, 85, 65))
    c.ellipse((68, 114, 232, 156), (235, 110, 40))
    for x, y in ((100, 128), (150, 140), (190, 125)):
        c.arc((x - 14, y - 10, x + 14, y + 14), 180, 30, (250, 130, 90), 6)
    dots(c, (90, 118, 220, 152), 10, 4, [(240, 230, 210)])
    for i in range(4):
        c.line([(110 + i * 25, 134), (124 + i * 25, 124)], (200, 210, 150), 3)
    c.ellipse((180, 120, 200, 130), (60, 120, 40))
    for x in (250, 275):
        c.ellipse((x, 170, x + 26, 194), (120, 180, 60))
        c.ellipse((x + 3, 173, x + 23, 191), (210, 240, 160))
    for x in (30, 45):
        c.poly([(x, 190), (x + 6, 160), (x + 10, 162), (x + 6, 192)], (220, 30, 30))


@scene("th-04")
def songkran(c: Canvas) -> None:
    """Songkran water festival: splashing water from silver bowls in the sun."""
    sky(c, (60, 160, 230), (200, 235, 250), 150)
    sun(c, 280, 40, 18, (255, 245, 180), (150, 210, 245))
    ground(c, 150, (190, 185, 175))
    for x in range(0, W, 40):
        c.rect((x, 100, x + 34, 150), (230, 200 - x % 60, 150))
        c.rect((x + 8, 110, x + 24, 130), (90, 120, 150))
    person(c, 80, 220, 1.6, (240, 120, 60))
    dots(c, (70, 160, 100, 200), 10, 2.5, [(250, 220, 60), (230, 60, 120)])
    person(c, 240, 220, 1.6, (60, 160, 200))
    dots(c, (228, 160, 258, 200), 10, 2.5, [(250, 250, 250), (250, 200, 60)])
    c.chord((90, 112, 122, 140), 0, 180, (200, 205, 210))
    c.chord((218, 112, 250, 140), 0, 180, (200, 205, 210))
    for k in range(3):
        pts = [(106 + t * 12, 116 - 50 * math.sin(t / 10 * math.pi) - k * 4) for t in range(11)]
        c.line(pts, (120, 190, 240), 4)
    dots(c, (110, 60, 230, 140), 40, 2, [(150, 210, 250), (255, 255, 255)])


@scene("th-05")
def krathong(c: Canvas) -> None:
    """Banana-leaf krathong with flowers, candle and incense under a full moon."""
    sky(c, (10, 15, 50), (40, 40, 90), 130)
    sun(c, 230, 50, 22, (255, 250, 220), (50, 55, 110))
    water(c, 130, (20, 30, 70), (60, 70, 120))
    for x, y in ((40, 150), (90, 140), (270, 150), (300, 170)):
        c.circle(x, y, 3, (255, 200, 80))
    c.ellipse((70, 190, 250, 225), (40, 60, 40))
    for i in range(10):
        x = 80 + i * 17
        c.poly([(x, 200), (x + 8, 170), (x + 16, 200)], (70, 150, 60))
    c.ellipse((100, 160, 220, 200), (80, 160, 70))
    for i, col in enumerate(((250, 160, 30), (240, 90, 140), (250, 240, 230), (250, 160, 30),
                             (240, 90, 140))):
        c.circle(115 + i * 22, 172, 10, col)
        c.circle(115 + i * 22, 172, 4, (250, 220, 80))
    c.rect((155, 120, 165, 165), (250, 245, 220))
    sun(c, 160, 112, 4, (255, 230, 120), (60, 60, 100))
    for dx in (-16, -12, 12):
        c.line([(160 + dx, 165), (160 + dx * 1.5, 120)], (180, 60, 60), 1)
    c.line([(120, 228), (200, 228)], (250, 200, 100), 1)


@scene("th-06")
def tuk_tuk(c: Canvas) -> None:
    """Colourful tuk-tuk on a Bangkok street."""
    sky(c, (120, 180, 230), (230, 240, 250), 120)
    for x, h, col in ((0, 80, (230, 200, 160)), (60, 100, (200, 210, 220)),
                      (140, 70, (240, 220, 180)), (210, 110, (210, 190, 200)),
                      (270, 90, (230, 215, 190))):
        c.rect((x, 150 - h, x + 58, 150), col)
        for y in range(int(160 - h), 145, 14):
            c.rect((x + 8, y, x + 18, y + 8), (90, 110, 140))
            c.rect((x + 34, y, x + 44, y + 8), (90, 110, 140))
    ground(c, 150, (110, 110, 115))
    c.rect((0, 198, W, 202), (240, 240, 240))
    body, roof = (40, 120, 200), (240, 60, 80)
    c.poly([(70, 190), (90, 130), (120, 126), (250, 126), (250, 190)], body)
    c.poly([(80, 124), (100, 96), (256, 96), (262, 124)], roof)
    for x in (104, 150, 200, 248):
        c.rect((x, 120, x + 4, 130), (40, 40, 40))
    c.rect((130, 140, 240, 170), (250, 220, 60))
    c.circle(80, 160, 6, (255, 250, 200))
    for x in (95, 225):
        c.circle(x, 190, 16, (30, 30, 30))
        c.circle(x, 190, 7, (180, 180, 185))


@scene("th-07")
def thai_elephant(c: Canvas) -> None:
    """Thai elephant with a red and gold ceremonial headdress in the jungle."""
    sky(c, (140, 190, 220), (220, 235, 240), 150)
    hills(c, 150, [(0, 120), (120, 100), (320, 115)], (60, 110, 60))
    rng = random.Random(57)
    for _ in range(30):
        c.circle(rng.uniform(0, W), rng.uniform(100, 150), rng.uniform(8, 16), (50, 100, 50))
    ground(c, 185, (150, 130, 90))
    grey = (130, 125, 125)
    c.ellipse((90, 100, 240, 190), grey)
    for x in (105, 140, 190, 220):
        c.rect((x, 160, x + 22, 220), grey)
        c.rect((x, 214, x + 22, 220), (200, 195, 185))
    c.ellipse((40, 80, 120, 160), grey)
    c.ellipse((80, 86, 130, 150), (115, 110, 110))
    c.line([(56, 140), (48, 175), (40, 200), (50, 210)], grey, 12)
    c.line([(70, 145), (48, 150)], (245, 240, 225), 4)
    c.circle(72, 110, 3, (30, 30, 30))
    c.poly([(45, 82), (110, 82), (100, 105), (70, 125), (55, 105)], (200, 30, 40))
    dots(c, (55, 85, 100, 110), 14, 2, [(240, 200, 60)])
    c.poly([(130, 100), (210, 100), (200, 140), (140, 140)], (200, 30, 40))
    c.rect((130, 100, 210, 106), (240, 200, 60))
    c.rect((140, 134, 200, 140), (240, 200, 60))
    c.line([(240, 120), (252, 160)], grey, 3)


@scene("th-08")
def mango_sticky_rice(c: Canvas) -> None:
    """Mango sticky rice with coconut cream on a banana leaf."""
    table(c, (250, 235, 200), (200, 160, 110), 70)
    c.ellipse((40, 100, 290, 225), (60, 130, 50))
    c.line([(50, 165), (280, 160)], (100, 170, 80), 2)
    plate(c, 165, 160, 200, 100, (250, 250, 245), (230, 230, 225))
    c.ellipse((80, 120, 160, 190), (250, 250, 240))
    dots(c, (84, 124, 156, 186), 40, 2.5, [(240, 240, 230), (255, 255, 250)])
    for i in range(5):
        x = 170 + i * 12
        c.chord((x - 10, 115 + i * 3, x + 22, 200 - i * 2), 270, 90, (250, 180, 30))
        c.chord((x - 6, 118 + i * 3, x + 16, 196 - i * 2), 270, 90, (255, 200, 60))
    c.line([(90, 150), (110, 140), (130, 152), (150, 145)], (255, 250, 235), 4)
    dots(c, (90, 125, 150, 160), 14, 1.8, [(230, 200, 60)])


@scene("th-09")
def floating_market(c: Canvas) -> None:
    """Damnoen Saduak floating market: boats full of fruit and vendors in straw hats."""
    sky(c, (130, 185, 230), (225, 238, 248), 90)
    for x in range(0, W, 70):
        c.rect((x, 60, x + 62, 110), (150, 100, 60))
        c.poly([(x - 4, 62), (x + 31, 38), (x + 66, 62)], (120, 60, 40))
        c.rect((x + 20, 78, x + 42, 100), (70, 50, 30))
    water(c, 110, (110, 120, 80), (150, 160, 110))
    for x, y in ((20, 150), (150, 190), (60, 225)):
        c.poly([(x, y), (x + 140, y), (x + 150, y - 10), (x + 130, y + 10), (x + 10, y + 10)],
               (100, 60, 35))
        dots(c, (x + 50, y - 14, x + 130, y + 2), 18, 5,
             [(250, 180, 30), (220, 40, 60), (120, 180, 50), (240, 120, 30)])
        c.rect((x + 16, y - 30, x + 34, y), (40, 80, 150))
        c.circle(x + 25, y - 36, 6, (220, 180, 140))
        c.poly([(x + 4, y - 38), (x + 25, y - 52), (x + 46, y - 38)], (230, 200, 120))


@scene("th-10")
def yi_peng(c: Canvas) -> None:
    """Sky lanterns (khom loi) rising over Chiang Mai during Yi Peng."""
    sky(c, (10, 10, 40), (60, 40, 80), 200)
    rng = random.Random(60)
    for _ in range(30):
        x, y, s = rng.uniform(10, 310), rng.uniform(10, 170), rng.uniform(0.4, 1.3)
        c.circle(x, y + 6 * s, 10 * s, (120, 70, 50))
        c.poly([(x - 6 * s, y - 8 * s), (x + 6 * s, y - 8 * s), (x + 8 * s, y + 8 * s),
                (x - 8 * s, y + 8 * s)], (255, 180 + int(s * 30), 80))
        c.circle(x, y + 6 * s, 2.5 * s, (255, 250, 200))
    c.poly([(0, 240), (0, 200), (60, 205), (100, 190), (130, 170), (140, 150), (150, 170),
            (180, 190), (230, 200), (320, 195), (320, 240)], (15, 15, 25))
    for x in (60, 110, 200, 260):
        person(c, x, 240, 0.6, (20, 20, 30), (20, 20, 30), (20, 20, 30))


# --------------------------------------------------------------------------- Vietnamese


def non_la(c: Canvas, x: float, y: float, w: float, col: Color = (235, 215, 160)) -> None:
    """Conical palm-leaf hat (nón lá); (x, y) is the middle of the brim."""
    c.poly([(x - w / 2, y), (x, y - w * 0.42), (x + w / 2, y)], col)
    for k in (0.3, 0.6):
        c.line([(x - w / 2 * k, y - w * 0.42 * (1 - k)), (x + w / 2 * k, y - w * 0.42 * (1 - k))],
               mix(col, (0, 0, 0), 0.2), 1)


@scene("vi-01")
def pho(c: Canvas) -> None:
    """Bowl of phở bò with rice noodles, beef, herbs, lime and chili."""
    table(c, (215, 200, 170), (130, 90, 55), 70)
    bowl(c, 140, 130, 190, 80, (245, 245, 240), (200, 150, 80))
    c.arc((60, 80, 220, 200), 30, 150, (40, 90, 160), 3)
    for i in range(6):
        y = 124 + i * 3
        pts = [(70 + t * 14, y + math.sin(t + i) * 3) for t in range(11)]
        c.line(pts, (250, 245, 230), 2)
    for x, y in ((100, 118), (130, 114), (160, 118), (185, 124)):
        c.ellipse((x - 14, y - 6, x + 14, y + 6), (150, 80, 70))
    dots(c, (70, 112, 210, 148), 30, 2, [(80, 160, 60), (240, 250, 220)])
    c.poly([(240, 90), (300, 96), (310, 150), (246, 156)], (245, 245, 240))
    for i in range(6):
        c.ellipse((248 + i * 8, 100 + (i % 3) * 12, 264 + i * 8, 112 + (i % 3) * 12),
                  (60, 140, 60))
    dots(c, (250, 130, 300, 150), 14, 2, [(250, 245, 210)])
    c.ellipse((252, 170, 282, 196), (120, 190, 60))
    c.ellipse((256, 174, 278, 192), (210, 240, 150))
    c.line([(20, 220), (120, 180)], (150, 100, 60), 3)
    c.line([(26, 226), (126, 186)], (150, 100, 60), 3)


@scene("vi-02")
def vietnam_flag(c: Canvas) -> None:
    """Flag of Vietnam."""

    def paint(cv: Canvas, box: Box) -> None:
        x0, y0, x1, y1 = box
        cv.rect(box, (218, 37, 29))
        star(cv, (x0 + x1) / 2, (y0 + y1) / 2 + 4, (y1 - y0) * 0.33, (255, 205, 0))

    flag_scene(c, paint)


@scene("vi-03")
def turtle_tower(c: Canvas) -> None:
    """Turtle Tower on its islet in Hoàn Kiếm Lake, with the red Thê Húc bridge."""
    sky(c, (150, 190, 220), (230, 235, 235), 130)
    for x in range(-10, W, 28):
        c.circle(x, 122, 18, (60, 110, 60))
    water(c, 130, (90, 130, 100), (140, 170, 140))
    c.ellipse((90, 170, 230, 195), (90, 130, 60))
    c.ellipse((110, 166, 210, 186), (110, 150, 70))
    ochre = (200, 180, 140)
    c.rect((130, 120, 190, 178), ochre)
    for x in (136, 156, 176):
        c.chord((x, 136, x + 10, 156), 180, 360, (80, 70, 60))
        c.rect((x, 146, x + 10, 170), (80, 70, 60))
    c.rect((140, 92, 180, 122), ochre)
    c.chord((154, 100, 166, 116), 180, 360, (80, 70, 60))
    c.rect((154, 108, 166, 120), (80, 70, 60))
    c.rect((150, 72, 170, 94), ochre)
    c.circle(160, 82, 4, (80, 70, 60))
    for y, w in ((120, 70), (92, 50), (72, 30)):
        c.poly([(160 - w / 2 - 4, y + 2), (160 - w / 2, y - 3), (160 + w / 2, y - 3),
                (160 + w / 2 + 4, y + 2)], (150, 140, 120))
    c.poly([(152, 70), (160, 58), (168, 70)], (150, 140, 120))
    c.arc((230, 130, 330, 200), 180, 360, (200, 40, 40), 5)
    for x in range(240, 320, 12):
        c.line([(x, 168 - 30 * math.sin(math.pi * (x - 230) / 100)), (x, 140)],
               (200, 40, 40), 1)


@scene("vi-04")
def ha_long(c: Canvas) -> None:
    """Limestone karsts of Hạ Long Bay with a junk boat under brown sails."""
    sky(c, (170, 200, 215), (230, 235, 230), 150)
    for x, w, h, col in ((30, 50, 90, (150, 170, 165)), (110, 40, 110, (150, 170, 165)),
                         (260, 60, 95, (150, 170, 165)), (60, 60, 70, (90, 120, 100)),
                         (190, 50, 120, (80, 110, 90)), (300, 40, 80, (90, 120, 100))):
        c.poly([(x - w / 2, 150), (x - w / 2 + 4, 150 - h * 0.7), (x - w / 4, 150 - h),
                (x + w / 4, 150 - h * 0.96), (x + w / 2 - 3, 150 - h * 0.6), (x + w / 2, 150)],
               col)
        c.rect((x - w / 2 + 2, 146, x + w / 2 - 2, 152), mix(col, (0, 0, 0), 0.3))
    water(c, 150, (70, 150, 140), (130, 190, 180))
    hull = (110, 60, 35)
    c.poly([(100, 205), (220, 205), (232, 190), (206, 214), (112, 214)], hull)
    c.poly([(104, 195), (226, 195), (226, 205), (100, 205)], (140, 80, 45))
    for mx, top, w in ((135, 120, 40), (175, 110, 46), (210, 140, 28)):
        c.line([(mx, 195), (mx, top - 4)], (70, 40, 25), 2)
        sail = [(mx, top), (mx + w, top + 6), (mx + w + 4, 192), (mx, 192)]
        c.poly(sail, (170, 80, 45))
        for k in range(1, 6):
            y = top + k * (192 - top) / 6
            c.line([(mx, y), (mx + w + k * 0.6, y + 2)], (120, 55, 30), 1)


@scene("vi-05")
def ao_dai(c: Canvas) -> None:
    """Young woman in a white áo dài and a nón lá beside a lotus pond."""
    sky(c, (170, 210, 235), (240, 240, 230), 150)
    c.rect((0, 60, W, 150), (240, 210, 120))
    for x in range(10, W, 60):
        c.rect((x, 80, x + 24, 120), (60, 110, 80))
    water(c, 150, (80, 130, 110), (120, 170, 150))
    for x, y in ((40, 190), (90, 210), (250, 200), (290, 180), (220, 225)):
        c.ellipse((x - 18, y - 8, x + 18, y + 8), (60, 140, 60))
        c.poly([(x - 5, y - 8), (x, y - 24), (x + 5, y - 8)], (240, 140, 170))
    c.rect((150, 76, 170, 132), (30, 25, 25))
    c.rect((150, 175, 170, 235), (250, 250, 250))
    c.poly([(144, 90), (176, 90), (182, 200), (160, 215), (138, 200)], (252, 252, 250))
    c.line([(160, 150), (160, 213)], (220, 225, 230), 1)
    c.poly([(144, 92), (130, 150), (138, 152), (150, 100)], (252, 252, 250))
    c.poly([(176, 92), (190, 150), (182, 152), (170, 100)], (252, 252, 250))
    c.rect((154, 84, 166, 94), (235, 200, 170))
    c.circle(160, 76, 11, (235, 200, 170))
    non_la(c, 160, 68, 62)


@scene("vi-06")
def hoi_an(c: Canvas) -> None:
    """Silk lanterns glowing over the yellow old houses of Hội An at night."""
    sky(c, (20, 25, 60), (50, 50, 90), 90)
    for x in range(0, W, 80):
        c.rect((x, 70, x + 76, 170), (225, 185, 70))
        c.poly([(x - 4, 72), (x + 38, 50), (x + 80, 72)], (110, 60, 40))
        c.rect((x + 12, 110, x + 30, 170), (100, 60, 40))
        c.rect((x + 44, 100, x + 64, 130), (250, 220, 140))
    water(c, 170, (30, 35, 70), (180, 120, 60))
    cols = [(220, 40, 40), (250, 180, 40), (240, 100, 30), (200, 40, 120), (60, 120, 200)]
    for row, y in enumerate((30, 60, 92)):
        c.line([(0, y - 18), (W, y - 12)], (60, 50, 40), 1)
        for i in range(7):
            x = 20 + i * 46 + row * 12
            col = cols[(i + row) % len(cols)]
            c.line([(x, y - 16), (x, y - 10)], (60, 50, 40), 1)
            sun(c, x, y, 9, col)
            c.rect((x - 4, y - 11, x + 4, y - 9), (220, 180, 60))
            c.rect((x - 4, y + 9, x + 4, y + 11), (220, 180, 60))
            c.line([(x, y + 11), (x, y + 18)], col, 1)
            c.ellipse((x - 5, 190 + row * 12, x + 5, 196 + row * 12), mix(col, (30, 35, 70), 0.4))


@scene("vi-07")
def banh_mi(c: Canvas) -> None:
    """Bánh mì filled with pâté, cold cuts, pickled carrot and daikon, herbs and chili."""
    table(c, (240, 225, 195), (170, 120, 75), 90)
    c.poly([(20, 200), (60, 120), (300, 110), (280, 210)], (250, 250, 245))
    c.line([(20, 200), (60, 120)], (210, 210, 205), 1)
    crust = (215, 150, 70)
    c.ellipse((40, 120, 290, 190), crust)
    c.ellipse((50, 126, 280, 160), (240, 220, 170))
    c.ellipse((56, 140, 276, 168), (150, 90, 60))
    for i in range(14):
        x = 62 + i * 15
        c.line([(x, 140), (x + 10, 150)], (240, 130, 50) if i % 2 else (250, 250, 240), 3)
    for i in range(7):
        c.ellipse((70 + i * 28, 130, 96 + i * 28, 144), (235, 150, 150))
    dots(c, (70, 124, 270, 140), 20, 3, [(60, 150, 60), (90, 170, 70)])
    dots(c, (80, 126, 260, 142), 5, 2.5, [(220, 30, 30)])
    c.ellipse((40, 150, 290, 192), crust)
    for i in range(5):
        x = 80 + i * 42
        c.line([(x, 170), (x + 20, 160)], (190, 120, 50), 2)


@scene("vi-08")
def rice_terraces(c: Canvas) -> None:
    """Golden rice terraces of Mù Cang Chải with a farmer in a nón lá."""
    sky(c, (140, 190, 230), (230, 238, 245), 80)
    hills(c, 80, [(0, 40), (100, 30), (200, 50), (320, 35)], (90, 120, 100))
    cols = [(200, 180, 60), (170, 170, 60), (220, 190, 70), (140, 160, 60)]
    for i in range(16):
        y = 60 + i * 12
        pts = [(x, y + 10 * math.sin(x / 50 + i * 0.5)) for x in range(0, W + 20, 20)]
        c.poly([*pts, (W, H), (0, H)], cols[i % 4])
        c.line(pts, mix(cols[i % 4], (0, 0, 0), 0.35), 1.5)
    c.rect((226, 100, 262, 130), (140, 100, 60))
    c.poly([(220, 102), (244, 84), (268, 102)], (110, 80, 50))
    person(c, 90, 200, 1.0, (60, 60, 90))
    non_la(c, 90, 138, 34)


@scene("vi-09")
def one_pillar_pagoda(c: Canvas) -> None:
    """One Pillar Pagoda rising from its lotus pond in Hanoi."""
    sky(c, (130, 180, 225), (225, 235, 245), 120)
    for x in range(-10, W, 34):
        c.circle(x, 110, 24, (60, 110, 60))
    c.rect((0, 120, W, 130), (150, 140, 130))
    water(c, 130, (70, 110, 90), (110, 150, 130))
    for x, y in ((40, 170), (80, 210), (240, 180), (280, 215), (200, 225)):
        c.ellipse((x - 20, y - 8, x + 20, y + 8), (70, 150, 70))
    c.poly([(48, 160), (52, 146), (56, 160)], (240, 140, 170))
    c.rect((150, 110, 170, 200), (170, 165, 155))
    c.rect((110, 100, 210, 112), (120, 70, 40))
    c.rect((120, 70, 200, 100), (140, 40, 30))
    for x in range(126, 200, 12):
        c.rect((x, 76, x + 6, 96), (230, 200, 120))
    pts = [(96, 62), (110, 72), (210, 72), (224, 62), (205, 56), (180, 40), (140, 40), (115, 56)]
    c.poly(pts, (80, 75, 70))
    c.poly([(150, 40), (160, 30), (170, 40)], (220, 180, 60))
    c.circle(160, 28, 4, (220, 180, 60))


@scene("vi-10")
def tet(c: Canvas) -> None:
    """Tết still life: bánh chưng, a peach blossom branch and red lì xì envelopes."""
    c.rect((0, 0, W, 130), (180, 30, 30))
    for x in range(20, W, 60):
        c.poly([(x, 20), (x + 14, 34), (x, 48), (x - 14, 34)], (220, 170, 50))
    c.rect((0, 130, W, H), (120, 70, 40))
    c.poly([(250, 130), (270, 130), (275, 190), (245, 190)], (60, 100, 150))
    branch = (70, 40, 30)
    c.line([(260, 130), (240, 80), (200, 40), (170, 20)], branch, 3)
    c.line([(240, 80), (290, 40), (310, 10)], branch, 2)
    c.line([(200, 40), (210, 10)], branch, 2)
    rng = random.Random(80)
    for _ in range(26):
        x, y = rng.uniform(170, 315), rng.uniform(5, 110)
        for a in range(0, 360, 72):
            r = math.radians(a)
            c.circle(x + 3.5 * math.cos(r), y + 3.5 * math.sin(r), 3, (250, 170, 190))
        c.circle(x, y, 1.5, (250, 230, 120))
    c.poly([(40, 170), (110, 140), (200, 160), (130, 200)], (60, 120, 50))
    c.poly([(40, 170), (130, 200), (130, 225), (40, 195)], (40, 95, 40))
    c.poly([(130, 200), (200, 160), (200, 185), (130, 225)], (50, 110, 45))
    bamboo = (230, 210, 160)
    c.line([(75, 155), (165, 180), (165, 205)], bamboo, 2)
    c.line([(165, 150), (85, 185), (85, 210)], bamboo, 2)
    for i, x in enumerate((215, 250, 285)):
        pts = rotated([(x - 12, 200), (x + 12, 200), (x + 12, 232), (x - 12, 232)], x, 216,
                      (i - 1) * 12)
        c.poly(pts, (210, 30, 30))
        c.circle(x, 210, 4, (240, 200, 60))


# --------------------------------------------------------------------------- main


def render(image_id: str) -> Image.Image:
    """Draw one registered scene with a seed derived from its id."""
    seed = sum((i + 1) * ord(ch) for i, ch in enumerate(image_id))
    canvas = Canvas(seed)
    SCENES[image_id](canvas)
    return canvas.finish()


def main(argv: Sequence[str]) -> int:
    """Render every scene (or the ids given) into ``images/<lang>/<id>.png``."""
    ids = list(argv) or sorted(SCENES)
    for image_id in ids:
        out = HERE / "images" / image_id.split("-")[0] / f"{image_id}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        render(image_id).save(out, format="PNG", optimize=True)
    print(f"wrote {len(ids)} images under {HERE / 'images'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
