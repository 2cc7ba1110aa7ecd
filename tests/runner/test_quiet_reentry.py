"""The redirection of third-party output is re-entrant and leaves everything as found.

Each case runs in a fresh interpreter whose fds 1 and 2 are pipes, so what is checked is
exactly what a terminal would receive. The handler built inside the first redirection
copies what transformers does at import (``StreamHandler()`` on the current
``sys.stderr``, and ``handler.flush = sys.stderr.flush``); before the fix the second
redirection in the same process failed flushing it ("I/O operation on closed file"),
which made ``mella-eval demo`` exit 1 on every machine without a cached checkpoint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = r"""
import json, logging, os, sys
from pathlib import Path
from mella_eval.runner import quiet

log1, log2, log3 = (Path(sys.argv[1]) / n for n in ("one.log", "two.log", "three.log"))
before = logging.getLogger("lib.before")
before.addHandler(logging.StreamHandler())          # made before any redirect: stderr
stream_before = before.handlers[0].stream
fds_before = [os.fstat(fd).st_ino for fd in (1, 2)]
std_before = (sys.stdout, sys.stderr)

with quiet.third_party_to_log(log1):
    made = logging.StreamHandler()                  # transformers' pattern, made inside
    made.flush = sys.stderr.flush
    inside = logging.getLogger("lib.inside")
    inside.addHandler(made)
    inside.warning("inside-one")
    before.warning("before-one")
    print("print-one")
    print("ours-one", file=quiet.console_err())

made.flush()                                        # still usable after the redirect
inside.warning("between")
before.warning("before-between")

with quiet.third_party_to_log(log2):                # the demo's second redirect
    inside.warning("inside-two")
    before.warning("before-two")
    with quiet.third_party_to_log(log3) as nested:  # nested: the outer one applies
        inside.warning("inside-nested")
        print("ours-nested", file=quiet.console_out())

print(json.dumps({
    "nested": nested,
    "std_restored": (sys.stdout, sys.stderr) == std_before,
    "fds_restored": [os.fstat(fd).st_ino for fd in (1, 2)] == fds_before,
    "handler_restored": before.handlers[0].stream is stream_before,
    "log3_exists": log3.exists(),
}))
"""

FAILING_SETUP = r"""
import logging, os, sys
from pathlib import Path
from mella_eval.runner import quiet

def broken(streams):
    raise RuntimeError("handler table broke")

quiet._retarget_handlers = broken
try:
    with quiet.third_party_to_log(Path(sys.argv[1]) / "run.log"):
        pass
except RuntimeError:
    pass
print("console-after-failure")
print("stderr-after-failure", file=sys.stderr)
"""


def _run(script: str, folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip


def test_two_redirects_and_a_nested_one_leave_handlers_and_streams_as_found(
    tmp_path: Path,
) -> None:
    done = _run(SCRIPT, tmp_path)
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state == {
        "nested": None,
        "std_restored": True,
        "fds_restored": True,
        "handler_restored": True,
        "log3_exists": False,
    }
    one = (tmp_path / "one.log").read_text(encoding="utf-8")
    two = (tmp_path / "two.log").read_text(encoding="utf-8")
    assert all(line in one for line in ("inside-one", "before-one", "print-one"))
    assert all(line in two for line in ("inside-two", "before-two", "inside-nested"))
    # Between the redirects both handlers write to the real stderr, as they would have.
    assert "between" in done.stderr and "before-between" in done.stderr
    # Our own lines reach the console; third-party lines from inside never do.
    assert "ours-one" in done.stderr and "ours-nested" in done.stdout
    for line in ("inside-one", "before-one", "print-one", "inside-two", "inside-nested"):
        assert line not in done.stdout + done.stderr


def test_a_failure_while_setting_up_restores_the_console(tmp_path: Path) -> None:
    done = _run(FAILING_SETUP, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "console-after-failure" in done.stdout
    assert "stderr-after-failure" in done.stderr
    assert "console-after-failure" not in (tmp_path / "run.log").read_text(encoding="utf-8")
