"""The print edition as PDF bytes: `edition_pdf(edition, docs_dir)`, what the build calls for each edition.

Checks first what would make a wrong PDF (a character the fonts lack), then lays the edition out (engine.py,
imported here only when needed), refuses more than 64 pages and a missing image, and writes deterministic bytes: the
creation date is the release day, the modification date the commit's (SOURCE_DATE_EPOCH), and the file identifier
comes from the edition's number. Every refusal is a PrintError with a Vietnamese message for editors.
"""

from __future__ import annotations

import hashlib
import importlib
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from khcn.core.clock import VIETNAM, commit_time
from khcn.printing import fonts
from khcn.printing.document import IMAGES, edition_html, printed_text
from khcn.printing.edition import Edition
from khcn.publish.sanitize import strip_controls

MAX_PAGES = 64  # art. 34 of the Press Law 2016: a bulletin has at most 64 pages
NO_PANGO = ("Máy này thiếu thư viện Pango, cần để làm bản in PDF của bản tin ({error}). Trên Debian hoặc Ubuntu, "
            "`make build` tự cài; hoặc cài bằng: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0. Trên máy khác, "
            "để GitHub xây dựng khi đề xuất thay đổi.")


class PrintError(Exception):
    """An edition that cannot be printed as it is; the message says why in Vietnamese."""


class EditionTooLong(PrintError):
    """More than MAX_PAGES pages: `pages` the edition would have, `excess` by how many too many."""

    def __init__(self, edition: Edition, pages: int):
        self.pages = pages
        self.excess = pages - MAX_PAGES
        super().__init__(
            f"Bản in của bản tin {edition.label} sẽ có {pages} trang, vượt {self.excess} trang so với giới hạn "
            f"{MAX_PAGES} trang của một bản tin (Luật Báo chí 2016, điều 34). Bớt bài hoặc rút ngắn bài của số này "
            f"(tệp data/ban-tin/{edition.year}-{edition.number}.yaml) rồi xây dựng lại.")


def edition_pdf(edition: Edition, docs_dir: Path) -> bytes:
    """The edition's print PDF. Raises PrintError (EditionTooLong beyond 64 pages) with a Vietnamese message."""
    _check_fonts(edition)
    engine = _engine()
    fetcher = engine.LocalFetcher(docs_dir / IMAGES.strip("/"), fonts.FONTS)
    document = engine.render(edition_html(edition), docs_dir, fetcher)
    missing = [url for url in fetcher.refused if not url.startswith(fonts.FONTS.as_uri())]
    if missing:
        raise PrintError(f"Bản in của bản tin {edition.label}: không đọc được ảnh "
                         + ", ".join(_shown(url, docs_dir) for url in missing)
                         + f" (ảnh phải là tệp có thật trong {docs_dir / IMAGES.strip('/')}).")
    if len(document.pages) > MAX_PAGES:
        raise EditionTooLong(edition, len(document.pages))
    created = _w3c(datetime.combine(edition.release_date, datetime.min.time(), VIETNAM))
    modified = _w3c(commit_time()) if commit_time() else created
    return engine.write(document, created, modified, _identifier(edition))


def _engine():
    try:
        return importlib.import_module("khcn.printing.engine")
    except OSError as error:  # WeasyPrint could not load Pango
        raise PrintError(NO_PANGO.format(error=error)) from error


def _check_fonts(edition: Edition) -> None:
    """Every text that reaches the page, by where an editor finds it, against the committed fonts; Markdown as
    printed (an entity such as `&#20013;` prints a character too)."""
    publication = edition.publication
    texts = [("data/ban-tin.yaml", " ".join([publication.name, publication.agency, publication.licence_number,
                                              publication.licence_issuer, publication.periodicity,
                                              publication.printer, publication.responsible,
                                              *(word for member in publication.board for word in member)])),
             (f"data/ban-tin/{edition.year}-{edition.number}.yaml",
              f"{printed_text(edition.editors_note_markdown or '')} {edition.cover_alt or ''}")]
    texts += [(f"bài “{article.title}” ({article.address})", f"{article.title} {article.author or ''} "
               f"{printed_text(article.markdown)}") for article in edition.articles]
    # The characters the web never prints either (control and bidirectional ones: the loader refuses them, the
    # page's last line strips them) are stripped from the document too, so they are not asked of the fonts.
    problems = [f"{where}: {', '.join(missing)}" for where, text in texts
                if (missing := fonts.missing_characters(strip_controls(text)))]
    if problems:
        raise PrintError(f"Bản in của bản tin {edition.label} có ký tự mà phông chữ của bản in không có (bản in sẽ "
                         "thiếu chữ). Thay hoặc bỏ các ký tự này: " + "; ".join(problems) + ".")


def _identifier(edition: Edition) -> bytes:
    """The PDF's permanent identifier: the same edition keeps it from build to build (the second one, which the
    engine derives from the content, changes with it)."""
    key = f"{edition.publication.name}|{edition.year}|{edition.number}".encode()
    return hashlib.sha256(key).hexdigest()[:32].encode()


def _w3c(moment: datetime) -> str:
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


def _shown(url: str, docs_dir: Path) -> str:
    path = unquote(urlsplit(url).path)
    root = docs_dir.resolve().as_posix()
    return "/" + path.removeprefix(root).lstrip("/") if path.startswith(root) else url
