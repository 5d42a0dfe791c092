"""What a print edition is made of, as the build hands it over: plain values, no engine, no MkDocs.

The data layer (data/ban-tin.yaml, data/ban-tin/<năm>-<số>.yaml) is checked elsewhere; these are already true."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Publication:
    """The licensed bulletin itself (data/ban-tin.yaml): what the masthead and the colophon print."""

    name: str
    agency: str
    licence_number: str
    licence_date: date
    licence_issuer: str
    periodicity: str
    print_run: int
    printer: str
    responsible: str
    board: tuple[tuple[str, str], ...]  # (name, role), in the order the data gives


@dataclass(frozen=True)
class Article:
    """One bulletin of the edition. `markdown` has its references already written out as on the web (tables and
    SVG charts as our templates emit them, links to the site's pages, images `/anh/…`)."""

    title: str
    date: date
    author: str | None
    markdown: str
    address: str  # the article's page on the site, "/tin-tuc/…/"


@dataclass(frozen=True)
class Edition:
    """One numbered edition ("Số 2/2021"), its articles in the edition's order."""

    publication: Publication
    number: int
    year: int
    release_date: date
    editors_note_markdown: str | None
    cover_image: Path | None  # under docs/, e.g. Path("anh/2021/bia.jpg") or "/anh/2021/bia.jpg"
    cover_alt: str | None
    articles: tuple[Article, ...]

    @property
    def label(self) -> str:
        """"Số 2/2021", as the masthead and the site write an edition."""
        return f"Số {self.number}/{self.year}"
