"""The news section (/tin-tuc/) and the home page: bulletins and reports as one stream, newest first.

Every entry, paginated; one page per bulletin (a report keeps its page under bao-cao/); categories, a yearly archive
and authors, each an index and one list per item. Their addresses are in khcn/addresses.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup

from khcn.addresses import (
    AUTHORS,
    AUTHORS_INDEX,
    CATEGORIES_INDEX,
    EDITIONS_INDEX,
    HOME_PAGE,
    NEWS,
    NEWS_FEEDS,
    NEWS_INDEX,
    REPORTS_INDEX,
    STATISTICS_PAGE,
    YEARS_INDEX,
    author_base,
    bulletin_path,
    category_base,
    category_feeds,
    edition_path,
    href,
    indicator_path,
    list_index,
    report_path,
    year_base,
)
from khcn.core.clock import build_day
from khcn.core.slugs import slug
from khcn.data.bulletins import Bulletin
from khcn.data.dataset import REPORTS_CATEGORY, ReportPage, SiteData
from khcn.news import stream as st
from khcn.pages.page import EVERYTHING, STREAM, Page
from khcn.pages.render import Resolver, write_out
from khcn.rendering import Later, render, render_later
from khcn.stats import frames as stats

FEED_LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
WORDS_PER_MINUTE = 200  # an adult reading Vietnamese prose on a screen
SUMMARY_WORDS = 50
HOME_ENTRIES = 6


def author_slug(name: str) -> str:
    return slug(name) or AUTHORS  # a name of marks only


@dataclass
class Stream:
    entries: list[st.Entry]  # newest first
    bodies: dict[str, str]  # bulletin page -> its Markdown with the references written out
    bulletins: dict[str, Bulletin]  # bulletin page -> the bulletin
    neighbours: dict[str, tuple]  # page -> (older, newer)
    categories: dict[str, list[st.Entry]]  # category id -> its entries, every category in the editors' order
    years: dict[int, list[st.Entry]]  # newest year first


def build_stream(site: SiteData, today: date | None = None) -> Stream:
    """`today`: the day a deadline is compared with (issue 12b), by default the build's (khcn.core.clock)."""
    today = today or build_day()
    entries, bodies, bulletins = [], {}, {}
    for bulletin in site.bulletins:
        path = bulletin_path(bulletin.slug)
        refs = Resolver(site, path, None)
        body = write_out(bulletin.segments, refs)
        bodies[path], bulletins[path] = body, bulletin
        # read: the words, not the markup of an embedded table or chart (a chart's SVG would double the minutes)
        words = len(write_out(bulletin.segments, refs, plain=True).split())
        entries.append(_bulletin_entry(bulletin, path, body, words, today))
    entries += [_report_entry(site, report) for report in site.reports]
    entries = st.newest_first(entries)
    return Stream(entries, bodies, bulletins, st.neighbours(entries), st.by_category(entries, site.categories),
                  st.by_year(entries))


def _bulletin_entry(bulletin: Bulletin, path: str, body: str, words: int, today: date) -> st.Entry:
    meta = bulletin.meta
    return st.Entry(slug=bulletin.slug, path=path, title=meta.title, published=meta.published, authors=meta.authors,
                    category=meta.category, tags=meta.tags, summary=meta.summary or summary_of(body),
                    source=bulletin.file, words=words, image=meta.image, image_alt=meta.image_alt,
                    deadline=meta.deadline, expired=meta.deadline is not None and meta.deadline < today)


@dataclass(frozen=True)
class Latest:
    """A category's latest entry (issue 12b): when, and its page under docs/ (`tin-tuc/<slug>.md`)."""

    published: datetime
    path: str


def latest_in_category(stream: Stream, category_id: str) -> Latest | None:
    """The newest bulletin or report of a category, e.g. `tuyen-dung` (khcn.data.dataset.categories
    NOTICE_CATEGORIES), or None when it has none or is not declared. For the access-to-information page."""
    entries = stream.categories.get(category_id) or []
    return Latest(entries[0].published, entries[0].path) if entries else None


def _report_entry(site: SiteData, report: ReportPage) -> st.Entry:
    path = report_path(report.slug)
    refs = Resolver(site, path, report.record.period.id)
    opening = " ".join(write_out(paragraph, refs, plain=True) for paragraph in report.opening)
    words = sum(len(write_out(paragraph, refs, plain=True).split()) for paragraph in _report_paragraphs(report))
    return st.Entry(slug=report.slug, path=path, title=report.record.title, published=report.record.published,
                    authors=(report.record.author,), category=REPORTS_CATEGORY, tags=(),
                    summary=_shorten(opening), source=report.file, words=words)


