#!/usr/bin/env bash
# The model matrix on a CUDA machine: every tiny family through `hf` and `vllm`, then a table.
#
# Usage (from a checkout with the GPU extra installed, torch + torchvision CUDA builds):
#   scripts/gpu-check.sh            # all families, both engines
#   scripts/gpu-check.sh -k gemma3  # extra arguments go to pytest
#
# With torchvision working, vLLM loads Gemma 3, LLaVA and PaliGemma natively (on the CPU
# machines they need model_impl=transformers); the table says which backend ran.
# Results: test-output/model-matrix.jsonl (one row per family x engine) and the table below.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
if ! "$PY" -c "import torch, torchvision, vllm; assert torch.cuda.is_available()" 2>/dev/null; then
    echo "gpu-check: needs a CUDA GPU with torch, torchvision and vllm importable" >&2
    exit 2
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" HF_HUB_OFFLINE=1 MELLA_FULL_MATRIX=1
rm -f test-output/model-matrix.jsonl
"$PY" -m pytest tests/engines/test_model_matrix.py -q -p no:cacheprovider -m "slow" "$@"
status=$?
"$PY" - <<'PY'
import json
from pathlib import Path

rows = [json.loads(l) for l in Path("test-output/model-matrix.jsonl").read_text().splitlines()]
print(f"{'family':<18} {'engine':<6} {'backend':<13} {'tokens agree':<13} seconds")
for r in rows:
    agree = f"{r['agree']}/{r['n']}" if "agree" in r else ("runs" if r.get("runs") else "FAILED")
    print(f"{r['family']:<18} {r['engine']:<6} {r.get('model_impl', '-'):<13} {agree:<13} {r['seconds']}")
PY
exit $status
