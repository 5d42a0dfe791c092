"""The Excel workbook in which editors fill one period's figures (`make xlsx-template PERIOD=2021-H2`), and its layout,
which khcn.excel.sheetreading reads back for scripts/import_xlsx.py.

Sheet "Số liệu": the period in B1 (defined name `ky_bao_cao`), the column titles in row 2 (both rows frozen), then
each area's heading row and its indicators in catalogue order, each breakdown's rows under its indicator. An editor
fills only the white cells; the grey ones (ids, names, units, cells a kind of indicator does not use) are how the
importer knows the rows, and it says so when one was changed. The sheet is not protected: editors paste blocks of
figures from their own workbooks, which a protected sheet refuses across grey cells; the white cells are unlocked, so
Review → Protect Sheet leaves exactly them editable for those who want it. Sheet "Hướng dẫn" explains it all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from khcn.core.periods import Period
from khcn.data.kinds import VALUES
from khcn.data.models import BOUND_WORDS, Catalogue, Component, CountValue, Indicator, IndicatorKind, RatioValue, Value
from khcn.excel.cells import DASH
from khcn.excel.periodfile import PeriodFile, read_catalogue, read_period_file, values_path

SHEET = "Số liệu"
GUIDE_SHEET = "Hướng dẫn"
PERIOD_NAME = "ky_bao_cao"  # a defined name: the importer finds the period even if rows were moved
PERIOD_CELL = "B1"
HEADER_ROW = 2
FIRST_ROW = 3

ID, COMPONENT, NAME, UNIT, VALUE, NUMERATOR, DENOMINATOR, BOUND, REASON, HINT = "ABCDEFGHIJ"
TITLES = {ID: "Mã chỉ số", COMPONENT: "Mã thành phần", NAME: "Chỉ số", UNIT: "Đơn vị", VALUE: "Giá trị",
          NUMERATOR: "Tử số", DENOMINATOR: "Mẫu số", BOUND: "So sánh", REASON: "Lý do đính chính", HINT: "Cách ghi"}
VALUE_COLUMNS = (VALUE, NUMERATOR, DENOMINATOR, BOUND, REASON)

_GREY = PatternFill("solid", fgColor="F2F2F2")
_AREA = PatternFill("solid", fgColor="D9D9D9")
_HEAD = PatternFill("solid", fgColor="DDEBF7")
_LINE = Side(style="thin", color="A6A6A6")
_BOX = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)


@dataclass(frozen=True)
class Row:
    """One row of the sheet below the titles: an area's heading, an indicator, or one component of its breakdown."""

    area_name: str | None = None
    indicator: Indicator | None = None
    component: Component | None = None


def white_columns(indicator: Indicator, component: Component | None) -> tuple[str, ...]:
    """The cells an editor fills on a row; every other value cell of the row stays empty."""
    if component is not None:
        return (VALUE,)
    return {IndicatorKind.COUNT: (VALUE, BOUND, REASON), IndicatorKind.PERCENT: (VALUE, REASON),
            IndicatorKind.RATIO: (NUMERATOR, DENOMINATOR, REASON)}[indicator.kind]


def sheet_rows(catalogue: Catalogue) -> list[Row]:
    rows = []
    for area in catalogue.areas:
        rows.append(Row(area_name=area.name))
        for indicator in (i for i in catalogue.indicators if i.area == area.id):
            rows.append(Row(indicator=indicator))
            rows += [Row(indicator=indicator, component=c) for c in indicator.components]
    return rows


def how_to_write(indicator: Indicator, component: Component | None, catalogue: Catalogue) -> str:
    """The "Cách ghi" cell: what the row's white cells take."""
    if component is not None:
        return "Số nguyên; ghi - ở mọi thành phần nếu không có số chi tiết"
    if indicator.kind is IndicatorKind.RATIO:
        hint = f"Tử số và mẫu số ({indicator.denominator}), ví dụ 109 và 138"
    elif indicator.kind is IndicatorKind.PERCENT:
        hint = "Phần trăm từ 0 đến 100, ví dụ 86,96"
    elif indicator.components:
        hint = "Số nguyên, bằng tổng các thành phần bên dưới"
    else:
        hint = "Số nguyên, ví dụ 42"
    parent = next((i for i in catalogue.indicators if i.id == indicator.part_of), None)
    return hint + (f"; không lớn hơn “{parent.name}”" if parent else "")


# --- the workbook --------------------------------------------------------------------------------------------------

