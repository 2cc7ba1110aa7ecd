"""Issue 22, cases 10 and 11: entries that only look new.

Case 10: a model name that a reader cannot tell from an entry's name (another script's
letter, full-width forms, zero-width or bidi characters, a non-breaking hyphen, other
case) is refused, naming the entry it imitates; a bidi override in a name is shown as
``U+202E`` in ``leaderboard.md`` and ``index.html``, never applied. The lookalike
characters are written here by code point, so what is compared is not in doubt.

Case 11: a run whose predictions differ from an entry's only by whitespace or Unicode
composition is a duplicate. Its scores are computed for real (``build_run``), as a
copier would have to.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mella_eval.errors import SubmissionError
from mella_eval.leaderboard import load_definition, read_records, render_all, submit_run
from mella_eval.leaderboard.records import write_record
from mella_eval.leaderboard.submit import ReportedScore, submit_reported
from mella_eval.leaderboard.validate import predictions_digest
from mella_eval.results import read_results, read_samples
from tests.leaderboard.conftest import PREDICTIONS, build_run

RunCopy = Callable[..., Path]
REAL = "Qwen2-VL-7B"
SOURCE = "https://example.org/paper"
SCORE = [ReportedScore("lbt_know_cs", "keyword_accuracy", 50.0)]
LOOKALIKES = {
    "cyrillic": "Qwen2-VL-7\u0412",  # CYRILLIC CAPITAL LETTER VE for B
    "fullwidth": "\uff31wen2-\uff36\uff2c-7B",  # FULLWIDTH Q, V, L
    "zero_width": "Qwen2-V\u200bL-7B",  # ZERO WIDTH SPACE
    "bidi": "\u202dQwen2-VL-7B\u202c",  # LEFT-TO-RIGHT OVERRIDE ... POP DIRECTIONAL
    "nb_hyphen": "Qwen2\u2011VL-7B",  # NON-BREAKING HYPHEN
    "case": "qwen2-vl-7b",
}


def _board(lb_root: Path):  # type: ignore[no-untyped-def]
    return load_definition("test", lb_root)


@pytest.mark.parametrize("name", list(LOOKALIKES.values()), ids=list(LOOKALIKES))
def test_10_a_lookalike_name_is_refused_naming_the_entry(lb_root: Path, name: str) -> None:
    board = _board(lb_root)
    submit_reported(board, REAL, SOURCE, SCORE)
    with pytest.raises(SubmissionError) as refused:
        submit_reported(board, name, SOURCE + "/2", SCORE)
    message = str(refused.value)
    assert "looks like the entry 'Qwen2-VL-7B'" in message, message
    assert ascii(name) in message  # the hidden characters are spelled out
    assert [r.model for r in read_records(board.submissions_dir)] == [REAL]


def test_10_a_decomposed_accent_is_the_same_name(lb_root: Path) -> None:
    board = _board(lb_root)
    submit_reported(board, "Mod\u00e8le", SOURCE, SCORE)  # è, one code point
    with pytest.raises(SubmissionError, match="looks like the entry"):
        submit_reported(board, "Mode\u0300le", SOURCE + "/2", SCORE)  # e + COMBINING GRAVE


def test_10_a_lookalike_of_a_run_entry_is_refused_and_other_names_pass(
    lb_root: Path, run_copy: RunCopy
) -> None:
    board = _board(lb_root)
    submit_run(board, run_copy())  # the genuine run's model is "tiny-vlm"
    with pytest.raises(SubmissionError, match="looks like the entry 'tiny-vlm'"):
        submit_reported(board, "TINY\u2010VLM", SOURCE, SCORE)  # HYPHEN, capitals
    # Controls: a name that reads differently, and the same name from another paper.
    submit_reported(board, "tiny-vlm-2", SOURCE, SCORE)
    submit_reported(board, "tiny-vlm", SOURCE, SCORE)
    assert sorted(r.model for r in read_records(board.submissions_dir)) == [
        "tiny-vlm", "tiny-vlm", "tiny-vlm-2",
    ]  # fmt: skip


def test_10_a_bidi_override_is_shown_not_applied(lb_root: Path, tmp_path: Path) -> None:
    board = _board(lb_root)
    submit_reported(board, "evil\u202emodel", SOURCE + "?x=\u202e1", SCORE)
    written = render_all(board, tmp_path / "out")
    pages = {p.name: p.read_text(encoding="utf-8") for p in written}
    for name in ("leaderboard.md", "index.html"):
        assert "\u202e" not in pages[name], name
        assert "evilU+202Emodel" in pages[name], name


# -- case 11 -----------------------------------------------------------------------------


def _genuine(tmp_path: Path, lb_assets: dict[str, Path], name: str, **changed: str) -> Path:
    return build_run(tmp_path / name, lb_assets["tasks"], predictions={**PREDICTIONS, **changed})


@pytest.mark.parametrize(
    "changed",
    [
        {"c1": PREDICTIONS["c1"] + " "},  # the case of the issue: one trailing space
        {"h2": PREDICTIONS["h2"].replace(" ", "  ", 1)},  # a doubled space
        {"h3": PREDICTIONS["h3"].replace(" ", "\u00a0", 1)},  # NO-BREAK SPACE
        {"c2": unicodedata.normalize("NFD", PREDICTIONS["c2"])},  # ř, í as base + accent
        {"c3": PREDICTIONS["c3"].replace("most", "mo\u200bst")},  # ZERO WIDTH SPACE
    ],
    ids=["trailing_space", "double_space", "nbsp", "nfd", "zero_width"],
)
def test_11_predictions_differing_in_whitespace_or_composition_are_duplicates(
    lb_root: Path, lb_assets: dict[str, Path], run_copy: RunCopy, tmp_path: Path,
    changed: dict[str, str],
) -> None:  # fmt: skip
    board = _board(lb_root)
    submit_run(board, run_copy())
    copy = _genuine(tmp_path, lb_assets, "copy", **changed)
    with pytest.raises(SubmissionError, match="duplicate of the entry tiny-vlm"):
        submit_run(board, copy)
    # Control: one prediction that really differs is a new entry.
    other = _genuine(tmp_path, lb_assets, "other", c1="Úplně jiný popis obrázku.")
    submit_run(board, other)
    assert len(read_records(board.submissions_dir)) == 2


def test_11_records_from_before_normalising_still_catch_a_byte_exact_copy(
    lb_root: Path, lb_assets: dict[str, Path], tmp_path: Path
) -> None:
    board = _board(lb_root)
    first = _genuine(tmp_path, lb_assets, "first", c1=PREDICTIONS["c1"] + "  ")
    path = submit_run(board, first)
    # Rewrite the record as the code before this change wrote it: a byte-exact digest.
    result = read_results(first)
    by_task = {n: read_samples(first, result.tasks[n]) for _, _, n in board.tasks()}
    (record,) = read_records(board.submissions_dir)
    exact = predictions_digest(by_task, normalise=False)
    assert exact != record.predictions_sha256
    path.unlink()
    write_record(board.submissions_dir, record.model_copy(update={"predictions_sha256": exact}))
    again = Path(shutil.copytree(first, tmp_path / "again"))
    with pytest.raises(SubmissionError, match="duplicate of the entry"):
        submit_run(board, again, now=datetime(2026, 5, 1, tzinfo=UTC))
