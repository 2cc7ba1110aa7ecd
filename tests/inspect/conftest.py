"""A real run folder to inspect: hostile predictions scored by ``mella-eval score``.

The predictions go through the same scoring path as a run on four bundled mini tasks
(real images, real references and keywords); the other samples have no prediction and
carry that as their error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mella_eval.cli import main

HOSTILE_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
HOSTILE_SCRIPT = "</script><script>document.body.setAttribute('data-pwned','script')</script>"
PREDICTIONS = {
    ("mella_know_ar", "ar-01"): f"صورة جامع الشيخ زايد الكبير في أبوظبي {HOSTILE_IMG}",
    ("mella_know_th", "th-01"): f"วัดอรุณริมแม่น้ำเจ้าพระยา {HOSTILE_SCRIPT}",
    ("mella_know_ko", "ko-01"): "경복궁은 서울에 있다 \u202eevil\u202c text",
    ("mella_know_hu", "hu-01"): "Az Országház Budapesten áll.",
}
# keyword_accuracy by hand (tasks/mella/mini keywords, grounded in their alt-text): ar-01
# 2/2, hu-01 Országház and Budapest of 3 entries, ko-01 경복궁 of 3 (서울 is not in the
# alt-text, so it is no keyword), th-01 วัดอรุณ and แม่น้ำเจ้าพระยา of 2.
ACCURACY = {"ar-01": 100.0, "hu-01": 200 / 3, "ko-01": 100 / 3, "th-01": 100.0}


@pytest.fixture(scope="session")
def scored_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("inspect-run")
    lines = [
        json.dumps({"task": task, "id": sid, "prediction": text}, ensure_ascii=False) + "\n"
        for (task, sid), text in PREDICTIONS.items()
    ]
    (base / "preds.jsonl").write_text("".join(lines), encoding="utf-8")
    out = base / "run"
    argv = ["score", "--predictions", str(base / "preds.jsonl"), "--output", str(out),
            "--bootstrap", "20", "--quiet", "--model-name", "hostile <b>model</b>"]  # fmt: skip
    assert main(argv) == 0
    return out
