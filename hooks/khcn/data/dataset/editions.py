"""The bản tin (issue 15): data/ban-tin.yaml, the publication, and data/ban-tin/<năm>-<số>.yaml, one edition each.

Both are optional: without editions the site has no bản tin section at all. An edition's articles are bulletins of
the site, written by their address as a browser shows it (`/tin-tuc/<đường-dẫn>/`), resolved like any link of
editors' text (khcn.data.dataset.links.link_problem) but among the bulletins only. Checked across files: the file
name is the year and the number; the numbers of a year run from 1 without a gap; an edition is not released before
any of its articles was published; an article is in one edition only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from khcn.addresses import NEWS, bulletin_path, page_url
from khcn.core.errors import DataError
from khcn.data.bulletins import Bulletin
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.images import check_picture
from khcn.data.dataset.links import SiteAddresses, link_problem
from khcn.data.dataset.reading import Reading
from khcn.data.dataset.references import Citable
from khcn.data.fields import VIETNAM
from khcn.data.kinds import BULLETINS, EDITIONS, PUBLICATION
from khcn.data.models import Edition, Publication
from khcn.data.richtext import parse_text, references
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument

_FILE_NAME = re.compile(r"^(\d{4})-(\d+)$")
ARTICLE_EXPECTED = ("địa chỉ một bài đã đăng trên web (mục Tin tức), bắt đầu bằng /tin-tuc/, chép từ thanh địa chỉ "
                    "của trình duyệt, ví dụ /tin-tuc/hoi-thao-khoa-hoc-2021/")
NOTE = "loi_toa_soan"
ARTICLES = "bai"


@dataclass(frozen=True)
class EditionPage:
    """One edition, checked: its record, its file and its articles as bulletin pages (`tin-tuc/<slug>.md`)."""

    record: Edition
    file: str  # as editors see it: data/ban-tin/2021-2.yaml
    articles: tuple[str, ...]  # in the edition's order
    line: int = 1  # the line of `bai`, where a print edition that cannot be made is reported

    @property
    def id(self) -> str:
        """`2021-2`: the file's name and the page's address."""
        return f"{self.record.year}-{self.record.number}"

    @property
    def released_at(self) -> datetime:
        """The moment the edition is dated by (feeds, metadata): the start of its release day, Vietnam's time."""
        return datetime.combine(self.record.released, time(), VIETNAM)

    @property
    def label(self) -> str:
        """`Số 2/2021`, as the edition is named everywhere."""
        return edition_label(self.record.year, self.record.number)


def edition_label(year: int, number: int) -> str:
    return f"Số {number}/{year}"


def read_publication(reading: Reading, failures: Failures, has_editions: bool) -> Publication | None:
    """The publication, or None when data/ban-tin.yaml is absent (an error only when there are editions)."""
    if not (reading.data_dir / PUBLICATION.files).is_file() or reading.is_refused(PUBLICATION.files):
        if has_editions and not reading.is_refused(PUBLICATION.files):
            reading.errors.append(DataError(
                reading.name(PUBLICATION.files), 1, "", f"có số bản tin trong {EDITIONS.folder}/ mà chưa có tệp này",
                f"tệp {PUBLICATION.files} ghi tên bản tin, giấy phép xuất bản, kỳ hạn, số lượng in, nơi in, người "
                "chịu trách nhiệm và ban biên tập (xem HUONG-DAN, mục Bản tin)"))
        return None
    doc = reading.read(PUBLICATION.files)
    record, errors = validate(Publication, doc.data, doc) if doc is not None else (None, [])
    reading.errors.extend(errors)
    if record is not None and not record.board:
        reading.problem(doc, ("ban_bien_tap",), "ban biên tập không có ai",
                        "mỗi người một mục `- ten: …` với `vai_tro: …` (Luật Báo chí, điều 34)")
    if record is None:
        failures.file_failed(PUBLICATION)
    return record


def edition_files(reading: Reading) -> list[str]:
    """The editions' files under data/, in the order of their names."""
    folder = reading.data_dir / EDITIONS.folder
    if not folder.is_dir() or reading.is_refused(EDITIONS.folder):
        return []
    return [f"{EDITIONS.folder}/{path.name}" for path in sorted(folder.glob("*.yaml"))
            if not reading.is_refused(f"{EDITIONS.folder}/{path.name}")]


