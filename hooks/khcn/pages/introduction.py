"""Giới thiệu (/gioi-thieu/) and its English page (/en/), issue 12a: the organisation from data/to-chuc.yaml (the
record the masthead, the footer and the contact page read) and, when data/gioi-thieu.yaml exists, its functions,
structure, leaders and history. The structure is drawn at build time as an SVG tree beside a nested list, which is
its text alternative; like khcn/stats/charts.py, Python works out the geometry, `templates/org_chart.svg.j2` is the
markup, and every coordinate is a whole number, so two builds give the same bytes.

The English page shows a section only when its English text exists (`…_en`): never Vietnamese words inside an
English sentence. The organisation's name, address, phone and fax are facts, shown with English labels.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from khcn.addresses import DOCUMENTS_PAGE, ENGLISH_PAGE, INTRODUCTION_PAGE, link
from khcn.core.slugs import document_anchor
from khcn.data import kinds
from khcn.data.dataset import SiteData
from khcn.data.models import UNIT_GROUPS, UNIT_GROUPS_EN, Introduction, Organisation, Unit
from khcn.data.richtext import parse_text
from khcn.pages.page import Page, data
from khcn.pages.render import Resolver
from khcn.rendering import render, render_fragment

# The chart's sizes, in viewBox units (the page scales it to its column).
WIDTH = 640
INDENT = 28  # per level of the tree
FONT = 14
SMALL = 12  # the head's line under a unit's name
LINE = 18
PAD = 8  # inside a box
GAP = 10  # between boxes
CHAR = 0.6 * FONT  # a generous average glyph width: the reader's font cannot be measured


@dataclass(frozen=True)
class OrgNode:
    name: str
    head: str | None = None  # "Giám đốc: Nguyễn Văn A"
    anchor: str | None = None  # the unit's section on the page
    children: tuple[OrgNode, ...] = ()


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int
    lines: tuple[tuple[int, str, bool], ...]  # (baseline y, text, is the name)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    boxes: tuple[Box, ...]
    links: tuple[str, ...]  # SVG path data of the connectors, parent to child


class EnglishResolver(Resolver):
    """An English text cites a document by its number alone: the Vietnamese words of a mention stay out."""

    def document(self, ref):
        return ref.number, link(self.page_path, DOCUMENTS_PAGE, document_anchor(ref.number))


# --- the tree and its drawing ------------------------------------------------------------------------------------

def _head(unit: Unit, english: bool) -> str | None:
    if unit.head is None:
        return None
    if english:
        return f"{unit.head.title_en}: {unit.head.name}" if unit.head.title_en else unit.head.name
    return f"{unit.head.title}: {unit.head.name}"


def org_tree(organisation: Organisation, intro: Introduction | None, english: bool = False) -> OrgNode | None:
    """The organisation with its board on top, the offices and the subordinate units under the board (or under
    the organisation when no board is listed); None when there is no structure (in English: no English names)."""
    if intro is None:
        return None
    root_name = organisation.name_en if english else organisation.full_name
    units = [u for u in intro.units if u.name_en] if english else list(intro.units)
    if not units or root_name is None:
        return None
    groups = UNIT_GROUPS_EN if english else UNIT_GROUPS

    def node(unit: Unit) -> OrgNode:
        return OrgNode(unit.name_en if english else unit.name, _head(unit, english), f"dv-{unit.id}")

    lower = tuple(OrgNode(groups[group], children=tuple(node(u) for u in units if u.group == group))
                  for group in ("phong", "don-vi-truc-thuoc") if any(u.group == group for u in units))
    board = [node(u) for u in units if u.group == "ban-giam-doc"]
    if board:
        top = tuple(OrgNode(b.name, b.head, b.anchor, lower if index == len(board) - 1 else ())
                    for index, b in enumerate(board))
        return OrgNode(root_name, children=top)
    return OrgNode(root_name, children=lower)


def chart_layout(tree: OrgNode) -> Chart:
    """An indented tree: each unit a box on a row of its own, further right at each level, joined to its parent by
    a line; long names wrap, so the chart reads on a phone as well as the list does."""
    boxes: list[Box] = []
    links: list[str] = []
    y = 1

    def place(node: OrgNode, depth: int) -> Box:
        nonlocal y
        x = 1 + depth * INDENT
        width = WIDTH - 1 - x
        chars = max(10, int((width - 2 * PAD) / CHAR))
        lines = [(text, True) for text in textwrap.wrap(node.name, chars)]
        if node.head:
            lines += [(text, False) for text in textwrap.wrap(node.head, int(chars * FONT / SMALL))]
        height = 2 * PAD + LINE * len(lines)
        box = Box(x, y, width, height, tuple((y + PAD + LINE * (i + 1) - 5, text, is_name)
                                             for i, (text, is_name) in enumerate(lines)))
        boxes.append(box)
        y += height + GAP
        for child in node.children:
            child_box = place(child, depth + 1)
            stem = x + INDENT // 2
            links.append(f"M{stem} {box.y + box.height}V{child_box.y + LINE}H{child_box.x}")
        return box

    place(tree, 0)
    return Chart(WIDTH, y - GAP + 1, tuple(boxes), tuple(links))


def _flatten(tree: OrgNode) -> list[str]:
    return [tree.name, *(name for child in tree.children for name in _flatten(child))]


def org_chart(tree: OrgNode, english: bool = False) -> str:
    """The SVG of the tree, labelled for screen readers (the list beside it holds the same names)."""
    chart = chart_layout(tree)
    lang = "en" if english else "vi"
    if english:
        title = f"Organisation chart of the {tree.name}"
        desc = "The list beside the chart gives the same structure as text: " + "; ".join(_flatten(tree)) + "."
    else:
        title = f"Sơ đồ cơ cấu tổ chức của {tree.name}"
        desc = "Danh sách bên cạnh ghi cùng cơ cấu này bằng chữ: " + "; ".join(_flatten(tree)) + "."
    return render_fragment("org_chart.svg.j2", chart=chart, id=lang, title=title, desc=desc, font=FONT,
                           small=SMALL)


# --- the pages -----------------------------------------------------------------------------------------------------

def _paragraphs(text: str | None) -> list:
    return parse_text(text) if text else []


def render_introduction(site: SiteData) -> str:
    intro = site.introduction
    tree = org_tree(site.organisation, intro)
    return render("introduction.md.j2", organisation=site.organisation, intro=intro, tree=tree,
                  chart=org_chart(tree) if tree else None, groups=UNIT_GROUPS, paragraphs=_paragraphs,
                  refs=Resolver(site, INTRODUCTION_PAGE, None), history=_history(intro),
                  photo=lambda image: link(INTRODUCTION_PAGE, image.lstrip("/")))


def render_english(site: SiteData) -> str:
    intro = site.introduction
    tree = org_tree(site.organisation, intro, english=True)
    leaders = [leader for leader in intro.leaders if leader.title_en] if intro else []
    history = [m for m in _history(intro) if m.event_en]
    return render("english.md.j2", organisation=site.organisation, intro=intro, tree=tree,
                  chart=org_chart(tree, english=True) if tree else None, paragraphs=_paragraphs,
                  refs=EnglishResolver(site, ENGLISH_PAGE, None), leaders=leaders, history=history,
                  units=[u for u in intro.units if u.name_en] if tree else [], groups=UNIT_GROUPS_EN,
                  photo=lambda image: link(ENGLISH_PAGE, image.lstrip("/")))


def _history(intro: Introduction | None) -> list:
    return sorted(intro.history, key=lambda milestone: milestone.date) if intro else []


def introduction_sources(site: SiteData) -> tuple[str, ...]:
    """data/gioi-thieu.yaml first when it exists, else data/to-chuc.yaml: the file an editor opens."""
    organisation, documents = data(kinds.ORGANISATION.files), data(kinds.DOCUMENTS.files)
    if site.introduction is None:
        return (organisation,)
    return (data(kinds.INTRODUCTION.files), organisation, documents)


def introduction_pages(site: SiteData) -> list[Page]:
    sources = introduction_sources(site)
    return [Page(INTRODUCTION_PAGE, render_introduction(site), sources),
            Page(ENGLISH_PAGE, render_english(site), sources)]
