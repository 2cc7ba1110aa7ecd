"""Which engine options decide what a model writes, for prediction store keys.

A store key must change when an option can change the generated text (``dtype``,
``quantization``, ``max_model_len``, ``trust_remote_code``, ``model_impl``, ...) and must
not change with options that only decide how fast or where the same text is made
(memory share, parallelism, batch sizes, the server's address, credentials): otherwise
moving a run to a bigger GPU or another server port would generate everything again.
The list below is therefore a deny-list: an option not named here counts, so an unknown
option regenerates rather than reusing answers it may have changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mella_eval.redact import is_secret_name, redact

__all__ = ["output_options"]

#: Options that change speed, placement or transport, never the text (per engine docs:
#: vLLM's engine arguments, the hf and openai engines' options).
SPEED_AND_PLACE_OPTIONS = frozenset(
    {
        # vLLM: memory and scheduling
        "gpu_memory_utilization",
        "tensor_parallel_size",
        "pipeline_parallel_size",
        "data_parallel_size",
        "max_num_seqs",
        "max_num_batched_tokens",
        "swap_space",
        "cpu_offload_gb",
        "enforce_eager",
        "enable_prefix_caching",
        "block_size",
        "mm_processor_cache_gb",
        "distributed_executor_backend",
        "disable_log_stats",
        # hf
        "batch_size",
        # openai: transport
        "base_url",
        "api_key_env",
        "max_concurrency",
        "timeout",
        "max_retries",
        "backoff_base",
        "backoff_max",
        # covered elsewhere in the key: the fingerprint holds the revision's files, and a
        # chat template's digest is added to the model part (engines.chat_template)
        "revision",
        "chat_template",
    }
)


def output_options(engine: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """The engine's name and its options that can change generated text (secrets masked)."""
    kept = {
        name: value
        for name, value in sorted(options.items())
        if name not in SPEED_AND_PLACE_OPTIONS and not is_secret_name(name)
    }
    return {"name": engine, "options": redact(kept)}
