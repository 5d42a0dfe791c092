"""Editors' text with references: figures and document mentions are typed once, in the registers.

    {{de-tai-du-an-dang-quan-ly}}            the indicator's value for the text's own period
    {{de-tai-du-an-dang-quan-ly.cap-tinh}}   one component of its breakdown
    {{san-pham-duoc-bao-ho@2021-H1}}         the value of a named period
    [[26/KH-UBND]]                           a legal document of the register ("Kế hoạch số 26/KH-UBND ngày …")
    {{bang:san-pham-duoc-bao-ho}}            (bulletins, on a line of its own) the indicator's table of every period
    {{bang@2021-H1}}                         (bulletins, on a line of its own) every indicator of a period
    {{bieu-do:san-pham-duoc-bao-ho}}         (bulletins, on a line of its own) the indicator's charts, as its page

A text is split into paragraphs at blank lines, and each paragraph into plain runs and references.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_REFERENCE = re.compile(r"\{\{(?P<value>[^{}]*)\}\}|\[\[(?P<document>[^\[\]]*)\]\]")
_VALUE = re.compile(r"^\s*(?P<id>[^.@\s]+)(?:\.(?P<component>[^.@\s]+))?(?:\s*@\s*(?P<period>\S+))?\s*$")
_TABLE = re.compile(r"^\s*bang\s*(?::\s*(?P<id>[^.@\s]+))?\s*(?:@\s*(?P<period>\S+))?\s*$", re.IGNORECASE)
# `bieu-do` and what follows it; only `:<mã>` makes a chart (a period's chart has nothing to compare)
_CHART = re.compile(r"^\s*bieu-do\s*(?:$|[:@.])", re.IGNORECASE)
_CHART_ID = re.compile(r"^\s*bieu-do\s*:\s*(?P<id>[^.@:\s]+)\s*$", re.IGNORECASE)
_OPENERS = ("{{", "}}", "[[", "]]")
VALUE_SYNTAX = "`{{ma-chi-so}}`, `{{ma-chi-so.ma-thanh-phan}}` hoặc `{{ma-chi-so@2021-H1}}`"
TABLE_SYNTAX = "`{{bang:ma-chi-so}}` (bảng mọi kỳ của một chỉ số) hoặc `{{bang@2021-H1}}` (mọi chỉ số của một kỳ)"
CHART_SYNTAX = "`{{bieu-do:ma-chi-so}}` (biểu đồ của một chỉ số, như ở trang thống kê của nó)"


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
class TableRef:
    """A statistics table: an indicator's series (`indicator`) or a period's indicators (`period`)."""

    indicator: str | None
    period: str | None
    offset: int
    alone: bool  # on a line of its own, as a table must be


@dataclass(frozen=True)
class ChartRef:
    """An indicator's charts, drawn as its statistics page draws them (one per kind of period with two figures)."""

    indicator: str
    offset: int
    alone: bool  # on a line of its own, as a chart must be


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


Segment = Plain | ValueRef | TableRef | ChartRef | DocumentRef | Malformed


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


def parse_markdown(text: str) -> list[Segment]:
    """A whole Markdown text (a bulletin's body) as one run of segments; plain runs keep every character."""
    return _segments(text, 0)


def _segments(paragraph: str, base: int) -> list[Segment]:
    segments: list[Segment] = []
    position = 0
    for match in _REFERENCE.finditer(paragraph):
        segments.extend(_plain(paragraph[position:match.start()], base + position))
        segments.append(_reference(match, base + match.start(), _alone(paragraph, match)))
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


def _alone(text: str, match: re.Match) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    before, after = text[line_start:match.start()], text[match.end():None if line_end < 0 else line_end]
    return not before.strip() and not after.strip()


def _reference(match: re.Match, offset: int, alone: bool = False) -> Segment:
    if match["document"] is not None:
        number = match["document"].strip()
        if not number:
            return Malformed("`[[]]` trống", "số, ký hiệu văn bản trong ngoặc, ví dụ `[[26/KH-UBND]]`", offset)
        return DocumentRef(number, offset)
    if _CHART.match(match["value"]):
        chart = _CHART_ID.match(match["value"])
        if chart is None:
            return Malformed(f"`{match.group(0)}`", f"biểu đồ dạng {CHART_SYNTAX}", offset)
        return ChartRef(chart["id"], offset, alone)
    table = _TABLE.match(match["value"])
    if table:
        if (table["id"] is None) == (table["period"] is None):
            return Malformed(f"`{match.group(0)}`", f"bảng số liệu dạng {TABLE_SYNTAX}", offset)
        return TableRef(table["id"], table["period"], offset, alone)
    parts = _VALUE.match(match["value"])
    if not parts:
        return Malformed(f"`{match.group(0)}`", f"tham chiếu số liệu dạng {VALUE_SYNTAX}", offset)
    return ValueRef(parts["id"], parts["component"], parts["period"], offset)
