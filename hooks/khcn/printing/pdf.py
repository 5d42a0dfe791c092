"""The print edition as PDF bytes, made by WeasyPrint (chosen by measurement: ENGINES.md, "The print edition").

The only module that imports the engine. Deterministic: the committed fonts only (fonts.py), no file but those under
docs/anh/ and fonts/ is read and nothing from another host (`LocalFetcher`), the creation date is the release day, the
modification date the commit's (SOURCE_DATE_EPOCH), and the file identifier comes from the edition's number.
"""

from __future__ import annotations

import hashlib
import mimetypes
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from khcn.core.clock import VIETNAM, commit_time
from khcn.printing import fonts
from khcn.printing.document import IMAGES, edition_html
from khcn.printing.edition import Edition

MAX_PAGES = 64  # art. 34 of the Press Law 2016: a bulletin has at most 64 pages
STYLESHEET = Path(__file__).parent / "edition.css"


class PrintError(Exception):
    """An edition that cannot be printed as it is; the message says why in Vietnamese."""


class EditionTooLong(PrintError):
    def __init__(self, edition: Edition, pages: int):
        self.pages = pages
        self.excess = pages - MAX_PAGES
        super().__init__(
            f"Bản in của bản tin {edition.label} sẽ có {pages} trang, vượt {self.excess} trang so với giới hạn "
            f"{MAX_PAGES} trang của một bản tin (Luật Báo chí 2016, điều 34). Bớt bài hoặc rút ngắn bài của số này "
            f"(tệp data/ban-tin/{edition.year}-{edition.number}.yaml) rồi xây dựng lại.")


class LocalFetcher(URLFetcher):
    """Reads the files under the given folders and nothing else: any other address (another host, another file) is
    refused and noted; the engine then leaves that resource out, and `edition_pdf` stops when it was an image."""

    def __init__(self, *roots: Path):
        super().__init__(allowed_protocols={"file"})
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self._local_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"not a local file of the edition: {url}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    def _local_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()
        inside = any(path.is_relative_to(root) for root in self.roots)
        return path if inside and path.is_file() else None


def edition_pdf(edition: Edition, docs_dir: Path) -> bytes:
    """The edition's print PDF. Raises PrintError (EditionTooLong beyond 64 pages) with a Vietnamese message."""
    _check_fonts(edition)
    fetcher = LocalFetcher(docs_dir / IMAGES.strip("/"), fonts.FONTS)
    document = _render(edition_html(edition), docs_dir, fetcher)
    missing = [url for url in fetcher.refused if not url.startswith(fonts.FONTS.as_uri())]
    if missing:
        raise PrintError(f"Bản in của bản tin {edition.label}: không đọc được ảnh "
                         + ", ".join(_shown(url, docs_dir) for url in missing)
                         + f" (ảnh phải là tệp có thật trong {docs_dir / IMAGES.strip('/')}).")
    if len(document.pages) > MAX_PAGES:
        raise EditionTooLong(edition, len(document.pages))
    document.metadata.created = _w3c(datetime.combine(edition.release_date, datetime.min.time(), VIETNAM))
    document.metadata.modified = _w3c(commit_time()) if commit_time() else document.metadata.created
    # Fonts whole: WeasyPrint's subset depends on whether the machine has HarfBuzz's subsetter (ENGINES.md).
    # Tagged: a screen reader reads the structure (headings, lists, tables) and the language, as on the web.
    return document.write_pdf(pdf_identifier=_identifier(edition), full_fonts=True, pdf_tags=True)


def _render(html: str, docs_dir: Path, fetcher: LocalFetcher):
    font_config = FontConfiguration()
    stylesheet = CSS(filename=str(STYLESHEET), font_config=font_config, url_fetcher=fetcher)
    source = HTML(string=html, base_url=docs_dir.resolve().as_uri() + "/", url_fetcher=fetcher)
    return source.render(stylesheets=[stylesheet], font_config=font_config)


def _check_fonts(edition: Edition) -> None:
    """Every text that reaches the page, by where an editor finds it, against the committed fonts."""
    publication = edition.publication
    texts = [("data/ban-tin.yaml", " ".join([publication.name, publication.agency, publication.licence_number,
                                              publication.licence_issuer, publication.periodicity,
                                              publication.printer, publication.responsible,
                                              *(word for member in publication.board for word in member)])),
             (f"data/ban-tin/{edition.year}-{edition.number}.yaml",
              f"{edition.editors_note_markdown or ''} {edition.cover_alt or ''}")]
    texts += [(f"bài “{article.title}” ({article.address})", f"{article.title} {article.author or ''} "
               f"{article.markdown}") for article in edition.articles]
    problems = [f"{where}: {', '.join(missing)}" for where, text in texts
                if (missing := fonts.missing_characters(text))]
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
