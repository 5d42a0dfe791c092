"""The site's build, phase by phase, top to bottom (like MkDocs' `commands/build.py` `build()`):

    load        data/ read and checked into records (before MkDocs cleans site/: bad data leaves the old site)
    stream      bulletins and reports as one dated list, their references written out
    pages       every generated page, with the data files it came from
    feeds       the stream's RSS, Atom and JSON feeds, and robots.txt
    provenance  the line under each page: its first source and the date of its last change
    navigation  each page's section (its tab, marked) and breadcrumbs
    metadata    Dublin Core and schema.org JSON-LD of each page (issue 12c)
    downloads   CSV, XLSX and JSON written into the site by a second process while MkDocs renders the pages
    search      the Pagefind index, made from the built pages, so it comes last

Plain functions of plain values; hooks/site_hooks.py calls each at its MkDocs event and keeps what they return on
the build's config. No MkDocs here.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from khcn.core.background import BackgroundJob
from khcn.core.clock import commit_time
from khcn.data.dataset import SiteData, load_site_data
from khcn.data.dataset.links import file_addresses  # issue 13
from khcn.data.fields import VIETNAM
from khcn.news.feeds import FeedSite, feed_files
from khcn.news.pages import Stream, build_stream, footers, news_pages
from khcn.pages.disclosure import access_pages
from khcn.pages.documents import document_browse_pages  # issue 12b
from khcn.pages.introduction import introduction_pages  # issue 12a
from khcn.pages.navigation import Trail, trails
from khcn.pages.page import Page, declared_sources
from khcn.pages.procedures import procedure_pages  # issue 12b
from khcn.pages.provenance import Source, provenance
from khcn.pages.render import generated_pages
from khcn.pages.statistics import statistics_pages
from khcn.publish.metadata import Facts, page_facts, page_metadata
from khcn.publish.search import IndexSummary, index_site
from khcn.rendering import render
from khcn.stats.downloads import write_data_files

CACHE = ".cache/khcn"  # readings of data files, by content (see khcn.data.yamlsource.read_yaml)


def load(project: Path) -> SiteData:
    """Every record of the project's data/. Raises DataErrors, with the editors' messages."""
    return load_site_data(project / "data", cache=project / CACHE)


def stream(site: SiteData) -> Stream:
    return build_stream(site)


def site_pages(site: SiteData, stream: Stream | None = None) -> list[Page]:
    """Every generated page, each with the data files it came from; it unpacks as (path under docs/, Markdown)."""
    stream = stream or build_stream(site)
    pages = [*news_pages(site, stream), *generated_pages(site, footers(site, stream)), *statistics_pages(site),
            *procedure_pages(site), *document_browse_pages(site),  # issue 12b: these two
            *introduction_pages(site),  # issue 12a
            *access_pages(site)]  # issue 12c: access to information
    if site.links:  # issue 13: editors' links to pages, written as the pages' files for MkDocs
        pages = [replace(page, content=file_addresses(page.content, site.links)) for page in pages]
    return pages


def site_feeds(site: SiteData, stream: Stream, site_url: str, updated: datetime | None) -> list[tuple[str, bytes]]:
    """(path in the site, bytes) of the RSS, Atom and JSON feeds; `updated` dates an empty feed."""
    organisation = site.organisation
    about = FeedSite(url=site_url.rstrip("/") + "/", title=organisation.full_name,
                     description=f"Tin hoạt động, thông báo và báo cáo của {organisation.full_name}")
    return feed_files(stream.entries, site.categories.values(), about, updated=updated)


def robots_txt(site_url: str) -> str:
    """Everything may be indexed; the sitemap is at the site's root."""
    return render("robots.txt.j2", site_url=site_url.rstrip("/") + "/")


def feeds(site: SiteData, stream: Stream, site_url: str) -> list[tuple[str, bytes | str]]:
    """The feeds, then robots.txt: the files of the site that are not pages."""
    return [*site_feeds(site, stream, site_url, build_date()), ("robots.txt", robots_txt(site_url))]


TODAY = "KHCN_TODAY"  # the environment variable that dates a build's day (the publishing workflow sets it)


class BuildSettingError(ValueError):
    """A setting of the build given wrong, told in Vietnamese."""


def today() -> date:
    """The build's day, which decides whether a planned interruption's banner shows (issue 12c): KHCN_TODAY
    (YYYY-MM-DD), else today's date in Vietnam. Same commit and same day: the same bytes; the publishing workflow
    rebuilds daily so the banner comes and goes on time."""
    text = os.environ.get(TODAY, "").strip()
    if not text:
        return datetime.now(VIETNAM).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BuildSettingError(f"Biến môi trường {TODAY} = `{text}` không phải một ngày; cần dạng năm-tháng-ngày, "
                                "ví dụ 2026-12-01 (hoặc bỏ trống để lấy ngày hôm nay giờ Việt Nam).") from None


def build_date() -> datetime | None:
    """The date of the last commit (SOURCE_DATE_EPOCH, set by `make`): the same for every build of a commit."""
    return commit_time()


def page_provenance(pages: list[Page], every_page: list[str], project: Path, repo_url: str,
                    branch: str) -> dict[str, Source]:
    """`every_page`: the generated pages and those written by hand (their own source)."""
    return provenance(declared_sources(pages), every_page, project, repo_url, branch)


def page_trails(pages: list[Page], every_page: list[str]) -> dict[str, Trail]:
    """Each page's tab and breadcrumbs (khcn/pages/navigation.py); `every_page` as for `page_provenance`."""
    return trails(pages, every_page)


def metadata_facts(site: SiteData, stream: Stream) -> dict[str, Facts]:
    """What each generated page is (a report, a bulletin, a dataset): its metadata's type and dates."""
    return page_facts(site, stream.entries)


def metadata(site: SiteData, facts: Facts | None, title: str, description: str, url: str | None,
             site_url: str | None, source: Source | None) -> dict:
    """One page's Dublin Core tags and JSON-LD (khcn/publish/metadata.py), dated by its line's last change."""
    return page_metadata(site.organisation, facts, title=title, description=description, url=url,
                         site_url=site_url, modified=source.changed if source else None)


DOWNLOADS = "khcn_downloads"  # the config key of the job below (hooks/site_hooks.py; the preview waits on it)


def downloads(site: SiteData, site_dir: Path) -> BackgroundJob:
    """Started once `site_dir` has been cleaned; `.wait()` raises BackgroundError."""
    return BackgroundJob(write_data_files, site, site_dir)


def search(site_dir: Path) -> IndexSummary:
    """Raises SearchIndexError (khcn/publish/search.py: what is indexed and why)."""
    return index_site(site_dir)