def read_editions(reading: Reading, files: list[str], bulletins: list[Bulletin],
                  citable: Citable) -> list[EditionPage]:
    """Every edition that passed its own checks, newest first; the checks across editions after."""
    known = _bulletin_addresses(bulletins)
    unpublished = _bulletin_files(reading) - {bulletin.slug for bulletin in bulletins}
    read, numbered = [], {}
    for relative in files:
        doc = reading.read(relative)
        if doc is None:
            continue
        record, errors = validate(Edition, doc.data, doc)
        reading.errors.extend(errors)
        if record is None or not _name_agrees(reading, doc, relative, record):
            continue
        numbered.setdefault(record.year, {})[record.number] = doc  # an edition with other mistakes still counts
        check_picture(reading, doc, (), record.cover, record.cover_alt, example="/anh/ban-tin/2021-2.jpg",
                      fields=("anh_bia", "anh_bia_mo_ta"))
        _check_note(reading, doc, record, citable)
        articles = _articles(reading, doc, record, known, unpublished)
        if articles is not None:
            read.append((EditionPage(record, doc.file, articles, doc.line_of((ARTICLES,))), doc))
    by_path = {bulletin_path(bulletin.slug): bulletin for bulletin in bulletins}
    _check_numbers(reading, numbered)
    _check_dates(reading, read, by_path)
    _check_once(reading, read)
    return sorted((page for page, _ in read), key=lambda page: (page.record.year, page.record.number), reverse=True)


def _name_agrees(reading: Reading, doc: SourceDocument, relative: str, record: Edition) -> bool:
    name = relative.rpartition("/")[2]
    wanted = f"{record.year}-{record.number}.yaml"
    if record.number == 0:
        reading.problem(doc, ("so",), "`so: 0`", "số thứ tự trong năm, bắt đầu từ 1")
        return False
    if name == wanted:
        return True
    match = _FILE_NAME.match(name.removesuffix(".yaml"))
    if match is None:
        reading.errors.append(DataError(doc.file, 1, "", f"tên tệp `{name}`",
                                        f"tên tệp là năm và số của bản tin, <năm>-<số>.yaml: `{wanted}`"))
    else:
        key = "nam" if int(match[1]) != record.year else "so"
        reading.problem(doc, (key,), f"`{key}: {record.year if key == 'nam' else record.number}` mà tên tệp là "
                        f"`{name}`", f"tên tệp và `nam`, `so` cùng một số bản tin: đổi tên tệp thành `{wanted}` "
                        f"hoặc sửa `{key}`")
    return False


def _check_note(reading: Reading, doc: SourceDocument, record: Edition, citable: Citable) -> None:
    """The editor's note cites figures and documents as a bulletin does (`{{mã@kỳ}}`, `[[số ký hiệu]]`)."""
    if record.note is None:
        return
    for ref in references(parse_text(record.note)):
        if problem := citable.problem(ref, None):
            reading.errors.append(DataError(doc.file, doc.line_in_text((NOTE,), ref.offset, record.note), NOTE,
                                            *problem))


def note_segments(record: Edition) -> list:
    """The note's paragraphs as rich text (khcn.data.richtext), for the pages."""
    return parse_text(record.note) if record.note else []


def _bulletin_addresses(bulletins: list[Bulletin]) -> SiteAddresses:
    return SiteAddresses(pages={bulletin_path(bulletin.slug) for bulletin in bulletins})


def _bulletin_files(reading: Reading) -> set[str]:
    """The slugs of every bulletin file, published or not (failed its own checks, or waits for its day)."""
    folder = reading.data_dir / BULLETINS.folder
    return {path.stem for path in folder.rglob("*.md")} if folder.is_dir() else set()


