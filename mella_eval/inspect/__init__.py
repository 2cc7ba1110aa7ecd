"""``mella-eval inspect``: a static, self-contained HTML page to look at a run's samples.

``data`` reads the result files into per-sample entries (keyword hits located by
``spans``), ``page`` renders them with a strict Content-Security-Policy.
"""

from mella_eval.inspect.data import PageOptions, build_page_data
from mella_eval.inspect.page import inspect_run, render_inspect
from mella_eval.inspect.spans import keyword_spans

__all__ = ["PageOptions", "build_page_data", "inspect_run", "keyword_spans", "render_inspect"]
