"""Readable ASCII slugs for URLs and heading anchors: `Đồng Văn` -> `dong-van` (Python-Markdown drops `Đ`)."""

from __future__ import annotations

from slugify import slugify


def heading_slug(text: str, separator: str) -> str:
    """Python-Markdown's toc `slugify` signature."""
    return slugify(text, separator=separator) or "muc"


def document_anchor(number: str) -> str:
    """`26/KH-UBND` -> `26-kh-ubnd`: the anchor of a document in the register."""
    return slugify(number)
