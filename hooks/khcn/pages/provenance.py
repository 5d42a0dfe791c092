"""Where each page's content is kept, and when it last changed: a line under every page for editors and readers.

    Cập nhật: 25/11/2026 · Nội dung: data/bao-cao/2021-6-thang-dau-nam.yaml (sửa)

A page's first source is the file (or folder) an editor opens to change it; its date is the latest commit of any of
its sources: a report's page also shows the period's figures and the documents' register.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from khcn.addresses import (
    CONTACT_PAGE,
    DOCUMENTS_PAGE,
    HOME_PAGE,
    NEWS,
    PROJECTS_PAGE,
    PROTECTIONS_PAGE,
    REPORTS_INDEX,
    report_path,
)
from khcn.core.history import last_changes
from khcn.data.dataset import SiteData
from khcn.data.fields import VIETNAM
from khcn.news.pages import Stream

DATA = "data"
REGISTERS = {PROJECTS_PAGE: ["data/de-tai-du-an.yaml"], PROTECTIONS_PAGE: ["data/bao-ho.yaml"],
             DOCUMENTS_PAGE: ["data/van-ban.yaml", "data/bao-cao"], CONTACT_PAGE: ["data/to-chuc.yaml"],
             REPORTS_INDEX: ["data/bao-cao"]}
STATISTICS = ["data/chi-so.yaml", "data/so-lieu", "data/de-tai-du-an.yaml", "data/bao-ho.yaml"]
STREAM = ["data/tin-tuc", "data/bao-cao", "data/chuyen-muc.yaml"]


@dataclass(frozen=True)
class Source:
    path: str  # what an editor opens, relative to the project: a file, or a folder
    is_folder: bool
    changed: datetime | None  # the last commit of any source
    draft: bool  # some source holds changes not committed yet (a preview)
    edit_url: str | None  # on the repository's web host, when one is configured


def page_sources(site: SiteData, stream: Stream, pages: list[str]) -> dict[str, list[str]]:
    """Page (under docs/) -> its sources, the one to edit first. Pages written by hand are their own source."""
    reports = {report_path(r.slug): r for r in site.reports}
    found = {}
    for page in pages:
        if page in stream.bulletins:
            found[page] = [stream.bulletins[page].file]
        elif page in reports:
            report = reports[page]
            found[page] = [report.file, f"data/so-lieu/{report.record.period.id}.yaml", "data/van-ban.yaml",
                           "data/chi-so.yaml"]
        elif page in REGISTERS:
            found[page] = REGISTERS[page]
        elif page.startswith("thong-ke/"):
            found[page] = STATISTICS
        elif page.startswith(NEWS + "/"):
            found[page] = STREAM
        elif page == HOME_PAGE:
            found[page] = [DATA]
        else:
            found[page] = [f"docs/{page}"]
    return found


class Changes:
    """The last change of every file and of every folder, looked up at once (thousands of pages ask)."""

    DRAFT = "draft"

    def __init__(self, files: dict[str, datetime | None]):
        self.latest: dict[str, datetime | str] = {}
        for path, when in files.items():
            parts = path.split("/")
            for depth in range(1, len(parts) + 1):
                self._note("/".join(parts[:depth]), when)

    def _note(self, path: str, when: datetime | None) -> None:
        known = self.latest.get(path)
        if when is None or known == self.DRAFT:
            self.latest[path] = self.DRAFT
        elif known is None or when > known:
            self.latest[path] = when

    def of(self, sources: list[str]) -> tuple[datetime | None, bool]:
        """(the latest commit of any source, whether one of them holds changes not committed yet)."""
        times = [self.latest.get(source) for source in sources]
        if self.DRAFT in times:
            return None, True
        times = [when for when in times if when is not None]
        return (max(times).astimezone(VIETNAM) if times else None), False


def describe(sources: list[str], changes: Changes | None, repo_url: str, branch: str) -> Source:
    """The line a page shows, from the commit dates of every file (history.last_changes)."""
    primary = sources[0]
    is_folder = "." not in primary.rsplit("/", 1)[-1]
    edit_url = None
    if repo_url:
        action = "tree" if is_folder else "edit"  # GitHub's (and Gitea's) addresses for a folder and for editing
        edit_url = f"{repo_url.rstrip('/')}/{action}/{branch}/{primary}"
    changed, draft = changes.of(sources) if changes else (None, False)
    return Source(primary, is_folder, changed, draft, edit_url)


def provenance(site: SiteData, stream: Stream, pages: list[str], project, repo_url: str = "",
               branch: str = "main") -> dict[str, Source]:
    """Page -> its line (see the module's docstring), for every page of the site."""
    files = last_changes(project)
    changes = Changes(files) if files is not None else None
    return {page: describe(sources, changes, repo_url, branch)
            for page, sources in page_sources(site, stream, pages).items()}
