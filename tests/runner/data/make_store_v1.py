"""Write a prediction store with the code of commit c4f470b (store version 1), as a test fixture."""

import sys
from pathlib import Path

from mella_eval.runner.config import STORE_FILE, RunConfig, save_config
from mella_eval.runner.pipeline import prepare_all, registry_for
from mella_eval.store import PredictionStore

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
config = RunConfig(
    model="mella-test/legacy-model",
    model_fingerprint="mella-test/legacy-model@main",
    engine="openai",
    tasks=["mella_know_ar", "mella_ling_ar", "mella_know_th"],
    limit=3,
    bootstrap=0,
    command=[
        "mella-eval",
        "run",
        "(fixture written by tests/runner/data/make_store_v1.py at commit c4f470b)",
    ],
)
save_config(out, config)
tasks = prepare_all(config, registry_for(config))
store = PredictionStore(out / STORE_FILE)
records = []
# Greedy decoding of the same image and prompt gives the same text in every task: the
# know and ling tasks of a language ask the same question of the same picture.
texts = {}
for t in tasks:
    for item in t.items:
        if t.spec.kind == "know":
            texts[
                item.sample.image.path
                if hasattr(item.sample.image, "path")
                else str(item.sample.image)
            ] = item.sample.references[0][:200]
for t in tasks:
    for item in t.items:
        ref = item.sample.image
        text = texts[ref.path if hasattr(ref, "path") else str(ref)]
        records.append(
            {
                "key": item.key,
                "text": text,
                "finish_reason": "stop",
                "prompt_tokens": 12,
                "completion_tokens": len(text.split()),
                "latency_s": 0.5,
                "error": None,
                "task": t.spec.name,
                "sample_id": item.sample.id,
            }
        )
store.append(records)
print(len(records), "records")
