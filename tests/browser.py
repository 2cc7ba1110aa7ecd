"""Headless Debian Chromium for the page tests (leaderboard, inspect): one launcher."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
NEEDS_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian chromium (/usr/bin/chromium)"
)
# Without the networking flags Chromium keeps trying hosts this closed network refuses.
_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
)  # fmt: skip


def run_chromium(profile: Path, *args: str, timeout: int) -> subprocess.CompletedProcess[str]:
    """Chromium with a fresh profile folder; ``args`` says what to do (dump DOM, screenshot)."""
    command = [str(CHROMIUM), *_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
