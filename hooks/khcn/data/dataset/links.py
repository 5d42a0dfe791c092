"""Links and images in editors' text (issue 13): every address inside the site names a page, an anchor or a file the
build will make, checked when data is loaded, so MkDocs' own link check (`strict`) never speaks to an editor.

MkDocs resolves an address that starts with `/` against docs/ (`absolute_links: relative_to_docs`): it accepts the
page's FILE (`/van-ban/index.md`, `/thong-ke/chi-so/<mã>.md`, `/tin-tuc/<đường-dẫn>.md`) and site files
(`/anh/2026/hoi-thao.jpg`), not the address a browser shows (`/van-ban/`). A browser's address is refused here with
the file's form suggested. Anchors are checked where the build's anchors are known: the documents of the register
(`/van-ban/index.md#vb-26-kh-ubnd`, khcn.core.slugs.document_anchor) and a bulletin's headings `## …`.
External addresses (`https://…`, `mailto:`, `tel:`) are not checked; `[[26/KH-UBND]]` and `{{…}}` are references,
checked by khcn.data.dataset.references.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from khcn import addresses as a
from khcn.core.errors import DataError
from khcn.core.slugs import document_anchor, heading_slug, slug
from khcn.data.dataset.reading import Reading, one_of

# `[chữ](địa-chỉ)` and `![mô tả](địa-chỉ)`, `[chữ]: địa-chỉ` (a reference definition). Group 1: `!` for an image.
_INLINE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^\s)>]*)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:|^//")
_HEADING = re.compile(r"^#{2,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)

LINK_EXPECTED = ("liên kết tới trang trong web viết đường dẫn tệp của trang, bắt đầu bằng /, ví dụ "
                 "`/van-ban/index.md`, `/thong-ke/chi-so/<mã>.md`, `/tin-tuc/<đường-dẫn>.md` (xem HUONG-DAN, mục "
                 "Liên kết trong bài)")


@dataclass
class SiteAddresses:
    """What the build will make: pages (paths under docs/, `x/index.md`, `x/y.md`), site files, and the anchors
    known per page."""

    pages: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    anchors: dict[str, set[str]] = field(default_factory=dict)

    def urls(self) -> list[str]:
        return sorted("/" + page for page in self.pages)


def site_addresses(docs_dir: Path, documents, catalogue, reports, categories, bulletins, procedures,
                   introduction) -> SiteAddresses:
    """The pages of the address book that the loaded data will make, with docs/'s own pages and files."""
    found = SiteAddresses()
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
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file() and not path.is_symlink():
                relative = path.relative_to(docs_dir).as_posix()
                (pages if relative.endswith(".md") else found.files).add(relative)
    return found


def link_problem(address: str, known: SiteAddresses, image: bool = False) -> tuple[str, str] | None:
    """(found, expected) when `address`, written in an editor's text, names nothing the build makes."""
    if not address or _SCHEME.match(address) or address.startswith("#"):
        return None  # another site, mail, telephone, or a place on the same page: not checked
    path, _, anchor = address.partition("#")
    path = unquote(path.partition("?")[0])
    if not path.startswith("/"):
        target = "/" + posixpath.normpath(path).lstrip("./") if path.strip("./") else "/"
        return (f"liên kết `{address}` không bắt đầu bằng /",
                one_of(target, known.urls(), LINK_EXPECTED) if not image else
                f"ảnh viết ![mô tả](/anh/<năm>/ten-anh.jpg), ví dụ `/anh/{path}`")
    target = posixpath.normpath(path).lstrip("/")
    target = "" if target == "." else target
    if image or posixpath.splitext(target)[1] not in ("", ".md"):
        if target in known.files:
            return None
        files = sorted("/" + f for f in known.files if f.startswith(target.split("/")[0] + "/"))
        return (f"không có tệp docs/{target}", one_of("/" + target, files,
                                                      "một tệp có trong thư mục docs/ (ảnh: docs/anh/)"))
    if target.endswith(".md"):
        if target not in known.pages:
            return (f"không có trang `{address}`", one_of("/" + target, known.urls(), LINK_EXPECTED))
        return _anchor_problem(target, anchor, known)
    candidates = [page for page in (posixpath.join(target, "index.md"), target + ".md") if page in known.pages]
    if not candidates:
        return f"không có trang `{address}`", one_of("/" + target + ".md", known.urls(), LINK_EXPECTED)
    if problem := _anchor_problem(candidates[0], anchor, known):
        return problem
    file_form = "/" + candidates[0] + (f"#{anchor}" if anchor else "")
    return (f"liên kết `{address}` (địa chỉ xem trên trình duyệt)",
            f"đường dẫn tệp của trang (có phải `{file_form}`?)")


def _anchor_problem(page: str, anchor: str, known: SiteAddresses) -> tuple[str, str] | None:
    anchors = known.anchors.get(page)
    if not anchor or anchors is None or anchor in anchors:
        return None
    where = "sổ văn bản" if page == a.DOCUMENTS_PAGE else f"trang `/{page}`"
    expected = ("`#vb-…` của một văn bản có trong van-ban.yaml, hoặc viết [[số ký hiệu]]"
                if page == a.DOCUMENTS_PAGE else "tên một đầu mục `## …` của bài, viết thường, không dấu, nối bằng -")
    close = one_of(anchor, sorted(anchors), expected)
    if " (có phải `" in close:
        close = close.replace(" (có phải `", f" (có phải `/{page}#", 1)
    return f"mục `#{anchor}` không có trong {where}", close


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


def check_links(reading: Reading, known: SiteAddresses, reports, bulletins) -> None:
    """Every link and image of the bulletins' bodies and the reports' texts."""
    for bulletin in bulletins:
        for offset, found, expected in text_link_problems(bulletin.body, known):
            reading.errors.append(DataError(bulletin.file, bulletin.line_of(offset), "nội dung", found, expected))
    for page, doc in reports:
        for key, field_name, text, _ in page.texts():
            for offset, found, expected in text_link_problems(text, known):
                path = (field_name,) if key is None else (field_name, key)
                reading.errors.append(DataError(doc.file, doc.line_in_text(path, offset, text),
                                                ".".join(map(str, path)), found, expected))
