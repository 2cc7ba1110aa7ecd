"""`keywords extract` on a release-shaped file end to end: deterministic, LLM over a real
HTTP server on 127.0.0.1 (chosen answers), grounding counts, resume after kill -9, and the
README's --data-override recipe scoring D_know from the keywords files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mella_eval.cli import main
from mella_eval.keywords.prompts import EXTRACTION_PROMPTS
from mella_eval.results import read_results
from tests.conftest import REPO
from tests.keywords.conftest import ALT_TEXTS, write_override


def _read(path: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    header, *lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    return header, {line["id"]: line for line in lines}


def _extract(override: Path, output: str, *extra: str) -> int:
    return main(["keywords", "extract", "--tasks", "mella_know", "--data-override",
                 str(override), "--output", output, *extra])  # fmt: skip


@pytest.mark.slow
def test_deterministic_extract_validate_and_score(
    release: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = write_override(tmp_path, release, None)
    assert main(["tasks", "validate", "--no-images", "--data-override", str(bare)]) == 1
    assert "no keywords (field 'keywords') for a know task" in capsys.readouterr().out
    assert _extract(bare, str(tmp_path / "keywords/{lang}.jsonl"), "--extractor",
                    "deterministic") == 0  # fmt: skip
    header, hu = _read(tmp_path / "keywords/hu.jsonl")
    # By hand: capitalised words beyond sentence starts.
    assert hu["rel-hu-1"]["keywords"] == [["Országház"], ["Duna"]]
    assert hu["rel-hu-2"]["keywords"] == []
    assert hu["rel-hu-3"]["keywords"] == [["Balatonon"], ["Tihanyi-félsziget"]]
    assert hu["rel-hu-1"]["source"] == "../release/d_know.jsonl:3"
    summary = header["summary"]
    assert (summary["samples"], summary["with_keywords"], summary["entries_kept"]) == (3, 2, 4)
    _, sr = _read(tmp_path / "keywords/sr.jsonl")
    assert sr["rel-sr-1"]["keywords"] == [["Храм Светог Саве", "Hram Svetog Save"],
                                          ["Врачару", "Vračaru"], ["Београду", "Beogradu"]]  # fmt: skip
    assert sr["rel-sr-2"]["keywords"] == [["Dunava", "Дунава"], ["Đerdapsku", "Ђердапску"]]
    assert _read(tmp_path / "keywords/ar.jsonl")[1]["rel-ar-1"]["keywords"] == []  # no case

    override = write_override(tmp_path, release, "keywords/{lang}.jsonl")
    assert main(["tasks", "validate", "--no-images", "--data-override", str(override)]) == 0
    predictions = {
        "rel-hu-1": "Az Országház látható.",  # 1 of 2
        "rel-hu-2": "Egy tányér leves.",  # no keywords: not scored
        "rel-hu-3": "Vitorlások a Balatonon.",  # 1 of 2
        "rel-sr-1": "Hram Svetog Save u Beogradu.",  # 2 of 3, other script
        "rel-sr-2": "Tvrđava na reci.",  # 0 of 2
    }
    preds = tmp_path / "preds.jsonl"
    preds.write_text("".join(
        json.dumps({"task": f"mella_know_{sid[4:6]}", "id": sid, "prediction": text},
                   ensure_ascii=False) + "\n" for sid, text in predictions.items()),
        encoding="utf-8")  # fmt: skip
    out = tmp_path / "scored"
    assert main(["score", "--predictions", str(preds), "--tasks", "mella_know_hu,mella_know_sr",
                 "--data-override", str(override), "--output", str(out), "--bootstrap", "0"]) == 0  # fmt: skip
    tasks = read_results(out).tasks
    assert tasks["mella_know_hu"].metrics["keyword_accuracy"].value == pytest.approx(50.0)
    assert tasks["mella_know_sr"].metrics["keyword_accuracy"].value == pytest.approx(100 / 3)


def _answer(prompt: str) -> str:
    if "Országház" in prompt:
        return '["Országház", "Duna", "Parlament"]'  # Parlament is not in the alt-text
    if "gulyásleves" in prompt:
        return 'Sure:\n```json\n["gulyásleves"]\n```'
    if "Balatonon" in prompt:
        return "I cannot answer that."
    if "Храм" in prompt:
        return '["Храм Светог Саве", "Ниш"]'
    return "[]"


def test_llm_extract_over_http_grounds_counts_and_resumes(
    release: Path, tmp_path: Path, fake_server: Any
) -> None:
    server = fake_server(_answer)
    override = write_override(tmp_path, release, None)
    args = ["--engine", "openai", "--model", "fake", "--engine-arg", f"base_url={server.url}"]
    output = str(tmp_path / "kw/{lang}.jsonl")
    assert _extract(override, output, *args) == 0
    assert len(server.bodies) == len(ALT_TEXTS)
    for body in server.bodies:  # text-only: no image part at all
        (message,) = body["messages"]
        assert [part["type"] for part in message["content"]] == ["text"]
    hu_prompt = next(b for b in server.bodies if "Országház" in json.dumps(b, ensure_ascii=False))
    text = hu_prompt["messages"][0]["content"][0]["text"]
    assert text == EXTRACTION_PROMPTS["hu"].replace("{text}", ALT_TEXTS["rel-hu-1"][1])

    header, hu = _read(tmp_path / "kw/hu.jsonl")
    assert hu["rel-hu-1"]["keywords"] == [["Országház"], ["Duna"]]
    assert hu["rel-hu-1"]["dropped"] == [["Parlament"]]
    assert hu["rel-hu-2"]["keywords"] == [["gulyásleves"]]
    assert hu["rel-hu-3"]["keywords"] == []
    assert hu["rel-hu-3"]["error"].startswith("unparseable answer")
    assert hu["rel-hu-3"]["raw"] == "I cannot answer that."
    summary = header["summary"]
    assert summary["entries_dropped_ungrounded"] == 1 and summary["failed_samples"] == 1
    assert summary["entries_kept"] == 3 and summary["entries_proposed"] == 4
    extractor = header["extractor"]
    assert (extractor["engine"], extractor["model_fingerprint"]) == ("openai", "fake@main")
    assert extractor["prompts"] == {"hu": EXTRACTION_PROMPTS["hu"]}
    _, sr = _read(tmp_path / "kw/sr.jsonl")
    assert sr["rel-sr-1"]["keywords"] == [["Храм Светог Саве", "Hram Svetog Save"]]
    assert sr["rel-sr-1"]["dropped"] == [["Ниш"]]

    before = (tmp_path / "kw/hu.jsonl").read_bytes()
    assert _extract(override, output, *args) == 0  # everything is in the store
    assert len(server.bodies) == len(ALT_TEXTS)
    assert (tmp_path / "kw/hu.jsonl").read_bytes() == before

    fallback = str(tmp_path / "fb/{lang}.jsonl")
    assert _extract(override, fallback, *args, "--fallback", "deterministic") == 0
    _, hu = _read(tmp_path / "fb/hu.jsonl")
    assert hu["rel-hu-3"]["keywords"] == [["Balatonon"], ["Tihanyi-félsziget"]]
    assert hu["rel-hu-3"]["extractor"] == "deterministic (fallback)"
    assert hu["rel-hu-3"]["raw"] == "I cannot answer that."


@pytest.mark.slow
def test_kill_9_then_rerun_resumes(release: Path, tmp_path: Path, fake_server: Any) -> None:
    server = fake_server(_answer, delay_s=0.4)
    override = write_override(tmp_path, release, None)
    args = ["--engine", "openai", "--model", "fake", "--engine-arg", f"base_url={server.url}",
            "--engine-arg", "max_concurrency=1", "--chunk-size", "1", "--quiet"]  # fmt: skip
    killed = tmp_path / "killed.jsonl"
    store = tmp_path / "killed.jsonl.store.jsonl"
    command = [sys.executable, "-m", "mella_eval", "keywords", "extract", "--tasks", "mella_know",
               "--data-override", str(override), "--output", str(killed), *args]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if store.exists() and store.read_bytes().count(b"\n") >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the extraction ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    stored = store.read_bytes().count(b"\n")
    assert 2 <= stored < len(ALT_TEXTS) and not killed.exists()
    asked_before = len(server.bodies)
    assert main(["keywords", "extract", "--tasks", "mella_know", "--data-override",
                 str(override), "--output", str(killed), *args]) == 0  # fmt: skip
    assert len(server.bodies) - asked_before == len(ALT_TEXTS) - stored  # only what was missing
    whole = tmp_path / "whole.jsonl"
    assert main(["keywords", "extract", "--tasks", "mella_know", "--data-override",
                 str(override), "--output", str(whole), *args]) == 0  # fmt: skip
    assert killed.read_bytes() == whole.read_bytes()


@pytest.mark.slow
def test_run_scores_d_know_from_the_keywords_files(
    release: Path, tmp_path: Path, tiny: Path
) -> None:
    """The README recipe with `run --engine hf`: D_know scored from extracted keywords."""
    bare = write_override(tmp_path, release, None)
    assert _extract(bare, str(tmp_path / "keywords/{lang}.jsonl"), "--extractor",
                    "deterministic") == 0  # fmt: skip
    short = {"max_new_tokens": 12}  # the random model would babble 1200 tokens
    override = write_override(tmp_path, release, "keywords/{lang}.jsonl", generation=short)
    out = tmp_path / "run"
    assert main(["run", "--model", str(tiny), "--engine", "hf", "--tasks",
                 "mella_know_hu,mella_know_sr", "--data-override", str(override), "--output",
                 str(out), "--quiet", "--bootstrap", "0"]) == 0  # fmt: skip
    result = read_results(out)
    for task, lang in (("mella_know_hu", "hu"), ("mella_know_sr", "sr")):
        _, lines = _read(tmp_path / f"keywords/{lang}.jsonl")
        samples = [json.loads(x) for x in (out / "samples" / f"{task}.jsonl").read_text(
            encoding="utf-8").splitlines()]  # fmt: skip
        assert {s["id"]: s["keywords"] for s in samples} == {
            i: line["keywords"] for i, line in lines.items()
        }
        # By hand: found entries / entries per sample with keywords, by case-folded substring;
        # the random model's text names none of them, which the matcher must agree with.
        shares = [
            sum(
                any(f.casefold() in (s["prediction"] or "").casefold() for f in e)
                for e in s["keywords"]
            )
            / len(s["keywords"])
            for s in samples
            if s["keywords"]
        ]
        value = result.tasks[task].metrics["keyword_accuracy"].value
        assert value == pytest.approx(100 * sum(shares) / len(shares))