def build_workbook(catalogue: Catalogue, period: Period, current: PeriodFile) -> Workbook:
    """The template; with the period's values file, its figures pre-filled (`-` where it has none)."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _top(sheet, period)
    bounds = DataValidation(type="list", formula1=f'"{",".join(BOUND_WORDS.values())}"', allow_blank=True,
                            showErrorMessage=True, errorTitle="So sánh",
                            error="Chọn trên, dưới hoặc khoảng; để trống khi số liệu là số chính xác.",
                            showInputMessage=True, promptTitle="So sánh",
                            prompt="Chỉ chọn khi số liệu là số ước lượng, ví dụ “trên 60”.")
    sheet.add_data_validation(bounds)
    for number, row in enumerate(sheet_rows(catalogue), FIRST_ROW):
        if row.indicator is None:
            _area_row(sheet, number, row.area_name)
            continue
        _indicator_row(sheet, number, row, catalogue)
        if current.exists and row.indicator.id not in current.unreadable:
            _prefill(sheet, number, row, current.values.get(row.indicator.id))
        if row.component is None and row.indicator.kind is IndicatorKind.COUNT:
            bounds.add(f"{BOUND}{number}")
    _widths(sheet, catalogue)
    _guide(book.create_sheet(GUIDE_SHEET), period, current)
    book.defined_names[PERIOD_NAME] = DefinedName(PERIOD_NAME, attr_text=f"{quote_sheetname(SHEET)}!$B$1")
    return book


def template(data_dir: Path, period: Period, shown_as: str = "data") -> tuple[Workbook, list[str]]:
    """The workbook of `period` for the data in `data_dir`, and warnings for the editor; DataErrors when the
    catalogue or the period's file cannot be read."""
    catalogue = read_catalogue(data_dir, shown_as)
    shown = f"{shown_as}/{VALUES.folder}/{period.id}.yaml"
    current = read_period_file(values_path(data_dir, period.id), catalogue, shown)
    warnings = [f"`{i}` trong {shown} không đọc được thành một giá trị của danh mục: không điền sẵn" for i in
                current.unreadable]
    return build_workbook(catalogue, period, current), warnings


def save_workbook(book: Workbook, target: Path) -> None:
    partial = target.with_name(f".{target.name}.tmp")
    book.save(partial)
    partial.replace(target)  # never a half-written workbook under the name an editor opens


def _top(sheet, period: Period) -> None:
    sheet["A1"], sheet[PERIOD_CELL] = "Kỳ báo cáo", period.id
    sheet["C1"] = f"{period.label}: chỉ điền các ô trắng (xem trang “{GUIDE_SHEET}”)"
    for cell in (sheet["A1"], sheet[PERIOD_CELL], sheet["C1"]):
        cell.font = Font(bold=True)
    sheet[PERIOD_CELL].fill = _GREY
    for letter, title in TITLES.items():
        cell = sheet[f"{letter}{HEADER_ROW}"]
        cell.value, cell.font, cell.fill, cell.border = title, Font(bold=True), _HEAD, _BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = f"A{FIRST_ROW}"  # the titles stay in view
    sheet.print_title_rows = f"1:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _area_row(sheet, number: int, name: str) -> None:
    sheet[f"{NAME}{number}"] = name
    for letter in TITLES:
        cell = sheet[f"{letter}{number}"]
        cell.fill, cell.font, cell.border = _AREA, Font(bold=True), _BOX


def _indicator_row(sheet, number: int, row: Row, catalogue: Catalogue) -> None:
    indicator, component = row.indicator, row.component
    sheet[f"{ID}{number}"] = indicator.id
    sheet[f"{COMPONENT}{number}"] = component.id if component else None
    sheet[f"{NAME}{number}"] = f"– {component.name}" if component else indicator.name
    sheet[f"{UNIT}{number}"] = indicator.unit
    sheet[f"{HINT}{number}"] = how_to_write(indicator, component, catalogue)
    white = white_columns(indicator, component)
    for letter in TITLES:
        cell = sheet[f"{letter}{number}"]
        cell.border = _BOX
        cell.alignment = Alignment(wrap_text=letter in (NAME, HINT, REASON), vertical="top",
                                   indent=2 if component and letter == NAME else 0)
        if letter in white:
            cell.protection = Protection(locked=False)
        else:
            cell.fill = _GREY
    if component is None:
        sheet[f"{NAME}{number}"].font = Font(bold=True)


def _prefill(sheet, number: int, row: Row, value: Value | None) -> None:
    """The figures of the values file, so that a correction is a round trip: export, change a cell, import."""
    cells = _figures(row, value)
    for letter in white_columns(row.indicator, row.component):
        if letter in cells:
            sheet[f"{letter}{number}"] = cells[letter]


