"""Markdown, CSV and JSON renderings of a board (see :mod:`mella_eval.leaderboard.table`).

Every string that came from a submission is escaped for its format: Markdown (where
GitHub also renders raw HTML) gets HTML entities and backslash-escaped table and
emphasis characters; CSV cells that a spreadsheet would run as a formula get a quote
prefix and cells holding a line break are quoted (:mod:`mella_eval.spreadsheet`); JSON is
JSON.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from mella_eval.spreadsheet import write_csv
from mella_eval.text.spoofing import show_bidi_controls

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")
EMPTY = "–"


def fmt(value: float | None) -> str:
    """Scores on the 0-100 scale with two decimals; a dash where there is none."""
    return EMPTY if value is None else f"{value:.2f}"


def md_text(text: str | None) -> str:
    """Text safe inside a Markdown table cell: no HTML, no markup, no cell breaks, and
    bidi controls shown as ``U+202E`` rather than reordering what follows."""
    if not text:
        return ""
    flat = " ".join(show_bidi_controls(text).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=True))


def md_source(url: str | None) -> str:
    """A link for a well-formed http(s) URL, escaped text otherwise."""
    if not url:
        return ""
    plain = _SAFE_URL.match(url) and show_bidi_controls(url) == url
    return f"[source](<{url}>)" if plain else md_text(url)


def board_means(board: dict[str, Any]) -> list[dict[str, Any]]:
    """The board's named means, ranking one first (boards built before there were several
    have one, ``mean`` over every language)."""
    return board.get("averages") or [{"name": "mean", "languages": board["languages"]}]


def _md_view(board: dict[str, Any], view: dict[str, Any]) -> list[str]:
    langs = board["languages"]
    metrics = view["metrics"]
    means = board_means(board)
    head = [
        "Rank",
        "Model",
        *(f"{m} ({a['name']})" for a in means for m in metrics),
        *(f"{lang}" for lang in langs),
        "Entry",
        "Submitted",
    ]
    align = ["---:", "---", *["---:"] * (len(means) * len(metrics) + len(langs)), "---", "---"]
    ranking = means[0]
    lines = [
        f"### {md_text(view['title'])}",
        "",
        f"Ranked by the macro mean of `{view['rank_by']}` over {len(ranking['languages'])} "
        f"languages{_named(ranking['name'])}; language columns show `{view['rank_by']}`. "
        "Means need every language.",
        "",
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(align) + " |",
    ]
    for row in view["rows"]:
        entry = (
            row["status"]
            if row["entry_type"] == "run"
            else f"{row['status']} {md_source(row['source'])}"
        )
        if row["note"]:
            entry += f" ({md_text(row['note'])})"
        per_lang = row["scores"][view["rank_by"]]
        cells = [
            str(row["rank"]) if row["rank"] is not None else EMPTY,
            md_text(row["model"]),
            *(fmt(_mean(row, a["name"], m)) for a in means for m in metrics),
            *(fmt(per_lang[lang]["value"] if per_lang[lang] else None) for lang in langs),
            entry.strip(),
            row["submitted_at"],
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if not view["rows"]:
        lines.append("| " + " | ".join([EMPTY, "(no entries yet)", *[""] * (len(head) - 2)]) + " |")
    return lines


def _named(name: str) -> str:
    """`` (avg-35)`` after a named mean; nothing for the default ``mean``."""
    return "" if name == "mean" else f" ({md_text(name)})"


def _mean(row: dict[str, Any], name: str, metric: str) -> float | None:
    """One named mean of a row (``average`` on boards built before named means)."""
    named = row.get("averages")
    return named[name][metric] if named else row["average"][metric]


def mean_column(name: str, metric: str) -> str:
    """CSV column of a mean: ``meteor_mean`` (the default mean), ``cider_coco_mean_avg-35``
    (never a language's ``{metric}_{lang}`` column)."""
    return f"{metric}_mean" if name == "mean" else f"{metric}_mean_{name}"


def _md_categories(view: dict[str, Any]) -> list[str]:
    """The optional per-category table of a view (``render --by-category``)."""
    categories = view.get("categories")
    if not categories:
        return []
    lines = [
        f"#### {md_text(view['title'])}: by category",
        "",
        f"`{view['rank_by']}` per image category, mean over the languages that have the "
        "category (their count in brackets). For looking, not ranking.",
        "",
        "| Model | " + " | ".join(md_text(c) for c in categories) + " |",
        "| --- | " + " | ".join("---:" for _ in categories) + " |",
    ]
    for row in view["rows"]:
        cells = [
            f"{fmt(cell['value'])} ({len(cell['languages'])})"
            if (cell := row.get("by_category", {}).get(c))
            else EMPTY
            for c in categories
        ]
        lines.append(f"| {md_text(row['model'])} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def render_markdown(board: dict[str, Any]) -> str:
    """One table per view, ready to paste into a README (plus per-category tables if built)."""
    lines: list[str] = []
    for view in board["views"]:
        lines.extend(_md_view(board, view))
        lines.append("")
        lines.extend(_md_categories(view))
    return "\n".join(lines)


def csv_columns(board: dict[str, Any], metrics: list[str]) -> list[str]:
    """Header of the CSV: entry fields, macro means, then every metric x language."""
    fixed = [
        "view",
        "rank",
        "model",
        "entry_type",
        "status",
        "submitted_at",
        "source",
        "fingerprint",
    ]
    means = [mean_column(a["name"], m) for a in board_means(board) for m in metrics]
    per_lang = [f"{m}_{lang}" for m in metrics for lang in board["languages"]]
    per_category = list(
        dict.fromkeys(
            f"{v['rank_by']}_category_{c}" for v in board["views"] for c in v.get("categories", [])
        )
    )
    return fixed + means + per_lang + per_category


def render_csv(board: dict[str, Any]) -> str:
    """One row per entry and view; metrics a view lacks are left empty.

    Written by :func:`mella_eval.spreadsheet.write_csv`: submitted strings cannot start a
    formula or a new row.
    """
    metrics = list(dict.fromkeys(m for view in board["views"] for m in view["metrics"]))
    columns = csv_columns(board, metrics)
    rows: list[list[Any]] = [columns]
    fields = ("model", "entry_type", "status", "submitted_at", "source", "fingerprint")
    for view in board["views"]:
        for row in view["rows"]:
            line: dict[str, Any] = {"view": view["name"], "rank": row["rank"]}
            line.update({k: row[k] for k in fields})
            for metric in view["metrics"]:
                for mean in board_means(board):
                    line[mean_column(mean["name"], metric)] = _mean(row, mean["name"], metric)
                for lang, cell in row["scores"][metric].items():
                    line[f"{metric}_{lang}"] = None if cell is None else cell["value"]
            for name, cell in row.get("by_category", {}).items():
                line[f"{view['rank_by']}_category_{name}"] = cell["value"]
            rows.append([line.get(column) for column in columns])
    return write_csv(rows)


def render_json(board: dict[str, Any]) -> str:
    """The whole board, for other tools."""
    return json.dumps(board, indent=2, ensure_ascii=False) + "\n"
