"""The inspect page: one self-contained HTML file per run, safe for any prediction text.

Safety as on the leaderboard page, with a stricter policy: the Content-Security-Policy
allows no inline script or style except the page's own, named by their SHA-256 hashes,
and images only as ``data:`` URLs; nothing can be loaded from anywhere. The data travels
as JSON in a non-executed ``application/json`` script element with ``<``, ``>`` and
``&`` escaped, and the page script inserts every string with ``textContent``. So a
prediction such as ``<img src=x onerror=alert(1)>`` or ``</script>`` shows as text, and
bidirectional override characters are shown as visible code points, not applied.
"""

from __future__ import annotations

import base64
import hashlib
import html
from importlib import resources
from pathlib import Path
from typing import Any

from mella_eval.inspect.data import PageOptions, build_page_data
from mella_eval.leaderboard.render_html import ASSETS as BOARD_ASSETS
from mella_eval.leaderboard.render_html import script_json
from mella_eval.results import atomic_write_text

ASSETS = resources.files("mella_eval.inspect").joinpath("assets")
PAGE_FILE = "inspect.html"


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """Only these exact inline scripts and styles, images as data URLs, nothing else."""
    return (
        "default-src 'none'; "
        f"script-src {' '.join(map(_csp_hash, scripts))}; "
        f"style-src {' '.join(map(_csp_hash, styles))}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render_inspect(data: dict[str, Any]) -> str:
    """The page for data from :func:`mella_eval.inspect.data.build_page_data`."""
    trap = BOARD_ASSETS.joinpath("error_trap.js").read_text(encoding="utf-8")
    script = ASSETS.joinpath("inspect.js").read_text(encoding="utf-8")
    style = ASSETS.joinpath("inspect.css").read_text(encoding="utf-8")
    policy = content_security_policy([trap, script], [style])
    title = html.escape(f"mella-eval inspect: {data['run']['model']}")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<pre id="errors"></pre>
<script>{trap}</script>
<header>
<h1>Samples of <span id="model"></span></h1>
<p id="summary" class="muted"></p>
<p id="truncated"></p>
<details id="tasks"><summary>Tasks and their headline scores</summary></details>
</header>
<noscript><p>This page needs JavaScript; the same data is in the run's samples/*.jsonl.</p>
</noscript>
<nav id="controls"></nav>
<p id="count" class="muted"></p>
<main id="samples"></main>
<script type="application/json" id="inspect-data">{script_json(data)}</script>
<script>{script}</script>
</body>
</html>
"""


def inspect_run(
    run_dir: Path, output: Path | None = None, options: PageOptions | None = None
) -> Path:
    """Write the inspect page of a run (default ``RUN_DIR/inspect.html``); return its path."""
    path = output or run_dir / PAGE_FILE
    atomic_write_text(path, render_inspect(build_page_data(run_dir, options)))
    return path
