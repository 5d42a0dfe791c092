"""Where a page sits in the site: the tab of its section, marked as current, and the breadcrumbs above it.

Material marks a tab and draws breadcrumbs (`navigation.path`) only for pages in mkdocs.yml's `nav`; the generated
pages (bulletins, reports, indicators, archives) are `not_in_nav`, so no tab was marked on them and they had no way
back up. Both come from the address book instead (`khcn.addresses.section_of`, `parents`): the hooks put each page's
`Trail` in its meta, `overrides/partials/tabs-item.html` marks the tab and `overrides/partials/breadcrumbs.html`
draws the path.

    Trang chủ › Tin tức › Chuyên mục › Thông báo          (on page 2 of the category "Thông báo")
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from khcn.addresses import NAV, page_url, parents, section_of
from khcn.rendering import Later, text_of

_HEADING = re.compile(r"^# (.+?)\s*$", re.MULTILINE)
_TAB_TITLES = {path: title for title, path in NAV.items()}


@dataclass(frozen=True)
class Crumb:
    title: str  # plain text, escaped by the theme
    url: str  # from the site's root, as MkDocs gives it (`tin-tuc/`; the home page is "")


@dataclass(frozen=True)
class Trail:
    section: str  # the tab's page under docs/ (`tin-tuc/index.md`)
    crumbs: tuple[Crumb, ...]  # from the home page down to the page's parent; none on the home page and the tabs


def page_title(markdown: str) -> str | None:
    """The page's first level-one heading (`# …`), as text: the templates escape it for HTML (`&amp;` -> `&`)."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        markdown = markdown[end + 5:] if end != -1 else markdown
    found = _HEADING.search(markdown)
    return html.unescape(found.group(1)) if found else None


def trails(generated: Iterable[tuple[str, str | Later]], every_page: Iterable[str]) -> dict[str, Trail]:
    """Page under docs/ -> its Trail. `generated`: (path, Markdown) of the generated pages, whose headings name the
    breadcrumbs (a tab is named as in the navigation); `every_page`: those and the pages written by hand. Only the
    parents' Markdown is read (the preview makes a page's Markdown when it is read: khcn/rendering.py)."""
    markdown = dict(generated)
    titles = dict(_TAB_TITLES)
    pages = frozenset(every_page) | frozenset(markdown) | frozenset(titles)

    def title(path: str) -> str | None:
        if path not in titles:
            titles[path] = page_title(text_of(markdown[path])) if path in markdown else None
        return titles[path]

    found = {}
    for path in sorted(pages):
        crumbs = () if path in _TAB_TITLES else tuple(
            Crumb(title(parent), page_url(parent)) for parent in parents(path, pages) if title(parent))
        found[path] = Trail(section_of(path), crumbs)
    return found
