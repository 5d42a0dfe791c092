"""Metadata on every page (dữ liệu đặc tả, Nghị định 224/2026/NĐ-CP điều 11; issue 12c): Dublin Core `<meta>` tags and
schema.org JSON-LD, so that the site's information can be found, exchanged and linked.

Every page describes the department (`GovernmentOrganization`) and itself: a `Report` (reports), a `NewsArticle`
(bulletins), a `Dataset` with its downloads (statistics and registers), a `PublicationIssue` of its `Periodical` (an
edition of the bản tin, issue 15), else a `WebPage`. `page_facts` says what each
generated page is, once per build; `page_metadata` writes one page's tags from those facts and what MkDocs knows of
the page (title, description, address) and the line under it (its last change). The theme (overrides/main.html)
prints the result: the JSON is made safe for a `<script>` element here (`script_json`), the tags' values are escaped
there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin

from khcn.addresses import (
    ALL_VALUES,
    CATALOGUE_FILE,
    PACKAGE_FILE,
    STATISTICS_PAGE,
    area_path,
    area_stem,
    downloads,
    edition_path,
    edition_pdf_path,
    indicator_path,
    indicator_stem,
    page_url,
    register_stem,
)
from khcn.data.dataset import REPORTS_CATEGORY, SiteData
from khcn.data.models import Organisation
from khcn.data.registerkinds import REGISTER_KINDS

LANGUAGE = "vi"
MEDIA_TYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "json": "application/json"}
# schema.org type -> Dublin Core type (DCMI Type Vocabulary)
DC_TYPES = {"Report": "Text", "NewsArticle": "Text", "WebPage": "Text", "Dataset": "Dataset",
            "PublicationIssue": "Text"}
ORGANISATION_ID = "#to-chuc"  # the department's node, after the site's address
_SCRIPT_UNSAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Facts:
    """What a generated page is, beyond what MkDocs knows of it."""

    kind: str  # a key of DC_TYPES
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    image: str | None = None  # "/anh/…" under docs/
    downloads: tuple[str, ...] = ()  # files of the site (addresses)
    issue: str | None = None  # issue 15: an edition's number within its year ("2/2021")
    periodical: str | None = None  # issue 15: the bản tin's name


def page_facts(site: SiteData, entries) -> dict[str, Facts]:
    """Page path (under docs/) -> its facts; `entries`: the bulletin stream's (khcn.news.stream.Entry)."""
    facts: dict[str, Facts] = {}
    for entry in entries:
        kind = "Report" if entry.category == REPORTS_CATEGORY and entry.source.endswith(".yaml") else "NewsArticle"
        facts[entry.path] = Facts(kind, entry.published, tuple(entry.authors), tuple(entry.tags), entry.image)
    facts[STATISTICS_PAGE] = Facts("Dataset", downloads=(*ALL_VALUES.values(), CATALOGUE_FILE, PACKAGE_FILE))
    for area in site.catalogue.areas:
        facts[area_path(area.id)] = Facts("Dataset", downloads=tuple(downloads(area_stem(area.id)).values()))
    for indicator in site.catalogue.indicators:
        facts[indicator_path(indicator.id)] = Facts(
            "Dataset", downloads=tuple(downloads(indicator_stem(indicator.id)).values()))
    for kind in REGISTER_KINDS.values():
        facts[kind.page] = Facts("Dataset", downloads=tuple(downloads(register_stem(kind.id)).values()))
    for edition in site.editions:  # issue 15
        year, number = edition.record.year, edition.record.number
        facts[edition_path(year, number)] = Facts(
            "PublicationIssue", edition.released_at, image=edition.record.cover,
            downloads=(edition_pdf_path(year, number),), issue=f"{number}/{year}", periodical=site.publication.name)
    return facts


