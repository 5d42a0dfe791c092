"""A generated page and the data files it was made from (like Lektor's `declare_artifact(sources=…)`): the page's
producer declares them, and the line under the page (provenance.py) reads them instead of guessing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from khcn.data.dataset import (
    BULLETINS_DIR,
    CATALOGUE_FILE,
    CATEGORIES_FILE,
    DOCUMENTS_FILE,
    ORGANISATION_FILE,
    PROJECTS_FILE,
    PROTECTIONS_FILE,
    REPORTS_DIR,
    VALUES_DIR,
)

DATA = "data"  # the folder of every source, relative to the project


def data(*parts: str) -> str:
    """A source under data/, as editors see it: `data("van-ban.yaml")` -> data/van-ban.yaml."""
    return "/".join([DATA, *parts])


# The sources that many pages share; the first is what an editor opens to change the page.
ORGANISATION = (data(ORGANISATION_FILE),)
DOCUMENTS = (data(DOCUMENTS_FILE), data(REPORTS_DIR))
REPORTS = (data(REPORTS_DIR),)
PROJECTS = (data(PROJECTS_FILE),)
PROTECTIONS = (data(PROTECTIONS_FILE),)
STATISTICS = (data(CATALOGUE_FILE), data(VALUES_DIR), data(PROJECTS_FILE), data(PROTECTIONS_FILE))
STREAM = (data(BULLETINS_DIR), data(REPORTS_DIR), data(CATEGORIES_FILE))
EVERYTHING = (DATA,)


def report_sources(report_file: str, period_id: str) -> tuple[str, ...]:
    """A report's page also shows the period's figures, the documents' register and the indicators' names."""
    return (report_file, data(VALUES_DIR, f"{period_id}.yaml"), data(DOCUMENTS_FILE), data(CATALOGUE_FILE))


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
