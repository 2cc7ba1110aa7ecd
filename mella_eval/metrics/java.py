"""The COCO caption toolkit's two Java tools in one JVM per process, driven robustly.

pycocoevalcap starts the PTB tokenizer for every metric and talks to the Meteor 1.5 jar
one caption at a time. Here one JVM runs ``MellaCoco.java`` (next to this file, launched
as a single-file source program): it runs the same PTBTokenizer main over every caption
of a call in one go, and scores Meteor ``SCORE`` lines on several worker threads (each a
copy of one configured ``MeteorScorer``), answering in input order. Captions are cleaned
of line breaks and ``|||`` first: either would shift the line protocol and silently pair
each caption with the wrong score.

Starting that JVM (compiling the driver, loading the jars) costs ~1.2 s of CPU on
several threads, so every task of a process shares one (:func:`shared_jvm`): an
XM3600 run (36 tasks, two PTB metrics each) started 36 before. Nothing in it carries
over between calls: PTB reads one file per call, and each Meteor line is scored alone.
"""

from __future__ import annotations

import atexit
import os
import re
import subprocess
import tempfile
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

PUNCTUATIONS = frozenset(
    [
        "''",
        "'",
        "``",
        "`",
        "-LRB-",
        "-RRB-",
        "-LCB-",
        "-RCB-",
        ".",
        "?",
        "!",
        ",",
        ":",
        "-",
        "--",
        "...",
        ";",
    ]
)  # fmt: skip  (pycocoevalcap.tokenizer.ptbtokenizer.PUNCTUATIONS, verbatim)

# Everything Python's str.splitlines() or Java's readLine() would treat as a line end.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_DRIVER = Path(__file__).with_name("MellaCoco.java")
METEOR_ARGS = ("-l", "en", "-norm")  # what pycocoevalcap's Meteor wrapper hard-codes


def _package_dir(sub: str) -> Path:
    import pycocoevalcap

    return Path(next(iter(pycocoevalcap.__path__))) / sub


def one_line(text: str) -> str:
    """The caption on one line: every line break becomes a space."""
    return _LINE_BREAKS.sub(" ", text)


def score_line(hypothesis: str, references: list[str]) -> str:
    """pycocoevalcap's Meteor SCORE line, with ``|||`` and line breaks removed everywhere."""
    hyp = one_line(hypothesis).replace("|||", "").replace("  ", " ")
    refs = [one_line(r).replace("|||", "") for r in references]
    return " ||| ".join(("SCORE", " ||| ".join(refs), hyp))


def _drop_punct(line: str) -> str:
    return " ".join(w for w in line.rstrip().split(" ") if w not in PUNCTUATIONS)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def default_threads() -> int:
    """Meteor worker threads: the machine's cores, at most 8."""
    return max(1, min(8, os.cpu_count() or 1))


class CocoJvm:
    """One JVM holding the PTB tokenizer and a (lazily built) Meteor 1.5 scorer.

    A call that fails or is interrupted half-way stops the JVM (its answers could no
    longer be paired with the questions), so :func:`shared_jvm` starts a new one.
    """

    def __init__(self, threads: int | None = None, meteor_args: tuple[str, ...] = METEOR_ARGS):
        self.threads = threads or default_threads()
        self._err: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (lives with the JVM)
        jars = os.pathsep.join(
            [str(_package_dir("meteor") / "meteor-1.5.jar"),
             str(_package_dir("tokenizer") / "stanford-corenlp-3.4.1.jar")]
        )  # fmt: skip
        cmd = ["java", "-Xmx2G", "-cp", jars, str(_DRIVER), str(self.threads), "-", "-",
               *meteor_args]  # fmt: skip
        self._proc = subprocess.Popen(
            cmd, cwd=_package_dir("meteor"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self._err,
        )  # fmt: skip
        self._lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _stop, self._proc)
        atexit.register(self._finalizer)
        if self._readline() != "READY":
            raise RuntimeError(f"COCO JVM did not start: {self._stderr_tail()}")

    def tokenize(self, texts: list[str]) -> list[str]:
        """pycocoevalcap's PTBTokenizer.tokenize for a flat list (same jar, options, filter)."""
        if not texts:
            return []
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = Path(tmp) / "in.txt", Path(tmp) / "out.txt"
            src.write_text("\n".join(one_line(t) for t in texts), encoding="utf-8")
            with self._lock, self._stopped_on_failure():
                self._send([f"PTB {src} {dst}"])
                if self._readline() != "OK":
                    raise RuntimeError(f"PTB tokenizer failed: {self._stderr_tail()}")
            lines = dst.read_text(encoding="utf-8").split("\n")[: len(texts)]
        lines += [""] * (len(texts) - len(lines))
        return [_drop_punct(line) for line in lines]

    def meteor_stats(self, pairs: list[tuple[str, list[str]]]) -> list[list[float]]:
        """Meteor statistics (23 numbers) per (hypothesis, references) pair, in order."""
        if not pairs:
            return []
        lines = [f"METEOR {len(pairs)}", *(score_line(h, r) for h, r in pairs)]
        with self._lock, self._stopped_on_failure():
            writer = threading.Thread(target=self._send, args=(lines,), daemon=True)
            writer.start()
            out = [[float(x) for x in self._readline().split()] for _ in pairs]
            writer.join()
        return out

    @property
    def alive(self) -> bool:
        """Whether the JVM is still running (and so can take the next call)."""
        return self._proc.poll() is None

    @contextmanager
    def _stopped_on_failure(self) -> Iterator[None]:
        """Stop the JVM if the call in this block fails: its line protocol is out of step."""
        try:
            yield
        except BaseException:
            self.close()
            raise

    def _send(self, lines: list[str]) -> None:
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write("".join(f"{line}\n" for line in lines).encode("utf-8"))
            self._proc.stdin.flush()
        except BrokenPipeError:
            pass  # the reader reports the JVM's error

    def _readline(self) -> str:
        assert self._proc.stdout is not None
        raw = self._proc.stdout.readline()
        if not raw:
            raise RuntimeError(f"COCO JVM stopped: {self._stderr_tail()}")
        return raw.decode("utf-8").strip()

    def _stderr_tail(self) -> str:
        self._err.seek(0)
        return self._err.read().decode(errors="replace")[-800:]

    def close(self) -> None:
        """Stop the JVM now (also happens at garbage collection and exit)."""
        self._finalizer()


_shared: CocoJvm | None = None
_shared_lock = threading.Lock()


def shared_jvm() -> CocoJvm:
    """This process's JVM, started on first use and again if it has stopped.

    Stopped at exit (``atexit``); a spawned scoring worker has its own.
    """
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.alive:
            _shared = CocoJvm()
        return _shared
