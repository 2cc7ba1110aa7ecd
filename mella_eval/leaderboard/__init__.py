"""Leaderboards: validated, rescored submissions and their renderings.

Flow: ``submit`` (validate + rescore a run folder, or record reported numbers) writes a
record under ``leaderboards/<name>/submissions/``; ``render`` reads only those records.
"""

from mella_eval.leaderboard.definition import (
    LeaderboardDefinition,
    View,
    board_for_tasks,
    bundled_leaderboards_dir,
    load_definition,
)
from mella_eval.leaderboard.records import SubmissionRecord, TaskScores, read_records
from mella_eval.leaderboard.render import render_all
from mella_eval.leaderboard.render_html import render_html
from mella_eval.leaderboard.render_text import render_csv, render_json, render_markdown
from mella_eval.leaderboard.submit import (
    ReportedScore,
    parse_scores,
    submit_reported,
    submit_run,
)
from mella_eval.leaderboard.table import build_board, load_board, macro_mean
from mella_eval.leaderboard.validate import check_run

__all__ = [
    "LeaderboardDefinition",
    "ReportedScore",
    "SubmissionRecord",
    "TaskScores",
    "View",
    "board_for_tasks",
    "build_board",
    "bundled_leaderboards_dir",
    "check_run",
    "load_board",
    "load_definition",
    "macro_mean",
    "parse_scores",
    "read_records",
    "render_all",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "submit_reported",
    "submit_run",
]
