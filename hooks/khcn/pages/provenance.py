"""Where each page's content is kept, and when it last changed: a line under every page for editors and readers.

    Cập nhật: 25/11/2026 · Nội dung: data/bao-cao/2021-6-thang-dau-nam.yaml (sửa)

A page's first source is the file (or folder) an editor opens to change it; its date is the latest commit of any of
its sources: a report's page also shows the period's figures and the documents' register.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from khcn.core.history import last_changes
from khcn.data.fields import VIETNAM


@dataclass(frozen=True)
class Source:
    path: str  # what an editor opens, relative to the project: a file, or a folder
    is_folder: bool
    changed: datetime | None  # the last commit of any source
    draft: bool  # some source holds changes not committed yet (a preview)
    edit_url: str | None  # on the repository's web host, when one is configured
    others: tuple[int, int] = (0, 0)  # the other sources: (files, folders), told as "và 3 tệp khác" (issue 13)

    @property
    def others_text(self) -> str:
        """`và 3 tệp khác`, `và 2 tệp, 1 thư mục khác`, or nothing: what else the page was made from."""
        files, folders = self.others
        parts = [f"{files} tệp" if files else "", f"{folders} thư mục" if folders else ""]
        return f"và {', '.join(p for p in parts if p)} khác" if files or folders else ""


def page_sources(declared: dict[str, tuple[str, ...]], pages: list[str]) -> dict[str, list[str]]:
    """Page (under docs/) -> its sources, the one to edit first: those its producer declared (see page.py). Pages
    written by hand are their own source."""
    return {page: list(declared.get(page) or [f"docs/{page}"]) for page in pages}


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
    is_folder = _is_folder(primary)
    folders = sum(_is_folder(source) for source in sources[1:])
    edit_url = None
    if repo_url:
        action = "tree" if is_folder else "edit"  # GitHub's (and Gitea's) addresses for a folder and for editing
        edit_url = f"{repo_url.rstrip('/')}/{action}/{branch}/{primary}"
    changed, draft = changes.of(sources) if changes else (None, False)
    return Source(primary, is_folder, changed, draft, edit_url, (len(sources) - 1 - folders, folders))


def _is_folder(source: str) -> bool:
    return "." not in source.rsplit("/", 1)[-1]


def provenance(declared: dict[str, tuple[str, ...]], pages: list[str], project, repo_url: str = "",
               branch: str = "main") -> dict[str, Source]:
    """Page -> its line (see the module's docstring), for every page of the site; `declared`: the generated pages'
    sources (page.declared_sources)."""
    files = last_changes(project)
    changes = Changes(files) if files is not None else None
    return {page: describe(sources, changes, repo_url, branch)
            for page, sources in page_sources(declared, pages).items()}
