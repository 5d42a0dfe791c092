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


@functools.lru_cache(maxsize=65536)
def heading_slug(text: str, separator: str) -> str:
    """Python-Markdown's toc `slugify` signature."""
    return slug(text, separator=separator) or "muc"


def document_anchor(number: str) -> str:
    """`26/KH-UBND` -> `vb-26-kh-ubnd`: the anchor of a document in the register (a CSS selector may not start
    with a digit, so the prefix keeps `#vb-…` usable by scripts and styles)."""
    return "vb-" + slug(number)
