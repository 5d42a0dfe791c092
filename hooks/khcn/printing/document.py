"""An edition as one HTML document for the PDF engine: Markdown as the site renders it, cleaned by the site's
sanitiser, placed into an autoescaping template (templates/print_edition.html.j2).

What changes from the web: links to the site's own pages (from the root or relative) keep their words but lose
their address (a printed page cannot follow `/tin-tuc/…`, and a PDF link there would point into the reader's disk);
images `/anh/…` are read from docs/ beside the page (`anh/…` relative to the document's base, which engine.py sets
to docs/).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from khcn.core.formatting import number, official_day
from khcn.printing.edition import Edition
from khcn.publish.sanitize import clean_html, strip_controls
from khcn.rendering import render

# mkdocs.yml's markdown_extensions but `toc`: heading ids and permalinks serve a web page; in one document holding
# many articles the same heading in two of them would give two elements one id.
EXTENSIONS = ["sane_lists", "attr_list", "md_in_html", "tables"]
TEMPLATE = "print_edition.html.j2"
IMAGES = "/anh/"
# An address a printed link can keep: another site's, an e-mail, a telephone. Every other one is the site's own,
# written from the root (`/tin-tuc/…`) or, once references are written out, relative to the article's page
# (`../van-ban/index.md#vb-…`, a chart's caption `../../thong-ke/…`): on paper it would point into the build
# machine's disk. The sanitiser drops them (clean_html(printed=True)): it sees our raw HTML too, Markdown's tree not.


class _OffSite(Treeprocessor):
    """Images of the site read from docs/ (see the module's docstring)."""

    def run(self, root: ET.Element) -> None:
        for image in root.iter("img"):
            source = image.get("src", "")
            if source.startswith(IMAGES):
                image.set("src", source.removeprefix("/"))


class _OffSiteExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_OffSite(md), "khcn-off-site", 0)


def body_html(text: str) -> Markup:
    """One article's (or the editor's note's) Markdown as clean HTML, as the site would show it."""
    converter = markdown.Markdown(extensions=[*EXTENSIONS, _OffSiteExtension()])
    return Markup(clean_html(converter.convert(text), printed=True))


def printed_text(markdown_text: str) -> str:
    """The characters a Markdown text puts on paper: its HTML without tags, entities decoded (`&#20013;` is 中)."""
    return html.unescape(_TAG.sub(" ", body_html(markdown_text)))


_TAG = re.compile(r"<[^>]*>")


def cover_source(edition: Edition) -> str | None:
    """The cover image's address relative to docs/ ("anh/2021/bia.jpg"), whether given with or without "/"."""
    if edition.cover_image is None:
        return None
    return Path(edition.cover_image).as_posix().lstrip("/")


def edition_html(edition: Edition) -> str:
    """The whole edition: cover, editor's note, contents, articles, colophon (the last element, so its last page)."""
    publication = edition.publication
    return strip_controls(render(  # as every web page's last line does (khcn/publish/sanitize.py)
        TEMPLATE,
        edition=edition,
        publication=publication,
        release=official_day(edition.release_date),
        licence_date=official_day(publication.licence_date),
        print_run=number(publication.print_run),
        cover=cover_source(edition),
        note=body_html(edition.editors_note_markdown) if edition.editors_note_markdown else None,
        articles=[{"article": article, "id": f"bai-{index}", "day": official_day(article.date),
                   "body": body_html(article.markdown)}
                  for index, article in enumerate(edition.articles, start=1)],
    ))
