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
"$venv/bin/python" -m pytest "$@"
