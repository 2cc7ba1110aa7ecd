"""The leaderboard definition: ``leaderboards/<name>/leaderboard.yaml``.

A leaderboard is a set of *views* (for MELLA: ``know`` and ``ling``). Each view has one
task per language (named by a template such as ``mella_know_{lang}``), the metrics shown
as columns, and the metric it ranks by. Languages aggregate by macro mean: each language
counts once, however many samples its task has. A board may name its means (``averages``:
XM3600's ``avg-35`` is the mean over the 35 languages other than English, as PaliGemma
reports it) and rank by one of them. Unknown keys are errors, because a misspelt
``rank_by`` silently falling back to a default would reorder the board.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mella_eval.errors import SubmissionError

DEFINITION_FILE = "leaderboard.yaml"
SUBMISSIONS_DIR = "submissions"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class View(_Strict):
    """One table of the leaderboard: a task per language, metric columns, a ranking metric."""

    name: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    description: str = ""
    kind: Literal["know", "ling"] = Field(description="kind of every task of the view")
    task_template: str = Field(description="task name with a {lang} placeholder")
    task_version: int | str = Field(description="required version of every task of the view")
    metrics: list[str] = Field(min_length=1, description="metric keys shown as columns")
    rank_by: str

    @model_validator(mode="after")
    def _consistent(self) -> View:
        if "{lang}" not in self.task_template:
            raise ValueError(f"view {self.name!r}: task_template needs a {{lang}} placeholder")
        if self.rank_by not in self.metrics:
            raise ValueError(f"view {self.name!r}: rank_by {self.rank_by!r} is not in metrics")
        if len(set(self.metrics)) != len(self.metrics):
            raise ValueError(f"view {self.name!r}: a metric is listed twice")
        return self

    def task_name(self, lang: str) -> str:
        """The task this view uses for one language."""
        return self.task_template.format(lang=lang)


class Average(_Strict):
    """A named macro mean over some of the board's languages (a column per view metric)."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    languages: list[str] = Field(min_length=1)


DEFAULT_AVERAGE = "mean"


class LeaderboardDefinition(_Strict):
    """Which tasks and metrics a leaderboard shows and what a submission must satisfy."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    title: str
    description: str = ""
    schema_version: str = Field(description="results.json schema version a run must have")
    aggregate: Literal["macro_mean"] = "macro_mean"
    languages: list[str] = Field(min_length=1)
    views: list[View] = Field(min_length=1)
    default_view: str
    averages: list[Average] = Field(
        default_factory=list,
        description="named macro means shown as columns (default: one 'mean' over all "
        "languages); the first ranks the board unless rank_average names another",
    )
    rank_average: str | None = Field(default=None, description="the average that ranks")
    task_paths: list[str] = Field(
        default_factory=list, description="extra task folders, relative to the definition"
    )
    tolerance: float = Field(
        default=1e-6, ge=0, description="max |claimed - rescored|, 0-100 scale"
    )
    bootstrap: int = Field(default=1000, ge=0, description="bootstrap resamples for rescored CIs")
    # Set by the loader: the folder holding leaderboard.yaml.
    base_dir: Path = Field(default=Path("."), exclude=True)

    @model_validator(mode="after")
    def _consistent(self) -> LeaderboardDefinition:
        names = [v.name for v in self.views]
        if len(set(names)) != len(names):
            raise ValueError("two views share a name")
        if self.default_view not in names:
            raise ValueError(
                f"default_view {self.default_view!r} is not a view ({', '.join(names)})"
            )
        if len(set(self.languages)) != len(self.languages):
            raise ValueError("a language is listed twice")
        names = [a.name for a in self.averages]
        if len(set(names)) != len(names):
            raise ValueError("two averages share a name")
        for average in self.averages:
            unknown = sorted(set(average.languages) - set(self.languages))
            if unknown:
                raise ValueError(f"average {average.name!r}: not a board language: {unknown}")
        if self.rank_average is not None and self.rank_average not in names:
            raise ValueError(f"rank_average {self.rank_average!r} is not an average")
        return self

    def means(self) -> list[Average]:
        """The board's averages, ranking one first (default: the mean over all languages)."""
        found = list(self.averages) or [
            Average(name=DEFAULT_AVERAGE, languages=list(self.languages))
        ]
        first = self.rank_average or found[0].name
        return sorted(found, key=lambda a: a.name != first)

    def tasks(self) -> list[tuple[View, str, str]]:
        """Every (view, language, task name) the leaderboard needs, in display order."""
        return [(v, lang, v.task_name(lang)) for v in self.views for lang in self.languages]

    def view(self, name: str) -> View:
        """The view called ``name``."""
        for view in self.views:
            if view.name == name:
                return view
        raise SubmissionError(f"leaderboard {self.name!r} has no view {name!r}")

    @property
    def submissions_dir(self) -> Path:
        """Where accepted submission records live."""
        return self.base_dir / SUBMISSIONS_DIR

    def task_dirs(self) -> list[Path]:
        """Extra task folders this leaderboard needs (besides the bundled tasks)."""
        return [(self.base_dir / p).resolve() for p in self.task_paths]


def bundled_leaderboards_dir() -> Path:
    """The shipped ``leaderboards/`` folder (the checkout's, or the copy inside the wheel)."""
    here = Path(__file__).resolve()
    checkout = here.parents[2] / "leaderboards"
    return checkout if checkout.is_dir() else here.parents[1] / "_bundled" / "leaderboards"


def board_for_tasks(task_names: list[str], root: Path | None = None) -> str:
    """The one leaderboard under ``root`` whose tasks a run has: a run lands on the board
    of its benchmark (mella, xm3600, xflickrco) without naming it."""
    folder = root or bundled_leaderboards_dir()
    found = []
    for path in sorted(folder.glob(f"*/{DEFINITION_FILE}")):
        definition = load_definition(path.parent.name, folder)
        if {task for _, _, task in definition.tasks()} & set(task_names):
            found.append(definition.name)
    if len(found) != 1:
        which = f"several ({', '.join(found)})" if found else "none"
        raise SubmissionError(
            f"the run's tasks match {which} of the leaderboards in {folder}; "
            "name one with --leaderboard"
        )
    return found[0]


def load_definition(name: str, root: Path | None = None) -> LeaderboardDefinition:
    """Read and validate ``<root>/<name>/leaderboard.yaml`` (root: the bundled folder)."""
    folder = (root or bundled_leaderboards_dir()) / name
    path = folder / DEFINITION_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SubmissionError(f"no leaderboard {name!r} ({path} not found)") from None
    except yaml.YAMLError as exc:
        raise SubmissionError(f"{path}: invalid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise SubmissionError(f"{path}: expected a mapping at the top level")
    try:
        definition = LeaderboardDefinition.model_validate({**raw, "base_dir": folder})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"])) or "(top level)"
        raise SubmissionError(f"{path}: {where}: {first['msg']}") from None
    if definition.name != name:
        raise SubmissionError(f"{path}: name {definition.name!r} differs from its folder {name!r}")
    return definition
