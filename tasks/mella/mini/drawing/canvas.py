"""Canvas, scene registry, seeds and PNG output shared by every language module.

Everything that decides the bytes of a PNG lives here (supersampling, resampling filter,
palette size, seed derivation, PNG options), so the language modules only draw shapes and a
change to the output format is made in one place.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

W, H = 320, 240
SS = 2  # supersampling factor
COLORS = 96  # palette size of the saved images

Color = tuple[int, int, int]
Point = tuple[float, float]
Box = tuple[float, float, float, float]

Scene = Callable[["Canvas"], None]
SCENES: dict[str, Scene] = {}


def scene(image_id: str) -> Callable[[Scene], Scene]:
    """Register a drawing function under an image id such as ``ar-01``.

    A registry (rather than a hand-kept list) means adding a scene to a language module is
    enough for ``make_images.py`` to draw it.
    """

    def wrap(func: Scene) -> Scene:
        SCENES[image_id] = func
        return func

    return wrap


def seeded(seed: int) -> random.Random:
    """Private random stream with a fixed seed.

    Scenes that scatter things use their own stream so that their output does not depend on
    which other scenes ran before them in the same process.
    """
    return random.Random(seed)


def scene_seed(image_id: str) -> int:
    """Seed of the canvas RNG, derived from the id so each image is reproducible on its own."""
    return sum((i + 1) * ord(ch) for i, ch in enumerate(image_id))


class Canvas:
    """A 320x240 logical drawing surface backed by a supersampled RGB image.

    Scenes draw in logical coordinates; drawing at ``SS`` times the size and downsampling in
    :meth:`finish` gives anti-aliased edges, which plain ``ImageDraw`` does not.
    """

    def __init__(self, seed: int) -> None:
        self.img = Image.new("RGB", (W * SS, H * SS), (255, 255, 255))
        self.draw = ImageDraw.Draw(self.img)
        self.rng = seeded(seed)

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

    def ellipse(
        self, box: Box, fill: Color | None, outline: Color | None = None, width: int = 1
    ) -> None:
        """Filled ellipse inside a bounding box."""
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=width * SS)

    def circle(
        self,
        x: float,
        y: float,
        r: float,
        fill: Color | None,
        outline: Color | None = None,
        width: int = 1,
    ) -> None:
        """Filled circle by centre and radius."""
        self.ellipse((x - r, y - r, x + r, y + r), fill, outline, width)

    def poly(self, points: Sequence[Point], fill: Color, outline: Color | None = None) -> None:
        """Filled polygon."""
        self.draw.polygon(self._pts(points), fill=fill, outline=outline)

    def line(self, points: Sequence[Point], fill: Color, width: float = 1) -> None:
        """Polyline with rounded joints."""
        self.draw.line(self._pts(points), fill=fill, width=max(1, round(width * SS)), joint="curve")

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
        """Downsample and reduce to a small palette; returns an RGB image.

        The fixed median-cut palette without dithering keeps each PNG small and the bytes
        stable between runs.
        """
        small = self.img.resize((W, H), Image.Resampling.LANCZOS)
        pal = small.quantize(
            colors=COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        return pal.convert("RGB")


def render(image_id: str) -> Image.Image:
    """Draw one registered scene with a seed derived from its id."""
    canvas = Canvas(scene_seed(image_id))
    SCENES[image_id](canvas)
    return canvas.finish()


def write_image(image_id: str, root: Path) -> Path:
    """Render ``image_id`` to ``root/<lang>/<id>.png`` and return the path written."""
    out = root / image_id.split("-")[0] / f"{image_id}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    render(image_id).save(out, format="PNG", optimize=True)
    return out
