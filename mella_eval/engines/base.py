"""The engine contract: requests in, predictions out.

Every engine (vLLM, HF transformers, an OpenAI-compatible server) has exactly one
required method, :meth:`Engine.generate`, over a batch of requests. Everything
upstream (tasks, datasets, the prediction store) and downstream (metrics, results)
depends only on this module, never on a backend package, so that scoring can run on
a laptop where vLLM is not installed. The other jobs of the engines package have their
own modules: prompt rendering (:mod:`~mella_eval.engines.prompt`), looking an engine up
by name (:mod:`~mella_eval.engines.registry`) and reading its options
(:mod:`~mella_eval.engines.options`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["Engine", "GenerationRequest", "Prediction", "SamplingSettings"]


@dataclass(frozen=True)
class SamplingSettings:
    """Decoding settings; part of the prediction key, so any change means new predictions."""

    max_new_tokens: int = 256
    temperature: float = 0.0
    top_p: float = 1.0
    seed: int | None = 0
    stop: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form, used for keys and for result files."""
        data = asdict(self)
        data["stop"] = list(self.stop)
        return data

    @property
    def greedy(self) -> bool:
        return self.temperature <= 0.0


@dataclass
class GenerationRequest:
    """One sample to caption: user text in the task's language plus its image(s).

    The engine turns it into chat messages (optional system turn, then a user turn
    with the images before the text) and renders them with the checkpoint's own
    chat template, so prompts are exactly what the model was trained on.
    """

    key: str
    prompt: str
    system: str | None
    images: list[Image]
    sampling: SamplingSettings = field(default_factory=SamplingSettings)


@dataclass
class Prediction:
    """What an engine returns for one request; ``error`` is set (and text empty) on failure."""

    key: str
    text: str
    finish_reason: str | None
    prompt_tokens: int | None
    completion_tokens: int | None
    latency_s: float
    error: str | None = None
    #: Generated token ids where the engine knows them (vLLM, HF); used to check engines
    #: against each other token for token. Not written to the prediction store.
    token_ids: list[int] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("token_ids")
        return data

    @classmethod
    def failed(cls, key: str, reason: str, latency_s: float = 0.0) -> Prediction:
        """A prediction that records why a sample could not be generated."""
        return cls(key, "", "error", None, None, latency_s, error=reason)


@runtime_checkable
class Engine(Protocol):
    """A text generator for image+text requests."""

    def generate(self, requests: Sequence[GenerationRequest]) -> list[Prediction]:
        """Generate one prediction per request, in the same order.

        A request that fails on its own (bad image, too long) gives a prediction with
        ``error`` set; only engine-wide failures raise :class:`EngineError`.
        """
        ...

    def info(self) -> dict[str, Any]:
        """Engine name, settings and package versions for the results file; never secrets."""
        ...

    def close(self) -> None:
        """Release processes, GPU memory and connections."""
        ...
