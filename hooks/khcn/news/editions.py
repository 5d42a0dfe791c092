"""The bản tin's editions on the web (issue 15): /ban-tin/ lists them, newest first; /ban-tin/<năm>-<số>/ is one
edition with the masthead and the colophon that Luật Báo chí 2016, điều 34 asks of a bản tin (the top lines:
"BẢN TIN", its name, the publishing agency, the release date; the last lines: licence, printer, print run,
periodicity, the person responsible, here with the editorial board), the editor's note, the contents linking to the
articles and a link to the print edition (a PDF beside the page, `edition_pdf_path`, made by the print renderer).

`edition_articles` gives the print renderer each article as the web shows it: the stream's bodies, whose
references `{{…}}`, `[[…]]` are already written out (khcn.news.pages.build_stream). No section without editions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from khcn.addresses import (
    EDITIONS_INDEX,
    NEWS_INDEX,
    bulletin_path,
    edition_path,
    edition_pdf_path,
    href,
    page_url,
)
from khcn.core.formatting import number
from khcn.data import kinds
from khcn.data.dataset import SiteData
from khcn.data.dataset.editions import EditionPage, note_segments
from khcn.data.models import Publication
from khcn.news.feeds import FeedSite, Item, absolute, clean, image_type
from khcn.news.pages import Stream, build_stream
from khcn.pages.page import Page, data
from khcn.pages.render import Resolver, write_out
from khcn.rendering import render

MASTHEAD_WORD = "BẢN TIN"  # the first line of the masthead (điều 34)
SECTION = "Bản tin"  # the section's name: its list's title, its breadcrumb, its feed items' category
FEED_CATEGORY = kinds.PUBLICATION.name


@dataclass(frozen=True)
class Article:
    """One article of an edition as the web shows it."""

    path: str  # the bulletin's page under docs/ (`tin-tuc/<slug>.md`)
    title: str
    published: datetime
    authors: tuple[str, ...]
    author_unit: str | None
    markdown: str  # its body, references written out as on its page (links relative to that page)
    source: str  # data/tin-tuc/<năm>/<slug>.md


def edition_articles(site: SiteData, edition: EditionPage, stream: Stream | None = None) -> list[Article]:
    """The articles of `edition` in its order; `stream`: the build's (khcn.build.stream), made here when absent."""
    stream = stream or build_stream(site)
    articles = []
    for path in edition.articles:
        meta = stream.bulletins[path].meta
        articles.append(Article(path, meta.title, meta.published, meta.authors, meta.author_unit,
                                stream.bodies[path], stream.bulletins[path].file))
    return articles


def edition_title(publication: Publication, edition: EditionPage) -> str:
    return f"{publication.name}, {edition.label}"


def colophon(publication: Publication) -> list[tuple[str, str]]:
    """The last lines of the edition (điều 34), as (label, text); the board in its own list."""
    licence = publication.licence
    return [("Giấy phép xuất bản", f"số {licence.number} ngày {licence.date:%d/%m/%Y} của {licence.issuer}"),
            ("Chịu trách nhiệm xuất bản", publication.responsible),
            ("Kỳ hạn xuất bản", publication.periodicity),
            ("Số lượng in", f"{number(publication.print_run)} bản"),
            ("Nơi in", publication.printer)]


def sources(edition: EditionPage | None = None) -> tuple[str, ...]:
    own = (edition.file,) if edition else (data(kinds.EDITIONS.folder),)
    return (*own, data(kinds.PUBLICATION.files), data(kinds.BULLETINS.folder), data(kinds.ORGANISATION.files))


def editors_note(site: SiteData, edition: EditionPage) -> list[Markup]:
    """The editor's note as Markdown paragraphs, its references written out (links relative to the edition page).
    Markdown as typed, like a bulletin's body (a Text field: checked by the same markup policy, cleaned by the
    sanitiser), so that a table or a chart (`{{bang:…}}`, `{{bieu-do:…}}`) lands as markup, not as its escaped
    source."""
    here = edition_path(edition.record.year, edition.record.number)
    return [Markup(write_out(paragraph, Resolver(site, here, None))) for paragraph in note_segments(edition.record)]


def render_edition(site: SiteData, stream: Stream, edition: EditionPage) -> str:
    here = edition_path(edition.record.year, edition.record.number)
    articles = [{"article": article, "href": href(here, article.path)}
                for article in edition_articles(site, edition, stream)]
    note = editors_note(site, edition)
    return render("edition.md.j2", edition=edition, publication=site.publication, organisation=site.organisation,
                  title=edition_title(site.publication, edition), masthead=MASTHEAD_WORD, note=note,
                  articles=articles, colophon=colophon(site.publication),
                  pdf_href=href(here, edition_pdf_path(edition.record.year, edition.record.number)),
                  index_href=href(here, EDITIONS_INDEX))


def render_editions_index(site: SiteData, stream: Stream) -> str:
    here = EDITIONS_INDEX
    items = [{"edition": edition, "href": href(here, edition_path(edition.record.year, edition.record.number)),
              "cover_href": href(here, edition.record.cover.lstrip("/")) if edition.record.cover else None,
              "articles": [{"article": article, "href": href(here, article.path)}
                           for article in edition_articles(site, edition, stream)]}
             for edition in site.editions]
    return render("editions.md.j2", title=SECTION, publication=site.publication, organisation=site.organisation,
                  items=items, news_href=href(here, NEWS_INDEX))


def edition_pages(site: SiteData, stream: Stream) -> list[Page]:
    """The list, then each edition newest first; nothing without editions."""
    if not site.editions:
        return []
    pages = [Page(EDITIONS_INDEX, render_editions_index(site, stream), sources())]
    pages += [Page(edition_path(e.record.year, e.record.number), render_edition(site, stream, e), sources(e))
              for e in site.editions]
    return pages


def edition_items(site: SiteData, feed_site: FeedSite) -> list[Item]:
    """Each edition as an entry of the site's feeds, dated by its release day, its contents as its summary."""
    titles = {bulletin_path(bulletin.slug): bulletin.meta.title for bulletin in site.bulletins}
    items = []
    for edition in site.editions:
        cover = edition.record.cover
        contents = "; ".join(titles[path] for path in edition.articles)
        items.append(Item(url=absolute(feed_site, page_url(edition_path(edition.record.year, edition.record.number))),
                          title=clean(edition_title(site.publication, edition)),
                          summary=clean(f"Các bài: {contents}."), published=edition.released_at,
                          authors=(), category_id=FEED_CATEGORY, category=SECTION, tags=(),
                          image=absolute(feed_site, cover) if cover else None, image_type=image_type(cover),
                          image_alt=clean(edition.record.cover_alt or "")))
    return items
