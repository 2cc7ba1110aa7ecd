"""The per-language table printed at the end of ``run`` and ``score``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from statistics import fmean

from mella_eval.errors import MellaError
from mella_eval.languages import resolve_language
from mella_eval.results import RunResult, TaskResult, read_samples

# (kind, metric key, column title): what a researcher came for, in the paper's order.
COLUMNS = (
    ("know", "keyword_accuracy", "KeyAcc"),
    ("know", "language_fidelity", "Fid(k)"),
    ("ling", "meteor", "METEOR"),
    ("ling", "bleu", "BLEU-4"),
    ("ling", "rouge_l", "ROUGE-L"),
    ("ling", "cider_d", "CIDEr-D"),
    ("ling", "cider_coco", "CIDEr(coco)"),
    ("ling", "cider_coco_seg", "CIDEr(seg)"),
    ("ling", "chrf", "chrF"),
    ("ling", "language_fidelity", "Fid(l)"),
)


def _language_name(code: str) -> str:
    try:
        return resolve_language(code).name or code
    except ValueError:
        return code


def table_rows(result: RunResult) -> tuple[list[str], list[list[str]]]:
    """Header and rows: one row per language, then a macro-average row."""
    by_lang: dict[str, dict[str, TaskResult]] = {}
    for task in result.tasks.values():
        by_lang.setdefault(task.language, {})[task.kind] = task
    columns = [
        c
        for c in COLUMNS
        if any(c[1] in t.metrics for t in result.tasks.values() if t.kind == c[0])
    ]
    header = ["lang", *[title for _, _, title in columns], "errors"]
    rows: list[list[str]] = []
    sums: dict[str, list[float]] = {title: [] for _, _, title in columns}
    for code in sorted(by_lang):
        row = [f"{code} {_language_name(code)}"]
        for kind, key, title in columns:
            found = by_lang[code].get(kind)
            value = found.metrics[key].value if found and key in found.metrics else None
            row.append("-" if value is None else f"{value:.2f}")
            if value is not None:
                sums[title].append(value)
        row.append(str(sum(t.n_errors for t in by_lang[code].values())))
        rows.append(row)
    if len(rows) > 1:
        macro = ["macro avg", *[f"{fmean(sums[t]):.2f}" if sums[t] else "-" for _, _, t in columns]]
        rows.append([*macro, str(sum(t.n_errors for t in result.tasks.values()))])
    rows.extend(_group_rows(result, columns, set(by_lang)))
    return header, rows


def _group_rows(
    result: RunResult, columns: list[tuple[str, str, str]], languages: set[str]
) -> list[list[str]]:
    """A row per complete group over some but not all of the run's languages, with its
    macro means, labelled ``avg-K (group)`` for its K languages: XM3600's
    ``xm3600_avg35`` (the 35 languages other than English) is the papers' "avg-35"."""
    rows = []
    for name, group in sorted(result.groups.items()):
        members = [result.tasks[t] for t in group.tasks if t in result.tasks]
        langs = {t.language for t in members}
        if not group.complete or not 1 < len(langs) < len(languages):
            continue
        kinds = {t.kind for t in members}
        row = [f"avg-{len(langs)} ({name})"]
        for kind, key, _ in columns:
            value = group.metrics[key].value if kinds == {kind} and key in group.metrics else None
            row.append("-" if value is None else f"{value:.2f}")
        rows.append([*row, str(sum(t.n_errors for t in members))])
    return rows


def print_table(result: RunResult) -> None:
    """Render the table with rich (plain text when not a terminal)."""
    from rich.console import Console
    from rich.table import Table

    header, rows = table_rows(result)
    title = f"{result.run.model.name} ({result.run.engine})"
    if not result.reportable:
        title += " - NOT REPORTABLE (partial: --limit, --shard or errors)"
    table = Table(title=title)
    for index, name in enumerate(header):
        table.add_column(name, justify="left" if index == 0 else "right")
    for row in rows:
        table.add_row(*row)
    console = Console()
    if not console.is_terminal:  # logs and pipes: never squeeze the table to 80 columns
        console = Console(width=max(console.width, 132))
    console.print(table)


def failure_counts(result: RunResult, output: Path) -> Counter[str]:
    """How many samples failed, per reason (read back from the run's sample files)."""
    reasons: Counter[str] = Counter()
    for task in result.tasks.values():
        if not task.n_errors:
            continue
        try:
            records = read_samples(output, task, verify=False)
        except MellaError:
            reasons[f"{task.task}: sample file unreadable"] += task.n_errors
            continue
        for record in records:
            if record.error is not None or record.prediction is None:
                reasons[_short_reason(record.error or "no prediction")] += 1
    return reasons


def _short_reason(error: str) -> str:
    """The first line of an error, cut to a readable length, so equal causes group."""
    first = error.strip().splitlines()[0] if error.strip() else "unknown error"
    return first if len(first) <= 160 else first[:157] + "..."


def failure_summary(result: RunResult, output: Path) -> tuple[bool, str | None]:
    """``(nothing_scored, text)``: whether no sample at all got a prediction, and the
    one-paragraph summary of failures (None when every sample succeeded)."""
    total = sum(t.n_samples for t in result.tasks.values())
    failed = sum(t.n_errors for t in result.tasks.values())
    scored = sum(t.n_scored for t in result.tasks.values())
    nothing = total > 0 and scored == 0
    if not failed and not nothing:
        return False, None
    reasons = failure_counts(result, output)
    lines = [f"{failed} of {total} sample(s) failed" + (" - nothing was scored" if nothing else "")]
    for reason, count in reasons.most_common(5):
        lines.append(f"  {count} x {reason}")
    if len(reasons) > 5:
        lines.append(f"  ... and {len(reasons) - 5} other reason(s)")
    return nothing, "\n".join(lines)
