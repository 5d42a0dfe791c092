"""A workbook that arrives by e-mail is checked before openpyxl opens it (`make xlsx-import`).

An .xlsx file is a zip of XML parts, and both layers can be made hostile: a small file that inflates to gigabytes
(zip bomb), a sheet of two million rows, an XML part that declares entities (billion laughs, external entities) or
that is cut off or malformed. openpyxl would spend the memory, or stop with a Python error. So the file is read once
into memory (bounded), every part is inflated as a stream while counting what it gives, and every XML part is parsed
with expat refusing any DTD, counting rows, cells and merged cells and their highest row and column. Only then does
openpyxl see the same bytes. Each refusal is an editor's message naming the file (and the sheet).

The limits leave room for far more than a department's catalogue: the real template is 10 KB, 31 rows and 10
columns; one for 2,000 indicators with their components is about 6,000 rows and 4 MB of XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.parsers import expat

MAX_FILE_BYTES = 20 * 1024 * 1024  # the .xlsx as saved
MAX_INFLATED_BYTES = 100 * 1024 * 1024  # all its parts unzipped
MAX_PARTS = 1_000
MAX_ROWS = 20_000  # the highest row number of any sheet
MAX_COLUMNS = 200  # the highest column (GR); the template uses 10
MAX_CELLS = 500_000  # cells written in the whole workbook, merged areas included
MAX_DEPTH = 64  # nesting of XML elements (a sheet needs 6)
_CHUNK = 64 * 1024

NOT_XLSX_FOUND = "một tệp không mở được bằng Excel (.xlsx)"
NOT_XLSX_EXPECTED = "bảng tính lưu dạng .xlsx (Excel 2007 trở lên: File → Save As → Excel Workbook)"
FRESH = "dùng bảng mẫu mới (make xlsx-template PERIOD=<kỳ>), chỉ điền số liệu vào đó"


def _vietnamese(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@dataclass
class UnsafeWorkbook(Exception):
    """Why a workbook is not opened: where (the file, or the file and a sheet), what was found, what is expected."""

    where: str
    found: str
    expected: str


def read_checked(path: Path) -> bytes:
    """The workbook's bytes, once every limit is checked; UnsafeWorkbook otherwise."""
    try:
        with path.open("rb") as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        raise UnsafeWorkbook(path.name, NOT_XLSX_FOUND, NOT_XLSX_EXPECTED) from None
    if len(content) > MAX_FILE_BYTES:
        raise UnsafeWorkbook(path.name, f"tệp lớn hơn {MAX_FILE_BYTES // 1024 // 1024} MB",
                             f"một bảng tính nhỏ hơn: {FRESH}")
    check(content, path.name)
    return content


def check(content: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise UnsafeWorkbook(name, NOT_XLSX_FOUND, NOT_XLSX_EXPECTED) from None
    if len(parts) > MAX_PARTS:
        raise UnsafeWorkbook(name, f"{_vietnamese(len(parts))} phần bên trong tệp", f"một bảng tính thường: {FRESH}")
    if sum(part.file_size for part in parts) > MAX_INFLATED_BYTES:
        raise _too_big(name)
    budget = _Budget()
    sheets = _sheet_names(archive, name)
    for part in parts:
        _check_part(archive, part, name, sheets.get(part.filename), budget)


def _too_big(name: str) -> UnsafeWorkbook:
    return UnsafeWorkbook(name, f"tệp giải nén ra hơn {MAX_INFLATED_BYTES // 1024 // 1024} MB (quá lớn, hoặc là một "
                                "tệp nén độc hại)", f"một bảng tính thường: {FRESH}")


class _Budget:
    """What the whole workbook has used so far: inflated bytes and cells."""

    def __init__(self) -> None:
        self.inflated = 0
        self.cells = 0


def _inflate(archive: zipfile.ZipFile, part: zipfile.ZipInfo, name: str, budget: _Budget):
    """The part's bytes, chunk by chunk, counted against the workbook's budget."""
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                budget.inflated += len(chunk)
                if budget.inflated > MAX_INFLATED_BYTES:
                    raise _too_big(name)
                yield chunk
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError, OSError, EOFError):
        # a bad CRC, an encrypted part, an unknown compression, a cut-off file
        raise UnsafeWorkbook(name, NOT_XLSX_FOUND + " (tệp bị hỏng, bị cắt cụt hoặc có mật khẩu)",
                             NOT_XLSX_EXPECTED) from None


_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<", b"\x00\x00\x00<", b"\x4c\x6f\xa7\x94")


def _looks_like_xml(head: bytes) -> bool:
    """Whether a parser could take the part for XML (images and printer settings are left alone)."""
    return head.lstrip(b" \t\r\n").startswith(_XML_STARTS)


def _check_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo, name: str, sheet: str | None,
                budget: _Budget) -> None:
    chunks = _inflate(archive, part, name, budget)
    first = next(chunks, b"")
    if not _looks_like_xml(first[:512]):
        for _ in chunks:  # counted all the same
            pass
        return
    where = f"{name}: trang “{sheet}”" if sheet else name
    scan = _Scan(where, sheet or part.filename, budget)
    parser = scan.parser()
    try:
        parser.Parse(first, False)
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _malformed(where, part.filename, exc) from None


