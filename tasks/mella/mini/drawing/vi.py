"""Vietnamese scenes ``vi-01``..``vi-10``: Hanoi landmarks, Ha Long, Hoi An, ao dai, food, Tet.

Each language lives in its own module so that a reviewer of one language's images reads only
the code that draws them; helpers used only here (the non la hat) stay here.
"""

from __future__ import annotations

import math

from .canvas import Box, Canvas, Color, H, W, scene, seeded
from .shapes import (
    bowl,
    dots,
    flag_scene,
    hills,
    mix,
    person,
    rotated,
    sky,
    star,
    sun,
    table,
    water,
)


def non_la(c: Canvas, x: float, y: float, w: float, col: Color = (235, 215, 160)) -> None:
    """Conical palm-leaf hat (nón lá); (x, y) is the middle of the brim."""
    c.poly([(x - w / 2, y), (x, y - w * 0.42), (x + w / 2, y)], col)
    for k in (0.3, 0.6):
        c.line(
            [(x - w / 2 * k, y - w * 0.42 * (1 - k)), (x + w / 2 * k, y - w * 0.42 * (1 - k))],
            mix(col, (0, 0, 0), 0.2),
            1,
        )


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
        c.ellipse((248 + i * 8, 100 + (i % 3) * 12, 264 + i * 8, 112 + (i % 3) * 12), (60, 140, 60))
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
        c.poly(
            [
                (160 - w / 2 - 4, y + 2),
                (160 - w / 2, y - 3),
                (160 + w / 2, y - 3),
                (160 + w / 2 + 4, y + 2),
            ],
            (150, 140, 120),
        )
    c.poly([(152, 70), (160, 58), (168, 70)], (150, 140, 120))
    c.arc((230, 130, 330, 200), 180, 360, (200, 40, 40), 5)
    for x in range(240, 320, 12):
        c.line([(x, 168 - 30 * math.sin(math.pi * (x - 230) / 100)), (x, 140)], (200, 40, 40), 1)


@scene("vi-04")
def ha_long(c: Canvas) -> None:
    """Limestone karsts of Hạ Long Bay with a junk boat under brown sails."""
    sky(c, (170, 200, 215), (230, 235, 230), 150)
    for x, w, h, col in (
        (30, 50, 90, (150, 170, 165)),
        (110, 40, 110, (150, 170, 165)),
        (260, 60, 95, (150, 170, 165)),
        (60, 60, 70, (90, 120, 100)),
        (190, 50, 120, (80, 110, 90)),
        (300, 40, 80, (90, 120, 100)),
    ):
        c.poly(
            [
                (x - w / 2, 150),
                (x - w / 2 + 4, 150 - h * 0.7),
                (x - w / 4, 150 - h),
                (x + w / 4, 150 - h * 0.96),
                (x + w / 2 - 3, 150 - h * 0.6),
                (x + w / 2, 150),
            ],
            col,
        )
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
    rng = seeded(80)
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
        pts = rotated(
            [(x - 12, 200), (x + 12, 200), (x + 12, 232), (x - 12, 232)], x, 216, (i - 1) * 12
        )
        c.poly(pts, (210, 30, 30))
        c.circle(x, 210, 4, (240, 200, 60))
