"""The second line of defence: the HTML of every page made from data/ is cleaned against an allowlist before MkDocs
puts it into the theme, and no page carries a control or bidirectional-override character.

The first line is validation (editors' text may not hold raw HTML, `javascript:` links or attribute lists). This
module assumes that line failed: whatever Markdown made of an editor's text, only the tags, attributes and URL schemes
below reach a reader. The allowlist covers what our own templates write (tables, figures, `abbr`, `dl`, `time`, the
build-time SVG charts of khcn/stats/charts.py with `role`, `aria-*` and `viewBox`, links with classes, ids for
anchors, `data-pagefind-*` for search), so today's pages keep every element, attribute and word; what the cleaner's
serialiser writes differently is only spelling (`<br />` as `<br>`, an SVG `<line/>` as `<line></line>`, a no-break
space as `&nbsp;`): the same document to a browser.

The cleaner is nh3 (Python binding of Ammonia, the Rust sanitiser of html5ever): script and style elements go with
their content; any other tag not listed goes and keeps its text; attributes not listed go (every `on…` handler); a
URL keeps only the schemes http, https, mailto and tel, or is relative; an image's source must be a file of the site
(no page loads anything from another host).
"""

from __future__ import annotations

import functools
import re

import nh3

# Our templates and Python-Markdown's output: text, lists, tables, figures, definitions, headings, quotes, code.
HTML_TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul", "var", "wbr",
})
# The charts (templates/chart.svg.j2, org_chart.svg.j2): shapes and text only; no <a>, <use>, <animate>, <set>,
# <foreignObject>.
SVG_TAGS = frozenset({"svg", "g", "rect", "line", "polyline", "path", "circle", "text", "tspan", "title", "desc"})
TAGS = HTML_TAGS | SVG_TAGS

_SVG_GEOMETRY = {"x", "y", "x1", "x2", "y1", "y2", "width", "height", "fill", "stroke", "stroke-width",
                 "stroke-opacity", "fill-opacity", "text-anchor", "dominant-baseline", "font-size", "font-weight",
                 "rx", "ry", "transform"}  # rx, font-weight: the organisation chart (templates/org_chart.svg.j2)
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"},
    "a": {"href", "rel", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "details": {"open"},
    "svg": {"xmlns", "viewBox", "preserveAspectRatio", *_SVG_GEOMETRY},
    **{tag: set(_SVG_GEOMETRY) for tag in ("g", "rect", "line", "text", "tspan")},
    "polyline": {"points", *_SVG_GEOMETRY},
    "path": {"d", *_SVG_GEOMETRY},
    "circle": {"cx", "cy", "r", *_SVG_GEOMETRY},
}
# `aria-labelledby` of a chart, the region label of a wide table; Pagefind's markers and a bulletin's summary for it.
ATTRIBUTE_PREFIXES = {"aria-", "data-pagefind-", "data-tom-tat"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}  # and relative addresses

# Never in a page: C0 controls but tab, line feed and carriage return (NUL, ESC…), DEL and the C1 controls; the
# bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: text that reads other than it is
# stored); lone surrogates (they cannot be written as UTF-8).
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ELSEWHERE = re.compile(r"^\s*([a-z][a-z0-9+.-]*:|//|\\\\)", re.IGNORECASE)  # another host, or a scheme


def strip_controls(text: str) -> str:
    """`text` without the characters of CONTROLS; the last line for everything the theme prints around a page."""
    return CONTROLS.sub("", text)


def _local_images(element: str, attribute: str, value: str) -> str | None:
    """An image's source is a file of the site: a relative address or one from the site's root."""
    if element == "img" and attribute == "src" and _ELSEWHERE.match(value):
        return None
    return value


def _only_links_elsewhere(element: str, attribute: str, value: str) -> str | None:
    """On paper (khcn/printing): a link keeps its address only when it leads to another host, an e-mail or a
    telephone; one to the site's own pages would point into the reader's disk."""
    if element == "a" and attribute == "href" and not _ELSEWHERE.match(value):
        return None
    return _local_images(element, attribute, value)


@functools.cache
def _cleaner(printed: bool) -> nh3.Cleaner:
    """The allowlist made into nh3's cleaner once per use (nh3.clean would convert it again on every call)."""
    return nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES,
                       attribute_filter=_only_links_elsewhere if printed else _local_images,
                       generic_attribute_prefixes=ATTRIBUTE_PREFIXES, url_schemes=URL_SCHEMES, link_rel=None,
                       strip_comments=True)


def clean_html(html: str, printed: bool = False) -> str:
    """The HTML of a page made from data/ (the Markdown rendered, before the theme), with only what the allowlist
    admits. Our own markup passes unchanged but for the serialiser's spelling (see the module's docstring).
    `printed`: for the print edition, where links to the site's own pages lose their address (and keep their words),
    those of our raw HTML too (a chart's caption), which Markdown's tree never shows."""
    if _KEEPING[0]:
        return _clean_kept(html, printed)
    return _cleaner(printed).clean(strip_controls(html))


# By content, in the preview only (khcn/preview, `keep_cleaned(True)`): it cleans every page again on each saved file,
# and all but the edited ones are the same text as before; the allowlist never changes while the program runs. Off in
# a full build, where each page is cleaned once and keeping them would only hold memory.
_KEEPING = [False]


def keep_cleaned(on: bool) -> None:
    _KEEPING[0] = on
    _clean_kept.cache_clear()


@functools.lru_cache(maxsize=16384)
def _clean_kept(html: str, printed: bool) -> str:
    return _cleaner(printed).clean(strip_controls(html))
