"""mella-eval: evaluation harness for multilingual vision-language captioning (MELLA)."""

__version__ = "0.1.0"

from mella_eval.errors import MellaError
from mella_eval.languages import LanguageSpec, resolve_language

__all__ = ["LanguageSpec", "MellaError", "__version__", "resolve_language"]
