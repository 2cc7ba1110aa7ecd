"""Czech scenes ``cs-01``..``cs-10``: Prague landmarks, castles, flag, food and kraslice.

Each language lives in its own module so that a reviewer of one language's images reads only
the code that draws them; helpers used only here (roofs, spires, eggs) stay here.
"""

from __future__ import annotations

import math

from .canvas import Box, Canvas, Color, H, W, scene, seeded
from .shapes import (
    cloud,
    dots,
    flag_scene,
    hills,
    hstripes,
    onion,
    plate,
    rotated,
    sky,
    star,
    sun,
    table,
    water,
)


def red_roofs(c: Canvas, y: float, n: int, seed: int) -> None:
    """A row of small houses with red-tiled roofs."""
    rng = seeded(seed)
    x = -10.0
    for _ in range(n):
        w = rng.uniform(18, 30)
        h = rng.uniform(12, 22)
        wall = rng.choice([(240, 228, 200), (236, 210, 170), (230, 230, 220), (245, 215, 190)])
        c.rect((x, y - h, x + w, y + 30), wall)
        c.poly([(x - 2, y - h), (x + w / 2, y - h - 12), (x + w + 2, y - h)], (190, 70, 45))
        c.rect((x + 4, y - h + 5, x + 8, y - h + 10), (90, 80, 70))
        x += w - 2


def gothic_spire(
    c: Canvas, x: float, base: float, top: float, w: float, col: Color, roof: Color
) -> None:
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
    c.poly([(160, 110), (230, 108), (250, 140), (236, 190), (170, 196), (150, 160)], (215, 150, 80))
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
        c.line(
            [
                (160 + 50 * math.cos(r), 70 + 50 * math.sin(r)),
                (160 + 55 * math.cos(r), 70 + 55 * math.sin(r)),
            ],
            (60, 40, 20),
            1,
        )
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
    rng = seeded(16)
    for _ in range(30):
        c.circle(
            rng.uniform(130, 188), rng.uniform(80, 200), rng.uniform(0.6, 1.5), (250, 220, 130)
        )
    c.ellipse((112, 40, 208, 80), (252, 250, 240))
    c.rect((114, 55, 206, 72), (252, 250, 240))
    c.arc((190, 95, 240, 175), 270, 90, (225, 225, 215), 7)


def egg(c: Canvas, x: float, y: float, s: float, base: Color, deco: Color, tilt: float) -> None:
    """Decorated Easter egg (kraslice)."""
    shape = rotated(
        [
            (
                x + 14 * s * math.sin(a / 10) * (1 - 0.15 * math.cos(a / 10)),
                y - 20 * s * math.cos(a / 10),
            )
            for a in range(63)
        ],
        x,
        y,
        tilt,
    )

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
    eggs = [
        (95, 150, (200, 30, 40), (250, 230, 120)),
        (130, 142, (250, 200, 40), (180, 40, 40)),
        (165, 146, (40, 90, 180), (255, 255, 255)),
        (200, 142, (40, 140, 70), (250, 220, 80)),
        (232, 152, (200, 30, 40), (255, 255, 255)),
        (150, 170, (240, 120, 30), (90, 40, 20)),
    ]
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
    rng = seeded(18)
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
    c.poly(
        [(0, 205), (80, 190), (170, 200), (230, 185), (320, 195), (320, 240), (0, 240)],
        (70, 120, 130),
    )
    for i in range(12):
        c.line(
            [(20 + i * 24, 212 + (i % 3) * 8), (36 + i * 24, 212 + (i % 3) * 8)], (140, 180, 190), 1
        )


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
        xl = 140 + 19 * t**0.7
        xr = 180 - 19 * t**0.7
        c.line([(xl, y), (xr, y - 10)], steel, 1)
        c.line([(xr, y), (xl, y - 10)], steel, 1)
    c.rect((150, 88, 170, 93), steel)
    c.rect((154, 36, 166, 42), steel)
    rng = seeded(20)
    for _ in range(60):
        x, y = rng.uniform(0, W), rng.uniform(140, 240)
        c.circle(
            x,
            y,
            rng.uniform(8, 14),
            rng.choice([(245, 190, 210), (250, 215, 230), (110, 170, 90), (235, 170, 195)]),
        )
