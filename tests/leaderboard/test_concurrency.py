"""Two submits at once, in two processes: both land (or one is a duplicate), nothing breaks."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mella_eval.leaderboard import read_records
from tests.leaderboard.conftest import PREDICTIONS, build_run

REPO = Path(__file__).resolve().parents[2]
SUBMIT = (
    "import sys; from pathlib import Path; "
    "from mella_eval.errors import SubmissionError; "
    "from mella_eval.leaderboard import load_definition, submit_run\n"
    "try:\n"
    "    submit_run(load_definition('test', Path(sys.argv[1])), Path(sys.argv[2]))\n"
    "except SubmissionError as exc:\n"
    "    print(exc); sys.exit(3)\n"
)
# Only the locked duplicate check and write, without validation: cheap enough to race many.
ADD = (
    "import sys; from pathlib import Path; from datetime import datetime, UTC; "
    "from mella_eval.errors import SubmissionError; "
    "from mella_eval.leaderboard import load_definition, SubmissionRecord, TaskScores\n"
    "from mella_eval.leaderboard.submit import add_record\n"
    "from mella_eval.results import MetricValue\n"
    "scores = {'lbt_know_cs': TaskScores(task='lbt_know_cs', language='cs', kind='know', "
    "metrics={'keyword_accuracy': MetricValue(value=1.0)})}\n"
    "record = SubmissionRecord(leaderboard='test', entry_type='reported', model=sys.argv[2], "
    "source='https://example.org/p', submitted_at=datetime.now(UTC), tasks=scores)\n"
    "definition = load_definition('test', Path(sys.argv[1]))\n"
    "import time; time.sleep(max(0.0, float(sys.argv[3]) - time.time()))  # start together\n"
    "try:\n"
    "    add_record(definition, record)\n"
    "except SubmissionError as exc:\n"
    "    print(exc); sys.exit(3)\n"
)


def _submit_together(
    root: Path, scripts: list[str], args: list[list[object]]
) -> list[subprocess.CompletedProcess[str]]:
    """Start every script at once (each gets the leaderboards root first), then wait."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(root), *map(str, extra)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for script, extra in zip(scripts, args, strict=True)
    ]  # fmt: skip
    done = []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, ""))
    return done


def test_two_runs_submitted_at_once_both_land(
    lb_root: Path, run_copy: Callable[..., Path], lb_assets: dict[str, Path], tmp_path: Path
) -> None:
    first = run_copy("a")
    second = build_run(  # other weights, other predictions: a different entry
        tmp_path / "b",
        lb_assets["tasks"],
        fingerprint="sha256:bbbb",
        name="other",
        predictions={**PREDICTIONS, "c3": "Most přes řeku."},
    )
    results = _submit_together(lb_root, [SUBMIT, SUBMIT], [[first], [second]])
    assert [r.returncode for r in results] == [0, 0], [r.stdout for r in results]
    folder = lb_root / "test" / "submissions"
    records = read_records(folder)  # verifies every record against its content hash
    assert sorted(r.model_fingerprint or "" for r in records) == ["sha256:aaaa", "sha256:bbbb"]
    leftovers = [
        p.name for p in folder.iterdir() if p.suffix != ".json" and p.name != ".submit.lock"
    ]
    assert not leftovers, leftovers


def test_racing_writers_keep_one_copy_of_each_entry(lb_root: Path) -> None:
    """Six processes add three distinct entries twice each, all at once: three records."""
    models = ["m0", "m1", "m2"] * 2
    start = time.time() + 2.0  # after every process has imported, all write at once
    results = _submit_together(lb_root, [ADD] * len(models), [[m, start] for m in models])
    codes = sorted(r.returncode for r in results)
    assert codes == [0, 0, 0, 3, 3, 3], [r.stdout for r in results]
    records = read_records(lb_root / "test" / "submissions")
    assert sorted(r.model for r in records) == ["m0", "m1", "m2"]
