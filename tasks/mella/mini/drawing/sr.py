"""Serbian scenes ``sr-01``..``sr-10``: churches and fortresses, flag and arms, food, customs.

Each language lives in its own module so that a reviewer of one language's images reads only
the code that draws them; helpers used only here (cross, coat of arms) stay here.
"""

from __future__ import annotations

from .canvas import Box, Canvas, Color, H, W, scene
from .shapes import (
    cloud,
    dome,
    dots,
    flag_scene,
    ground,
    hills,
    hstripes,
    mix,
    rotated,
    sky,
    table,
    water,
)


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
    c.poly(
        [
            (x - 18 * s, y - 22 * s),
            (x + 18 * s, y - 22 * s),
            (x + 18 * s, y + 4 * s),
            (x, y + 22 * s),
            (x - 18 * s, y + 4 * s),
        ],
        (200, 30, 40),
    )
    c.rect((x - 2 * s, y - 20 * s, x + 2 * s, y + 18 * s), (255, 255, 255))
    c.rect((x - 16 * s, y - 4 * s, x + 16 * s, y), (255, 255, 255))
    for dx, dy, a0, a1 in (
        (-9, -12, 300, 60),
        (9, -12, 120, 240),
        (-9, 9, 300, 60),
        (9, 9, 120, 240),
    ):
        c.arc(
            (x + dx * s - 4 * s, y + dy * s - 4 * s, x + dx * s + 4 * s, y + dy * s + 4 * s),
            a0,
            a1,
            (255, 255, 255),
            1.5,
        )


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
    towers = [
        (60, 168, 24, 60),
        (110, 160, 24, 70),
        (160, 148, 26, 80),
        (205, 128, 24, 80),
        (245, 100, 26, 85),
        (285, 78, 28, 80),
    ]
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
        pts = rotated(
            [
                (x - 30, y),
                (x - 20, y - 14),
                (x + 20, y - 14),
                (x + 34, y),
                (x + 20, y + 12),
                (x - 20, y + 12),
            ],
            x,
            y,
            t,
        )
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
    shape = rotated(
        [
            (110, 200),
            (80, 170),
            (78, 130),
            (100, 108),
            (130, 108),
            (150, 130),
            (148, 170),
            (120, 200),
        ],
        115,
        150,
        20,
    )
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
