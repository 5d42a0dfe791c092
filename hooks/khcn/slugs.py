"""Readable ASCII slugs for URLs and heading anchors: `Đồng Văn` -> `dong-van` (Python-Markdown drops `Đ`)."""

from __future__ import annotations

from slugify import slugify


def heading_slug(text: str, separator: str) -> str:
    """Python-Markdown's toc `slugify` signature."""
    return slugify(text, separator=separator) or "muc"


def document_anchor(number: str) -> str:
    """`26/KH-UBND` -> `vb-26-kh-ubnd`: the anchor of a document in the register (a CSS selector may not start
    with a digit, so the prefix keeps `#vb-…` usable by scripts and styles)."""
    return "vb-" + slugify(number)