def _figures(row: Row, value: Value | None) -> dict[str, object]:
    if row.component is not None:
        parts = getattr(value, "components", {})
        return {VALUE: parts.get(row.component.id, DASH)}
    if value is None:
        return {NUMERATOR: DASH, DENOMINATOR: DASH} if row.indicator.kind is IndicatorKind.RATIO else {VALUE: DASH}
    if isinstance(value, RatioValue):
        return {NUMERATOR: value.numerator, DENOMINATOR: value.denominator}
    if isinstance(value, CountValue):
        bound = BOUND_WORDS.get(value.bound)
        return {VALUE: value.value, **({BOUND: bound} if bound else {})}
    number = Decimal(value.value)
    return {VALUE: int(number) if number == number.to_integral_value() else float(number)}


def _widths(sheet, catalogue: Catalogue) -> None:
    """Wide enough for the longest id and most Vietnamese names; longer names wrap."""
    ids = [i.id for i in catalogue.indicators]
    parts = [c.id for i in catalogue.indicators for c in i.components]
    names = [i.name for i in catalogue.indicators] + [a.name for a in catalogue.areas]
    fit = {ID: _longest(ids, 12, 45), COMPONENT: _longest(parts, 14, 30), NAME: _longest(names, 30, 70),
           UNIT: _longest([i.unit for i in catalogue.indicators], 10, 20), VALUE: 12, NUMERATOR: 10,
           DENOMINATOR: 10, BOUND: 11, REASON: 32, HINT: 46}
    for letter, width in fit.items():
        sheet.column_dimensions[letter].width = width


def _longest(texts: list[str], least: int, most: int) -> int:
    return max(least, min(most, max((len(t) for t in texts), default=0) + 3))


def _guide(sheet, period: Period, current: PeriodFile) -> None:
    sheet.column_dimensions["A"].width = 110
    for number, line in enumerate(guide_lines(period, current), 1):
        cell = sheet.cell(number, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if number == 1:
            cell.font = Font(bold=True, size=14)


def guide_lines(period: Period, current: PeriodFile) -> list[str]:
    file = f"data/so-lieu/{period.id}.yaml"
    if current.exists:
        filled = (f"Bảng đã điền sẵn số liệu hiện có của kỳ này (tệp {file}); ô ghi - là chỉ số kỳ này chưa có "
                  "số liệu. Chỉ sửa những ô cần sửa rồi nhập lại. Số đã công bố trên trang web chỉ sửa được khi "
                  "ghi lý do ở cột “Lý do đính chính”.")
    else:
        filled = f"Kỳ này chưa có số liệu (chưa có tệp {file}): các ô trắng để trống, chờ điền."
    return [
        f"Cách điền bảng số liệu kỳ {period.id} ({period.label})",
        "",
        filled,
        "1. Chỉ điền vào các ô trắng của trang “Số liệu”. Không sửa các ô xám (mã chỉ số, mã thành phần, tên chỉ "
        "số, đơn vị, cách ghi, ô B1 ghi kỳ báo cáo): chương trình nhập nhận ra từng dòng theo mã ở cột A và B.",
        "2. Không xoá, thêm hay đổi chỗ các cột; không xoá dòng nào; không gộp ô (Merge) trong vùng số liệu.",
        "3. Mỗi ô trắng phải có số liệu. Kỳ này không có số liệu của một chỉ số thì ghi dấu - (gạch ngang).",
        "4. Số lượng (số đếm): viết liền các chữ số, ví dụ 1234. Không viết 1.234 hay 1,234: dấu chấm, dấu "
        "phẩy giữa các chữ số có thể hiểu sai nên bị từ chối.",
        "5. Phần trăm: ví dụ 86,96 hoặc 100 (không cần dấu %), từ 0 đến 100.",
        "6. Tỉ lệ (phân số): ghi tử số ở cột “Tử số” và mẫu số ở cột “Mẫu số”, ví dụ 109 và 138; tử số không lớn "
        "hơn mẫu số; không có số liệu thì ghi - ở cả hai ô.",
        "7. Thành phần: các dòng thụt vào dưới một chỉ số; cộng lại phải bằng giá trị của chỉ số. Không có số chi "
        "tiết thì ghi - ở mọi dòng thành phần (vẫn ghi giá trị của chỉ số).",
        "8. So sánh: chọn trên, dưới hoặc khoảng khi số liệu là số ước lượng (ví dụ “trên 60”); để trống khi là "
        "số chính xác.",
        "9. Lý do đính chính: chỉ ghi khi sửa một số đã công bố trên trang web; trang thống kê ghi kèm giá trị cũ "
        "và lý do.",
        f"10. Nhập bảng: make xlsx-import FILE=so-lieu-{period.id}.xlsx (thêm DRY_RUN=1 để xem "
        "trước). Chương trình báo mọi lỗi kèm ô (ví dụ Số liệu!E7) và chỉ ghi tệp khi không còn lỗi nào.",
    ]
