"""Arabic scenes ``ar-01``..``ar-10``: Gulf and Levant landmarks, flag and dishes.

Each language lives in its own module so that a reviewer of one language's images reads only
the code that draws them; helpers used by a single language (``minaret``) stay here.
"""

from __future__ import annotations

import math

from .canvas import Box, Canvas, Color, H, W, scene, seeded
from .shapes import (
    dots,
    flag_scene,
    ground,
    hstripes,
    mix,
    onion,
    plate,
    rotated,
    sky,
    sun,
    table,
    water,
)


def minaret(c: Canvas, x: float, base: float, top: float, w: float, col: Color, cap: Color) -> None:
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
            c.line([(x, 150), (x + 16 * math.cos(r), 150 + 10 * math.sin(r) + 6)], (60, 120, 50), 3)


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
        c.poly(
            rotated([(x - 28, y), (x + 28, y), (x, y + 30)], x, y, i * 25 - 10),
            (222, 186, 120),
            (190, 150, 90),
        )
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
    rng = seeded(6)
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
        c.poly(
            [(x0, 64), (x0 + 12, 64), (x0 + 13 + (i - 1.5) * 1, 146), (x0 - 1 + (i - 1.5), 146)],
            panes[i],
        )
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
        c.poly(
            [(x, 52), (x + 36, 40), (x + 36, 52)] if x == 88 else [(x, 40), (x + 36, 52), (x, 52)],
            (236, 170, 140),
        )
    for x in (142, 156, 170):
        c.rect((x, 44, x + 6, 100), light)


@scene("ar-08")
def burj_khalifa(c: Canvas) -> None:
    """Burj Khalifa rising above the Dubai skyline at dusk."""
    sky(c, (40, 60, 120), (240, 160, 110), 200)
    for i, (x, h) in enumerate(
        ((10, 60), (40, 90), (72, 70), (205, 95), (235, 60), (262, 110), (292, 80))
    ):
        c.rect((x, 200 - h, x + 26, 205), (60 + i * 4, 70, 100))
        for y in range(int(205 - h) + 6, 200, 10):
            c.line([(x + 4, y), (x + 22, y)], (240, 200, 120), 1)
    water(c, 205, (40, 70, 110), (90, 120, 160))
    glass = (170, 190, 215)
    segs = [(60, 205, 120), (48, 170, 95), (36, 130, 70), (26, 95, 45), (16, 62, 25), (8, 35, 12)]
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
    rng = seeded(9)
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
