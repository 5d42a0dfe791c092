"""The documents' register beyond its list (issue 12b): each document's effective date, status, replacement,
related documents and attachments, and the register browsed by type and by year without JavaScript (one page per
type, /van-ban/loai/<type>/, and per year of issue, /van-ban/nam/<year>/, linked from /van-ban/ and to each other)."""

from __future__ import annotations

import posixpath

from khcn.addresses import DOCUMENTS_PAGE, PROCEDURES_PAGE, documents_kind_path, documents_year_path, href, link
from khcn.core.formatting import file_size
from khcn.core.slugs import document_anchor, slug
from khcn.data.dataset import SiteData
from khcn.data.models import DOCUMENT_STATUSES, LegalDocument
from khcn.pages.page import DOCUMENTS, Page
from khcn.rendering import render


def newest_first(documents) -> list[LegalDocument]:
    return sorted(documents, key=lambda d: (d.issued, d.number), reverse=True)


def document_details(site: SiteData, here: str) -> dict[str, dict]:
    """Number -> what the register's entry shows beyond the five fields, with links relative to `here`."""
    replaces: dict[str, list[str]] = {}
    for document in site.documents.values():
        if document.replaced_by:
            replaces.setdefault(document.replaced_by, []).append(document.number)

    def target(number: str) -> tuple[LegalDocument, str]:
        return site.documents[number], link(here, DOCUMENTS_PAGE, document_anchor(number))

    details = {}
    for number, document in site.documents.items():
        details[number] = {
            "status": DOCUMENT_STATUSES[document.status] if document.status else None,
            "replaced_by": target(document.replaced_by) if document.replaced_by else None,
            "replaces": [target(other) for other in sorted(replaces.get(number, []))],
            "related": [target(other) for other in document.related],
            "attachments": [(posixpath.basename(path), link(here, path.lstrip("/")),
                             _file_words(path, site.attachment_sizes[path])) for path in document.attachments],
        }
    return details


def _file_words(path: str, size: int) -> str:
    """`PDF, 175 byte`."""
    extension = posixpath.splitext(path)[1].lstrip(".").upper()
    return f"{extension}, {file_size(size)}" if extension else file_size(size)


def kinds_and_years(site: SiteData) -> tuple[dict[str, list[LegalDocument]], dict[int, list[LegalDocument]]]:
    """Types in the order of their first document, newest first; years newest first."""
    by_kind: dict[str, list[LegalDocument]] = {}
    by_year: dict[int, list[LegalDocument]] = {}
    for document in newest_first(site.documents.values()):
        by_kind.setdefault(document.kind, []).append(document)
        by_year.setdefault(document.issued.year, []).append(document)
    return dict(sorted(by_kind.items())), dict(sorted(by_year.items(), reverse=True))


def browse(site: SiteData, here: str) -> dict:
    """The links between the register's pages, the current one marked."""
    by_kind, by_year = kinds_and_years(site)
    return {
        "all": None if here == DOCUMENTS_PAGE else href(here, DOCUMENTS_PAGE),
        "kinds": [(kind, len(documents), _target(here, documents_kind_path(slug(kind))))
                  for kind, documents in by_kind.items()],
        "years": [(str(year), len(documents), _target(here, documents_year_path(year)))
                  for year, documents in by_year.items()],
        "procedures": href(here, PROCEDURES_PAGE) if site.procedures.entries else None,
    }


def _target(here: str, page: str) -> str | None:
    """A link, or None on the page itself (shown as the current one)."""
    return None if page == here else href(here, page)


def render_selection(site: SiteData, here: str, title: str, documents: list[LegalDocument]) -> str:
    details = document_details(site, here)
    return render("documents_selection.md.j2", title=title, browse=browse(site, here),
                  entries=[(document, details[document.number],
                            link(here, DOCUMENTS_PAGE, document_anchor(document.number))) for document in documents])


def document_browse_pages(site: SiteData) -> list[Page]:
    by_kind, by_year = kinds_and_years(site)
    pages = [Page(path, render_selection(site, path, f"Văn bản: {kind}", documents), DOCUMENTS)
             for kind, documents in by_kind.items() for path in [documents_kind_path(slug(kind))]]
    pages += [Page(path, render_selection(site, path, f"Văn bản ban hành năm {year}", documents), DOCUMENTS)
              for year, documents in by_year.items() for path in [documents_year_path(year)]]
    return pages
