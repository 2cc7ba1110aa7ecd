"""Thai scenes ``th-01``..``th-10``: Wat Arun, flag, festivals, tuk-tuk, elephant, food.

Each language lives in its own module so that a reviewer of one language's images reads only
the code that draws them; helpers used only here (the prang tower) stay here.
"""

from __future__ import annotations

import math

from .canvas import Canvas, Color, W, scene, seeded
from .shapes import dots, flag_scene, ground, hills, hstripes, person, plate, sky, sun, table, water


def prang(c: Canvas, cx: float, base: float, w: float, h: float, col: Color, band: Color) -> None:
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
    flag_scene(
        c, lambda cv, box: hstripes(cv, box, [red, white, blue, white, red], [1, 1, 2, 1, 1])
    )


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
    for i, col in enumerate(
        ((250, 160, 30), (240, 90, 140), (250, 240, 230), (250, 160, 30), (240, 90, 140))
    ):
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
    for x, h, col in (
        (0, 80, (230, 200, 160)),
        (60, 100, (200, 210, 220)),
        (140, 70, (240, 220, 180)),
        (210, 110, (210, 190, 200)),
        (270, 90, (230, 215, 190)),
    ):
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
    rng = seeded(57)
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
        c.poly(
            [(x, y), (x + 140, y), (x + 150, y - 10), (x + 130, y + 10), (x + 10, y + 10)],
            (100, 60, 35),
        )
        dots(
            c,
            (x + 50, y - 14, x + 130, y + 2),
            18,
            5,
            [(250, 180, 30), (220, 40, 60), (120, 180, 50), (240, 120, 30)],
        )
        c.rect((x + 16, y - 30, x + 34, y), (40, 80, 150))
        c.circle(x + 25, y - 36, 6, (220, 180, 140))
        c.poly([(x + 4, y - 38), (x + 25, y - 52), (x + 46, y - 38)], (230, 200, 120))


@scene("th-10")
def yi_peng(c: Canvas) -> None:
    """Sky lanterns (khom loi) rising over Chiang Mai during Yi Peng."""
    sky(c, (10, 10, 40), (60, 40, 80), 200)
    rng = seeded(60)
    for _ in range(30):
        x, y, s = rng.uniform(10, 310), rng.uniform(10, 170), rng.uniform(0.4, 1.3)
        c.circle(x, y + 6 * s, 10 * s, (120, 70, 50))
        c.poly(
            [
                (x - 6 * s, y - 8 * s),
                (x + 6 * s, y - 8 * s),
                (x + 8 * s, y + 8 * s),
                (x - 8 * s, y + 8 * s),
            ],
            (255, 180 + int(s * 30), 80),
        )
        c.circle(x, y + 6 * s, 2.5 * s, (255, 250, 200))
    c.poly(
        [
            (0, 240),
            (0, 200),
            (60, 205),
            (100, 190),
            (130, 170),
            (140, 150),
            (150, 170),
            (180, 190),
            (230, 200),
            (320, 195),
            (320, 240),
        ],
        (15, 15, 25),
    )
    for x in (60, 110, 200, 260):
        person(c, x, 240, 0.6, (20, 20, 30), (20, 20, 30), (20, 20, 30))
