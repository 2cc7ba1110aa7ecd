"""The typed task definition that a task YAML file validates into.

Unknown keys are errors everywhere (``extra="forbid"``): a misspelt ``max_new_token``
silently falling back to a default would change scores without anyone noticing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mella_eval.languages import LanguageSpec, resolve_language

ADAPTERS = ("jsonl", "json", "csv", "parquet", "hf", "mella_release", "xm3600")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldMap(_Strict):
    """Which (dotted) record field holds each part of a sample; None = the adapter's default."""

    id: str | None = None
    image: str | None = None
    references: str | None = None
    keywords: str | None = None
    category: str | None = Field(
        default=None, description="category label(s): a string, a list, or a mapping of levels"
    )


class DatasetSpec(_Strict):
    """Where a task's samples come from and how records map onto samples."""

    adapter: Literal[
        "jsonl", "json", "csv", "parquet", "hf", "mella_release", "xm3600", "xflickrco"
    ]
    path: str = Field(
        description="file, directory, or (hf) hub id; relative to the YAML file; "
        "{lang} stands for the task's language code"
    )
    split: str | None = None
    config: str | None = Field(default=None, description="hf dataset configuration name")
    revision: str | None = None
    fields: FieldMap = FieldMap()
    filter: dict[str, str | int | bool] = Field(
        default_factory=dict, description="keep records whose dotted field equals the value"
    )
    image_root: str | None = Field(default=None, description="base dir for relative image paths")
    allow_images_outside: bool = Field(
        default=False,
        description="let image paths leave image_root (or the data folder): absolute paths, "
        "'..', symlinks out; off by default so a data file cannot read arbitrary files",
    )
    keywords_file: str | None = Field(
        default=None,
        description="keywords JSONL from `mella-eval keywords extract`, joined by sample id "
        "(relative to the YAML file that sets it); replaces the keywords field",
    )
    allow_data_outside: bool = Field(
        default=False,
        description="let path and keywords_file leave the folder of the YAML file that sets "
        "them: absolute paths, '..', symlinks out; off by default so a task file cannot read "
        "arbitrary files",
    )


class PromptSpec(_Strict):
    """Prompt text in the task's own language; several templates may be given."""

    templates: list[str] = Field(min_length=1)
    system: str | None = None
    strategy: Literal["first", "rotate", "all"] = Field(
        default="first",
        description="first: templates[0] for all; rotate: one per sample by id hash; "
        "all: every sample once per template (ids get a #pN suffix)",
    )

    @field_validator("templates")
    @classmethod
    def _non_empty(cls, templates: list[str]) -> list[str]:
        if any(not t.strip() for t in templates):
            raise ValueError("prompt templates must not be empty")
        return templates


class GenerationSpec(_Strict):
    """Sampling settings; greedy by default, as the MELLA baselines were decoded."""

    max_new_tokens: int = Field(default=1200, gt=0)
    temperature: float = Field(default=0.0, ge=0.0)
    top_p: float = Field(default=1.0, gt=0.0, le=1.0)
    seed: int = 0
    stop: list[str] = Field(default_factory=list)


class MetricSpec(_Strict):
    """A metric named in the registry, with its arguments."""

    name: str
    args: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _registered(self) -> MetricSpec:
        from mella_eval.metrics import check_metric

        check_metric(self.name, self.args)
        return self

    @property
    def key(self) -> str:
        """Column name in results: the metric name, or ``name(args)`` when args are given."""
        if not self.args:
            return self.name
        inner = ",".join(f"{k}={self.args[k]}" for k in sorted(self.args))
        return f"{self.name}({inner})"


class TaskSpec(_Strict):
    """One evaluation task: a language, a dataset, a prompt, generation and metrics."""

    name: str = Field(pattern=r"^[A-Za-z0-9_.\-]+$")
    version: int | str
    description: str = ""
    kind: Literal["know", "ling"]
    language: LanguageSpec
    dataset: DatasetSpec
    prompt: PromptSpec
    generation: GenerationSpec = GenerationSpec()
    metrics: list[MetricSpec] = Field(min_length=1)
    # Set by the loader, not by YAML: directory that relative dataset paths start from.
    base_dir: Path = Field(default=Path("."), exclude=True)
    # Directory that a relative ``dataset.keywords_file`` starts from (the file setting it).
    keywords_base_dir: Path | None = Field(default=None, exclude=True)

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        return value if isinstance(value, LanguageSpec) else resolve_language(value)

    @model_validator(mode="after")
    def _unique_metric_keys(self) -> TaskSpec:
        keys = [m.key for m in self.metrics]
        dupes = sorted({k for k in keys if keys.count(k) > 1})
        if dupes:
            raise ValueError(f"metric listed twice: {', '.join(dupes)}")
        return self

    def data_location(self) -> str:
        """The dataset path resolved against the defining YAML's directory (hub ids kept).

        ``{lang}`` in the path is the task's language code, so that one override can point
        every task of a per-language release (xFlickr&CO's ``annotations/{lang}/``) at it.
        """
        given = self.dataset.path.replace("{lang}", self.language.code)
        path = Path(given).expanduser()
        if self.dataset.adapter == "hf" and not path.is_absolute():
            local = self.base_dir / path
            return str(local) if local.exists() else given
        return str(path if path.is_absolute() else (self.base_dir / path).resolve())

    def keywords_location(self) -> Path | None:
        """The keywords file resolved against the YAML that names it, or None."""
        if self.dataset.keywords_file is None:
            return None
        path = Path(self.dataset.keywords_file).expanduser()
        return path if path.is_absolute() else (self.keywords_base_dir or self.base_dir) / path

    def definition_hash(self) -> str:
        """Hash of everything in the definition that can change a score.

        Key order and YAML whitespace do not matter (canonical JSON); the name,
        description and the dataset *path* (and keywords file path) do not count, since
        the content of those files is hashed separately (see :func:`task_hash`).
        """
        payload = self.model_dump(
            mode="json", exclude={"name", "description", "base_dir", "keywords_base_dir"}
        )
        payload["dataset"].pop("path")
        payload["dataset"].pop("image_root")
        payload["dataset"].pop("allow_images_outside")  # where images may live, not what they are
        payload["dataset"].pop("allow_data_outside")  # likewise for the data and keywords files
        payload["dataset"].pop("keywords_file")  # its content is part of the data fingerprint
        if payload["dataset"]["fields"].get("category") is None:  # hashes from before categories
            payload["dataset"]["fields"].pop("category", None)
        if not payload["language"].get("lid_rivals"):  # hashes from before lid_rivals
            payload["language"].pop("lid_rivals", None)
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def task_hash(spec: TaskSpec, data_fingerprint: str) -> str:
    """The task hash recorded in every result: definition plus data content, 16 hex digits."""
    joined = f"{spec.definition_hash()}:{data_fingerprint}"
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]
