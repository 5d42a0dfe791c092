"""HTML that our templates have already written, kept out of Python-Markdown's way: the same page, in less time.

A generated page is Markdown with blocks of finished HTML in it (tables of figures, SVG charts, lists of documents).
Python-Markdown copies such a block to its output unchanged, but first runs it, tag by tag, through two HTML
parsers written in Python (md_in_html's and MkDocs' own, which looks for anchors): on the statistics pages that was
most of the build's time. So before conversion each top-level block is set aside and a placeholder paragraph put in
its place; after conversion the block is put back where the placeholder's paragraph is. The result is the same
bytes (tests/test_htmlblocks.py converts every generated page of the fixture site both ways), and the sanitiser
still cleans the whole page afterwards.

Only what Python-Markdown would surely copy unchanged is set aside: a block that starts at the beginning of a line
after a blank line with one of CONTAINERS and ends with its own closing tag at the end of a line before a blank line
(or the end). An element that asks md_in_html for Markdown inside (`markdown="1"`, a bulletin's body) is not set
aside but unwrapped: its opening and closing lines become placeholders too, its content is converted as the page's
own Markdown (the same elements, the same heading ids), and the element is written back around it as md_in_html
writes it (its attributes re-serialised by Python-Markdown itself, `markdown` left out). Such an element with HTML
inside, or anything else unusual, leaves the whole page to Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import markdown as python_markdown

CONTAINERS = ("table", "div", "figure", "section", "nav", "aside", "dl", "ul", "ol", "details", "svg", "p")
_START = re.compile(r"<(" + "|".join(CONTAINERS) + r")[\s>]")
_ID = re.compile(r"""\bid=["']([^"']+)["']""")
_FENCE = re.compile(r"^\s*(```|~~~)")
TOKEN = "khcnhtmlblock{:05d}x"  # letters and digits: no Markdown extension of ours changes them
OPEN, CLOSE = "khcnhtmlopen{:05d}x", "khcnhtmlclose{:05d}x"  # an element unwrapped (`markdown="1"`)
_MARKDOWN_INSIDE = re.compile(r"""^<([a-z]+)\s[^<>]*\bmarkdown=["']1["'][^<>]*>$""")
_WHOLE = re.compile(r"khcnhtml(?:block|open|close)\d{5}x")


@dataclass
class SetAside:
    markdown: str  # the page with placeholders
    blocks: list[str] = field(default_factory=list)
    elements: list[tuple[str, str]] = field(default_factory=list)  # (opening tag, closing tag) unwrapped
    _anchors: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def anchor_ids(self) -> frozenset[str]:
        """The ids in the blocks set aside (MkDocs checks links to anchors against the ids it saw); found once (the
        preview keeps an aside from one build to the next)."""
        if self._anchors is None:
            self._anchors = frozenset(found for block in (*self.blocks, *(tag for tag, _ in self.elements))
                                      for found in _ID.findall(block))
        return self._anchors


@lru_cache(maxsize=1)
def _md_in_html() -> python_markdown.Markdown:
    return python_markdown.Markdown(extensions=["md_in_html"])


def opening_tag(line: str) -> str:
    """The opening tag of an element with `markdown="1"` as md_in_html writes it: Python-Markdown itself asked."""
    html = _md_in_html().reset().convert(f"{line}\n\nx\n\n</{_MARKDOWN_INSIDE.match(line).group(1)}>")
    return html.split("\n", 1)[0]


def _block_end(lines: list[str], start: int, tag: str) -> int | None:
    """The index of the line that closes the block opened on lines[start], or None when it is not a plain block."""
    opening, closing = re.compile(rf"<{tag}[\s>]"), f"</{tag}>"
    depth = 0
    for at in range(start, len(lines)):
        line = lines[at]
        depth += len(opening.findall(line)) - line.count(closing)
        if depth <= 0:
            if not line.rstrip().endswith(closing) or (at + 1 < len(lines) and lines[at + 1].strip()):
                return None
            return at
    return None


def set_aside(markdown: str) -> SetAside:
    """`markdown` with its top-level HTML blocks (see the module) replaced by placeholder paragraphs."""
    if _WHOLE.search(markdown):  # the placeholders' spelling taken by the page itself: left as it is
        return SetAside(markdown)
    lines = markdown.split("\n")
    out: list[str] = []
    found = SetAside("")
    at, fenced = 0, False
    while at < len(lines):
        line = lines[at]
        if _FENCE.match(line):
            fenced = not fenced
        start = None if fenced or (at and lines[at - 1].strip()) else _START.match(line)
        end = _block_end(lines, at, start.group(1)) if start else None
        if end is None:
            if "markdown=" in line:
                return SetAside(markdown)
            out.append(line)
            at += 1
        elif _MARKDOWN_INSIDE.match(line):
            inner = lines[at + 1:end]
            if any(text.lstrip().startswith("<") for text in inner) or lines[end].strip() != f"</{start.group(1)}>":
                return SetAside(markdown)
            number = len(found.elements)
            found.elements.append((opening_tag(line), lines[end].strip()))
            out.extend([OPEN.format(number), "", *inner, "", CLOSE.format(number)])
            at = end + 1
        else:
            if "markdown=" in "\n".join(lines[at:end + 1]):
                return SetAside(markdown)
            out.append(TOKEN.format(len(found.blocks)))
            found.blocks.append("\n".join(lines[at:end + 1]))
            at = end + 1
    found.markdown = "\n".join(out)
    return found


def put_back(html: str, blocks: list[str], elements: list[tuple[str, str]] = ()) -> str:
    """The converted page with each placeholder's paragraph replaced by its block. Python-Markdown writes a raw
    block with a blank line after it, a paragraph with a line break: so the blank line goes back too. An unwrapped
    element is an element to md_in_html as a paragraph is: its tags go where the two placeholders' paragraphs are."""
    for number, (opening, closing) in enumerate(elements):
        for placeholder, tag in ((OPEN.format(number), opening), (CLOSE.format(number), closing)):
            if f"<p>{placeholder}</p>" not in html:
                raise ValueError(f"HTML element {number} lost its place in the converted page")
            html = html.replace(f"<p>{placeholder}</p>", tag, 1)
    for number, block in enumerate(blocks):
        placeholder = f"<p>{TOKEN.format(number)}</p>"
        if placeholder + "\n" in html:
            html = html.replace(placeholder + "\n", block + "\n\n", 1)
        elif html.endswith(placeholder):  # the last block: Python-Markdown strips the end of the page
            html = html[: -len(placeholder)] + block
        else:
            raise ValueError(f"HTML block {number} lost its place in the converted page")
    return html
