"""Generation: pending samples ► engine ► prediction store, resumable, local or on Ray.

``loop`` is the local loop (streaming or chunked) and the request de-duplication and
counting both executors share; ``ray`` spreads the same requests over a Ray cluster;
``shared_stream`` lets concurrent callers share one streaming engine.
"""

from mella_eval.generation.loop import (
    GenerationStats,
    PendingRequest,
    generate_missing,
    load_or_reason,
    store_record,
)

__all__ = [
    "GenerationStats",
    "PendingRequest",
    "generate_missing",
    "load_or_reason",
    "store_record",
]
