"""The static page in headless Chromium: loads without errors, sorts, escapes, screenshots.

The page's own script writes any error (window.onerror, console.error, unhandled
rejections) into ``#errors``; the DOM dump shows it. Sorting is driven by the URL hash,
which the page honours on load exactly as it does after a header click.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mella_eval.leaderboard import load_definition, render_all
from tests.browser import NEEDS_CHROMIUM, run_chromium
from tests.conftest import TEST_OUTPUT
from tests.leaderboard.boards import (
    FORMULA_MODEL,
    LING_BLEU_MEANS,
    REPORTED_MODEL,
    SCRIPT_MODEL,
    write_board,
)
from tests.leaderboard.conftest import DEFINITION

pytestmark = [
    pytest.mark.browser,
    NEEDS_CHROMIUM,
]


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_chromium(profile, *args, timeout=90)


class _Dom(HTMLParser):
    """Collects the body's data-rendered, the #errors text, and the table rows' models."""

    def __init__(self) -> None:
        super().__init__()
        self.rendered: str | None = None
        self.errors = ""
        self.models: list[str] = []
        self.model_cells: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "body":
            self.rendered = found.get("data-rendered")
        if tag == "pre" and found.get("id") == "errors":
            self._in = "errors"
        if tag == "tr" and found.get("data-model") is not None:
            self.models.append(found["data-model"] or "")
        if tag == "td" and "model" in (found.get("class") or "").split():
            self._in = "model"
            self.model_cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("pre", "td"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "errors":
            self.errors += data
        elif self._in == "model":
            self.model_cells[-1] += data


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made board rendered once (rendering needs no tasks, only records)."""
    root = tmp_path_factory.mktemp("browser-root")
    (root / "test").mkdir()
    text = DEFINITION.format(name="test", tasks='"."')
    (root / "test" / "leaderboard.yaml").write_text(text, encoding="utf-8")
    write_board(root)
    out = tmp_path_factory.mktemp("browser-site")
    render_all(load_definition("test", root), out)
    return out / "index.html"


def test_page_sorts_by_hash_without_errors_and_shows_names_as_text(
    page: Path, tmp_path: Path
) -> None:
    url = page.as_uri() + "#view=ling&metric=bleu&sort=mean:bleu&dir=asc"
    done = _chromium(tmp_path / "profile", "--dump-dom", url)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = _Dom()
    dom.feed(done.stdout)
    assert dom.rendered == "ling|mean:bleu|asc", "the page script did not run to the end"
    assert dom.errors.strip() == ""
    assert "Uncaught" not in done.stderr
    # Hand-sorted by mean BLEU, ascending: 2.0, 5.0, 15.0.
    assert dom.models == sorted(LING_BLEU_MEANS, key=LING_BLEU_MEANS.__getitem__)
    assert SCRIPT_MODEL in dom.model_cells and FORMULA_MODEL in dom.model_cells
    assert "<script>alert" not in done.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in done.stdout


def test_know_view_marks_reported_entries_and_sorts_descending(page: Path, tmp_path: Path) -> None:
    url = page.as_uri() + "#view=know&sort=lang:cs&dir=desc"
    done = _chromium(tmp_path / "profile", "--dump-dom", url)
    dom = _Dom()
    dom.feed(done.stdout)
    assert dom.errors.strip() == "" and dom.rendered == "know|lang:cs|desc"
    # keyword_accuracy on cs: reported 90, alpha 40, script model 10.
    assert dom.models == [REPORTED_MODEL, "alpha", SCRIPT_MODEL]
    assert 'class="reported"' in done.stdout and "reported, not re-run" in done.stdout
    assert 'title="95% CI [35.00, 45.00]' in done.stdout  # alpha's cs cell, CI on hover
    assert "keyword_accuracy (cs, hu): <code>metric:keyword_accuracy</code>" in done.stdout


def test_screenshot_is_written(page: Path, tmp_path: Path) -> None:
    TEST_OUTPUT.mkdir(exist_ok=True)
    shot = TEST_OUTPUT / "leaderboard.png"
    shot.unlink(missing_ok=True)
    url = page.as_uri() + "#view=ling"
    done = _chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,900", url)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shutil.copy(page, TEST_OUTPUT / "leaderboard.html")


def test_named_means_are_columns_and_sort(tmp_path: Path) -> None:
    """A board with two named means (the ranking one first): both are columns, and the
    page sorts by the second (``avg:NAME:metric``) as it does by the ranking one."""
    root = tmp_path / "root"
    (root / "test").mkdir(parents=True)
    text = DEFINITION.format(name="test", tasks='"."').replace(
        "languages: [cs, hu]\n",
        "languages: [cs, hu]\naverages:\n  - {name: mean, languages: [cs, hu]}\n"
        "  - {name: cs-only, languages: [cs]}\n",
    )
    (root / "test" / "leaderboard.yaml").write_text(text, encoding="utf-8")
    write_board(root)
    render_all(load_definition("test", root), tmp_path / "site")
    url = (tmp_path / "site" / "index.html").as_uri() + "#view=ling&sort=avg:cs-only:bleu&dir=asc"
    done = _chromium(tmp_path / "profile", "--dump-dom", url)
    dom = _Dom()
    dom.feed(done.stdout)
    assert dom.errors.strip() == "" and dom.rendered == "ling|avg:cs-only:bleu|asc"
    # BLEU on cs (boards.py): formula model 1, script model 5, alpha 10.
    assert dom.models == [FORMULA_MODEL, SCRIPT_MODEL, "alpha"]
    assert ">bleu (cs-only)</th>" in done.stdout and ">bleu (mean)</th>" in done.stdout
