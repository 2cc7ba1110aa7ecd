"""Russian scenes ``ru-01``..``ru-10``: Moscow and Kizhi churches, flag, crafts, food, Baikal.

Each language lives in its own module so that a reviewer of one language's images reads only
the code that draws them; helpers used only here (swirled domes, matryoshka) stay here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .canvas import Canvas, Color, H, W, scene, seeded
from .shapes import (
    bowl,
    dots,
    flag_scene,
    ground,
    hstripes,
    mix,
    onion,
    plate,
    sky,
    star,
    stripes,
    table,
    water,
)


def swirl_dome(
    c: Canvas, cx: float, base: float, w: float, h: float, cols: Sequence[Color], slant: float
) -> None:
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
    flag_scene(c, lambda cv, box: hstripes(cv, box, [(255, 255, 255), (0, 57, 166), (213, 43, 30)]))


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
    c.pattern(
        [(155, 90), (210, 90), (210, 200), (155, 200)],
        stripes([(230, 185, 80), (200, 150, 50)], 8, 0),
    )
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
        c.circle(x + 6 * s * math.cos(r), base - 28 * s + 6 * s * math.sin(r), 4 * s, (220, 40, 40))
    c.circle(x, base - 28 * s, 3.5 * s, (250, 200, 40))


@scene("ru-05")
def matryoshkas(c: Canvas) -> None:
    """Row of nesting matryoshka dolls from large to small."""
    table(c, (230, 215, 170), (160, 100, 55), 170)
    specs = [
        (60, 1.7, (200, 30, 40), (250, 200, 40)),
        (145, 1.35, (40, 100, 180), (200, 30, 40)),
        (212, 1.05, (250, 190, 40), (40, 130, 70)),
        (262, 0.8, (200, 30, 40), (40, 90, 170)),
        (298, 0.55, (40, 130, 70), (250, 190, 40)),
    ]
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
    shape = [
        (50 + 100 + 100 * math.cos(math.radians(a)), 120 + 80 * math.sin(math.radians(a)))
        for a in range(0, 181, 6)
    ]

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
    c.poly(
        [(0, 110), (60, 70), (110, 95), (170, 60), (240, 90), (320, 75), (320, 112), (0, 112)],
        (120, 130, 150),
    )
    for x, y in ((60, 70), (170, 60), (320, 75)):
        c.poly([(x - 18, y + 14), (x, y), (x + 18, y + 14)], (250, 250, 255))
    c.rect((0, 110, W, H), (60, 150, 190))
    rng = seeded(40)
    for _ in range(14):
        x, y = rng.uniform(0, W), rng.uniform(130, 240)
        pts = [(x, y)]
        for _ in range(5):
            x, y = x + rng.uniform(-30, 30), y + rng.uniform(-12, 12)
            pts.append((x, y))
        c.line(pts, (220, 240, 250), 1)
    for x, y, s in ((60, 160, 1.0), (200, 140, 0.7), (250, 210, 1.3)):
        c.poly(
            [
                (x - 30 * s, y),
                (x - 10 * s, y - 40 * s),
                (x + 5 * s, y - 15 * s),
                (x + 20 * s, y - 35 * s),
                (x + 35 * s, y),
            ],
            (150, 220, 230),
        )
        c.poly([(x - 10 * s, y - 40 * s), (x + 5 * s, y - 15 * s), (x, y)], (100, 190, 215))
