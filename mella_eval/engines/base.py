"""The engine contract: requests in, predictions out, looked up by name.

Every engine (vLLM, HF transformers, an OpenAI-compatible server) has exactly one
required method, :meth:`Engine.generate`, over a batch of requests. Everything
upstream (tasks, datasets, the prediction store) and downstream (metrics, results)
depends only on this module, never on a backend package, so that scoring can run on
a laptop where vLLM is not installed. Backends are imported lazily by
:func:`get_engine`, and a missing package becomes a one-line "install X" error.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from mella_eval.errors import EngineError
from mella_eval.limits import LimitError, check_tree_size

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = [
    "ENGINE_NAMES",
    "Engine",
    "GenerationRequest",
    "Prediction",
    "SamplingSettings",
    "build_messages",
    "get_engine",
    "load_engine_options",
    "parse_engine_arg",
    "parse_engine_args",
    "render_prompt",
]


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


def build_messages(
    request: GenerationRequest, image_parts: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Chat messages for ``request``: optional system turn, then images before the text.

    ``image_parts`` lets an HTTP engine pass data-URL parts; local engines use the
    plain ``{"type": "image"}`` placeholder that chat templates expand.
    """
    parts = image_parts if image_parts is not None else [{"type": "image"} for _ in request.images]
    messages: list[dict[str, Any]] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    messages.append({"role": "user", "content": [*parts, {"type": "text", "text": request.prompt}]})
    return messages


def render_prompt(template_owner: Any, request: GenerationRequest) -> str:
    """The prompt text for ``request`` rendered with the checkpoint's own chat template.

    ``template_owner`` is an HF processor or tokenizer (anything with
    ``apply_chat_template``). The vLLM and HF engines share this function, so both
    see byte-identical prompts, which is what makes their outputs comparable.
    """
    try:
        text = template_owner.apply_chat_template(
            build_messages(request), add_generation_prompt=True, tokenize=False
        )
    except Exception as exc:  # a missing or broken template is a checkpoint problem
        raise EngineError(f"cannot apply the checkpoint's chat template: {exc}") from exc
    return str(text)


# name -> (module, class, pip extra hint)
_REGISTRY: dict[str, tuple[str, str, str]] = {
    "vllm": (
        "mella_eval.engines.vllm",
        "create_engine",
        "vllm (GPU: pip install 'mella-eval[vllm]')",
    ),
    "hf": ("mella_eval.engines.hf", "HFEngine", "transformers and torch"),
    "openai": ("mella_eval.engines.openai", "OpenAIEngine", "httpx"),
}
ENGINE_NAMES = tuple(_REGISTRY)


def get_engine(name: str, model: str, options: dict[str, Any] | None = None) -> Engine:
    """Instantiate engine ``name`` for ``model``; heavy packages are imported only here.

    Every failure a user can fix becomes a one-line :class:`EngineError`: an unknown
    engine or option (the valid ones are listed), a missing package (named, with the
    ``pip install`` that provides it), an option value of the wrong type.
    """
    if name not in _REGISTRY:
        raise EngineError(f"unknown engine {name!r}; choose one of {', '.join(ENGINE_NAMES)}")
    module_name, class_name, what = _REGISTRY[name]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        missing = getattr(exc, "name", None) or str(exc)
        raise EngineError(
            f"engine {name!r} needs {what} (missing module {missing!r}); "
            "install it: pip install 'mella-eval[cpu]' on CPU machines"
        ) from exc
    factory: Callable[..., Engine] = getattr(module, class_name)
    options = dict(options or {})
    _check_option_names(name, module, factory, options)
    try:
        return factory(model, **options)
    except ImportError as exc:
        raise EngineError(f"engine {name!r} cannot load {model!r}: {missing_package(exc)}") from exc
    except (TypeError, ValueError) as exc:  # an option value of the wrong type or range
        raise EngineError(f"engine {name!r}: bad engine option: {_first_line(exc)}") from exc


def engine_option_names(name: str) -> list[str] | None:
    """The option names engine ``name`` accepts (None: any), for messages and docs."""
    module_name, class_name, _ = _REGISTRY[name]
    module = importlib.import_module(module_name)
    return _accepted(module, getattr(module, class_name))


def _accepted(module: Any, factory: Callable[..., Any]) -> list[str] | None:
    """Names from the module's ``option_names()`` if it has one, else the signature."""
    listed = getattr(module, "option_names", None)
    if callable(listed):
        return sorted(listed())
    params = inspect.signature(factory).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return None
    return sorted(
        p.name
        for p in params
        if p.kind is inspect.Parameter.KEYWORD_ONLY
        or (p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is not p.empty)
    )


def _check_option_names(
    name: str, module: Any, factory: Callable[..., Any], options: dict[str, Any]
) -> None:
    valid = _accepted(module, factory)
    unknown = sorted(set(options) - set(valid)) if valid is not None else []
    if not unknown or valid is None:
        return
    hints = [m for key in unknown for m in difflib.get_close_matches(key, valid, n=1)]
    guess = f" (did you mean {', '.join(hints)}?)" if hints else ""
    listed = (
        ", ".join(valid)
        if len(valid) <= 30
        else f"the {len(valid)} options of vllm.LLM / vllm.EngineArgs (`vllm serve --help`)"
    )
    raise EngineError(
        f"unknown --engine-arg {', '.join(unknown)} for engine {name!r}{guess}; "
        f"valid keys: {listed}"
    )


#: Import names whose pip package has another name.
_PIP_NAMES = {"PIL": "pillow", "cv2": "opencv-python", "sklearn": "scikit-learn", "yaml": "pyyaml"}


def missing_package(exc: ImportError) -> str:
    """One line naming what to install for ``exc``.

    transformers' own messages for remote code already say ``pip install X``; keep them.
    """
    text = _first_line(exc)
    if "pip install" in text:
        return text
    module = (getattr(exc, "name", None) or "").split(".")[0]
    if not module:
        return f"{text} (a package is missing; install it and retry)"
    package = _PIP_NAMES.get(module, module)
    return f"missing module {module!r}: pip install {package} ({text})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:400]


def parse_engine_arg(text: str) -> tuple[str, Any]:
    """Parse one ``--engine-arg key=value``; the value is typed like JSON/YAML scalars.

    ``8`` is an int, ``0.5`` a float, ``true``/``false`` a bool, ``null`` None,
    ``{"image": 2}`` or ``[1, 2]`` JSON; anything else stays a string.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise EngineError(f"--engine-arg must look like key=value, got {text!r}")
    return key.replace("-", "_"), _typed(raw.strip())


def _typed(raw: str) -> Any:
    lowered = raw.lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    if lowered in ("null", "none"):
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def parse_engine_args(items: Sequence[str]) -> dict[str, Any]:
    """Parse repeated ``--engine-arg`` values; later keys win."""
    return dict(parse_engine_arg(item) for item in items)


def load_engine_options(path: str | Path | None, args: Sequence[str] = ()) -> dict[str, Any]:
    """Options from a YAML mapping file, overridden by ``--engine-arg`` values."""
    options: dict[str, Any] = {}
    if path is not None:
        import yaml

        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
            check_tree_size(data)
        except (OSError, yaml.YAMLError, LimitError) as exc:
            raise EngineError(f"{path}: cannot read engine options: {exc}") from None
        except RecursionError:
            raise EngineError(f"{path}: cannot read engine options: nested too deep") from None
        if data is not None and not isinstance(data, dict):
            raise EngineError(f"{path}: engine options must be a mapping of key: value")
        options.update({str(k).replace("-", "_"): v for k, v in (data or {}).items()})
    options.update(parse_engine_args(args))
    return options