_CUT_OFF = {expat.errors.codes[message] for message in
            (expat.errors.XML_ERROR_NO_ELEMENTS, expat.errors.XML_ERROR_UNCLOSED_TOKEN,
             expat.errors.XML_ERROR_PARTIAL_CHAR, expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION)}


def _malformed(where: str, part: str, exc: expat.ExpatError) -> UnsafeWorkbook:
    what = "bị cắt cụt (tệp chưa lưu xong hoặc tải về chưa hết)" if exc.code in _CUT_OFF else "viết sai cấu trúc XML"
    return UnsafeWorkbook(where, f"phần `{part}` của tệp {what}, ở dòng {exc.lineno} cột {exc.offset}",
                          f"một bảng tính Excel lưu bình thường: mở lại bằng Excel rồi lưu (File → Save As → Excel "
                          f"Workbook), hoặc {FRESH}")


_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


class _Scan:
    """One XML part through expat: no DTD, bounded depth, and a sheet's rows, cells and merges counted."""

    def __init__(self, where: str, label: str, budget: _Budget):
        self.where, self.label, self.budget = where, label, budget
        self.depth = 0
        self.row = 0
        self.column = 0

    def parser(self):
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.ExternalEntityRefHandler = self._external
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        return parser

    def _refuse(self, found: str, expected: str) -> None:
        raise UnsafeWorkbook(self.where, found, expected)

    def _doctype(self, *_args) -> None:
        self._refuse(f"phần `{self.label}` có khai báo DTD (<!DOCTYPE …>), thứ Excel không bao giờ ghi: có thể là tệp "
                     "độc hại", f"một bảng tính do Excel lưu: {FRESH}")

    def _entity(self, *_args) -> None:
        self._refuse(f"phần `{self.label}` khai báo thực thể XML (<!ENTITY …>): có thể là tệp độc hại",
                     f"một bảng tính do Excel lưu: {FRESH}")

    def _external(self, *_args) -> int:
        self._entity()
        return 0

    def _start(self, tag: str, attributes: dict) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self._refuse(f"phần `{self.label}` lồng nhau quá {MAX_DEPTH} tầng", f"một bảng tính thường: {FRESH}")
        local = tag.rpartition(" ")[2]
        if local == "row":
            self.row = self._number(attributes.get("r"), self.row + 1)
            self.column = 0
            self._within(self.row, 1)
        elif local == "c":
            self.budget.cells += 1
            match = _CELL.match(attributes.get("r", ""))
            self.column = _column(match[1]) if match else self.column + 1
            self._within(int(match[2]) if match else self.row, self.column)
        elif local == "mergeCell":
            first, _, last = attributes.get("ref", "").partition(":")
            start, end = _CELL.match(first), _CELL.match(last or first)
            if start and end:
                self._within(int(end[2]), _column(end[1]))
                self._within(int(start[2]), _column(start[1]))
                rows = abs(int(end[2]) - int(start[2])) + 1
                self.budget.cells += rows * (abs(_column(end[1]) - _column(start[1])) + 1)
        if self.budget.cells > MAX_CELLS:
            self._refuse(f"hơn {_vietnamese(MAX_CELLS)} ô có nội dung hoặc được gộp", f"một bảng tính nhỏ hơn: {FRESH}")

    def _end(self, _tag: str) -> None:
        self.depth -= 1

    def _number(self, text: str | None, default: int) -> int:
        return int(text) if text and text.isascii() and text.isdigit() and len(text) < 10 else default

    def _within(self, row: int, column: int) -> None:
        if row > MAX_ROWS:
            self._refuse(f"dòng số {_vietnamese(row)} (quá nhiều dòng)",
                         f"tối đa {_vietnamese(MAX_ROWS)} dòng: xoá các dòng thừa bên dưới bảng, hoặc {FRESH}")
        if column > MAX_COLUMNS:
            self._refuse(f"cột số {_vietnamese(column)} (quá nhiều cột)",
                         f"tối đa {MAX_COLUMNS} cột: xoá các cột thừa bên phải bảng, hoặc {FRESH}")


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_names(archive: zipfile.ZipFile, name: str) -> dict[str, str]:
    """Part name → sheet name as Excel shows it (from xl/workbook.xml and its relationships), for the messages."""
    try:
        workbook = archive.getinfo("xl/workbook.xml")
        rels = archive.getinfo("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    found: dict[str, list] = {"sheets": [], "targets": []}
    budget = _Budget()  # of its own: these two parts are read again with the others

    def collect(tag: str, attributes: dict) -> None:
        local = tag.rpartition(" ")[2]
        if local == "sheet":
            found["sheets"].append((attributes.get(f"{_REL} id"), attributes.get("name", "")))
        elif local == "Relationship":
            found["targets"].append((attributes.get("Id"), attributes.get("Target", "")))

    for part in (workbook, rels):
        scan = _Scan(name, part.filename, budget)
        parser = scan.parser()
        parser.StartElementHandler = lambda tag, attributes, scan=scan: (scan._start(tag, attributes),
                                                                          collect(tag, attributes))
        try:
            for chunk in _inflate(archive, part, name, budget):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise _malformed(name, part.filename, exc) from None
    targets = dict(found["targets"])
    names = {}
    for rel_id, sheet in found["sheets"]:
        target = targets.get(rel_id, "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        names[path] = sheet
    return names
