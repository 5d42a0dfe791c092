"""Pages exported from the old website, read into bulletins (scripts/import_legacy.py).

The old site exported each page as text: its masthead, the title, a date line (`01/10/2021 5:25:56 CH 49 lượt xem`,
a 12-hour clock: SA before noon, CH after), the body indented with no-break spaces, the author's name and unit, the
comment widget's label and the site footer. Years of exports left every variant: CRLF, NFD, a BOM, no author, no
view count. A page is read into its title, date, author and body blocks, or refused with what is wrong with it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import datetime

from pydantic_core import PydanticCustomError

from khcn.addresses import RESERVED_BULLETIN_SLUGS
from khcn.core.slugs import title_slug
from khcn.data.fields import read_datetime
from khcn.data.yamlsource import yaml_quoted
from khcn.rendering import ENV, render

DATE_LINE_EXAMPLE = "`01/10/2021 5:25:56 CH 49 lượt xem`"


class LegacyPageError(Exception):
    """A page that cannot be imported: the file and what is wrong with it, in Vietnamese."""

    def __init__(self, name: str, problem: str):
        self.name, self.problem = name, problem
        super().__init__(f"{name}: lỗi — {problem}")


# --- the body's structure --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    text: str
    kind = "paragraph"


@dataclass(frozen=True)
class Heading:
    text: str  # an upper-case section line, verbatim
    kind = "heading"


@dataclass
class Item:
    """A list item: its paragraphs (the first is on the marker's line) and the items nested under it."""

    number: str | None  # "2" for `2.` or `2)`; None for a bullet
    paragraphs: list[str]
    rank: int  # 0 numbered, 1 `- `, 2 `+ `: an item nests under the nearest open item of a lower rank
    children: list[Item] = field(default_factory=list)


@dataclass
class ListBlock:
    ordered: bool
    items: list[Item]
    kind = "list"


Block = Paragraph | Heading | ListBlock


@dataclass(frozen=True)
class LegacyPage:
    title: str
    published: datetime  # aware, Vietnam time
    views: int | None
    author: str | None
    author_unit: str | None
    blocks: tuple[Block, ...]

    @property
    def key(self) -> str:
        """The page's identity: a second export of it (more views, a fixed typo in the body) has the same one."""
        return page_key(self.title, self.published)


def page_key(title: str, published: datetime) -> str:
    text = unicodedata.normalize("NFC", title) + "\n" + published.isoformat()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- reading a page --------------------------------------------------------------------------------------------

def read_page(raw: bytes, name: str) -> LegacyPage:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LegacyPageError(name, f"dòng {line} có ký tự không phải UTF-8; cần tệp lưu dạng UTF-8") from None
    return parse_page(text, name)


def parse_page(text: str, name: str) -> LegacyPage:
    lines = _lines(text)
    if not any(lines):
        raise LegacyPageError(name, "tệp trống, không có chữ nào")
    at = _date_line(lines, name)
    title = _title(lines[:at], at, name)
    _check_title(title, name)
    published, views, body_start = _published(lines, at, name)
    body, author, unit = _signature(_without_footer(lines[body_start:]))
    blocks = _blocks(body)
    if not blocks:
        raise LegacyPageError(name, f"không có nội dung sau dòng ngày đăng (dòng {at + 1})")
    return LegacyPage(title, published, views, author, unit, tuple(blocks))


# No-break spaces indent the old site's paragraphs; zero-width spaces and a BOM are invisible leftovers.
_EDGES = re.compile(r"^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$")


def _lines(text: str) -> list[str]:
    """The page's lines in NFC, stripped of indentation and trailing spaces (a blank line becomes "")."""
    return [_EDGES.sub("", line) for line in unicodedata.normalize("NFC", text).splitlines()]


_DATE_LINE = re.compile(r"^(?P<when>\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:SA|CH)(?=\s|$))?)"
                        r"(?P<rest>.*)$", re.IGNORECASE)
_VIEWS = re.compile(r"^(?P<count>\d{1,3}(?:[.,\s]\d{3})+|\d+)\s*lượt\s+xem$", re.IGNORECASE)


def _date_line(lines: list[str], name: str) -> int:
    for index, line in enumerate(lines):
        if _DATE_LINE.match(line):
            return index
    raise LegacyPageError(name, f"không có dòng ngày đăng; cần một dòng dạng {DATE_LINE_EXAMPLE} ngay sau tiêu đề")


def _title(head: list[str], at: int, name: str) -> str:
    lines = [line for line in head if line]
    while lines and _is_masthead(lines[0]):  # only leading ones: a title may end with the department's name
        lines.pop(0)
    if not lines:
        raise LegacyPageError(name, f"không có tiêu đề trước dòng ngày đăng (dòng {at + 1})")
    return _one_line(" ".join(lines))


_MASTHEAD = {"ủy ban nhân dân tỉnh tuyên quang", "sở khoa học và công nghệ",
             "sở khoa học và công nghệ tỉnh tuyên quang"}


def _is_masthead(line: str) -> bool:
    key = _one_line(line.casefold().replace("uỷ", "ủy"))  # the old site wrote both `Uỷ` and `Ủy`
    return key in _MASTHEAD or key.startswith("trang thông tin điện tử")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _published(lines: list[str], at: int, name: str) -> tuple[datetime, int | None, int]:
    """The date-time and view count of the date line, and where the body starts."""
    match = _DATE_LINE.match(lines[at])
    try:
        published = read_datetime(_one_line(match["when"]))
    except PydanticCustomError as exc:
        raise LegacyPageError(name, f"dòng {at + 1}: ngày đăng {exc.context['found']}; "
                                    f"cần {exc.context['expected']}") from None
    rest, body_start = match["rest"].strip(), at + 1
    if not rest:  # some exports put the view count on a line of its own
        following = next((i for i in range(at + 1, len(lines)) if lines[i]), None)
        if following is not None and _VIEWS.match(lines[following]):
            rest, body_start = lines[following], following + 1
    if not rest:
        return published, None, body_start
    views = _VIEWS.match(rest)
    if not views:
        raise LegacyPageError(name, f"dòng {at + 1}: sau ngày giờ đăng có `{rest}`; "
                                    f"cần dòng dạng {DATE_LINE_EXAMPLE} (số lượt xem có thể không có)")
    return published, int(re.sub(r"\D", "", views["count"])), body_start


_COMMENTS = re.compile(r"^bình luận(\s*\(\d+\))?$", re.IGNORECASE)
# The site footer: its heading, then only these lines. A line of the body that merely starts like the heading (a
# sentence quoting the site's name) is text and stays, with everything after it.
_FOOTER_HEAD = "TRANG THÔNG TIN ĐIỆN TỬ"
_FOOTER_LINE = re.compile(r"^(chịu trách nhiệm|địa chỉ|điện thoại|fax|email|e-mail|giấy phép|ghi rõ nguồn|bản quyền"
                          r"|copyright|©)", re.IGNORECASE)


def _without_footer(lines: list[str]) -> list[str]:
    """The lines before the comment widget and the site footer, which close the page: each is dropped only when
    nothing but blank lines and footer lines follows it, so no text of the body is ever left out."""
    end = len(lines)
    while end and not lines[end - 1]:
        end -= 1
    for index in range(end - 1, -1, -1):
        line = lines[index]
        if line and not _FOOTER_LINE.match(line):
            if line.startswith(_FOOTER_HEAD):
                end = index
            break
    while end and not lines[end - 1]:
        end -= 1
    if end and _COMMENTS.match(lines[end - 1]):
        end -= 1
    return lines[:end]


# Markdown that the title would carry onto the page: a tag, a link or image `](`, `]:` or `][`, an attribute
# list `{… = …}`, `{: …}`, `{#…}`, `{.…}`, a script address. The body is escaped (markdown_text); the title is
# kept exactly as the old site showed it (feeds and lists show it as text), so such a title is refused instead.
_TITLE_MARKUP = re.compile(r"<|\]\s*[(\[:]|\{[^}]*[=:#.][^}]*\}|\b(?:javascript|vbscript|data):", re.IGNORECASE)


def _check_title(title: str, name: str) -> None:
    if match := _TITLE_MARKUP.search(title):
        raise LegacyPageError(name, f"tiêu đề có `{match[0]}`, mà trang web sẽ đọc thành mã HTML, liên kết hoặc "
                                    "thuộc tính của Markdown; cần tiêu đề là chữ thường: sửa tiêu đề trong tệp "
                                    "trang cũ rồi nhập lại")


def _signature(lines: list[str]) -> tuple[list[str], str | None, str | None]:
    """The body without the author's name (and unit) that close the page after a blank line."""
    while lines and not lines[-1]:
        lines = lines[:-1]
    for size in (1, 2):
        if len(lines) > size and not lines[-size - 1] and _is_name(lines[-size]) \
                and (size == 1 or _is_unit(lines[-1])):
            return lines[:-size], _one_line(lines[-size]), _one_line(lines[-1]) if size == 2 else None
    return lines, None, None


def _is_name(line: str) -> bool:
    """`Lê Thúy Phượng`, `ThS. Nguyễn Văn An`: a few capitalised words, not an upper-case heading."""
    words = line.split()
    return (2 <= len(words) <= 6 and len(line) <= 60 and any(c.islower() for c in line)
            and all(w[0].isupper() and all(c.isalpha() or c == "." for c in w) for w in words))


def _is_unit(line: str) -> bool:
    return (line[0].isupper() and len(line) <= 100 and len(line.split()) >= 2
            and not line.endswith((".", ",", ":", ";", "!", "?")))


_BULLET = re.compile(r"^(?P<mark>[-+])\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<text>\S.*)$")


def _blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    open_items: list[Item] = []  # the items a following line may continue or nest under, outermost first
    blank_before = False
    for line in lines:
        if not line:
            blank_before = True
            continue
        item = _item(line)
        if item is not None:
            _add_item(blocks, open_items, item)
        elif open_items and not blank_before and not _is_section(line):
            open_items[-1].paragraphs.append(line)  # a line right under an item is a further paragraph of it
        else:
            open_items.clear()
            blocks.append(Heading(line) if _is_section(line) else Paragraph(line))
        blank_before = False
    return blocks


def _item(line: str) -> Item | None:
    if match := _BULLET.match(line):
        return Item(None, [match["text"]], 1 if match["mark"] == "-" else 2)
    if not _is_section(line) and (match := _NUMBERED.match(line)):  # `1. KẾT QUẢ` is a section, not an item
        return Item(match["number"], [match["text"]], 0)
    return None


def _add_item(blocks: list[Block], open_items: list[Item], item: Item) -> None:
    while open_items and open_items[-1].rank >= item.rank:
        open_items.pop()
    if open_items:
        open_items[-1].children.append(item)
    elif blocks and isinstance(blocks[-1], ListBlock) and blocks[-1].ordered == (item.number is not None):
        blocks[-1].items.append(item)
    else:
        blocks.append(ListBlock(item.number is not None, [item]))
    open_items.append(item)


def _is_section(line: str) -> bool:
    """`I. KẾT QUẢ ĐẠT ĐƯỢC`: a short line whose every letter is upper-case."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and len(line) <= 120 and all(c.isupper() for c in letters)


# --- writing a bulletin ----------------------------------------------------------------------------------------

def category_for(title: str) -> str:
    """The category a page goes to when the command line names none."""
    start = title.casefold()
    if start.startswith("thông báo"):
        return "thong-bao"
    if start.startswith(("báo cáo", "kết quả")):
        return "bao-cao"
    return "tin-hoat-dong"


def slug_for(title: str, taken: Container[str]) -> str:
    """The file name of a new bulletin: the title's slug, with `-2`, `-3`, … when another bulletin has it."""
    base = title_slug(title) or "tin"
    slug, number = base, 1
    while slug in RESERVED_BULLETIN_SLUGS or slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def title_key(title: str) -> str:
    """What two titles share when they name the same page: NFC, case and spacing aside."""
    return _one_line(unicodedata.normalize("NFC", title).casefold())


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)^---[ \t]*\r?$", re.DOTALL | re.MULTILINE)


