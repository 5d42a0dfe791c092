"""Readable ASCII slugs for URLs and heading anchors: `Đồng Văn` -> `dong-van` (Python-Markdown drops `Đ`)."""

from __future__ import annotations

import functools
import unicodedata

from slugify import slugify

_D = str.maketrans({"đ": "d", "Đ": "D"})


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Vietnamese letters without their marks (`Đồng Văn` -> `Dong Van`). python-slugify would get there too, but
    its transliteration imports a module per character and looks for missing ones again on every call: a large
    site spent seconds there."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str, **options) -> str:
    """python-slugify of the folded text: `đ` → `d`, lower case, `-` between words."""
    return slugify(fold(text), **options)


def title_slug(title: str) -> str:
    """A new bulletin's address from its title: at most 80 characters, cut between words, keeping their order."""
    return slug(title, max_length=80, word_boundary=True, save_order=True)


def heading_slug(text: str, separator: str) -> str:
    """Python-Markdown's toc `slugify` signature. A plain function (the cache is inside): benchmarks/ writes it into
    a mkdocs.yml by its name."""
    return _heading_slug(text, separator)


@functools.lru_cache(maxsize=65536)
def _heading_slug(text: str, separator: str) -> str:
    return slug(text, separator=separator) or "muc"


def document_anchor(number: str) -> str:
    """`26/KH-UBND` -> `vb-26-kh-ubnd`: the anchor of a document in the register (a CSS selector may not start
    with a digit, so the prefix keeps `#vb-…` usable by scripts and styles)."""
    return "vb-" + slug(number)
