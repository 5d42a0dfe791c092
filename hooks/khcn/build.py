"""The site's build, phase by phase, top to bottom (like MkDocs' `commands/build.py` `build()`):

    load        data/ read and checked into records (before MkDocs cleans site/: bad data leaves the old site)
    stream      bulletins and reports as one dated list, their references written out
    pages       every generated page, with the data files it came from
    feeds       the stream's RSS, Atom and JSON feeds, and robots.txt
    provenance  the line under each page: its first source and the date of its last change
    navigation  each page's section (its tab, marked) and breadcrumbs
    metadata    Dublin Core and schema.org JSON-LD of each page (issue 12c)
    downloads   CSV, XLSX and JSON written into the site by a second process while MkDocs renders the pages
    print       the bản tin's print editions (PDF), written the same way by a third process (issue 15)
    images      docs/anh/'s photos resized, and the favicons from the emblem, written the same way (issue 13)
    per page    a generated page's finished HTML set aside from Markdown and put back (html_set_aside,
                html_put_back); the HTML made from data/ cleaned (sanitize); the theme's markup fixed (page_output)
    search      the Pagefind index, made from the built pages, so it comes last

Plain functions of plain values; hooks/site_hooks.py calls each at its MkDocs event and keeps what they return on
the build's config. No MkDocs here. Each phase is timed when KHCN_TIMINGS names a file (khcn/core/timing.py, read
by `make bench-stats`); otherwise the decorator leaves the function as it is.
"""

from __future__ import annotations

import functools
import os
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from khcn.addresses import ICON_SIZES, ICONS
from khcn.core import timing
from khcn.core.background import BackgroundJob
from khcn.core.clock import commit_time
from khcn.data.dataset import SiteData, load_site_data
from khcn.data.dataset.links import file_addresses  # issue 13
from khcn.data.fields import VIETNAM
from khcn.news.editionprint import write_print_files  # issue 15
from khcn.news.editions import edition_items, edition_pages  # issue 15
from khcn.news.feeds import FeedSite, feed_files
from khcn.news.pages import Stream, build_stream, footers, news_pages
from khcn.pages.disclosure import access_pages
from khcn.pages.documents import document_browse_pages  # issue 12b
from khcn.pages.htmlblocks import SetAside, put_back, set_aside
from khcn.pages.introduction import introduction_pages  # issue 12a
from khcn.pages.navigation import Trail, trails
from khcn.pages.page import Page, declared_sources
from khcn.pages.procedures import procedure_pages  # issue 12b
from khcn.pages.provenance import Source, provenance
from khcn.pages.render import generated_pages
from khcn.pages.statistics import statistics_pages
from khcn.publish.images import SiteImage, write_images
from khcn.publish.images import site_images as images_in
from khcn.publish.metadata import Facts, page_facts, page_metadata
from khcn.publish.sanitize import clean_html, strip_controls
from khcn.publish.search import IndexSummary, index_site
from khcn.publish.themefix import valid_toggles
from khcn.rendering import each_then, render
from khcn.stats.downloads import write_data_files

CACHE = ".cache/khcn"  # readings of data files, by content (see khcn.data.yamlsource.read_yaml)
IMAGE_CACHE = f"{CACHE}/anh"  # the photos' renditions, by content (khcn.publish.images.cached_renditions)


@timing.phase("load")
def load(project: Path) -> SiteData:
    """Every record of the project's data/. Raises DataErrors, with the editors' messages."""
    return load_site_data(project / "data", cache=project / CACHE)


@timing.phase("pages")
def stream(site: SiteData) -> Stream:
    return build_stream(site)


