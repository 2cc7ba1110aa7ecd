"""Draw the 80 stylised images of the bundled mella-mini benchmark.

Every picture is built from plain shapes with Pillow (no fonts, no third-party
material), so the output is byte-identical on every run and every machine:

    /work/main/.venv/bin/python tasks/mella/mini/make_images.py          # all 80
    /work/main/.venv/bin/python tasks/mella/mini/make_images.py ko-03    # selected ids

Images are written to ``images/<lang>/<id>.png`` next to this script. The drawing code
lives in the ``drawing`` package beside it (one module per language); this file is only
the command-line entry point.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: Sequence[str]) -> int:
    """Render every scene (or the ids given) into ``images/<lang>/<id>.png``."""
    # The package sits next to this script and is not installed; putting this folder on the
    # path makes the import work from any working directory and when imported as a module.
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    from drawing import SCENES, write_images

    ids = list(argv) or sorted(SCENES)
    write_images(ids, HERE / "images")
    print(f"wrote {len(ids)} images under {HERE / 'images'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
