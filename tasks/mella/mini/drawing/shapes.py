"""Reusable scenery and object helpers (sky, ground, water, shading, flags, plates).

They are shared by several languages; keeping them in one module keeps the scenes short and
gives every image the same visual vocabulary.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PIL import Image

from .canvas import SS, Box, Canvas, Color, H, Point, W


def mix(a: Color, b: Color, t: float) -> Color:
    """Linear blend of two colours."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


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


def star(
    c: Canvas,
    x: float,
    y: float,
    r: float,
    col: Color,
    n: int = 5,
    inner: float = 0.38,
    rot: float = -90,
) -> None:
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
    return [
        (cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca) for x, y in points
    ]


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
    return [
        (cx + w / 2 * math.cos(math.radians(a)), base - h * math.sin(math.radians(a)))
        for a in range(0, 181, 10)
    ]


def stripes(cols: Sequence[Color], width: float, slant: float = 0.0) -> Callable[[Canvas], None]:
    """Painter for diagonal stripes in repeating colours."""

    def paint(layer: Canvas) -> None:
        x = -H * 2.0
        i = 0
        while x < W + H:
            layer.poly(
                [(x, 0), (x + width, 0), (x + width + slant * H, H), (x + slant * H, H)],
                cols[i % len(cols)],
            )
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


def plate(
    c: Canvas,
    cx: float,
    cy: float,
    w: float,
    h: float,
    col: Color = (246, 246, 240),
    rim: Color = (214, 218, 222),
) -> None:
    """Round plate seen at an angle, with its shadow."""
    c.ellipse(
        (cx - w / 2 + 4, cy - h / 2 + 6, cx + w / 2 + 4, cy + h / 2 + 6),
        mix(rim, (40, 30, 20), 0.6),
    )
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


def flag_scene(
    c: Canvas,
    painter: Callable[[Canvas, Box], None],
    skytop: Color = (90, 150, 220),
    skybot: Color = (190, 220, 245),
) -> None:
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
        c.img.paste(
            Image.blend(layer, Image.new("RGB", layer.size, shade), 0.08),
            (int(x * SS), int(34 * SS)),
        )


def hstripes(
    c: Canvas, box: Box, cols: Sequence[Color], weights: Sequence[float] | None = None
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


def person(
    c: Canvas,
    x: float,
    y: float,
    s: float,
    body: Color,
    skin: Color = (226, 180, 140),
    hair: Color = (40, 30, 25),
) -> None:
    """Simple standing figure; (x, y) is the feet position."""
    c.rect((x - 6 * s, y - 26 * s, x - 2 * s, y), (60, 60, 80))
    c.rect((x + 2 * s, y - 26 * s, x + 6 * s, y), (60, 60, 80))
    c.poly(
        [
            (x - 10 * s, y - 24 * s),
            (x + 10 * s, y - 24 * s),
            (x + 8 * s, y - 52 * s),
            (x - 8 * s, y - 52 * s),
        ],
        body,
    )
    c.circle(x, y - 60 * s, 8 * s, skin)
    c.chord((x - 8 * s, y - 69 * s, x + 8 * s, y - 55 * s), 180, 360, hair)