@timing.phase("pages")
def site_pages(site: SiteData, stream: Stream | None = None) -> list[Page]:
    """Every generated page, each with the data files it came from; it unpacks as (path under docs/, Markdown)."""
    stream = stream or build_stream(site)
    pages = [*news_pages(site, stream), *generated_pages(site, footers(site, stream)), *statistics_pages(site),
            *procedure_pages(site), *document_browse_pages(site),  # issue 12b: these two
            *introduction_pages(site),  # issue 12a
            *access_pages(site),  # issue 12c: access to information
            *edition_pages(site, stream)]  # issue 15: the bản tin's editions
    if site.links:  # issue 13: editors' links to pages, written as the pages' files for MkDocs
        contents = each_then([page.content for page in pages], file_addresses, site.links)
        pages = [replace(page, content=content) for page, content in zip(pages, contents, strict=True)]
    return pages


def site_feeds(site: SiteData, stream: Stream, site_url: str, updated: datetime | None) -> list[tuple[str, bytes]]:
    """(path in the site, bytes) of the RSS, Atom and JSON feeds; `updated` dates an empty feed."""
    organisation = site.organisation
    about = FeedSite(url=site_url.rstrip("/") + "/", title=organisation.full_name,
                     description=f"Tin hoạt động, thông báo và báo cáo của {organisation.full_name}")
    return feed_files(stream.entries, site.categories.values(), about, updated=updated,
                      extra=edition_items(site, about))  # issue 15: each edition an entry of the stream's feeds


def robots_txt(site_url: str) -> str:
    """Everything may be indexed; the sitemap is at the site's root."""
    return render("robots.txt.j2", site_url=site_url.rstrip("/") + "/")


@timing.phase("feeds")
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


@timing.phase("provenance")
def page_provenance(pages: list[Page], every_page: list[str], project: Path, repo_url: str,
                    branch: str) -> dict[str, Source]:
    """`every_page`: the generated pages and those written by hand (their own source)."""
    return provenance(declared_sources(pages), every_page, project, repo_url, branch)


@timing.phase("navigation")
def page_trails(pages: list[Page], every_page: list[str]) -> dict[str, Trail]:
    """Each page's tab and breadcrumbs (khcn/pages/navigation.py); `every_page` as for `page_provenance`."""
    return trails(pages, every_page)


@timing.phase("metadata")
def metadata_facts(site: SiteData, stream: Stream) -> dict[str, Facts]:
    """What each generated page is (a report, a bulletin, a dataset): its metadata's type and dates."""
    return page_facts(site, stream.entries)


@timing.phase("metadata")
def metadata(site: SiteData, facts: Facts | None, title: str, description: str, url: str | None,
             site_url: str | None, source: Source | None, emblem: dict | None = None) -> dict:
    """One page's Dublin Core tags and JSON-LD (khcn/publish/metadata.py), dated by its line's last change;
    `emblem`: what `emblem` gave, the department's logo."""
    return page_metadata(site.organisation, facts, title=title, description=description, url=url,
                         site_url=site_url, modified=source.changed if source else None,
                         logo=emblem["src"] if emblem else None)


_write_downloads = timing.phase("downloads (second process)")(write_data_files)
_write_prints = timing.phase("print editions (another process)")(write_print_files)
_write_images = timing.phase("images (another process)")(write_images)


DOWNLOADS = "khcn_downloads"  # the config key of the job below (hooks/site_hooks.py; the preview waits on it)


def downloads(site: SiteData, site_dir: Path) -> BackgroundJob:
    """Started once `site_dir` has been cleaned; `wait_for` waits for it."""
    return BackgroundJob(_write_downloads, site, site_dir)


def print_editions(site: SiteData, stream: Stream, docs_dir: Path, site_dir: Path) -> BackgroundJob | None:
    """Each edition's PDF (khcn/news/editionprint.py), started once `site_dir` has been cleaned; None without
    editions. `.wait()` raises BackgroundError with the editors' messages (an edition over 64 pages)."""
    return BackgroundJob(_write_prints, site, stream, docs_dir, site_dir) if site.editions else None


