"""Links and images in editors' text (issue 13): every address inside the site names a page, an anchor or a file the
build will make, checked when data is loaded, so MkDocs' own link check (`strict`) never speaks to an editor.

Editors write a page's address as a browser shows it (`/van-ban/`, `/thong-ke/chi-so/<mã>/`, `/tin-tuc/<đường-dẫn>/`)
or its file (`/van-ban/index.md`); images and attachments are site files (`/anh/2026/hoi-thao.jpg`). MkDocs resolves
an address that starts with `/` against docs/ (`absolute_links: relative_to_docs`) and accepts only files, so the check
records each browser address with its page's file and `file_addresses` writes the file into the pages' Markdown
(khcn.build.site_pages). Anchors are checked where the build's anchors are known: the documents of the register
(`/van-ban/#vb-26-kh-ubnd`, khcn.core.slugs.document_anchor) and a bulletin's headings `## …`; on other pages an
anchor is not checked (MkDocs' `validation.anchors` still is).
External addresses (`https://…`, `mailto:`, `tel:`) are not checked; `[[26/KH-UBND]]` and `{{…}}` are references,
checked by khcn.data.dataset.references.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from khcn import addresses as a
from khcn.core.errors import DataError
from khcn.core.slugs import document_anchor, heading_slug, slug
from khcn.data.dataset.reading import Reading, one_of
from khcn.data.imagefiles import ImageFacts, inspect
from khcn.data.markup import image_source_problem

# `[chữ](địa-chỉ)` and `![mô tả](địa-chỉ)`, `[chữ]: địa-chỉ` (a reference definition). Group 1: `!` for an image.
_INLINE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^\s)>]*)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:|^//")
_HEADING = re.compile(r"^#{2,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)

LINK_EXPECTED = ("địa chỉ một trang của web, bắt đầu bằng /, ví dụ `/van-ban/`, `/thong-ke/chi-so/<mã>/`, "
                 "`/tin-tuc/<đường-dẫn>/` (xem HUONG-DAN, mục 2a)")


@dataclass
class SiteAddresses:
    """What the build will make: pages (paths under docs/, `x/index.md`, `x/y.md`), site files, and the anchors
    known per page."""

    pages: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    anchors: dict[str, set[str]] = field(default_factory=dict)
    rewrites: dict[str, str] = field(default_factory=dict)  # an address as a browser shows it -> the page's file
    docs_dir: Path | None = None  # where `files` are: an image's content is checked too (issue 13)

    def urls(self) -> list[str]:
        """The pages as a browser shows their addresses (`/van-ban/`): what editors are told to write."""
        return sorted(a.page_url("/" + page) for page in self.pages)


def site_addresses(docs_dir: Path, documents, catalogue, reports, categories, bulletins, procedures,
                   introduction, editions=()) -> SiteAddresses:
    """The pages of the address book that the loaded data will make, with docs/'s own pages and files."""
    found = SiteAddresses(docs_dir=docs_dir)
    pages = found.pages
    pages.update({a.HOME_PAGE, a.SEARCH_PAGE, a.NEWS_INDEX, a.REPORTS_INDEX, a.DOCUMENTS_PAGE, a.CONTACT_PAGE,
                  a.PROJECTS_PAGE, a.PROTECTIONS_PAGE, a.STATISTICS_PAGE, a.CATEGORIES_INDEX, a.YEARS_INDEX,
                  a.AUTHORS_INDEX})
    for bulletin in bulletins:
        pages.add(a.bulletin_path(bulletin.slug))
        pages.add(a.list_index(a.year_base(bulletin.meta.published.year)))
        found.anchors[a.bulletin_path(bulletin.slug)] = {heading_slug(m.group(1), "-")
                                                          for m in _HEADING.finditer(bulletin.body)}
    pages.update(a.report_path(page.slug) for page, _ in reports)
    pages.update(a.category_page(category_id) for category_id in categories)
    if catalogue is not None:
        pages.update(a.area_path(area.id) for area in catalogue.areas)
        pages.update(a.indicator_path(indicator.id) for indicator in catalogue.indicators)
    pages.update(a.documents_kind_path(slug(document.kind)) for document in documents.values())
    pages.update(a.documents_year_path(document.issued.year) for document in documents.values())
    found.anchors[a.DOCUMENTS_PAGE] = {document_anchor(number) for number in documents}
    if procedures is not None and procedures.entries:
        pages.add(a.PROCEDURES_PAGE)
    if introduction is not None:
        pages.update(a.LANGUAGE_PAGES.values())
    if editions:  # issue 15
        pages.add(a.EDITIONS_INDEX)
        pages.update(a.edition_path(edition.record.year, edition.record.number) for edition in editions)
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file() and not path.is_symlink():
                relative = path.relative_to(docs_dir).as_posix()
                (pages if relative.endswith(".md") else found.files).add(relative)
    return found


