"""The exported JSON Schema is current, and the results models round-trip."""

from __future__ import annotations

import json

from mella_eval.results import SCHEMA_VERSION, json_schema
from tests.conftest import REPO


def test_exported_schema_is_up_to_date() -> None:
    committed = json.loads((REPO / "schemas" / "results.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "run: python -m mella_eval.results schemas/results.schema.json"
    )
    versions = committed["properties"]["schema_version"]
    assert versions["default"] == SCHEMA_VERSION and versions["enum"] == ["1.0", "1.1"]
