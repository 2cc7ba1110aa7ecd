"""Keyword lists for D_know made from native alt-text (``mella-eval keywords extract``).

The public face: sources (what is read), extractors (LLM through any engine, or
deterministic), the grounding rule, and :func:`extract_to_file`. The file format itself
lives with the data layer (:mod:`mella_eval.data.keyword_file`), since tasks read it.
"""

from mella_eval.keywords.extract import ExtractionSummary, extract_to_file
from mella_eval.keywords.extractors import DeterministicExtractor, LLMExtractor, Proposal
from mella_eval.keywords.grounding import Grounded, ground_entries
from mella_eval.keywords.prompts import EXTRACTION_PROMPTS, parse_keyword_list
from mella_eval.keywords.scripts import script_variants
from mella_eval.keywords.sources import SourceSample, data_file_task, samples_of_task

__all__ = [
    "EXTRACTION_PROMPTS",
    "DeterministicExtractor",
    "ExtractionSummary",
    "Grounded",
    "LLMExtractor",
    "Proposal",
    "SourceSample",
    "data_file_task",
    "extract_to_file",
    "ground_entries",
    "parse_keyword_list",
    "samples_of_task",
    "script_variants",
]