def link_problem(address: str, known: SiteAddresses, image: bool = False) -> tuple[str, str] | None:
    """(found, expected) when `address`, written in an editor's text, names nothing the build makes. A page's
    address as a browser shows it (`/van-ban/#vb-…`) is recorded in `known.rewrites` with the page's file
    (`/van-ban/index.md#vb-…`), which MkDocs needs (`file_addresses`)."""
    if not address or _SCHEME.match(address) or address.startswith("#"):
        return None  # another site, mail, telephone, or a place on the same page: not checked
    if ":" in address.split("/")[0] or (image and image_source_problem(address)):
        return None  # a scheme however written, an image's name: khcn.data.markup's message says what to write
    path, _, anchor = address.partition("#")
    path = unquote(path.partition("?")[0])
    if not path.startswith("/"):
        target = "/" + posixpath.normpath(path).lstrip("./") if path.strip("./") else "/"
        return f"liên kết `{address}` không bắt đầu bằng /", one_of(target, known.urls(), LINK_EXPECTED)
    target = posixpath.normpath(path).lstrip("/")
    target = "" if target == "." else target
    if image or posixpath.splitext(target)[1] not in ("", ".md"):
        if target in known.files:
            return _image_problem(target, known) if image else None
        files = sorted("/" + f for f in known.files if f.startswith(target.split("/")[0] + "/"))
        return (f"không có tệp docs/{target}", one_of("/" + target, files,
                                                      "một tệp có trong thư mục docs/ (ảnh: docs/anh/)"))
    if target.endswith(".md"):
        page = target if target in known.pages else None
    else:
        page = next((page for page in (posixpath.join(target, "index.md") if target else a.HOME_PAGE, target + ".md")
                     if page in known.pages), None)
    if page is None:
        shown = a.page_url("/" + target) if target.endswith(".md") else f"/{target}/".replace("//", "/")
        return f"không có trang `{address}`", _nearest_page(shown, known.urls())
    if problem := _anchor_problem(page, anchor, known):
        return problem
    if page != target:
        known.rewrites[address] = "/" + page + (f"#{anchor}" if anchor else "")
    return None


def _image_problem(target: str, known: SiteAddresses) -> tuple[str, str] | None:
    """An image's file that is not one (a PDF renamed .jpg, an SVG with a script, a 40 MB scan)."""
    if known.docs_dir is None or isinstance(facts := inspect(known.docs_dir / target), ImageFacts):
        return None
    return f"docs/{target}: {facts.found}", facts.expected


def _nearest_page(shown: str, urls: list[str]) -> str:
    """What to write, with the page meant: one whose address goes on from what was typed (`/tin-tuc/hoi-thao/` for
    `/tin-tuc/hoi-thao-khoa-hoc-2026/`), else the closest spelling."""
    stem = shown.rstrip("/")
    longer = [url for url in urls if stem and url.startswith(stem) and url != shown]
    if longer:
        return LINK_EXPECTED + f" (có phải `{min(longer, key=lambda url: (len(url), url))}`?)"
    return one_of(shown, urls, LINK_EXPECTED)


def _anchor_problem(page: str, anchor: str, known: SiteAddresses) -> tuple[str, str] | None:
    anchors = known.anchors.get(page)
    if not anchor or anchors is None or anchor in anchors:
        return None
    if page == a.DOCUMENTS_PAGE:
        found = f"mục `#{anchor}` không có trong sổ văn bản"
        expected = "`#vb-…` của một văn bản có trong van-ban.yaml, hoặc viết [[số ký hiệu]]"
    else:
        found = f"mục `#{anchor}` không có trong trang `{a.page_url('/' + page)}`"
        expected = "tên một đầu mục `## …` của bài, viết thường, không dấu, nối bằng -"
    close = one_of(anchor, sorted(anchors), expected)
    if " (có phải `" in close:
        close = close.replace(" (có phải `", f" (có phải `{a.page_url('/' + page)}#", 1)
    return found, close


