"""The feeds of the bulletin stream in RSS 2.0, Atom 1.0 and JSON Feed 1.1, each holding the latest `LIMIT` entries:

    tin-tuc/rss.xml, atom.xml, feed.json                          the whole stream
    tin-tuc/chuyen-muc/<category>/rss.xml, atom.xml, feed.json    one category (empty but valid when it has none)

Every address inside is absolute: a feed is read away from the site. The bytes depend on the entries only, never on
the build time: a feed's date is its newest entry's. An empty feed has none: it takes the caller's `updated` (e.g. the
build's date, itself from the last commit); without one, RSS leaves `lastBuildDate` out and Atom, which requires
`updated`, says `EMPTY_UPDATED`, the Unix epoch.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from urllib.parse import quote

from khcn.addresses import NEWS_FEEDS, NEWS_INDEX, category_feeds, category_page, page_url
from khcn.data.fields import VIETNAM
from khcn.data.models import Category
from khcn.news.stream import Entry, newest_first
from khcn.rendering import render

LIMIT = 20
MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
EMPTY_UPDATED = datetime(1970, 1, 1, 7, tzinfo=VIETNAM)
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# Atom's enclosure link needs a media type; a fixed table, as the system's mimetypes differ between machines
IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
               ".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml"}

# what XML 1.0 refuses (control characters, lone surrogates, U+FFFE/U+FFFF): pasted text sometimes holds them
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedSite:
    """What every feed says about the site; `url` is the absolute base address, ending in "/"."""

    url: str
    title: str
    description: str
    language: str = "vi"


def rfc822(moment: datetime) -> str:
    """RSS's date, with English names whatever the locale: `Fri, 01 Oct 2021 17:25:56 +0700`."""
    return format_datetime(moment.astimezone(VIETNAM))


def rfc3339(moment: datetime) -> str:
    """Atom's and JSON Feed's date: `2021-10-01T17:25:56+07:00`."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def absolute(site: FeedSite, path: str) -> str:
    """The address of a file or page folder of the built site."""
    return site.url + quote(path.lstrip("/"))


@dataclass(frozen=True)
class Item:
    """One entry as every format shows it: cleaned text, absolute addresses."""

    url: str  # also the id: stable as long as the page keeps its address
    title: str
    summary: str
    published: datetime
    authors: tuple[str, ...]
    category_id: str
    category: str
    tags: tuple[str, ...]
    image: str | None
    image_type: str | None
    image_alt: str

    @property
    def summary_html(self) -> str:
        """RSS readers take a description for HTML: a plain `<` in the summary must reach them as `&lt;`."""
        return html.escape(self.summary, quote=False)

    @property
    def rfc822(self) -> str:
        return rfc822(self.published)

    @property
    def rfc3339(self) -> str:
        return rfc3339(self.published)


@dataclass(frozen=True)
class Feed:
    site: FeedSite
    title: str
    description: str
    home: str  # the list page
    urls: dict[str, str]  # each format's own address
    items: tuple[Item, ...]
    updated: datetime | None  # the newest entry's date, or the caller's for an empty feed

    @property
    def rfc822(self) -> str | None:
        return rfc822(self.updated) if self.updated else None

    @property
    def rfc3339(self) -> str:
        return rfc3339(self.updated or EMPTY_UPDATED)

    @property
    def author(self) -> str:
        """The site: Atom needs an author for the entries that name nobody."""
        return clean(self.site.title)


def image_type(image: str | None) -> str | None:
    """An image's media type, from its name's extension (None without an image)."""
    return IMAGE_TYPES.get(posixpath.splitext(image)[1].lower()) if image else None


def feed_item(entry: Entry, category: Category, site: FeedSite) -> Item:
    image_type_ = image_type(entry.image)
    summary = f"{entry.deadline_words}. {entry.summary}" if entry.deadline_words else entry.summary  # issue 12b
    return Item(url=absolute(site, page_url(entry.path)), title=clean(entry.title), summary=clean(summary),
                published=entry.published, authors=tuple(clean(a) for a in entry.authors),
                category_id=category.id, category=clean(category.name), tags=tuple(clean(t) for t in entry.tags),
                image=absolute(site, entry.image) if entry.image else None, image_type=image_type_,
                image_alt=clean(entry.image_alt or ""))


def build_feed(site: FeedSite, title: str, description: str, page: str, paths: dict[str, str], items: Sequence[Item],
         updated: datetime | None) -> Feed:
    latest = tuple(items[:LIMIT])
    return Feed(site=site, title=clean(title), description=clean(description), home=absolute(site, page_url(page)),
                urls={kind: absolute(site, path) for kind, path in paths.items()}, items=latest,
                updated=latest[0].published if latest else updated)


def json_feed(feed: Feed) -> dict:
    """JSON Feed 1.1, keys in the order of the specification."""
    return {"version": JSON_FEED_VERSION, "title": feed.title, "home_page_url": feed.home,
            "feed_url": feed.urls["json"], "description": feed.description, "language": feed.site.language,
            "authors": [{"name": feed.author, "url": feed.site.url}],
            "items": [json_item(i) for i in feed.items]}


def json_item(item: Item) -> dict:
    data = {"id": item.url, "url": item.url, "title": item.title}
    if item.summary:
        data["summary"] = item.summary
    data["content_text"] = item.summary or item.title  # the specification requires a content
    if item.image:
        data["image"] = item.image
    data["date_published"] = item.rfc3339
    if item.authors:  # without, the feed's authors apply
        data["authors"] = [{"name": name} for name in item.authors]
    data["tags"] = [item.category, *item.tags]
    return data


def render_feed(feed: Feed, paths: dict[str, str]) -> list[tuple[str, bytes]]:
    return [(paths["rss"], render("feeds/rss.xml.j2", feed=feed).encode("utf-8")),
            (paths["atom"], render("feeds/atom.xml.j2", feed=feed).encode("utf-8")),
            (paths["json"], (json.dumps(json_feed(feed), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))]


def feed_files(entries: Iterable[Entry], categories: Iterable[Category], site: FeedSite, *,
               updated: datetime | None = None, extra: Sequence[Item] = ()) -> list[tuple[str, bytes]]:
    """Every feed as (path in the built site, bytes): the stream's, then each category's in the given order. Every
    entry's category is one of `categories`. `updated` dates the empty feeds (see above). `extra`: items of the
    stream's feed only, not of any category (issue 15: the bản tin's editions), placed by their date (after the
    entries of the same moment)."""
    categories = tuple(categories)
    by_id = {category.id: category for category in categories}
    ordered = newest_first(entries)  # they arrive sorted: only a defence
    items = [feed_item(entry, by_id[entry.category], site) for entry in ordered]
    everything = sorted([*items, *extra], key=lambda item: -item.published.timestamp()) if extra else items
    result = render_feed(build_feed(site, site.title, site.description, NEWS_INDEX, NEWS_FEEDS, everything, updated),
                         NEWS_FEEDS)
    for category in categories:
        paths = category_feeds(category.id)
        chosen = [i for i in items if i.category_id == category.id]
        result += render_feed(build_feed(site, f"{site.title}: {category.name}",
                                         category.description or site.description, category_page(category.id), paths,
                                         chosen, updated), paths)
    return result
