#!/usr/bin/env bash
# Install everything the tests need, then run lint, type checks and the test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not slow".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
venv=${MELLA_VENV:-.venv}
"$venv/bin/ruff" check mella_eval tests benchmarks tasks
"$venv/bin/ruff" format --check mella_eval tests benchmarks tasks
"$venv/bin/mypy"
# Two workers (pytest-xdist): engine starts are mostly single-threaded imports, so the two
# cores overlap them; tests that share a session engine, server or Ray cluster stay on one
# worker (tests/conftest.py XDIST_GROUPS). MELLA_TEST_WORKERS=0 runs in one process.
workers=${MELLA_TEST_WORKERS:-2}
"$venv/bin/python" -m pytest -n "$workers" --dist loadgroup "$@"
