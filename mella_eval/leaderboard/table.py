"""From submission records to ranked tables, the one model every renderer reads.

Languages aggregate by macro mean (each language counts once). An entry that lacks a
language has no mean and no rank for that metric: averaging only the languages it has
would rank a model by its easiest languages. A board may have several named means (XM3600:
``avg-35``); ``average`` holds the ranking one, ``averages`` all of them. Renderers never
compute scores themselves.
"""

from __future__ import annotations

from typing import Any

from mella_eval.leaderboard.definition import LeaderboardDefinition, View
from mella_eval.leaderboard.records import SubmissionRecord, read_records
from mella_eval.results import MetricValue

REPORTED_LABEL = "reported, not re-run"


def format_signature(signature: dict[str, Any]) -> str:
    """sacrebleu-style ``key:value|key:value`` text of a score signature."""
    return "|".join(f"{key}:{value}" for key, value in signature.items())


def macro_mean(values: list[float | None]) -> float | None:
    """Mean over languages, or None when any language is missing."""
    if not values or any(v is None for v in values):
        return None
    present = [v for v in values if v is not None]
    return sum(present) / len(present)


def _cell(value: MetricValue | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "value": value.value,
        "ci_low": value.ci_low,
        "ci_high": value.ci_high,
        "signature": format_signature(value.signature) if value.signature else None,
    }


def _row(
    definition: LeaderboardDefinition, view: View, record: SubmissionRecord, file: str
) -> dict[str, Any]:
    """One entry's cells in one view: per-language scores and macro means per metric."""
    scores: dict[str, dict[str, Any]] = {}
    means = definition.means()
    averages: dict[str, dict[str, float | None]] = {a.name: {} for a in means}
    for metric in view.metrics:
        per_lang = {}
        for lang in definition.languages:
            task = record.tasks.get(view.task_name(lang))
            per_lang[lang] = _cell(task.metrics.get(metric) if task else None)
        scores[metric] = per_lang
        for mean in means:
            cells = [per_lang[lang] for lang in mean.languages]
            averages[mean.name][metric] = macro_mean([c["value"] if c else None for c in cells])
    reported = record.entry_type == "reported"
    return {
        "rank": None,
        "model": record.model,
        "entry_type": record.entry_type,
        "status": REPORTED_LABEL if reported else "rescored",
        "source": record.source,
        "note": record.note,
        "submitted_at": record.submitted_at.strftime("%Y-%m-%d"),
        "fingerprint": record.model_fingerprint,
        "engine": record.engine,
        "record": file,
        "average": averages[means[0].name],  # the ranking mean
        "averages": averages,
        "scores": scores,
    }


def _rank(rows: list[dict[str, Any]], metric: str) -> list[dict[str, Any]]:
    """Sort by the macro mean of ``metric`` (best first); equal means share a rank."""
    ranked = sorted(
        (r for r in rows if r["average"][metric] is not None),
        key=lambda r: (-r["average"][metric], r["submitted_at"], r["model"]),
    )
    unranked = sorted(
        (r for r in rows if r["average"][metric] is None),
        key=lambda r: (r["submitted_at"], r["model"]),
    )
    for position, row in enumerate(ranked, start=1):
        previous = ranked[position - 2] if position > 1 else None
        same = previous is not None and previous["average"][metric] == row["average"][metric]
        row["rank"] = previous["rank"] if same and previous else position
    return ranked + unranked


def _signatures(
    rows: list[dict[str, Any]], metrics: list[str], languages: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Per metric, each distinct signature with the languages it was used for.

    Signatures differ by language (segmenter, stemmer), so the page lists them per metric
    with their languages rather than one per column.
    """
    found: dict[str, dict[str, list[str]]] = {m: {} for m in metrics}
    for row in rows:
        for metric in metrics:
            for lang in languages:
                cell = row["scores"][metric][lang]
                if cell and cell["signature"]:
                    langs = found[metric].setdefault(cell["signature"], [])
                    if lang not in langs:
                        langs.append(lang)
    return {
        metric: [{"signature": sig, "languages": langs} for sig, langs in by_sig.items()]
        for metric, by_sig in found.items()
    }


def category_cells(
    definition: LeaderboardDefinition, view: View, record: SubmissionRecord
) -> dict[str, dict[str, Any]]:
    """Per category, the view's ``rank_by`` metric averaged over the languages that have it.

    Categories differ between languages (not every language has festival images), so a
    category's value is the mean over the languages whose task scored it; ``languages``
    says which. It is a view for looking, not a ranking: means over different language
    sets are not comparable between categories.
    """
    found: dict[str, dict[str, float]] = {}
    for lang in definition.languages:
        task = record.tasks.get(view.task_name(lang))
        for name, category in (task.categories if task else {}).items():
            value = category.metrics.get(view.rank_by)
            if value is not None:
                found.setdefault(name, {})[lang] = value.value
    return {
        name: {"value": sum(by_lang.values()) / len(by_lang), "languages": list(by_lang)}
        for name, by_lang in sorted(found.items())
    }


def build_board(
    definition: LeaderboardDefinition,
    records: list[tuple[SubmissionRecord, str]],
    *,
    by_category: bool = False,
) -> dict[str, Any]:
    """The ranked board: per view, one row per entry that has any task of the view.

    With ``by_category`` every row also gets ``by_category`` (see :func:`category_cells`)
    and every view the sorted list of ``categories`` found in its rows.
    """
    views = []
    means = definition.means()
    for view in definition.views:
        tasks = {view.task_name(lang) for lang in definition.languages}
        rows = [_row(definition, view, rec, f) for rec, f in records if tasks & rec.tasks.keys()]
        ranked = _rank(rows, view.rank_by)
        extra: dict[str, Any] = {}
        if by_category:
            by_file = {f: rec for rec, f in records}
            for row in ranked:
                row["by_category"] = category_cells(definition, view, by_file[row["record"]])
            extra["categories"] = sorted({c for row in ranked for c in row["by_category"]})
        views.append(
            {
                "name": view.name,
                "title": view.title,
                "description": view.description,
                "rank_by": view.rank_by,
                "metrics": list(view.metrics),
                "tasks": {lang: view.task_name(lang) for lang in definition.languages},
                "rows": ranked,
                "signatures": _signatures(ranked, list(view.metrics), list(definition.languages)),
                **extra,
            }
        )
    return {
        "leaderboard": definition.name,
        "title": definition.title,
        "description": definition.description,
        "aggregate": definition.aggregate,
        "languages": list(definition.languages),
        "averages": [{"name": a.name, "languages": list(a.languages)} for a in means],
        "rank_average": means[0].name,
        "default_view": definition.default_view,
        "views": views,
    }


def load_board(
    definition: LeaderboardDefinition,
    skipped: list[str] | None = None,
    *,
    by_category: bool = False,
) -> dict[str, Any]:
    """Read every accepted record of the leaderboard and build its board.

    An unreadable record is left out and described in ``skipped`` (a fresh list when not
    given): one bad file never takes the board down.
    """
    from mella_eval.leaderboard.records import record_filename

    records = read_records(definition.submissions_dir, [] if skipped is None else skipped)
    return build_board(
        definition, [(r, record_filename(r)) for r in records], by_category=by_category
    )