def text_link_problems(text: str, known: SiteAddresses) -> list[tuple[int, str, str]]:
    """(offset in `text`, found, expected) of each link or image of one text."""
    found = []
    for match in _INLINE.finditer(text):
        if problem := link_problem(match.group(2), known, image=match.group(1) == "!"):
            found.append((match.start(), *problem))
    for match in _DEFINITION.finditer(text):
        if problem := link_problem(match.group(1), known):
            found.append((match.start(), *problem))
    return sorted(found)


def file_addresses(markdown: str, rewrites: dict[str, str]) -> str:
    """`markdown` with each page address a check recorded (`/van-ban/#vb-…`) written as the page's file
    (`/van-ban/index.md#vb-…`), the form MkDocs resolves and turns back into the page's URL."""
    if not rewrites:
        return markdown
    keys = "|".join(re.escape(key) for key in sorted(rewrites, key=len, reverse=True))
    pattern = re.compile(rf"(\]\(\s*<?|^ {{0,3}}\[[^\]\n]+\]:\s*<?)({keys})(?=[\s)>\"']|$)", re.MULTILINE)
    return pattern.sub(lambda match: match.group(1) + rewrites[match.group(2)], markdown)


def check_links(reading: Reading, known: SiteAddresses, bulletins) -> dict[str, str]:
    """Every link and image of the bulletins' bodies and of every text of every YAML file read (a report's texts,
    the introduction, a document's summary…); returns `known.rewrites`."""
    for bulletin in bulletins:
        for offset, found, expected in text_link_problems(bulletin.body, known):
            reading.errors.append(DataError(bulletin.file, bulletin.line_of(offset), "nội dung", found, expected))
    for doc in reading.documents:
        for path, text in _texts(doc.data, ()):
            for offset, found, expected in text_link_problems(text, known):
                reading.errors.append(DataError(doc.file, doc.line_in_text(path, offset, text),
                                                path, found, expected, doc.data))
    return known.rewrites


def _texts(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string of a YAML file that could hold a link."""
    if isinstance(value, str):
        if "](" in value or "]:" in value:
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


# --- what slips through: MkDocs' own words, told again in Vietnamese -----------------------------------------------

# MkDocs 1.6 (mkdocs/structure/pages.py): a link to no documentation file, an unrecognized one, a missing anchor.
_MKDOCS_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized relative) link "
                          r"'(?P<address>[^']+)'(?P<anchor>.*does not contain an anchor)?")


@dataclass(frozen=True)
class BrokenLink:
    page: str  # the generated page, under docs/
    address: str  # as written in the page's Markdown
    anchor_only: bool  # the page exists, not the anchor


def mkdocs_broken_link(line: str) -> BrokenLink | None:
    """A link warning of MkDocs' `strict` check, or None."""
    match = _MKDOCS_LINK.search(line)
    if match is None:
        return None
    return BrokenLink(match["page"], match["address"], bool(match["anchor"]))


def explain_broken_link(broken: BrokenLink, source: Path | None, shown_as: str) -> str:
    """The editor's message for a link the loader let through: the data file and the line that holds the address
    (`source`: the page's first data file; `shown_as`: its name for the editor), else the page."""
    path, hash_, anchor = broken.address.partition("#")
    forms = [broken.address, a.page_url(path) + hash_ + anchor]  # as typed, or as a browser shows it (rewritten)
    line, address = 1, broken.address
    if source is not None and source.is_file():
        text = source.read_text(encoding="utf-8", errors="replace")
        for form in forms:
            if (at := text.find(f"]({form}")) >= 0 or (at := text.find(form)) >= 0:
                line, address = text.count("\n", 0, at) + 1, form
                break
    where = f"{shown_as}:{line}" if source is not None else f"trang {a.page_url('/' + broken.page)}"
    found = (f"liên kết `{address}` tới một mục `#…` mà trang đó không có" if broken.anchor_only
             else f"liên kết `{address}` không dẫn tới trang hay tệp nào của web")
    return f"{where} — {found}; cần {LINK_EXPECTED}."
