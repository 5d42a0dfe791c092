"""Reading a built site in tests: page texts, trees of bytes, resources that would come from other hosts."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from pypdf import PdfReader

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace (NBSP included) folded to one space: HTML shows it so."""
    return _SPACE.sub(" ", text).strip()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def paragraphs(page: BeautifulSoup) -> list[str]:
    return [squash(p.get_text("")) for p in page.select(".md-content p")]


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


_LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src",
            "embed": "src", "object": "data", "link": "href"}


def foreign_loads(page: BeautifulSoup) -> list[str]:
    """Addresses on other hosts that a browser would fetch for this page (links to follow are fine)."""
    found = []
    for tag, attribute in _LOADING.items():
        for element in page.find_all(tag):
            if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "preconnect", "preload", "icon",
                                                                     "dns-prefetch", "modulepreload", "manifest"}:
                continue
            url = element.get(attribute) or ""
            if urlparse(url).netloc or url.startswith("//"):
                found.append(url)
    for style in page.find_all("style"):
        found += re.findall(r"url\((['\"]?)(https?:)?//[^)]+\)", style.get_text())
    return found


MM = 72 / 25.4  # PDF points in a millimetre


def pages_text(data: bytes) -> list[str]:
    """The text of each page of a PDF, its spaces run together, in NFC (the print edition, issue 15)."""
    return [unicodedata.normalize("NFC", re.sub(r"\s+", " ", page.extract_text())) for page in
            PdfReader(io.BytesIO(data)).pages]
