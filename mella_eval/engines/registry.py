"""Engines looked up by name; each backend is imported only when it is asked for.

Heavy packages (vLLM, torch, httpx) load inside :func:`get_engine`, and a missing one
becomes a one-line "install X" error; an unknown option names the valid ones.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
from collections.abc import Callable
from typing import Any

from mella_eval.engines.base import Engine
from mella_eval.errors import EngineError

__all__ = ["ENGINE_NAMES", "engine_option_names", "get_engine", "missing_package"]


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
