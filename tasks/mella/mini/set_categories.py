"""Write each mini record's ``category`` field from the table below (idempotent).

The labels say what each drawing shows (see PROVENANCE.md), from one small fixed set.
The field goes right after ``keywords``; nothing else in a record changes, and the
images are not touched. Rerun after editing the table or merging other edits to the
JSONL files: ``python tasks/mella/mini/set_categories.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = ("architecture", "festival", "food", "landmark", "nature", "object", "people", "symbol")
CATEGORIES: dict[str, list[str]] = {
    "ar-01": ["landmark"], "ar-02": ["symbol"], "ar-03": ["landmark"], "ar-04": ["food"],
    "ar-05": ["food", "object"], "ar-06": ["festival", "object"], "ar-07": ["landmark"],
    "ar-08": ["landmark", "architecture"], "ar-09": ["food"], "ar-10": ["landmark"],
    "cs-01": ["landmark"], "cs-02": ["landmark"], "cs-03": ["symbol"], "cs-04": ["food"],
    "cs-05": ["landmark"], "cs-06": ["food"], "cs-07": ["festival", "object"],
    "cs-08": ["landmark"], "cs-09": ["architecture"], "cs-10": ["landmark", "nature"],
    "hu-01": ["landmark"], "hu-02": ["landmark"], "hu-03": ["symbol"], "hu-04": ["food"],
    "hu-05": ["nature"], "hu-06": ["landmark"], "hu-07": ["food", "architecture"],
    "hu-08": ["food", "festival"], "hu-09": ["object"], "hu-10": ["nature"],
    "ko-01": ["landmark"], "ko-02": ["symbol"], "ko-03": ["food"],
    "ko-04": ["people", "architecture"], "ko-05": ["food"], "ko-06": ["landmark"],
    "ko-07": ["landmark"], "ko-08": ["landmark"],
    "ko-09": ["festival", "food"], "ko-10": ["nature", "symbol"],
    "ru-01": ["landmark"], "ru-02": ["symbol"], "ru-03": ["food"], "ru-04": ["object", "food"],
    "ru-05": ["object"], "ru-06": ["landmark"], "ru-07": ["food", "festival"],
    "ru-08": ["architecture", "landmark"], "ru-09": ["object"], "ru-10": ["nature"],
    "sr-01": ["landmark"], "sr-02": ["symbol"], "sr-03": ["food"], "sr-04": ["landmark"],
    "sr-05": ["architecture", "landmark"], "sr-06": ["food"], "sr-07": ["landmark"],
    "sr-08": ["food"], "sr-09": ["festival"], "sr-10": ["object"],
    "th-01": ["landmark"], "th-02": ["symbol"], "th-03": ["food"], "th-04": ["festival", "people"],
    "th-05": ["festival"], "th-06": ["object"], "th-07": ["nature"], "th-08": ["food"],
    "th-09": ["people", "food"], "th-10": ["festival"],
    "vi-01": ["food"], "vi-02": ["symbol"], "vi-03": ["landmark"], "vi-04": ["nature"],
    "vi-05": ["people"], "vi-06": ["architecture", "festival"], "vi-07": ["food"],
    "vi-08": ["nature", "people"], "vi-09": ["landmark"], "vi-10": ["festival", "food"],
}  # fmt: skip


def with_category(record: dict[str, object], labels: list[str]) -> dict[str, object]:
    """The record with ``category`` placed right after ``keywords``."""
    out: dict[str, object] = {}
    for key, value in record.items():
        if key != "category":
            out[key] = value
        if key == "keywords":
            out["category"] = labels
    return out


def main() -> None:
    unknown = sorted({c for labels in CATEGORIES.values() for c in labels} - set(LABELS))
    if unknown:
        raise SystemExit(f"labels outside the fixed set: {unknown}")
    for path in sorted(HERE.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines if line.strip()]
        text = "".join(
            json.dumps(with_category(r, CATEGORIES[r["id"]]), ensure_ascii=False) + "\n"
            for r in records
        )
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
