"""Korean scenes ``ko-01``..``ko-10``: palaces and gates, Taegeukgi, hanbok, food, landmarks.

Each language lives in its own module so that a reviewer of one language's images reads only
the code that draws them; helpers used only here (hanok roofs, dancheong halls) stay here.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from .canvas import SS, Box, Canvas, Color, H, W, scene, seeded
from .shapes import cloud, dots, flag_scene, ground, hills, mix, plate, sky, sun, table, water


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


def taeguk(cv: Canvas, cx: float, cy: float, r: float, ang: float) -> None:
    """Red-blue taeguk circle, tilted along the flag's diagonal.

    It is drawn upright on a scratch canvas, rotated as an image and pasted through a round
    mask, because ImageDraw cannot draw a rotated pie slice.
    """
    sub = Canvas(0)
    sub.rect((0, 0, W, H), (255, 255, 255))
    sub.pie((cx - r, cy - r, cx + r, cy + r), 180, 360, (205, 46, 58))
    sub.pie((cx - r, cy - r, cx + r, cy + r), 0, 180, (0, 71, 160))
    sub.circle(cx - r / 2, cy, r / 2, (205, 46, 58))
    sub.circle(cx + r / 2, cy, r / 2, (0, 71, 160))
    turned = sub.img.rotate(-ang, resample=Image.Resampling.BICUBIC, center=(cx * SS, cy * SS))
    mask = Image.new("L", cv.img.size, 0)
    ImageDraw.Draw(mask).ellipse(
        [(cx - r) * SS, (cy - r) * SS, (cx + r) * SS, (cy + r) * SS], fill=255
    )
    cv.img.paste(turned, (0, 0), mask)


def trigrams(cv: Canvas, cx: float, cy: float, r: float, ang: float) -> None:
    """The four black trigrams in the corners; "1" is a full bar, "0" a broken one."""
    patterns = {(-1, -1): "111", (1, -1): "010", (-1, 1): "101", (1, 1): "000"}
    for (sx, sy), bars in patterns.items():
        ux, uy = sx * math.cos(math.radians(ang)), sy * math.sin(math.radians(ang))
        vx, vy = -uy, ux
        tx, ty = cx + ux * r * 1.75, cy + uy * r * 1.75
        for k, bar in enumerate(bars):
            off, bh, bw = (k - 1) * r * 0.25, r * 0.085, r * 0.5
            pieces = [(-bw, bw)] if bar == "1" else [(-bw, -bw * 0.08), (bw * 0.08, bw)]
            for a0, a1 in pieces:
                quad = [
                    (tx + ux * (off + e) + vx * a, ty + uy * (off + e) + vy * a)
                    for e, a in ((-bh, a0), (bh, a0), (bh, a1), (-bh, a1))
                ]
                cv.poly(quad, (0, 0, 0))


@scene("ko-02")
def taegeukgi(c: Canvas) -> None:
    """Flag of South Korea (Taegeukgi)."""

    def paint(cv: Canvas, box: Box) -> None:
        x0, y0, x1, y1 = box
        cv.rect(box, (255, 255, 255))
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        r = (y1 - y0) / 4
        ang = math.degrees(math.atan2(y1 - y0, x1 - x0))
        taeguk(cv, cx, cy, r, ang)
        trigrams(cv, cx, cy, r, ang)

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
    cols = [
        (60, 130, 50),
        (235, 120, 40),
        (245, 235, 190),
        (120, 80, 50),
        (150, 60, 40),
        (80, 160, 70),
        (250, 220, 120),
    ]
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
    rng = seeded(26)
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
    rng = seeded(30)
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
