"""Reading a filled workbook (khcn.excel.workbook's layout) into one period's figures, or the problems that stop
it, each naming its sheet and cell (`Số liệu!E7`) as Excel shows them.

Rows are known by their ids (columns A and B), not by their position: an editor may sort or move rows, but a
changed id, a deleted or copied row, a merged block or a figure in a grey cell is reported. Each figure becomes the
raw data a YAML file would hold (`{"gia_tri": "42"}`), so that it is checked by the same models afterwards.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from khcn.data.models import Catalogue, Indicator, IndicatorKind
from khcn.excel.cells import (
    DASH,
    EMPTY_EXPECTED,
    CellIssue,
    bound_code,
    count_text,
    is_empty,
    note_text,
    percent_text,
    shown,
)
from khcn.excel.safety import NOT_XLSX_EXPECTED, NOT_XLSX_FOUND, UnsafeWorkbook, read_checked
from khcn.excel.workbook import (
    BOUND,
    COMPONENT,
    DENOMINATOR,
    FIRST_ROW,
    HEADER_ROW,
    ID,
    NUMERATOR,
    PERIOD_NAME,
    REASON,
    SHEET,
    TITLES,
    VALUE,
    VALUE_COLUMNS,
    how_to_write,
    white_columns,
)

FRESH_TEMPLATE = "giữ nguyên các ô xám của bảng mẫu (tạo lại mẫu: make xlsx-template PERIOD=<kỳ>, chép sang)"


@dataclass(frozen=True, order=True)
class SheetProblem:
    """One problem of the workbook: where (`Số liệu!E7`), about what (an indicator), found and expected."""

    row: int  # for the order of the list: sheet-wide problems first, then by row and column
    column: int
    where: str
    subject: str
    found: str
    expected: str

    def __str__(self) -> str:
        about = f" ({self.subject})" if self.subject else ""
        return f"{self.where}{about}: gặp {self.found}; cần {self.expected}."


@dataclass
class SheetReading:
    period: str | None = None  # as the workbook names it
    entries: dict[str, dict | None] = field(default_factory=dict)  # id -> raw figure; None: `-`, none this period
    reasons: dict[str, str] = field(default_factory=dict)  # id -> "Lý do đính chính"
    cells: dict[str, dict] = field(default_factory=dict)  # id -> {column letter or component id: `Số liệu!E7`}
    problems: list[SheetProblem] = field(default_factory=list)

    def problem(self, coordinate: str, subject: str, found: str, expected: str) -> None:
        """A problem at a cell of the sheet (`E7`), or of the whole sheet (`""`)."""
        where = f"{SHEET}!{coordinate}" if coordinate else SHEET
        self.problems.append(problem_at(where, subject, found, expected))


def problem_at(where: str, subject: str, found: str, expected: str) -> SheetProblem:
    """A problem at `Số liệu!E7` (or at a whole sheet or file), placed in the list by row and column."""
    coordinate = where.rpartition("!")[2] if "!" in where else ""
    column = "".join(c for c in coordinate if c.isalpha())
    row = "".join(c for c in coordinate if c.isdigit())
    return SheetProblem(int(row or 0), column_index_from_string(column) if column else 0, where, subject, found,
                        expected)


def read_workbook(path: Path, catalogue: Catalogue) -> SheetReading:
    reading = SheetReading()
    try:
        content = read_checked(path)  # size, inflated size, rows, cells, no DTD, well-formed XML (khcn.excel.safety)
    except UnsafeWorkbook as unsafe:
        reading.problems.append(problem_at(unsafe.where, "", unsafe.found, unsafe.expected))
        return reading
    try:
        book = load_workbook(io.BytesIO(content), data_only=True)  # a formula counts as the figure Excel shows
        reading.period = _period(book)
    except Exception:  # openpyxl on a hostile but well-formed file: any failure of it means "cannot be opened"
        reading.problems.append(problem_at(path.name, "", NOT_XLSX_FOUND, NOT_XLSX_EXPECTED))
        return reading
    if SHEET not in book.sheetnames:
        reading.problems.append(problem_at(path.name, "", f"không có trang “{SHEET}”",
                                           f"trang “{SHEET}” của bảng mẫu, không đổi tên"))
        return reading
    read_sheet(book[SHEET], catalogue, reading)
    return reading


def _period(book) -> str | None:
    defined = book.defined_names.get(PERIOD_NAME)
    for title, coordinate in (defined.destinations if defined is not None else ()):
        if title in book.sheetnames:
            value = book[title][coordinate.replace("$", "")].value
            return str(value).strip() if not is_empty(value) else None
    return None


def read_sheet(sheet, catalogue: Catalogue, reading: SheetReading) -> None:
    if not _titles_kept(sheet, reading):
        return  # with a column added or moved, every other message would be about the wrong column
    merged = _merged_value_cells(sheet, reading)
    rows = _rows(sheet, catalogue, reading)
    for indicator in catalogue.indicators:
        if indicator.id not in rows:
            continue
        places = rows[indicator.id]
        reading.cells[indicator.id] = _addresses(indicator, places)
        if any(f"{letter}{row}" in merged for row in places.values() for letter in VALUE_COLUMNS):
            continue  # the merge is the problem to fix first
        _grey_cells_empty(sheet, indicator, places, catalogue, reading)
        figure = _figure(sheet, indicator, places, reading)
        if figure is not _BROKEN:
            reading.entries[indicator.id] = figure


def _titles_kept(sheet, reading: SheetReading) -> bool:
    kept = True
    for letter, title in TITLES.items():
        found = sheet[f"{letter}{HEADER_ROW}"].value
        if str(found or "").strip() != title:
            reading.problem(f"{letter}{HEADER_ROW}", "", f"tiêu đề cột {shown(found or '')}",
                            f"tiêu đề “{title}” như bảng mẫu (không thêm, xoá hay đổi chỗ cột)")
            kept = False
    return kept


def _merged_value_cells(sheet, reading: SheetReading) -> set[str]:
    """Cells under a merge that covers figures (a merged block keeps only its first cell's content)."""
    first, last = column_index_from_string(VALUE_COLUMNS[0]), column_index_from_string(VALUE_COLUMNS[-1])
    covered = set()
    for block in sheet.merged_cells.ranges:
        if block.max_row < FIRST_ROW or block.max_col < first or block.min_col > last:
            continue
        reading.problem(block.coord.split(":")[0], "", f"các ô gộp {block.coord}",
                        "bỏ gộp ô (Home → Merge & Center → Unmerge Cells) rồi ghi số liệu vào từng ô")
        covered |= {cell.coordinate for row in sheet[block.coord] for cell in row}
    return covered


def _rows(sheet, catalogue: Catalogue, reading: SheetReading) -> dict[str, dict]:
    """Row number of each indicator (key None) and of each of its components (key: the component's id)."""
    indicators = {i.id: i for i in catalogue.indicators}
    rows: dict[str, dict] = {}
    for number in range(FIRST_ROW, sheet.max_row + 1):
        indicator_id = _id(sheet[f"{ID}{number}"].value)
        component_id = _id(sheet[f"{COMPONENT}{number}"].value)
        if not indicator_id:
            if component_id or any(not is_empty(sheet[f"{c}{number}"].value) for c in VALUE_COLUMNS):
                reading.problem(f"{ID}{number}", "", "số liệu ở một dòng không có mã chỉ số (dòng lĩnh vực, dòng trống "
                                "hoặc dòng bị xoá mã)", "ghi số liệu vào dòng của chỉ số; " + FRESH_TEMPLATE)
            continue  # an area's heading, or a blank line
        indicator = indicators.get(indicator_id)
        if indicator is None:
            reading.problem(f"{ID}{number}", "", f"mã chỉ số `{indicator_id}` không có trong danh mục",
                            f"mã một chỉ số của danh mục{_closest(indicator_id, list(indicators))}: {FRESH_TEMPLATE}")
            continue
        parts = [c.id for c in indicator.components]
        if component_id and component_id not in parts:
            reading.problem(f"{COMPONENT}{number}", f"`{indicator_id}`",
                            f"mã thành phần `{component_id}` không có ở chỉ số này",
                            f"mã một thành phần của chỉ số{_closest(component_id, parts)}: {FRESH_TEMPLATE}")
            continue
        place = rows.setdefault(indicator_id, {})
        key = component_id or None
        if key in place:
            reading.problem(f"{ID}{number}", f"`{indicator_id}`", f"dòng lặp lại (đã có ở dòng {place[key]})",
                            "mỗi chỉ số, mỗi thành phần một dòng: xoá dòng chép thừa")
            continue
        place[key] = number
    _missing_rows(catalogue, rows, reading)
    return {i: place for i, place in rows.items() if None in place and len(place) == len(indicators[i].components) + 1}


def _missing_rows(catalogue: Catalogue, rows: dict, reading: SheetReading) -> None:
    for indicator in catalogue.indicators:
        place = rows.get(indicator.id, {})
        wanted = [(None, indicator.name)] + [(c.id, c.name) for c in indicator.components]
        for key, name in wanted:
            if key not in place:
                what = f"dòng của thành phần `{key}` ({name})" if key else f"dòng của chỉ số `{indicator.id}` ({name})"
                reading.problem("", f"`{indicator.id}`", f"thiếu {what}: dòng đã bị xoá hoặc mã ở cột A, B bị sửa",
                                "đủ mọi dòng của bảng mẫu: chép lại dòng này từ một bảng mẫu mới "
                                "(make xlsx-template PERIOD=<kỳ>)")


def _addresses(indicator: Indicator, places: dict) -> dict:
    row = places[None]
    cells = {letter: f"{SHEET}!{letter}{row}" for letter in VALUE_COLUMNS}
    cells.update({key: f"{SHEET}!{VALUE}{number}" for key, number in places.items() if key is not None})
    return cells


def _grey_cells_empty(sheet, indicator: Indicator, places: dict, catalogue: Catalogue, reading) -> None:
    for key, number in places.items():
        component = next((c for c in indicator.components if c.id == key), None)
        white = white_columns(indicator, component)
        for letter in VALUE_COLUMNS:
            value = sheet[f"{letter}{number}"].value
            if letter not in white and not is_empty(value):
                reading.problem(f"{letter}{number}", f"`{indicator.id}`", f"{shown(value)} trong một ô xám",
                                "để trống ô xám; dòng này ghi: " + how_to_write(indicator, component, catalogue))


_BROKEN = object()  # a figure with a problem (already reported)


def _figure(sheet, indicator: Indicator, places: dict, reading: SheetReading):
    """The raw figure of one indicator, None for `-`, or _BROKEN."""
    row = places[None]
    subject = f"`{indicator.id}`"
    reason = _read(sheet, REASON, row, subject, reading, note_text)
    if reason:
        reading.reasons[indicator.id] = reason
    if indicator.kind is IndicatorKind.RATIO:
        return _ratio(sheet, row, subject, reading)
    is_count = indicator.kind is IndicatorKind.COUNT
    reader = count_text if is_count else _percent_reader(sheet[f"{VALUE}{row}"].number_format)
    total = _read(sheet, VALUE, row, subject, reading, reader)
    if total is None:
        reading.problem(f"{VALUE}{row}", subject, "ô trống", EMPTY_EXPECTED)
        return _BROKEN
    if indicator.kind is IndicatorKind.PERCENT:
        return _BROKEN if total is _BROKEN else (None if total == DASH else {"gia_tri": total})
    return _count(sheet, indicator, places, total, reading)


def _percent_reader(number_format: str):
    return lambda value: percent_text(value, number_format)


def _ratio(sheet, row: int, subject: str, reading: SheetReading):
    numerator = _read(sheet, NUMERATOR, row, subject, reading, count_text)
    denominator = _read(sheet, DENOMINATOR, row, subject, reading, count_text)
    if _BROKEN in (numerator, denominator):
        return _BROKEN
    if numerator is None and denominator is None:
        reading.problem(f"{NUMERATOR}{row}", subject, "ô tử số và ô mẫu số trống",
                        "ghi tử số và mẫu số, hoặc `-` ở cả hai ô nếu kỳ này không có số liệu")
        return _BROKEN
    if (numerator == DASH) != (denominator == DASH) or None in (numerator, denominator):
        empty, other = (NUMERATOR, "mẫu số") if numerator in (None, DASH) else (DENOMINATOR, "tử số")
        found = "ô trống" if None in (numerator, denominator) else "`-`"
        reading.problem(f"{empty}{row}", subject, f"{found} trong khi ô {other} có số",
                        "ghi cả tử số và mẫu số (ví dụ 109 và 138), hoặc `-` ở cả hai ô")
        return _BROKEN
    return None if numerator == DASH else {"tu_so": numerator, "mau_so": denominator}


def _count(sheet, indicator: Indicator, places: dict, total, reading: SheetReading):
    row, subject = places[None], f"`{indicator.id}`"
    bound = _read(sheet, BOUND, row, subject, reading, bound_code)
    parts = {c.id: _read(sheet, VALUE, places[c.id], subject, reading, count_text) for c in indicator.components}
    if bound is _BROKEN or _BROKEN in parts.values():
        return _BROKEN
    if total == DASH:
        return _nothing_beside_dash(indicator, places, bound, parts, reading)
    if not _breakdown_complete(parts, places, subject, reading) or total is _BROKEN:
        return _BROKEN
    entry = {"gia_tri": total}
    if bound:
        entry["so_sanh"] = bound
    figures = {c: n for c, n in parts.items() if n != DASH}
    if figures:
        entry["thanh_phan"] = figures
    return entry


def _breakdown_complete(parts: dict, places: dict, subject: str, reading: SheetReading) -> bool:
    """Every component filled: all with a figure, or all `-` (no breakdown this period)."""
    has_figures = any(n not in (None, DASH) for n in parts.values())
    complete = True
    for component, number in parts.items():
        if number is None:
            reading.problem(f"{VALUE}{places[component]}", subject, "ô trống", "ghi số của thành phần, hoặc `-` ở "
                            "mọi thành phần nếu kỳ này không có số chi tiết")
        elif number == DASH and has_figures:
            reading.problem(f"{VALUE}{places[component]}", subject, "`-` ở một thành phần trong khi thành phần "
                            "khác có số", "số của mọi thành phần (0 nếu không có), hoặc `-` ở mọi thành phần")
        else:
            continue
        complete = False
    return complete


def _nothing_beside_dash(indicator: Indicator, places: dict, bound, parts: dict, reading: SheetReading):
    """A `-` total: no bound, and no figure in its breakdown."""
    row, subject = places[None], f"`{indicator.id}`"
    broken = False
    if bound:
        reading.problem(f"{BOUND}{row}", subject, "so sánh cho một chỉ số ghi `-`",
                        f"để trống ô so sánh, hoặc ghi số liệu vào ô {VALUE}{row}")
        broken = True
    for component, number in parts.items():
        if number not in (None, DASH):
            reading.problem(f"{VALUE}{places[component]}", subject,
                            f"số của thành phần khi chỉ số ghi `-` (ô {VALUE}{row})",
                            f"ghi giá trị của chỉ số vào ô {VALUE}{row}, hoặc `-` ở thành phần")
            broken = True
    return _BROKEN if broken else None


def _read(sheet, letter: str, row: int, subject: str, reading: SheetReading, reader):
    """One cell through `reader`; _BROKEN (reported) when it cannot be read."""
    cell = sheet[f"{letter}{row}"]
    try:
        return reader(cell.value)
    except CellIssue as issue:
        reading.problem(f"{letter}{row}", subject, issue.found, issue.expected)
        return _BROKEN


def _id(value: object) -> str:
    return "" if is_empty(value) else str(value).strip()


def _closest(found: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(found, choices, n=1, cutoff=0.6)
    return f" (có phải `{close[0]}`?)" if close else ""
