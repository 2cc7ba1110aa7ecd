"""``mella-eval leaderboard rescore``: entries move with the metrics, and say so.

The changed metric's new values are computed here with sacrebleu directly, from the
predictions and references of the test run, not through the code under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sacrebleu.metrics import BLEU

from mella_eval.cli import main
from mella_eval.languages import LanguageSpec
from mella_eval.leaderboard import load_definition, submit_run
from mella_eval.leaderboard.records import read_record
from mella_eval.leaderboard.rescore import rescore_board
from mella_eval.metrics.registry import BUILTIN_METRICS
from mella_eval.metrics.sacre import Bleu
from tests.leaderboard.conftest import DATA, PREDICTIONS

RunCopy = Callable[..., Path]
REPORTED = '{"know": {"cs": {"keyword_accuracy": 12.5}}}'


class BleuBigramRaw(Bleu):
    """A "new version" of bleu: bigrams on sacrebleu's 13a tokens of the raw text."""

    def __init__(self, lang: LanguageSpec, **_args: Any) -> None:
        super().__init__(lang, n=2, tokenize="13a")

    def signature(self) -> dict[str, Any]:
        return {**super().signature(), "version": "test-2"}


def _sacrebleu_bigram(lang: str) -> float:
    hyps = [PREDICTIONS[r["id"]] for r in DATA[lang]]
    refs = [r["refs"][0] for r in DATA[lang]]
    return float(BLEU(tokenize="13a", max_ngram_order=2).corpus_score(hyps, [refs]).score)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def _only_run_record(folder: Path) -> Path:
    paths = [p for p in folder.glob("*.json") if "tiny-vlm" in p.name]
    assert len(paths) == 1, paths
    return paths[0]


def test_rescore_marks_changed_metrics_and_leaves_the_rest(
    lb_root: Path,
    run_copy: RunCopy,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = str(lb_root)
    assert _cli(capsys, "submit", str(run_copy()), "--leaderboard", "test", "--root", root)[0] == 0
    reported_args = ["--reported", "--source", "https://example.org/paper", "--model", "Paper"]
    code, _ = _cli(capsys, "submit", "--leaderboard", "test", "--root", root, *reported_args,
                   "--scores", REPORTED)  # fmt: skip
    assert code == 0
    folder = lb_root / "test" / "submissions"
    reported = next(p for p in folder.glob("*.json") if "paper" in p.name)
    reported_bytes = reported.read_bytes()
    before = read_record(_only_run_record(folder))
    broken = folder / "20260101-broken-0123456789abcdef.json"
    broken.write_text("{not json", encoding="utf-8")

    monkeypatch.setitem(BUILTIN_METRICS, "bleu", f"{__name__}:BleuBigramRaw")
    code, output = _cli(capsys, "leaderboard", "rescore", "test", "--root", root)

    assert code == 1  # something was skipped; everything else was still rescored
    assert "3 record(s): 1 changed, 0 unchanged, 1 reported (left as is), 1 skipped" in output
    assert f"skipped    {broken.name}: " in output and "invalid submission record" in output
    assert reported.read_bytes() == reported_bytes
    after_path = _only_run_record(folder)
    after = read_record(after_path)
    assert after_path.name in output and after_path.name != _record_name(before)
    (event,) = after.rescores
    assert {(c.task, c.metric) for c in event.changes} == {
        ("lbt_ling_cs", "bleu"), ("lbt_ling_hu", "bleu"),
    }  # fmt: skip
    for change in event.changes:
        lang = change.task.rsplit("_", 1)[1]
        assert change.old == before.tasks[change.task].metrics["bleu"].value
        assert change.new == pytest.approx(_sacrebleu_bigram(lang), abs=1e-9)
        assert after.tasks[change.task].metrics["bleu"].value == change.new
        assert change.signature["n"] == [4, 2]
        assert change.signature["version"][1] == "test-2"
        assert change.signature["tokenizer"] == ["none (pre-segmented)", "13a"]
        assert f"{change.old:.4f} -> {change.new:.4f}" in output
    for task in ("lbt_ling_cs", "lbt_know_hu"):  # untouched metrics keep their values
        for key in ("chrf", "keyword_accuracy"):
            if key in before.tasks[task].metrics:
                assert after.tasks[task].metrics[key] == before.tasks[task].metrics[key]

    broken.unlink()
    code, output = _cli(capsys, "leaderboard", "rescore", "test", "--root", root)
    assert code == 0 and "2 record(s): 0 changed, 1 unchanged, 1 reported" in output
    assert _only_run_record(folder) == after_path


def _record_name(record: Any) -> str:
    from mella_eval.leaderboard.records import record_filename

    return record_filename(record)


def test_entry_without_kept_samples_is_skipped_until_its_run_is_given(
    lb_root: Path, run_copy: RunCopy
) -> None:
    definition = load_definition("test", lb_root)
    run = run_copy()
    submit_run(definition, run)  # the API alone keeps no samples
    (outcome,) = rescore_board(definition)
    assert outcome.status == "skipped" and "--runs" in outcome.reason
    (outcome,) = rescore_board(definition, run_dirs=[run])
    assert outcome.status == "unchanged", outcome.reason
    samples = next((run / "samples").glob("*.jsonl"))
    lines = samples.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    first["prediction"] = "something else"
    samples.write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n", encoding="utf-8")
    (outcome,) = rescore_board(definition, run_dirs=[run])  # the edited file is not found
    assert outcome.status == "skipped" and "no stored samples" in outcome.reason
