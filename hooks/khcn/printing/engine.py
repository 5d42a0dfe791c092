"""WeasyPrint, the engine of the print edition (chosen by measurement: ENGINES.md, "The print edition"): the only
module that imports it. Importing it loads Debian's Pango (OSError when the machine lacks it: pdf.py says so in
Vietnamese) and takes a second or more, so pdf.py imports this module only when an edition is printed.

Nothing is read but the files under the folders given (`LocalFetcher`): no other file, nothing from another host.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

STYLESHEET = Path(__file__).parent / "edition.css"


class LocalFetcher(URLFetcher):
    """Reads the files under the given folders and nothing else: any other address (another host, another file) is
    refused and noted in `refused`; the engine then leaves that resource out, and pdf.py stops when it was an image."""

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


def render(html: str, base: Path, fetcher: LocalFetcher) -> Document:
    """The laid-out pages of `html` with edition.css; relative addresses are read from `base` (docs/)."""
    font_config = FontConfiguration()
    stylesheet = CSS(filename=str(STYLESHEET), font_config=font_config, url_fetcher=fetcher)
    source = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher)
    return source.render(stylesheets=[stylesheet], font_config=font_config)


def write(document: Document, created: str, modified: str, identifier: bytes) -> bytes:
    """The PDF bytes, dated as given (W3C dates), with a fixed permanent identifier."""
    document.metadata.created, document.metadata.modified = created, modified
    # Fonts whole: WeasyPrint's subset depends on whether the machine has HarfBuzz's subsetter (ENGINES.md).
    # Tagged: a screen reader reads the structure (headings, lists, tables) and the language, as on the web.
    return document.write_pdf(pdf_identifier=identifier, full_fonts=True, pdf_tags=True)
