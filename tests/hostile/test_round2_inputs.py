"""Round two, what comes in: lone surrogates (2), devices, pipes and paths outside the task
folder as data or keywords files (5), a failing image URL fetched once per run (7).
Issue 22 (case 2 is also issue 18's chrF defect).

Runs use the ``openai`` engine against a fake server on 127.0.0.1 (no model loaded).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import sacrebleu

from mella_eval.cli import main
from mella_eval.results import read_results, read_samples
from tests.conftest import TaskWriter
from tests.hostile.conftest import CAPTION, Handler, LocalServer, cli, run_argv

STORE = "predictions.jsonl"
Start = Callable[[Handler], LocalServer]


def _samples(out: Path) -> dict[str, object]:
    result = read_results(out)
    return {r.id: r for t in result.tasks.values() for r in read_samples(out, t, verify=True)}


def _answering(content: str) -> Handler:
    """A chat-completions endpoint whose JSON answer is ``content`` (escaped as \\uXXXX)."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        body = json.dumps(  # ensure_ascii: a lone surrogate goes out as a \\ud800 escape
            {"choices": [{"message": {"role": "assistant", "content": content},
                          "finish_reason": "stop"}],
             "usage": {"prompt_tokens": 20, "completion_tokens": 7}}
        ).encode()  # fmt: skip
        request.send_response(200)
        request.send_header("content-type", "application/json")
        request.send_header("content-length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    return handle


# -- 2: lone surrogates ---------------------------------------------------------------------


def test_r2_a_server_answering_a_lone_surrogate_is_stored_and_scored(
    write_task: TaskWriter, tmp_path: Path, http_server: Start
) -> None:
    server = http_server(_answering("A Parlament \ud800 épülete."))
    assert b"\\ud800" in json.dumps({"c": "\ud800"}).encode()  # the wire form really is the escape
    task = write_task(metrics="[keyword_accuracy, chrf]")
    out = tmp_path / "out"
    argv = run_argv(task, out, f"{server.url}/v1")
    assert main(argv) == 0
    stored = [json.loads(line) for line in (out / STORE).read_bytes().splitlines()]
    assert [r["text"] for r in stored] == ["A Parlament \ufffd épülete."] * 2
    assert [r["surrogates_replaced"] for r in stored] == [1, 1]  # the replacement is recorded
    samples = _samples(out)
    assert samples["a"].prediction == "A Parlament \ufffd épülete."  # type: ignore[attr-defined]
    refs = ["A budapesti Parlament épülete a Duna partján."]
    expected = sacrebleu.sentence_chrf("A Parlament \ufffd épülete.", refs).score
    assert samples["a"].metrics["chrf"] == pytest.approx(expected, abs=1e-9)  # type: ignore[attr-defined]
    before = len(server.requests)
    assert main(argv) == 0  # the rerun reuses what was stored: no crash, no request
    assert len(server.requests) == before


def test_r2_score_reads_a_predictions_file_with_a_lone_surrogate_escape(
    write_task: TaskWriter, tmp_path: Path
) -> None:
    task = write_task(kind="ling", metrics="[chrf, chrf_pp, bleu]")
    preds = tmp_path / "p.jsonl"
    preds.write_text(
        '{"task": "t_know_hu", "id": "a", "prediction": "a dog \\ud83d runs"}\n'
        '{"task": "t_know_hu", "id": "b", "prediction": "Gulyásleves \\udc00 piros."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    done = cli(["score", "--predictions", str(preds), "--include-path", str(task.parent),
                "--output", str(out), "--bootstrap", "0", "--quiet"])  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{preds}:1: 1 lone UTF-16 surrogate(s)" in done.stderr
    assert f"{preds}:2: 1 lone UTF-16 surrogate(s)" in done.stderr
    samples = _samples(out)
    hyp = "a dog \ufffd runs"
    refs = ["A budapesti Parlament épülete a Duna partján."]
    assert samples["a"].prediction == hyp  # type: ignore[attr-defined]
    metrics = samples["a"].metrics  # type: ignore[attr-defined]
    assert metrics["chrf"] == pytest.approx(sacrebleu.sentence_chrf(hyp, refs).score, abs=1e-9)
    chrf_pp = sacrebleu.CHRF(word_order=2).sentence_score(hyp, refs).score
    assert metrics["chrf_pp"] == pytest.approx(chrf_pp, abs=1e-9)


