"""Case 14 (a stale matplotlib font cache) and hostile YAML files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mella_eval.cli import main
from mella_eval.engines.options import load_engine_options
from mella_eval.errors import EngineError, TaskError
from mella_eval.tasks import TaskRegistry
from tests.conftest import REPO, TaskWriter

FAMILIES = """
import json, sys
from mella_eval.figures.fonts import installed_families
print(json.dumps(sorted(installed_families())))
"""
BUILD_CACHE = "import matplotlib.font_manager as fm; print(fm.fontManager.ttflist[0].fname)"


def _python(code: str, config_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "MPLCONFIGDIR": str(config_dir)}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )


def _nanum_installed() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list"], capture_output=True, text=True, timeout=30).stdout
    return "NanumGothic" in listed


@pytest.mark.slow
@pytest.mark.skipif(not _nanum_installed(), reason="needs fonts-nanum (scripts/setup.sh)")
def test_14_a_font_cache_written_before_the_fonts_were_installed_is_refreshed(
    tmp_path: Path,
) -> None:
    """Rebuild the state of a machine that used matplotlib before setup.sh added fonts:
    a cache without the Korean/Thai/Arabic families, written before the font files."""
    config = tmp_path / "mpl"
    assert _python(BUILD_CACHE, config).returncode == 0
    (cache,) = config.glob("fontlist-v*.json")
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["ttflist"] = [e for e in data["ttflist"] if "DejaVu" in e["name"]]
    cache.write_text(json.dumps(data), encoding="utf-8")
    os.utime(cache, (1_000_000_000, 1_000_000_000))  # 2001: before any font file arrived
    done = _python(FAMILIES, config)
    assert done.returncode == 0, done.stderr[-2000:]
    families = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "NanumGothic" in families
    refreshed = json.loads(cache.read_text(encoding="utf-8"))
    assert any(e["name"] == "NanumGothic" for e in refreshed["ttflist"])  # written back


def test_14_setup_script_refreshes_the_font_cache() -> None:
    text = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    fonts_at = text.index("fonts-noto-core")
    refresh_at = text.index("_load_fontmanager(try_read_cache=False)")
    assert refresh_at > fonts_at


# -- hostile YAML --------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_a_yaml_alias_bomb_as_engine_config_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "engine.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(EngineError, match="once expanded"):
        load_engine_options(path)


def test_a_yaml_alias_bomb_as_a_task_is_refused(write_task: TaskWriter) -> None:
    task = write_task()
    task.write_text(task.read_text(encoding="utf-8") + BILLION_LAUGHS.replace("a:", "x_a:"))
    with pytest.raises(TaskError, match="once expanded"):
        TaskRegistry.discover([task.parent]).get(task.stem)


@pytest.mark.slow
def test_deeply_nested_and_huge_task_yaml_are_clean_errors(
    write_task: TaskWriter, capsys: pytest.CaptureFixture[str]
) -> None:
    task = write_task()
    task.write_text("x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert main(["tasks", "validate", str(task)]) == 1  # validate: 1 = a task failed
    out = "".join(capsys.readouterr())
    assert f"{task}: refused: nested too deep" in out and "Traceback" not in out
    task.write_text("x: '" + "y" * (5 << 20) + "'\n", encoding="utf-8")
    assert main(["tasks", "validate", str(task)]) == 1
    assert "larger than 4194304 bytes" in "".join(capsys.readouterr())


@pytest.mark.parametrize(
    "text",
    ["name: [unclosed\n", "\t- tab: indent\n", "!!python/object/apply:os.system ['true']\n",
     "\xff\xfe bad bytes", "? [a, b]\n: complex key\n"],
)  # fmt: skip
def test_malformed_task_yaml_is_a_clean_error(
    write_task: TaskWriter, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    task = write_task()
    task.write_bytes(text.encode("latin-1") if text.startswith("\xff") else text.encode())
    assert main(["tasks", "validate", str(task)]) == 1
    out = "".join(capsys.readouterr())
    assert f"FAIL {task}: {task}" in out and "Traceback" not in out
