"""A generated page and the data files it was made from (like Lektor's `declare_artifact(sources=…)`): the page's
producer declares them, and the line under the page (provenance.py) reads them instead of guessing."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from khcn.core.periods import Period
from khcn.data import kinds

if TYPE_CHECKING:
    from khcn.rendering import Later

DATA = "data"  # the folder of every source, relative to the project


def data(*parts: str) -> str:
    """A source under data/, as editors see it: `data("van-ban.yaml")` -> data/van-ban.yaml."""
    return "/".join([DATA, *parts])


# The sources that many pages share; the first is what an editor opens to change the page.
ORGANISATION = (data(kinds.ORGANISATION.files),)
DOCUMENTS = (data(kinds.DOCUMENTS.files), data(kinds.REPORTS.folder))
REPORTS = (data(kinds.REPORTS.folder),)
CATALOGUE = data(kinds.CATALOGUE.files)
STREAM = (data(kinds.BULLETINS.folder), data(kinds.REPORTS.folder), data(kinds.CATEGORIES.files))
EVERYTHING = (DATA,)


def values_file(period_id: str) -> str:
    """The file that holds a period's figures: data/so-lieu/<kỳ>.yaml."""
    return data(kinds.VALUES.folder, f"{period_id}.yaml")


def report_sources(report_file: str, period_id: str) -> tuple[str, ...]:
    """A report's page also shows the period's figures, the documents' register and the indicators' names."""
    return (report_file, values_file(period_id), data(kinds.DOCUMENTS.files), data(kinds.CATALOGUE.files))


def figures_sources(periods: Iterable[Period], *others: str) -> tuple[str, ...]:
    """A page that shows figures: the values files of the periods whose figures it shows, the newest first (the
    file an editor opens to change the latest figure), then `others` (the catalogue that names the indicators, a
    register). Without figures, only `others`."""
    return (*(values_file(period.id) for period in sorted(set(periods), reverse=True)), *others)


@dataclass(frozen=True)
class Page:
    """Unpacks as (path, content), like the pairs the producers returned before `sources` was declared."""

    path: str  # under docs/
    content: str | Later  # Markdown (in the preview, made when the page is read: khcn/rendering.py)
    sources: tuple[str, ...]  # relative to the project: files or folders, the one to edit first

    def __iter__(self) -> Iterator[str]:
        return iter((self.path, self.content))


def declared_sources(pages: list[Page]) -> dict[str, tuple[str, ...]]:
    """Page path -> its sources."""
    return {page.path: page.sources for page in pages}