def front_matter(text: str) -> str | None:
    """The YAML between a bulletin's `---` lines, or None when it has none."""
    match = _FRONT_MATTER.match(text)
    return match["yaml"] if match else None


def bulletin_file_text(page: LegacyPage, file_name: str, category: str) -> str:
    return render("legacy_bulletin.md.j2", page=page, file_name=file_name, category=category)  # not escaped


# Python-Markdown shows these as typed only when escaped; `{{…}}` and `[[…]]` would be figures and documents.
_INLINE = re.compile(r"[\\`*_\[\]{}]")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # `&amp;` typed on the old site must not show as `&`
_NUMBER_START = re.compile(r"^\d+(?=[.)](\s|$))")


def markdown_text(text: str) -> str:
    """`text` as Markdown that shows exactly `text`: no emphasis, link, HTML, reference, list, quote or heading."""
    text = _INLINE.sub(r"\\\g<0>", _ENTITY.sub("&amp;", text).replace("<", "&lt;"))
    if match := _NUMBER_START.match(text):
        return text[:match.end()] + "\\" + text[match.end():]
    return "\\" + text if text.startswith(("#", ">", "-", "+")) else text


def markdown_heading(text: str) -> str:
    """Heading text: `#` escaped anywhere, since trailing ones would close the heading."""
    return _INLINE.sub(r"\\\g<0>", _ENTITY.sub("&amp;", text).replace("<", "&lt;")).replace("#", "\\#")


# Markdown and YAML escapes of legacy_bulletin.md.j2, a template that khcn.rendering leaves unescaped for them
ENV.filters.update(md=markdown_text, md_heading=markdown_heading, quoted=yaml_quoted)