def _report_paragraphs(report: ReportPage):
    for paragraphs in [report.opening, report.transition, *report.results, *report.tasks]:
        yield from paragraphs


_NOT_PROSE = re.compile(r"^\s*(?:[#>|<!*+-]|\d+[.)]\s|`{3}|~{3}|\{\{|\[\[)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"\\(.)|[*_`]")


def summary_of(markdown: str) -> str:
    """The first paragraph of prose, as plain text, at most SUMMARY_WORDS words: a bulletin without `tom_tat`."""
    for block in re.split(r"\n[ \t]*\n", markdown):
        if block.strip() and not _NOT_PROSE.match(block):
            text = _MARKS.sub(lambda m: m.group(1) or "", _LINK.sub(r"\1", block))
            return _shorten(" ".join(text.split()))
    return ""


def _shorten(text: str) -> str:
    words = text.split()
    return text.strip() if len(words) <= SUMMARY_WORDS else " ".join(words[:SUMMARY_WORDS]) + " …"


def reading_minutes(entry: st.Entry) -> int:
    return max(1, round(entry.words / WORDS_PER_MINUTE))


# --- pages -------------------------------------------------------------------------------------------------------

def footer(site: SiteData, stream: Stream, entry: st.Entry) -> dict:
    """What a bulletin's or report's page shows of its place in the stream: authors, category, neighbours."""
    older, newer = stream.neighbours[entry.path]
    here = entry.path
    return {"entry": entry, "older": older, "newer": newer, "minutes": reading_minutes(entry),
            "older_href": href(here, older.path) if older else None,
            "newer_href": href(here, newer.path) if newer else None,
            "category": site.categories[entry.category],
            "category_href": href(here, list_index(category_base(entry.category))),
            "authors": [(name, href(here, list_index(author_base(author_slug(name))))) for name in entry.authors],
            "news_href": href(here, NEWS_INDEX)}


def footers(site: SiteData, stream: Stream) -> dict[str, dict]:
    """Page -> footer, for the reports' pages (pages.generated_pages)."""
    reports = {report_path(report.slug) for report in site.reports}
    return {entry.path: footer(site, stream, entry) for entry in stream.entries if entry.path in reports}


def render_bulletin(site: SiteData, stream: Stream, entry: st.Entry) -> str | Later:
    return render_later("bulletin.md.j2", entry=entry, bulletin=stream.bulletins[entry.path],
                       body=Markup(stream.bodies[entry.path]), footer=footer(site, stream, entry),  # Markdown
                       printed=_printed_in(site, entry.path))


def _printed_in(site: SiteData, path: str) -> dict | None:
    """Issue 15: the edition of the bản tin a bulletin was printed in, with its link, or None."""
    edition = site.edition_of.get(path)
    if edition is None:
        return None
    return {"name": site.publication.name, "label": edition.label,
            "href": href(path, edition_path(edition.record.year, edition.record.number))}


def _archive(site: SiteData, stream: Stream, here: str, current: str | None = None) -> dict:
    return {
        "categories": [{"name": site.categories[c].name, "count": len(entries), "current": current == c,
                        "href": href(here, list_index(category_base(c)))}
                       for c, entries in stream.categories.items()],
        "years": [{"name": str(year), "current": current == str(year),
                   "href": href(here, list_index(year_base(year)))} for year in stream.years],
        "all_href": href(here, NEWS_INDEX), "authors_href": href(here, AUTHORS_INDEX),
        "editions_href": href(here, EDITIONS_INDEX) if site.editions else None,  # issue 15
        "feeds": [(FEED_LABELS[kind], href(here, path)) for kind, path in
                  (category_feeds(current) if current in site.categories else NEWS_FEEDS).items()],
    }


def render_listing(site: SiteData, stream: Stream, listing: st.Listing, intro: str | None = None,
                   current: str | None = None) -> str | Later:
    here = listing.path
    items = [{"entry": e, "href": href(here, e.path), "category": site.categories[e.category],
              "category_href": href(here, list_index(category_base(e.category)))} for e in listing.entries]
    return render_later("stream_list.md.j2", listing=listing, items=items, intro=intro, pager=_pager(listing),
                        archive=_archive(site, stream, here, current))


def _pager(listing: st.Listing) -> dict | None:
    count = len(listing.pages)
    if count == 1:
        return None
    here, number = listing.path, listing.number
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    numbers, previous = [], 0
    for n in shown:
        if n > previous + 1:
            numbers.append((None, None))
        numbers.append((n, None if n == number else href(here, listing.pages[n - 1])))
        previous = n
    return {"numbers": numbers,
            "previous": href(here, listing.pages[number - 2]) if number > 1 else None,
            "next": href(here, listing.pages[number]) if number < count else None}


def _index(site, stream, path: str, title: str, groups: list[dict]) -> Page:
    for group in groups:
        group["href"] = href(path, group.pop("target"))
    return Page(path, render("stream_index.md.j2", title=title, groups=groups, archive=_archive(site, stream, path)),
                STREAM)


def news_pages(site: SiteData, stream: Stream) -> list[Page]:
    """The home page and every page of the news section, in a fixed order. A bulletin's page comes from its file;
    the lists, from the whole stream."""
    pages = [Page(HOME_PAGE, render_home(site, stream), EVERYTHING)]
    pages += [Page(e.path, render_bulletin(site, stream, e), (stream.bulletins[e.path].file,))
              for e in stream.entries if e.path in stream.bulletins]
    news_description = "Tin hoạt động, thông báo và báo cáo của Sở, mới nhất trước."
    pages += [Page(page.path, render_listing(site, stream, page, news_description), STREAM)
              for page in st.paginate(stream.entries, NEWS, "Tin tức")]
    categories, years = stream.categories, stream.years
    for category_id, entries in categories.items():
        category = site.categories[category_id]
        pages += [Page(page.path, render_listing(site, stream, page, category.description, current=category_id),
                       STREAM) for page in st.paginate(entries, category_base(category_id), category.name)]
    for year, entries in years.items():
        pages += [Page(page.path, render_listing(site, stream, page, None, current=str(year)), STREAM)
                  for page in st.paginate(entries, year_base(year), f"Tin bài năm {year}")]
    authors = st.by_author(stream.entries, author_slug)
    for author, (name, entries) in authors.items():
        pages += [Page(page.path, render_listing(site, stream, page), STREAM)
                  for page in st.paginate(entries, author_base(author), name)]
    pages.append(_index(site, stream, CATEGORIES_INDEX, "Chuyên mục", [
        {"name": site.categories[c].name, "count": len(e), "description": site.categories[c].description,
         "target": list_index(category_base(c))} for c, e in categories.items()]))
    pages.append(_index(site, stream, YEARS_INDEX, "Tin bài theo năm", [
        {"name": f"Năm {y}", "count": len(e), "description": None, "target": list_index(year_base(y))}
        for y, e in years.items()]))
    pages.append(_index(site, stream, AUTHORS_INDEX, "Tác giả", [
        {"name": name, "count": len(e), "description": None, "target": list_index(author_base(s))}
        for s, (name, e) in authors.items()]))
    return pages


# --- home --------------------------------------------------------------------------------------------------------

def key_figures(site: SiteData):
    """The key indicators of the latest period that has any: (period, rows) or (None, [])."""
    key = [i for i in site.catalogue.indicators if i.key]
    for period_id in reversed(list(site.periods)):
        values = site.period_values(period_id)
        period = site.periods[period_id]
        rows = [{"indicator": i, "value": values[i.id], "period": period, "change": stats.change(site, i, period)}
                for i in key if i.id in values]
        if rows:
            return period, rows
    return None, []


def render_home(site: SiteData, stream: Stream) -> str:
    period, rows = key_figures(site)
    latest_report = site.reports[0] if site.reports else None
    items = [{"entry": e, "href": href(HOME_PAGE, e.path), "category": site.categories[e.category]}
             for e in stream.entries[:HOME_ENTRIES]]
    return render("home.md.j2", organisation=site.organisation, items=items, period=period, rows=rows,
                  latest=latest_report,
                  latest_href=href(HOME_PAGE, report_path(latest_report.slug)) if latest_report else None,
                  page=HOME_PAGE, href=href, indicator_path=indicator_path,
                  news_href=href(HOME_PAGE, NEWS_INDEX), reports_href=href(HOME_PAGE, REPORTS_INDEX),
                  statistics_href=href(HOME_PAGE, STATISTICS_PAGE),
                  feeds=[(FEED_LABELS[kind], href(HOME_PAGE, path)) for kind, path in NEWS_FEEDS.items()])
