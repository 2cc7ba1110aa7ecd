"""The leaderboard definition: the shipped one loads; mistakes are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from mella_eval.errors import SubmissionError
from mella_eval.leaderboard import load_definition


def test_shipped_mella_definition() -> None:
    definition = load_definition("mella")
    assert definition.languages == ["ar", "cs", "hu", "ko", "ru", "sr", "th", "vi"]
    know, ling = definition.views
    assert (know.name, know.kind, know.rank_by) == ("know", "know", "keyword_accuracy")
    assert (ling.name, ling.kind, ling.rank_by) == ("ling", "ling", "meteor")
    assert ling.metrics == ["meteor", "bleu", "rouge_l", "cider_d", "chrf", "language_fidelity"]
    names = [name for _, _, name in definition.tasks()]
    assert len(names) == 16 and names[0] == "mella_know_ar" and names[-1] == "mella_ling_vi"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("rank_by: chrf", "rank_by: meteor", "rank_by 'meteor' is not in metrics"),
        ("default_view: know", "default_view: nope", "default_view 'nope' is not a view"),
        ('task_template: "lbt_ling_{lang}"', 'task_template: "lbt_ling"', "{lang} placeholder"),
        ("bootstrap: 20", "bootstrap: 20\nranking: chrf", "ranking"),
        ("name: test", "name: other", "differs from its folder"),
    ],
)
def test_definition_mistakes_are_named(lb_root: Path, old: str, new: str, message: str) -> None:
    path = lb_root / "test" / "leaderboard.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(SubmissionError, match=r"leaderboard\.yaml") as caught:
        load_definition("test", lb_root)
    assert message in str(caught.value)
