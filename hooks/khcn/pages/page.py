"""A generated page and the data files it was made from (like Lektor's `declare_artifact(sources=…)`): the page's
producer declares them, and the line under the page (provenance.py) reads them instead of guessing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from khcn.data import kinds

DATA = "data"  # the folder of every source, relative to the project


def data(*parts: str) -> str:
    """A source under data/, as editors see it: `data("van-ban.yaml")` -> data/van-ban.yaml."""
    return "/".join([DATA, *parts])


# The sources that many pages share; the first is what an editor opens to change the page.
ORGANISATION = (data(kinds.ORGANISATION.files),)
DOCUMENTS = (data(kinds.DOCUMENTS.files), data(kinds.REPORTS.folder))
REPORTS = (data(kinds.REPORTS.folder),)
STATISTICS = (data(kinds.CATALOGUE.files), data(kinds.VALUES.folder), data(kinds.PROJECTS.files),
              data(kinds.PROTECTIONS.files))
STREAM = (data(kinds.BULLETINS.folder), data(kinds.REPORTS.folder), data(kinds.CATEGORIES.files))
EVERYTHING = (DATA,)


def report_sources(report_file: str, period_id: str) -> tuple[str, ...]:
    """A report's page also shows the period's figures, the documents' register and the indicators' names."""
    return (report_file, data(kinds.VALUES.folder, f"{period_id}.yaml"), data(kinds.DOCUMENTS.files),
            data(kinds.CATALOGUE.files))


@dataclass(frozen=True)
class Page:
    """Unpacks as (path, content), like the pairs the producers returned before `sources` was declared."""

    path: str  # under docs/
    content: str  # Markdown
    sources: tuple[str, ...]  # relative to the project: files or folders, the one to edit first

    def __iter__(self) -> Iterator[str]:
        return iter((self.path, self.content))


def declared_sources(pages: list[Page]) -> dict[str, tuple[str, ...]]:
    """Page path -> its sources."""
    return {page.path: page.sources for page in pages}
