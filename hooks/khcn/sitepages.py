"""Every page built from `data/`, in a fixed order: the news stream, the registers and reports, the statistics."""

from __future__ import annotations

from .dataset import SiteData
from .newspages import build_stream, footers, news_pages
from .pages import generated_pages
from .statpages import statistics_pages


def site_pages(site: SiteData) -> list[tuple[str, str]]:
    """(path under docs/, Markdown) of every generated page."""
    stream = build_stream(site)
    return [*news_pages(site, stream), *generated_pages(site, footers(site, stream)), *statistics_pages(site)]
