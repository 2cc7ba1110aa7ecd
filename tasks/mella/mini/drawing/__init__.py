"""Drawing code for the 80 images of the bundled mella-mini benchmark.

``canvas`` holds the surface, the scene registry, seeds and PNG output; ``shapes`` the scenery
helpers shared by several languages; ``ar`` .. ``vi`` one module per language with its ten
scenes. Importing this package imports every language module, which is what fills
:data:`SCENES`, so callers never have to know the module list.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import ar, cs, hu, ko, ru, sr, th, vi
from .canvas import SCENES, render, write_image

# Imported for their side effect: each module registers its scenes with ``@scene``.
LANGUAGE_MODULES = (ar, cs, hu, ko, ru, sr, th, vi)

__all__ = ["LANGUAGE_MODULES", "SCENES", "render", "write_image", "write_images"]


def write_images(ids: Iterable[str], root: Path) -> list[Path]:
    """Render the given scene ids under ``root/<lang>/<id>.png``; returns the paths written."""
    return [write_image(image_id, root) for image_id in ids]
