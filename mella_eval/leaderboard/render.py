"""Write every rendering of a leaderboard into one folder."""

from __future__ import annotations

from pathlib import Path

from mella_eval.leaderboard.definition import LeaderboardDefinition
from mella_eval.leaderboard.render_html import render_html
from mella_eval.leaderboard.render_text import render_csv, render_json, render_markdown
from mella_eval.leaderboard.table import load_board
from mella_eval.results import atomic_write_text

OUTPUTS = ("leaderboard.md", "leaderboard.csv", "leaderboard.json", "index.html")


def render_all(
    definition: LeaderboardDefinition,
    output: Path,
    skipped: list[str] | None = None,
    *,
    by_category: bool = False,
) -> list[Path]:
    """Render the board to Markdown, CSV, JSON and HTML; each file is written atomically.

    Unreadable records are skipped and described in ``skipped``; ``by_category`` adds the
    optional per-category tables to every rendering.
    """
    board = load_board(definition, skipped, by_category=by_category)
    texts = {
        "leaderboard.md": render_markdown(board),
        "leaderboard.csv": render_csv(board),
        "leaderboard.json": render_json(board),
        "index.html": render_html(board),
    }
    written = []
    for name in OUTPUTS:
        path = output / name
        atomic_write_text(path, texts[name])
        written.append(path)
    return written
