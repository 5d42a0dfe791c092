"""Everything built from `data/`, in a fixed order: the news stream, the registers and reports, the statistics,
and the stream's feeds."""

from __future__ import annotations

from datetime import datetime

from khcn.data.dataset import SiteData
from khcn.news.feeds import FeedSite, feed_files
from khcn.news.pages import Stream, build_stream, footers, news_pages
from khcn.pages.page import Page
from khcn.pages.render import generated_pages
from khcn.pages.statistics import statistics_pages
from khcn.rendering import render


def site_pages(site: SiteData, stream: Stream | None = None) -> list[Page]:
    """Every generated page, each with the data files it came from; it unpacks as (path under docs/, Markdown)."""
    stream = stream or build_stream(site)
    return [*news_pages(site, stream), *generated_pages(site, footers(site, stream)), *statistics_pages(site)]


def robots_txt(site_url: str) -> str:
    """Everything may be indexed; the sitemap is at the site's root."""
    return render("robots.txt.j2", site_url=site_url.rstrip("/") + "/")


def site_feeds(site: SiteData, stream: Stream, site_url: str, updated: datetime | None) -> list[tuple[str, bytes]]:
    """(path in the site, bytes) of the RSS, Atom and JSON feeds; `updated` dates an empty feed."""
    organisation = site.organisation
    about = FeedSite(url=site_url.rstrip("/") + "/", title=organisation.full_name,
                     description=f"Tin hoạt động, thông báo và báo cáo của {organisation.full_name}")
    return feed_files(stream.entries, site.categories.values(), about, updated=updated)
