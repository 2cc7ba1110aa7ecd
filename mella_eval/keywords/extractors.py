"""The two extractors behind one interface: proposals per sample, before grounding.

``DeterministicExtractor`` tags proper nouns with libraries. ``LLMExtractor`` asks a
model through any engine (vllm, hf, openai) with a text-only request, stores every raw
answer in a :class:`~mella_eval.store.PredictionStore` (so a killed extraction resumes
where it stopped, exactly like generation) and parses the answers afterwards. A garbage
answer fails its own sample, with the raw text kept; with ``fallback`` the
deterministic extractor fills in for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mella_eval.engines.base import Engine, SamplingSettings
from mella_eval.engines.output_options import output_options
from mella_eval.generation.loop import GenerationStats, PendingRequest, generate_missing
from mella_eval.keywords.deterministic import deterministic_candidates
from mella_eval.keywords.prompts import (
    PROMPT_VERSION,
    KeywordParseError,
    parse_keyword_list,
    prompt_template,
    render_prompt,
)
from mella_eval.keywords.sources import SourceSample
from mella_eval.store import (
    INPUTS_FIELD,
    PredictionStore,
    generation_inputs,
    generation_key,
    legacy_prediction_key,
)

__all__ = ["DeterministicExtractor", "Extractor", "LLMExtractor", "Proposal"]


@dataclass
class Proposal:
    """Candidate entries for one sample, which extractor made them, and any failure."""

    candidates: list[list[str]]
    extractor: str
    error: str | None = None
    raw: str | None = None


class Extractor(Protocol):
    """Proposes keyword entries for samples; ``describe()`` goes into the file header."""

    def describe(self, samples: Sequence[SourceSample]) -> dict[str, Any]: ...

    def propose(self, samples: Sequence[SourceSample]) -> list[Proposal]: ...


class DeterministicExtractor:
    """Proper nouns by kiwipiepy / pythainlp tags or capitalisation (see ``deterministic``)."""

    name = "deterministic"

    def describe(self, samples: Sequence[SourceSample]) -> dict[str, Any]:
        return {"name": self.name, "version": 1, "rules": "kiwipiepy NNP (Hang), pythainlp "
                "NPRP (Thai), capitalised runs beyond sentence starts (cased scripts)"}  # fmt: skip

    def propose(self, samples: Sequence[SourceSample]) -> list[Proposal]:
        return [Proposal(candidates_of(s), self.name) for s in samples]


def candidates_of(sample: SourceSample) -> list[list[str]]:
    """Deterministic candidates from every reference of a sample."""
    lang = sample.spec.language
    return [c for reference in sample.references for c in deterministic_candidates(reference, lang)]


class LLMExtractor:
    """Keyword lists from a model's answers to the per-language extraction prompt."""

    name = "llm"

    def __init__(
        self,
        engine_factory: Callable[[], Engine],
        *,
        engine_name: str,
        model: str,
        model_fingerprint: str,
        store_path: Path,
        sampling: SamplingSettings,
        prompts: dict[str, str] | None = None,
        fallback: bool = False,
        chunk_size: int = 64,
        on_progress: Callable[[int], None] | None = None,
        engine_options: Mapping[str, Any] | None = None,
    ) -> None:
        self.engine_factory = engine_factory
        self.engine_name, self.model, self.fingerprint = engine_name, model, model_fingerprint
        self.engine_key = output_options(engine_name, engine_options or {})
        self.store = PredictionStore(store_path)
        self.sampling, self.prompts, self.fallback = sampling, prompts or {}, fallback
        self.chunk_size, self.on_progress = chunk_size, on_progress
        self.stats = GenerationStats()

    def describe(self, samples: Sequence[SourceSample]) -> dict[str, Any]:
        """Everything that decides the answers (no connection settings: the same model
        behind another URL gives the same file)."""
        langs = sorted({s.spec.language.code: s.spec.language for s in samples}.items())
        return {
            "name": self.name,
            "engine": self.engine_name,
            "model": self.model,
            "model_fingerprint": self.fingerprint,
            "prompt_version": PROMPT_VERSION,
            "prompts": {code: prompt_template(lang, self.prompts) for code, lang in langs},
            "sampling": self.sampling.to_dict(),
            "fallback": "deterministic" if self.fallback else None,
        }

    def _pending(self, sample: SourceSample) -> PendingRequest:
        """The text-only request for one sample, keyed by what decides the answer: the
        alt-text is in the prompt, so sample ids and task names are not needed."""
        template = prompt_template(sample.spec.language, self.prompts)
        prompt = render_prompt(template, "\n".join(sample.references))
        inputs = generation_inputs(self.fingerprint, self.engine_key, [], prompt, None,
                                   self.sampling)  # fmt: skip
        pending = PendingRequest(generation_key(inputs), f"keywords:{sample.lang_code}",
                                 sample.sample_id, prompt, None, self.sampling, list,
                                 inputs=inputs)  # fmt: skip
        self._carry_over(sample, pending)
        return pending

    def _carry_over(self, sample: SourceSample, pending: PendingRequest) -> None:
        """Reuse an answer a version-1 store holds under its old key (task and sample in it)."""
        if self.store.has(pending.key):
            return
        old_key = legacy_prediction_key(self.fingerprint, f"{PROMPT_VERSION}:{sample.lang_code}",
                                        sample.sample_id, None, pending.prompt, None,
                                        self.sampling)  # fmt: skip
        old = self.store.get(old_key) if self.store.is_legacy(old_key) else None
        if old is not None:
            self.store.append([{**old, "key": pending.key, "migrated_from": old_key,
                                INPUTS_FIELD: pending.inputs}])  # fmt: skip

    def propose(self, samples: Sequence[SourceSample]) -> list[Proposal]:
        pending = [self._pending(s) for s in samples]
        if any(not self.store.has(p.key) for p in pending):  # start no engine for nothing
            engine = self.engine_factory()
            try:
                self.stats = generate_missing(
                    engine, pending, self.store, chunk_size=self.chunk_size,
                    on_progress=self.on_progress, prefetch=False,
                )  # fmt: skip
            finally:
                engine.close()
        else:
            self.stats = GenerationStats(seen=len(pending), skipped=len(pending))
        return [self._proposal(s, p) for s, p in zip(samples, pending, strict=True)]

    def _proposal(self, sample: SourceSample, pending: PendingRequest) -> Proposal:
        record = self.store.get(pending.key) or {}
        raw = str(record.get("text") or "")
        error = record.get("error")
        candidates: list[list[str]] = []
        if error is None:
            try:
                candidates = parse_keyword_list(raw)
            except KeywordParseError as exc:
                error = f"unparseable answer: {exc}"
        if error is None:
            return Proposal(candidates, self.name)
        if self.fallback:
            return Proposal(candidates_of(sample), "deterministic (fallback)", str(error), raw)
        return Proposal([], self.name, str(error), raw)