def script_json(data: object) -> str:
    """JSON to put inside `<script type="application/ld+json">`: no `<`, `>` or `&` left, so no text from data can
    close the element (`</script>`) or open a comment; JSON readers take `\\u003c` as `<`."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_UNSAFE)


def _absolute(site_url: str | None, path: str) -> str | None:
    return urljoin(site_url, path.lstrip("/")) if site_url else None


def organisation_node(organisation: Organisation, site_url: str | None, logo: str | None = None) -> dict:
    """`logo`: the emblem's address in the site (issue 13), when data names one."""
    node = {"@type": "GovernmentOrganization", "@id": (site_url or "") + ORGANISATION_ID,
            "name": organisation.full_name, "alternateName": organisation.name, "url": site_url,
            "logo": _absolute(site_url, logo) if logo else None,
            "address": {"@type": "PostalAddress", "streetAddress": organisation.address, "addressCountry": "VN"},
            "telephone": organisation.phone, "faxNumber": organisation.fax, "email": organisation.email,
            "parentOrganization": {"@type": "GovernmentOrganization", "name": organisation.parent_body}}
    return _without_empty(node)


def _without_empty(node: dict) -> dict:
    return {key: value for key, value in node.items() if value not in (None, "", [], ())}


def _moment(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def page_node(facts: Facts, organisation_id: str, title: str, description: str, url: str | None,
              site_url: str | None, modified: datetime | None) -> dict:
    publisher = {"@id": organisation_id}
    node = {"@type": facts.kind, "@id": url, "url": url, "name": title, "description": description,
            "inLanguage": LANGUAGE, "publisher": publisher, "dateModified": _moment(modified)}
    if facts.kind in ("Report", "NewsArticle"):
        node.update(headline=title, datePublished=_moment(facts.published), mainEntityOfPage=url,
                    author=[{"@type": "Person", "name": name} for name in facts.authors] or publisher,
                    keywords=", ".join(facts.keywords) or None,
                    image=_absolute(site_url, facts.image) if facts.image else None)
    elif facts.kind == "PublicationIssue":  # issue 15: an edition, with its print edition
        node.update(issueNumber=facts.issue, datePublished=_moment(facts.published), author=publisher,
                    isPartOf={"@type": "Periodical", "name": facts.periodical},
                    image=_absolute(site_url, facts.image) if facts.image else None,
                    encoding=[{"@type": "MediaObject", "encodingFormat": "application/pdf",
                               "contentUrl": _absolute(site_url, path) or path} for path in facts.downloads])
    elif facts.kind == "Dataset":
        node.update(creator=publisher, isAccessibleForFree=True,
                    distribution=[_without_empty({"@type": "DataDownload",
                                                  "contentUrl": _absolute(site_url, page_url(path)) or page_url(path),
                                                  "encodingFormat": MEDIA_TYPES[path.rsplit(".", 1)[-1]]})
                                  for path in facts.downloads])
    return _without_empty(node)


def page_metadata(organisation: Organisation, facts: Facts | None, *, title: str, description: str,
                  url: str | None, site_url: str | None, modified: datetime | None, logo: str | None = None) -> dict:
    """{"dublin_core": [(name, content), …], "json_ld": the text inside the script element} for one page."""
    facts = facts or Facts("WebPage")
    organisation_id = (site_url or "") + ORGANISATION_ID
    graph = [organisation_node(organisation, site_url, logo),
             page_node(facts, organisation_id, title, description, url, site_url, modified)]
    dated = facts.published or modified
    dublin_core = [("DC.title", title),
                   ("DC.creator", "; ".join(facts.authors) or organisation.full_name),
                   ("DC.publisher", organisation.full_name),
                   ("DC.date", dated.date().isoformat() if dated else None),
                   ("DC.language", LANGUAGE),
                   ("DC.identifier", url),
                   ("DC.type", DC_TYPES[facts.kind]),
                   ("DC.format", "text/html"),
                   ("DC.description", description),
                   ("DC.rights", organisation.reuse_notice)]
    return {"dublin_core": [(name, content) for name, content in dublin_core if content],
            "json_ld": script_json({"@context": "https://schema.org", "@graph": graph})}
