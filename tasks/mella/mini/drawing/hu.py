"""Hungarian scenes ``hu-01``..``hu-10``: Budapest landmarks, Balaton, flag, food, Rubik's cube.

Each language lives in its own module so that a reviewer of one language's images reads only
the code that draws them; helpers used only here (isometric cube projection) stay here.
"""

from __future__ import annotations

import math

from .canvas import Canvas, Color, H, Point, W, scene
from .shapes import (
    cloud,
    dome,
    dots,
    flag_scene,
    ground,
    hills,
    hstripes,
    mix,
    sky,
    stripes,
    sun,
    table,
    water,
)


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
        c.line(
            [(40 + i * 45, 180 + i % 2 * 14), (70 + i * 45, 180 + i % 2 * 14)], (220, 200, 150), 2
        )


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
    flag_scene(
        c, lambda cv, box: hstripes(cv, box, [(206, 41, 57), (255, 255, 255), (71, 112, 80)])
    )


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
    for x, h, col in (
        (130, 40, (240, 120, 30)),
        (160, 55, (250, 170, 40)),
        (190, 38, (240, 120, 30)),
        (160, 30, (255, 230, 120)),
    ):
        c.poly([(x - 14, 215), (x, 215 - h), (x + 14, 215)], col)
    c.chord((108, 80, 212, 190), 0, 180, (40, 40, 42))
    c.ellipse((108, 124, 212, 146), (60, 60, 62))
    c.ellipse((114, 127, 206, 143), (190, 70, 30))
    dots(c, (120, 128, 200, 142), 14, 3, [(240, 220, 160), (240, 140, 50), (150, 40, 20)])
    for x in range(20, 80, 12):
        c.poly([(x, 110), (x + 4, 100), (x + 8, 110), (x + 6, 130), (x + 2, 130)], (200, 30, 30))
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
        c.poly(
            [(x - 20 * s, y), (x + 20 * s, y), (x + 14 * s, y + 7 * s), (x - 14 * s, y + 7 * s)],
            (250, 250, 250),
        )
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
    c.pattern(
        [(216, 30), (240, -20), (264, 30)],
        stripes([(200, 80, 50), (60, 130, 90), (230, 200, 80)], 5, 0.5),
    )
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
    for x, y, col in (
        (40, 160, (40, 90, 170)),
        (280, 150, (200, 40, 60)),
        (270, 110, (40, 130, 60)),
    ):
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
                c.poly(
                    [(x, y), (x + side * 7, y + 3), tip, (x + side * 3, y + 10)],
                    (200 - (j % 3) * 20, 25, 25),
                )
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


_WHITE, _RED, _YELLOW = (255, 255, 255), (200, 30, 40), (250, 210, 0)
_BLUE, _GREEN, _ORANGE = (0, 80, 180), (0, 150, 70), (250, 130, 0)

# A scrambled cube reads as a Rubik's cube at a glance; a solved one looks like any toy block.
RUBIK_FACES: dict[str, list[Color]] = {
    "top": [_WHITE, _RED, _YELLOW, _BLUE, _WHITE, _GREEN, _ORANGE, _YELLOW, _RED],
    "left": [_GREEN, _GREEN, _ORANGE, _RED, _GREEN, _WHITE, _BLUE, _YELLOW, _GREEN],
    "right": [_RED, _BLUE, _RED, _YELLOW, _RED, _GREEN, _WHITE, _RED, _ORANGE],
}


def cube_body(c: Canvas, ox: float, oy: float, s: float) -> None:
    """Black silhouette of the 3x3 cube; the gaps between stickers show it."""
    corners = [(0, 0, 3), (3, 0, 3), (3, 0, 0), (3, 3, 0), (0, 3, 0), (0, 3, 3)]
    c.poly([iso(ox, oy, s, a, b, h) for a, b, h in corners], (20, 20, 20))


def cube_stickers(c: Canvas, ox: float, oy: float, s: float, i: int, j: int) -> None:
    """Sticker (i, j) on the top, left and right faces; side faces are shaded darker."""
    g = 0.08
    top = [
        iso(ox, oy, s, i + g, j + g, 3),
        iso(ox, oy, s, i + 1 - g, j + g, 3),
        iso(ox, oy, s, i + 1 - g, j + 1 - g, 3),
        iso(ox, oy, s, i + g, j + 1 - g, 3),
    ]
    c.poly(top, RUBIK_FACES["top"][i * 3 + j])
    left = [
        iso(ox, oy, s, i + g, 3, 3 - j - g),
        iso(ox, oy, s, i + 1 - g, 3, 3 - j - g),
        iso(ox, oy, s, i + 1 - g, 3, 2 - j + g),
        iso(ox, oy, s, i + g, 3, 2 - j + g),
    ]
    c.poly(left, mix(RUBIK_FACES["left"][i * 3 + j], (0, 0, 0), 0.15))
    right = [
        iso(ox, oy, s, 3, i + g, 3 - j - g),
        iso(ox, oy, s, 3, i + 1 - g, 3 - j - g),
        iso(ox, oy, s, 3, i + 1 - g, 2 - j + g),
        iso(ox, oy, s, 3, i + g, 2 - j + g),
    ]
    c.poly(right, mix(RUBIK_FACES["right"][i * 3 + j], (0, 0, 0), 0.3))


@scene("hu-09")
def rubik(c: Canvas) -> None:
    """Rubik's cube, the Hungarian puzzle, on a desk."""
    table(c, (200, 215, 230), (180, 140, 100), 150)
    c.ellipse((90, 190, 250, 230), (140, 105, 75))
    ox, oy, s = 160, 75, 32
    cube_body(c, ox, oy, s)
    for i in range(3):
        for j in range(3):
            cube_stickers(c, ox, oy, s, i, j)


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