def _articles(reading: Reading, doc: SourceDocument, record: Edition, known: SiteAddresses,
              unpublished: set[str]) -> tuple[str, ...] | None:
    if not record.articles:
        reading.problem(doc, (ARTICLES,), "số bản tin không có bài nào", "mỗi bài một dòng `- /tin-tuc/<đường-dẫn>/`")
        return None
    before, pages = len(reading.errors), []
    failed = {error.file.rpartition("/")[2].removesuffix(".md") for error in reading.errors}
    for index, address in enumerate(record.articles):
        page = _article_page(address, known)
        slug = address.strip().partition("#")[0].rstrip("/").rpartition("/")[2].removesuffix(".md")
        if isinstance(page, str):
            pages.append(page)
        elif slug in unpublished and slug in failed:
            continue  # the bulletin's own message says what to fix: it is not also called unknown
        elif slug in unpublished:
            reading.problem(doc, (ARTICLES, index), f"bài `{address.strip()}` chưa đăng (hẹn đăng một ngày sau)",
                            "chỉ những bài đã đăng: bỏ bài này ra, hoặc thêm số bản tin sau ngày đăng của bài")
        else:
            reading.problem(doc, (ARTICLES, index), *page)
    return tuple(pages) if len(reading.errors) == before else None


def _article_page(address: str, known: SiteAddresses) -> str | tuple[str, str]:
    """The bulletin page (`tin-tuc/<slug>.md`) an address names, or (found, expected)."""
    address = address.strip()
    if address.startswith(("http://", "https://")):
        path = "/" + address.split("/", 3)[3] if address.count("/") >= 3 else "/"
        return f"`{address}` (địa chỉ đầy đủ)", ARTICLE_EXPECTED + f" (có phải `{path}`?)"
    if address.startswith("/") and not address.startswith(f"/{NEWS}/"):
        return f"`{address}` không phải địa chỉ một bài của mục Tin tức", ARTICLE_EXPECTED
    problem = link_problem(address, known)
    if problem is not None:
        return problem[0], problem[1].replace(problem[1].split(" (có phải")[0], ARTICLE_EXPECTED, 1)
    target = address.partition("#")[0]
    resolved = known.rewrites.get(address, target)
    page = resolved.lstrip("/").partition("#")[0]
    return page if page in known.pages else (f"`{address}`", ARTICLE_EXPECTED)


def _check_numbers(reading: Reading, numbered: dict[int, dict[int, SourceDocument]]) -> None:
    """Within a year the numbers run 1, 2, 3…: a gap is told at the edition after it."""
    for year, numbers in sorted(numbered.items()):
        missing = [n for n in range(1, max(numbers)) if n not in numbers]
        for number in missing:
            after = min(n for n in numbers if n > number)
            reading.problem(numbers[after], ("so",), f"{edition_label(year, after)} mà chưa có "
                            f"{edition_label(year, number)}",
                            f"các số trong một năm liền nhau từ Số 1: thêm tệp "
                            f"{reading.name(f'{EDITIONS.folder}/{year}-{number}.yaml')} hoặc sửa `so`")


def _check_dates(reading: Reading, read: list[tuple[EditionPage, SourceDocument]],
                 bulletins: dict[str, Bulletin]) -> None:
    for page, doc in read:
        released = page.record.released
        for index, path in enumerate(page.articles):
            published = bulletins[path].meta.published.date()
            if published > released:
                reading.problem(doc, (ARTICLES, index), f"bài đăng ngày {published:%d/%m/%Y}, sau ngày phát hành "
                                f"{released:%d/%m/%Y} của {page.label}",
                                "chỉ những bài đã đăng trước hoặc trong ngày phát hành; sửa `ngay_phat_hanh` hoặc "
                                "bỏ bài này ra")


def _check_once(reading: Reading, read: list[tuple[EditionPage, SourceDocument]]) -> None:
    """An article is printed in one edition: the second place is told, with the first."""
    seen: dict[str, tuple[str, int]] = {}
    for page, doc in read:
        for index, path in enumerate(page.articles):
            if path in seen:
                file, line = seen[path]
                reading.problem(doc, (ARTICLES, index), f"bài `{page_url('/' + path)}` đã có trong {file} "
                                f"(dòng {line})", "mỗi bài chỉ in trong một số bản tin: xoá dòng này ở một trong "
                                "hai nơi")
            else:
                seen[path] = (doc.file, doc.line_of((ARTICLES, index)))