def test_r2_data_and_keywords_files_with_lone_surrogates_are_read(
    write_task: TaskWriter, tmp_path: Path, fake_openai: LocalServer
) -> None:
    task = write_task()
    data = task.with_suffix(".jsonl")
    lines = data.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("Duna partján.", "Duna \\ud83d partján.")  # the JSON escape
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "\\ud83d" in data.read_text(encoding="utf-8")
    out = tmp_path / "out"
    done = cli(run_argv(task, out, f"{fake_openai.url}/v1"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{data}:1: 1 lone UTF-16 surrogate(s)" in done.stderr
    record = _samples(out)["a"]
    assert record.references == ["A budapesti Parlament épülete a Duna \ufffd partján."]  # type: ignore[attr-defined]
    assert record.prediction == CAPTION  # type: ignore[attr-defined]


# -- 5: devices, pipes and paths outside the task folder -----------------------------------


def _task_with(write_task: TaskWriter, extra: str = "", **paths: str) -> Path:
    """A task whose dataset.path / keywords_file are replaced by ``paths``."""
    task = write_task()
    text = task.read_text(encoding="utf-8")
    if "path" in paths:
        text = text.replace(f"  path: {task.stem}.jsonl\n", f"  path: {paths['path']}\n")
    if "keywords_file" in paths:
        text = text.replace("  fields:", f"  keywords_file: {paths['keywords_file']}\n  fields:")
    if extra:
        text = text.replace("  fields:", f"  {extra}\n  fields:")
    task.write_text(text, encoding="utf-8")
    return task


def _bounded_main(argv: list[str], seconds: float = 20) -> int:
    """``main(argv)`` in a thread, failing the test (not hanging it) past ``seconds``."""
    result: dict[str, int] = {}
    thread = threading.Thread(target=lambda: result.update(code=main(argv)), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still running after {time.monotonic() - started:.0f} s (hung)")
    return result["code"]


@pytest.mark.parametrize("kind", ["fifo", "dev_zero", "outside", "symlink_out"])
@pytest.mark.parametrize("setting", ["path", "keywords_file"])
def test_r5_a_data_or_keywords_path_that_is_no_regular_file_inside_the_task_is_refused(
    write_task: TaskWriter,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    setting: str,
    kind: str,
) -> None:
    folder = tmp_path / "tasks"
    folder.mkdir(exist_ok=True)
    outside = tmp_path / "elsewhere" / "data.jsonl"
    outside.parent.mkdir()
    outside.write_text('{"id": "a"}\n', encoding="utf-8")
    extra = ""
    if kind == "fifo":
        os.mkfifo(folder / "pipe.jsonl")
        value, named = "pipe.jsonl", folder / "pipe.jsonl"
    elif kind == "dev_zero":  # allowed outside, so only "not a regular file" can stop it
        value, named, extra = "/dev/zero", Path("/dev/zero"), "allow_data_outside: true"
    elif kind == "outside":
        value, named = str(outside), outside
    else:
        (folder / "link.jsonl").symlink_to(outside)
        value, named = "link.jsonl", outside
    task = _task_with(write_task, extra, **{setting: value})
    capsys.readouterr()
    code = _bounded_main(["tasks", "validate", "--no-images", str(task)])
    text = capsys.readouterr()
    assert code != 0, text
    shown = text.out + text.err
    if kind in ("fifo", "dev_zero"):
        assert f"{named}: not a regular file (a device, named pipe or socket); refused" in shown
    else:
        assert f"dataset.{setting} {value!r} leaves the task's folder {folder}" in shown
        assert str(outside) in shown and "allow_data_outside: true" in shown


def test_r5_the_allowance_reads_a_data_file_outside_the_task_folder(
    write_task: TaskWriter, tmp_path: Path, fake_openai: LocalServer
) -> None:
    """Control: with dataset.allow_data_outside a regular file elsewhere is read."""
    task = write_task()
    moved = tmp_path / "elsewhere" / "data.jsonl"
    moved.parent.mkdir()
    moved.write_text(task.with_suffix(".jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    (moved.parent / "img").symlink_to(task.parent / "img")
    task = _task_with(
        write_task, "allow_data_outside: true\n  allow_images_outside: true", path=str(moved)
    )
    out = tmp_path / "out"
    assert main(run_argv(task, out, f"{fake_openai.url}/v1")) == 0
    assert {k: r.prediction for k, r in _samples(out).items()} == {"a": CAPTION, "b": CAPTION}  # type: ignore[attr-defined]


# -- 7: a failing image URL, once per run ---------------------------------------------------


def test_r7_a_failing_image_url_is_fetched_once_per_run(
    write_task: TaskWriter,
    tmp_path: Path,
    http_server: Start,
    fake_openai: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MELLA_EVAL_CACHE", str(tmp_path / "cache"))
    hits: list[str] = []

    def broken(request: BaseHTTPRequestHandler) -> None:
        hits.append(request.path)
        body = b"<html>gone</html>"
        request.send_response(503)
        request.send_header("content-type", "text/html")
        request.send_header("content-length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    images = http_server(broken)
    url = f"{images.url}/broken.png"
    records = [
        {"id": "a", "image": url, "refs": ["A Parlament."], "kw": [["Parlament"]]},
        {"id": "b", "image": url, "refs": ["A Duna."], "kw": [["Duna"]]},
        {"id": "c", "image": "img/c.png", "refs": ["Leves."], "kw": [["leves"]]},
    ]
    task = write_task(records=records)
    argv = run_argv(task, tmp_path / "out", f"{fake_openai.url}/v1")
    assert main(argv) == 0  # c is scored; a and b fail with the reason
    assert hits == ["/broken.png"]  # two samples, each hashed and loaded: one request
    assert len(fake_openai.requests) == 1
    failed = {k: r.error for k, r in _samples(tmp_path / "out").items() if r.error}  # type: ignore[attr-defined]
    assert sorted(failed) == ["a", "b"] and all("HTTP 503" in e for e in failed.values())
    assert main(argv) == 0
    assert hits == ["/broken.png"] * 2  # the next run asks again: it may work today
