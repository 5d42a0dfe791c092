"""Editors' text with references: figures and document mentions are typed once, in the registers.

    {{de-tai-du-an-dang-quan-ly}}            the indicator's value for the text's own period
    {{de-tai-du-an-dang-quan-ly.cap-tinh}}   one component of its breakdown
    {{san-pham-duoc-bao-ho@2021-H1}}         the value of a named period
    [[26/KH-UBND]]                           a legal document of the register ("Kế hoạch số 26/KH-UBND ngày …")

A text is split into paragraphs at blank lines, and each paragraph into plain runs and references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REFERENCE = re.compile(r"\{\{(?P<value>[^{}]*)\}\}|\[\[(?P<document>[^\[\]]*)\]\]")
_VALUE = re.compile(r"^\s*(?P<id>[^.@\s]+)(?:\.(?P<component>[^.@\s]+))?(?:\s*@\s*(?P<period>\S+))?\s*$")
_OPENERS = ("{{", "}}", "[[", "]]")
VALUE_SYNTAX = "`{{ma-chi-so}}`, `{{ma-chi-so.ma-thanh-phan}}` hoặc `{{ma-chi-so@2021-H1}}`"


@dataclass(frozen=True)
class Plain:
    text: str


@dataclass(frozen=True)
class ValueRef:
    indicator: str
    component: str | None
    period: str | None  # None: the period of the text's own report
    offset: int  # where the reference starts in the whole text (for line numbers)


@dataclass(frozen=True)
class DocumentRef:
    number: str
    offset: int


@dataclass(frozen=True)
class Malformed:
    """A piece that looks like a reference but is not one; reported, never shown."""

    found: str
    expected: str
    offset: int


Segment = Plain | ValueRef | DocumentRef | Malformed


def parse_text(text: str) -> list[list[Segment]]:
    """Paragraphs of segments."""
    paragraphs: list[list[Segment]] = []
    for match in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        paragraph = match.group(0).strip()
        if paragraph:
            start = match.start() + match.group(0).index(paragraph)
            paragraphs.append(_segments(paragraph, start))
    return paragraphs


def references(paragraphs: list[list[Segment]]) -> list[Segment]:
    return [seg for paragraph in paragraphs for seg in paragraph if not isinstance(seg, Plain)]


def _segments(paragraph: str, base: int) -> list[Segment]:
    segments: list[Segment] = []
    position = 0
    for match in _REFERENCE.finditer(paragraph):
        segments.extend(_plain(paragraph[position:match.start()], base + position))
        segments.append(_reference(match, base + match.start()))
        position = match.end()
    segments.extend(_plain(paragraph[position:], base + position))
    return segments


def _plain(text: str, offset: int) -> list[Segment]:
    if not text:
        return []
    for opener in _OPENERS:
        if opener in text:
            where = offset + text.index(opener)
            return [Malformed(f"`{opener}` không có cặp đóng/mở",
                              f"tham chiếu đủ hai đầu, ví dụ {VALUE_SYNTAX} hoặc `[[26/KH-UBND]]`", where)]
    return [Plain(text)]


def _reference(match: re.Match, offset: int) -> Segment:
    if match["document"] is not None:
        number = match["document"].strip()
        if not number:
            return Malformed("`[[]]` trống", "số, ký hiệu văn bản trong ngoặc, ví dụ `[[26/KH-UBND]]`", offset)
        return DocumentRef(number, offset)
    parts = _VALUE.match(match["value"])
    if not parts:
        return Malformed(f"`{match.group(0)}`", f"tham chiếu số liệu dạng {VALUE_SYNTAX}", offset)
    return ValueRef(parts["id"], parts["component"], parts["period"], offset)