def site_images(project_docs: Path) -> dict[str, SiteImage]:
    """Every image under docs/anh/ and the files it becomes in the site (khcn/publish/images.py)."""
    return images_in(project_docs)


def emblem(site: SiteData, images: dict[str, SiteImage]) -> dict | None:
    """What the header shows as the department's emblem (overrides/partials/logo.html), or None: no logo at all,
    rather than a theme's that would pass for the department's. A photo's emblem is shown from its square icon."""
    organisation = site.organisation
    image = emblem_image(site, images)
    if image is None:
        return None
    if image.resized:
        size = ICON_SIZES["home_screen"]
        return {"src": ICONS["home_screen"], "alt": organisation.emblem_alt, "width": size, "height": size}
    return {"src": image.source, "alt": organisation.emblem_alt, "width": image.largest.width or None,
            "height": image.largest.height or None}


def images(site: SiteData, images: dict[str, SiteImage], project: Path, docs_dir: Path,
           site_dir: Path) -> BackgroundJob:
    """The photos' renditions and the favicons, written into `site_dir` (cleaned by now), kept in the project's
    cache by content; `.wait()` raises BackgroundError."""
    return BackgroundJob(_write_images, list(images.values()), emblem_image(site, images), docs_dir, site_dir,
                         project / IMAGE_CACHE)


def emblem_image(site: SiteData, images: dict[str, SiteImage]) -> SiteImage | None:
    return images.get(site.organisation.emblem.lstrip("/")) if site.organisation.emblem else None


@timing.phase("second processes (waited for)")
def wait_for(job: BackgroundJob) -> None:
    """A second process (the downloads, the images, the print editions) waited for. Raises BackgroundError."""
    job.wait()


@timing.phase("HTML blocks set aside")
def html_set_aside(markdown: str) -> SetAside:
    """A generated page's blocks of finished HTML out of Python-Markdown's way (khcn/pages/htmlblocks.py)."""
    return _set_aside_kept(markdown) if _KEEPING[0] else set_aside(markdown)


@timing.phase("HTML blocks set aside")
def html_put_back(html: str, aside: SetAside) -> str:
    return put_back(html, aside.blocks, aside.elements)


@timing.phase("sanitize")
def sanitize(html: str) -> str:
    """The HTML of a page made from data/, cleaned against the allowlist (khcn/publish/sanitize.py)."""
    return clean_html(html)


def generated_html(html: str, aside: SetAside) -> str:
    """A generated page's HTML: its blocks put back, then cleaned."""
    if _KEEPING[0]:
        return _generated_kept(html, tuple(aside.blocks), tuple(aside.elements))
    return sanitize(html_put_back(html, aside))


# Kept by content in the preview only (khcn/preview, `keep_pages(True)`): it reads every page again on each saved
# file, and all but the edited ones are the same text as before. Both are pure functions of their arguments (an
# aside's strings are the same objects from one build to the next, their hashes computed once). Off in a full build,
# where each page passes once.
_KEEPING = [False]


def keep_pages(on: bool) -> None:
    _KEEPING[0] = on
    _set_aside_kept.cache_clear()
    _generated_kept.cache_clear()


@functools.lru_cache(maxsize=32768)
def _set_aside_kept(markdown: str) -> SetAside:
    return set_aside(markdown)


@functools.lru_cache(maxsize=32768)
def _generated_kept(html: str, blocks: tuple[str, ...], elements: tuple[tuple[str, str], ...]) -> str:
    return sanitize(put_back(html, list(blocks), list(elements)))


@timing.phase("theme fixes")
def page_output(html: str) -> str:
    """A built page: Material's markup that no override reaches fixed (khcn/publish/themefix.py), no control
    characters."""
    return strip_controls(valid_toggles(html))


@timing.phase("search index")
def search(site_dir: Path) -> IndexSummary:
    """Raises SearchIndexError (khcn/publish/search.py: what is indexed and why)."""
    return index_site(site_dir)
