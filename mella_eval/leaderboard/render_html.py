"""A self-contained static page (``index.html``) for a board.

No CDN and no network: CSS, JavaScript and data are inline, and a Content-Security-Policy
forbids loading anything else. The data travels as JSON inside a non-executed script
element with every ``<``, ``>`` and ``&`` written as a ``\\u`` escape, so no submitted
string can close the element or open a comment. The script builds the tables with
``textContent`` only, so a model called ``<script>alert(1)</script>`` shows as text.

The URL hash drives the state (``#view=ling&sort=mean:meteor&dir=desc&metric=bleu``), which
makes any sorted view linkable and lets tests sort the page without clicking. Any
script error is written into ``#errors`` so a headless browser's DOM dump shows it.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import Any

from mella_eval.text.spoofing import show_bidi_controls

ASSETS = resources.files("mella_eval.leaderboard").joinpath("assets")


def _asset(name: str) -> str:
    """An inline asset (kept as real .js/.css files so editors and linters can read them)."""
    return ASSETS.joinpath(name).read_text(encoding="utf-8")


_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def script_json(value: Any) -> str:
    """JSON safe inside a script element: no ``<``, ``>`` or ``&`` survives unescaped."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _category_section(board: dict[str, Any]) -> str:
    """Static per-category tables (``render --by-category``); every string escaped here."""
    parts = []
    for view in board["views"]:
        categories = view.get("categories")
        if not categories:
            continue
        head = "".join(f"<th>{html.escape(c)}</th>" for c in categories)
        rows = []
        for row in view["rows"]:
            cells = []
            for name in categories:
                cell = row.get("by_category", {}).get(name)
                if cell is None:
                    cells.append('<td class="num">–</td>')
                    continue
                langs = html.escape(", ".join(cell["languages"]), quote=True)
                cells.append(
                    f'<td class="num" title="mean over {langs}">{cell["value"]:.2f}'
                    f" <small>({len(cell['languages'])})</small></td>"
                )
            model = html.escape(row["model"])
            rows.append(f'<tr><td class="text">{model}</td>{"".join(cells)}</tr>')
        parts.append(
            f"<h3>{html.escape(view['title'])}: by category</h3>\n"
            f'<p class="muted"><code>{html.escape(view["rank_by"])}</code> per image category, '
            "mean over the languages that have the category (count in brackets; hover for "
            "them). For looking, not ranking.</p>\n"
            f'<table><thead><tr><th class="text">Model</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    if not parts:
        return ""
    return '<section id="by-category">\n<h2>By category</h2>\n' + "\n".join(parts) + "\n</section>"


def shown(value: Any) -> Any:
    """A copy of the board for display: every string with its bidi controls made visible.

    ``textContent`` keeps markup out but still applies a U+202E (right-to-left override),
    which would make a name read differently from what it is.
    """
    if isinstance(value, str):
        return show_bidi_controls(value)
    if isinstance(value, dict):
        return {shown(k): shown(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shown(v) for v in value]
    return value


def render_html(board: dict[str, Any]) -> str:
    """The page: static header, inline data, and the script that draws the tables."""
    board = shown(board)
    # The error trap runs before the main script so that even its syntax errors are caught.
    title = html.escape(board["title"])
    description = html.escape(board["description"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{_asset("board.css")}</style>
</head>
<body>
<pre id="errors"></pre>
<script>{_asset("error_trap.js")}</script>
<h1>{title}</h1>
<p class="muted">{description}</p>
<noscript><p>This page needs JavaScript; the same tables are in leaderboard.md and .csv.</p>
</noscript>
<nav id="views"></nav>
<main id="content"></main>
{_category_section(board)}
<script type="application/json" id="board-data">{script_json(board)}</script>
<script>{_asset("board.js")}</script>
</body>
</html>
"""
