"""The inspect page in headless Chromium: no hostile text runs, filters and sorting work.

State is driven through the URL hash, which the page reads on load exactly as after a
change of its controls. The page's error trap writes any script error into ``#errors``.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mella_eval.inspect import build_page_data, render_inspect
from tests.browser import NEEDS_CHROMIUM, run_chromium
from tests.conftest import TEST_OUTPUT
from tests.inspect.conftest import ACCURACY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    NEEDS_CHROMIUM,
]


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_chromium(profile, *args, timeout=120)


class _Dom(HTMLParser):
    """Body attributes, #errors text, article ids, and the text of prediction blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.body: dict[str, str | None] = {}
        self.errors = ""
        self.ids: list[str] = []
        self.predictions: dict[str, str] = {}
        self.auto_dir = 0
        self._in: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("dir") == "auto":
            self.auto_dir += 1
        if tag == "body":
            self.body = found
        elif tag == "pre" and found.get("id") == "errors":
            self._in = "errors"
        elif tag == "article":
            self.ids.append(found.get("data-id") or "")
        elif tag == "div" and found.get("class") == "prediction":
            self._in, self._depth = "prediction", 0
            self.predictions[self.ids[-1]] = ""
        elif self._in == "prediction":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._in == "errors" and tag == "pre":
            self._in = None
        elif self._in == "prediction":
            if self._depth == 0:
                self._in = None
            else:
                self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in == "errors":
            self.errors += data
        elif self._in == "prediction":
            self.predictions[self.ids[-1]] += data


@pytest.fixture(scope="module")
def page(scored_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inspect-page") / "inspect.html"
    path.write_text(render_inspect(build_page_data(scored_run)), encoding="utf-8")
    return path


def _open(page: Path, profile: Path, state: str = "") -> tuple[_Dom, str]:
    done = _chromium(profile, "--dump-dom", page.as_uri() + state)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = _Dom()
    dom.feed(done.stdout)
    assert dom.errors.strip() == "", dom.errors
    assert "Refused to" not in done.stderr, done.stderr[-2000:]  # our own scripts pass the CSP
    return dom, done.stdout


def test_hostile_predictions_show_as_text_and_run_nothing(page: Path, tmp_path: Path) -> None:
    dom, text = _open(page, tmp_path / "profile")
    assert dom.body.get("data-rendered") == "40|id|asc"
    assert "data-pwned" not in dom.body  # neither <img onerror> nor </script><script> ran
    assert dom.predictions["ar-01"].endswith(
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
    )
    assert "</script><script>" in dom.predictions["th-01"]
    ko = dom.predictions["ko-01"]
    assert "\u202e" not in ko and "⟨U+202E⟩evil⟨U+202C⟩" in ko  # visible, not applied
    assert dom.auto_dir >= 40 * 3  # prompt, prediction or placeholder, references: dir=auto
    # Two forms match (with and without الكبير); the range is their union.
    assert '<mark class="kw" data-kw="1" title="keyword 1">جامع الشيخ زايد الكبير</mark>' in text


def test_a_script_outside_the_csp_hashes_is_blocked(page: Path, tmp_path: Path) -> None:
    """Proves the policy is strict: an injected inline script (no hash) does not run."""
    tampered = tmp_path / "tampered.html"
    extra = "<script>document.body.setAttribute('data-pwned','csp')</script>"
    tampered.write_text(
        page.read_text(encoding="utf-8").replace("</body>", extra + "</body>"), encoding="utf-8"
    )
    done = _chromium(tmp_path / "profile", "--dump-dom", tampered.as_uri())
    assert "data-rendered=" in done.stdout  # the page's own script still ran
    assert "data-pwned=" not in done.stdout.split("<main", 1)[0]


def test_sort_by_metric_and_filters(page: Path, tmp_path: Path) -> None:
    dom, _ = _open(page, tmp_path / "p1", "#sort=keyword_accuracy&dir=asc")
    assert dom.body.get("data-rendered") == "40|keyword_accuracy|asc"
    # By hand: ko-01 33.3, hu-01 66.7, ar-01 100 and th-01 100 (tie: task name order); then
    # the 36 samples without a prediction (no metric) last.
    assert dom.ids[:4] == sorted(ACCURACY, key=lambda i: (ACCURACY[i], i))
    dom, _ = _open(page, tmp_path / "p2", "#sort=keyword_accuracy&dir=desc&lang=hu")
    assert (
        dom.ids[0] == "hu-01" and len(dom.ids) == 10 and all(i.startswith("hu-") for i in dom.ids)
    )
    # Categories from tasks/mella/mini/set_categories.py: th food = th-03, th-08, th-09.
    dom, _ = _open(page, tmp_path / "p3", "#task=mella_know_th&cat=food")
    assert dom.ids == ["th-03", "th-08", "th-09"]
    dom, _ = _open(page, tmp_path / "p4", "#cat=festival&lang=th&sort=id&dir=desc")
    assert dom.ids == ["th-10", "th-05", "th-04"]


def test_screenshot(page: Path, tmp_path: Path) -> None:
    TEST_OUTPUT.mkdir(exist_ok=True)
    shot = TEST_OUTPUT / "inspect.png"
    shot.unlink(missing_ok=True)
    done = _chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,1000",
                     "--hide-scrollbars", page.as_uri() + "#sort=keyword_accuracy&dir=desc")  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    shutil.copy(page, TEST_OUTPUT / "inspect.html")
