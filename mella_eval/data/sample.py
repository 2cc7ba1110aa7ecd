"""The unit of evaluation: one image, one prompt, references and keywords."""

from __future__ import annotations

from dataclasses import dataclass, field

from mella_eval.data.images import ImageRef


@dataclass(frozen=True)
class Sample:
    """One evaluation item of a task.

    ``keywords`` is a list of entries; each entry lists equivalent surface forms of one
    culturally specific entity (e.g. Cyrillic and Latin Serbian spellings), and an entry
    counts as found when any of its forms is.
    """

    id: str
    task: str
    language: str
    image: ImageRef
    prompt: str
    references: list[str]
    keywords: list[tuple[str, ...]] = field(default_factory=list)
    system: str | None = None
    categories: tuple[str, ...] = ()  # labels such as "food", "landmark"; () = none given
    source: str = ""  # "file:line" of the record, for error messages
    keywords_source: str = ""  # "file:line" the keywords came from (data or keywords file)
