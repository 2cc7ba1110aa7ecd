"""Credentials that third-party code writes to ``logs/run.log`` are masked when the run ends.

The log receives Python logging, ``print`` and raw writes on descriptors 1 and 2 from
C code and child processes, so the masking happens on the written file. The inputs are
what libraries print on this machine's engines (an OpenAI client's base URL with user
info, an ``Authorization`` header at DEBUG level, an argument dump with ``api_key=``).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from mella_eval.runner.quiet import redact_log, third_party_to_log


def test_secrets_from_python_c_level_and_child_processes_are_masked(tmp_path: Path) -> None:
    log_path = tmp_path / "logs" / "run.log"
    log_path.parent.mkdir()
    earlier = "an earlier run: api_key=OLD-KEY-kept-as-it-was\n"
    log_path.write_text(earlier, encoding="utf-8")
    logger = logging.getLogger("httpx-like-test-logger")
    handler = logging.StreamHandler(sys.stderr)
    logger.addHandler(handler)
    try:
        with third_party_to_log(log_path):
            logger.warning("HTTP Request: POST http://alice:s3cret-pw@10.0.0.5:8000/v1/chat")
            print("Authorization: Bearer sk-abcdefghijklmnop", flush=True)
            os.write(2, b"engine args: model=/m, api_key=sk-live-123456, max_tokens=32\n")
            subprocess.run(
                [sys.executable, "-c", "print('child: hf token=hf_AbCdEf123456 loaded')"],
                check=True,
            )
            print("plain line: max_new_tokens=32 tokenizer=auto", flush=True)
    finally:
        logger.removeHandler(handler)
    text = log_path.read_text(encoding="utf-8")
    assert text.startswith(earlier)  # what was there before this run is not rewritten
    written = text[len(earlier) :]
    for secret in ("s3cret-pw", "alice", "sk-abcdefghijklmnop", "sk-live-123456", "hf_AbCdEf"):
        assert secret not in written
    assert "POST http://***@10.0.0.5:8000/v1/chat" in written
    assert "Authorization: ***" in written
    assert "api_key=***, max_tokens=32" in written
    assert "child: hf token=*** loaded" in written
    assert "plain line: max_new_tokens=32 tokenizer=auto" in written


def test_a_log_without_secrets_is_left_byte_for_byte(tmp_path: Path) -> None:
    log_path = tmp_path / "run.log"
    content = "ok\n\xff broken utf-8 stays\n".encode("latin-1")
    log_path.write_bytes(content)
    assert redact_log(log_path) is False
    assert log_path.read_bytes() == content
