"""Excel in and out: the template of a period (scripts/xlsx_template.py), filled here with openpyxl as an editor would,
and imported back (scripts/import_xlsx.py) into a copy of the tiny fixture data, never into the repository's data/."""

import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

import import_xlsx
import xlsx_template
from conftest import ROOT, edit, git
from khcn.data.dataset import load_site_data
from khcn.data.fields import VIETNAM
from khcn.excel.importer import import_workbook

# The figures of tests/fixtures/tiny/data/so-lieu/2021-H1.yaml, typed the ways editors type them: real numbers, an
# integer Excel keeps as 1234.0, text, a percentage in a `%` cell (Excel keeps 86,96% as 0.8696).
H1_FIGURES = {
    ("phuong-tien-do", None): {"E": 1234.0},
    ("phuong-tien-do", "cot-do"): {"E": "1226"},
    ("phuong-tien-do", "can"): {"E": 8},
    ("san-pham-bao-ho", None): {"E": 200},
    ("san-pham-dac-san", None): {"E": 60, "H": "trên"},
    ("xa-ap-dung", None): {"F": 109, "G": "138"},
    ("co-quan-ap-dung", None): {"E": ("0.8696", "0.00%")},
    ("de-tai-du-an", None): {"E": 2},
    ("de-tai-du-an", "cap-tinh"): {"E": 1},
    ("de-tai-du-an", "nong-thon-mien-nui"): {"E": 1},
}


def _template(data: Path, period: str, folder: Path) -> Path:
    out = folder / f"so-lieu-{period}.xlsx"
    assert xlsx_template.main([period, "--data", str(data), "--out", str(out)]) == 0
    return out


def _rows(sheet) -> dict:
    """(indicator, component) -> row number."""
    return {(row[0].value, row[1].value): row[0].row for row in sheet.iter_rows(min_row=3) if row[0].value}


def _fill(workbook: Path, figures: dict, change=None) -> None:
    """Type `figures` into the sheet ({(indicator, component): {column: value}}), then let `change` spoil it."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["Số liệu"]
    rows = _rows(sheet)
    for key, cells in figures.items():
        for column, value in cells.items():
            cell = sheet[f"{column}{rows[key]}"]
            if isinstance(value, tuple):  # a number with its Excel format
                cell.value, cell.number_format = float(value[0]), value[1]
            else:
                cell.value = value
    if change is not None:
        change(book, sheet, rows)
    book.save(workbook)


def _import(capsys, workbook: Path, data: Path, *options: str) -> tuple[int, str, str]:
    code = import_xlsx.main([str(workbook), "--data", str(data), *options])
    out, err = capsys.readouterr()
    return code, out, err



# --- the round trip -------------------------------------------------------------------------------------------------

def test_a_filled_template_imports_as_the_fixture_values(tiny_data, tmp_path, capsys):
    workbook = _template(tiny_data, "2021-H2", tmp_path)
    sheet = openpyxl.load_workbook(workbook)["Số liệu"]
    assert sheet[f"E{_rows(sheet)[('phuong-tien-do', None)]}"].value is None  # no file for 2021-H2: nothing filled
    _fill(workbook, H1_FIGURES)
    code, out, err = _import(capsys, workbook, tiny_data)
    assert (code, err) == (0, "")
    assert "+ mới `phuong-tien-do`: 1234 (cot-do 1226, can 8)" in out
    site = load_site_data(tiny_data)
    assert site.period_values("2021-H2") == site.period_values("2021-H1")
    text = (tiny_data / "so-lieu/2021-H2.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../.vscode/schemas/so-lieu.schema.json\n"
                           "# Số liệu kỳ 2021-H2 (6 tháng cuối năm 2021), nhập từ bảng tính so-lieu-2021-H2.xlsx.\n\n"
                           "# Đo lường\nphuong-tien-do:\n  gia_tri: 1234\n  thanh_phan:\n    cot-do: 1226\n")
    assert "\nxa-ap-dung: 109/138\nco-quan-ap-dung: 86,96\n\n# Sở hữu trí tuệ\nsan-pham-bao-ho: 200\n" in text


def test_floats_are_read_at_excel_precision(tiny_data, tmp_path, capsys):
    workbook = _template(tiny_data, "2021-H2", tmp_path)
    _fill(workbook, {**H1_FIGURES, ("co-quan-ap-dung", None): {"E": 86.96000000000001},
                     ("san-pham-bao-ho", None): {"E": 200.0}})
    assert _import(capsys, workbook, tiny_data)[0] == 0
    text = (tiny_data / "so-lieu/2021-H2.yaml").read_text(encoding="utf-8")
    assert "\nco-quan-ap-dung: 86,96\n" in text and "\nsan-pham-bao-ho: 200\n" in text


def test_the_real_period_file_comes_back_byte_for_byte(tmp_path):
    """The style of data/so-lieu/2021-H1.yaml is the style written: its template, imported unchanged, is the file."""
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    workbook = _template(data, "2021-H1", tmp_path)
    outcome = import_workbook(workbook, data, dry_run=True)
    assert outcome.problems == []
    assert outcome.text == (ROOT / "data/so-lieu/2021-H1.yaml").read_text(encoding="utf-8")


def test_a_dash_means_no_figure_this_period(tiny_data, tmp_path, capsys):
    workbook = _template(tiny_data, "2021-H2", tmp_path)
    _fill(workbook, {**H1_FIGURES, ("phuong-tien-do", None): {"E": "-"}, ("phuong-tien-do", "cot-do"): {"E": None},
                     ("phuong-tien-do", "can"): {"E": "–"}, ("xa-ap-dung", None): {"F": "-", "G": "-"},
                     ("de-tai-du-an", "cap-tinh"): {"E": "-"}, ("de-tai-du-an", "nong-thon-mien-nui"): {"E": "-"}})
    assert _import(capsys, workbook, tiny_data)[0] == 0
    values = load_site_data(tiny_data).period_values("2021-H2")
    assert sorted(values) == ["co-quan-ap-dung", "de-tai-du-an", "san-pham-bao-ho", "san-pham-dac-san"]
    assert values["de-tai-du-an"].components == {}  # a total without its breakdown


def test_a_dash_keeps_the_reason_a_period_has_no_figure(tiny_data, tmp_path, capsys):
    """2020-H2 says why `phuong-tien-do` has no figure (`khong_co_so_lieu`): the template shows `-`, and an import
    of that `-` keeps the reason rather than dropping it; a figure typed in its place replaces it, and says so."""
    reason = (tiny_data / "so-lieu/2020-H2.yaml").read_text(encoding="utf-8").split("khong_co_so_lieu: ")[1].strip()
    workbook = _template(tiny_data, "2020-H2", tmp_path)
    sheet = openpyxl.load_workbook(workbook)["Số liệu"]
    assert sheet[f"E{_rows(sheet)[('phuong-tien-do', None)]}"].value == "-"
    code, out, err = _import(capsys, workbook, tiny_data)
    assert (code, err) == (0, "") and "không đổi: 3 chỉ số" in out
    assert load_site_data(tiny_data).blanks == {("phuong-tien-do", "2020-H2"): reason}
    _fill(workbook, {("phuong-tien-do", None): {"E": 5}})
    code, out, err = _import(capsys, workbook, tiny_data)
    assert (code, err) == (0, "") and "+ mới `phuong-tien-do`: 5 (trước đây ghi không có số liệu)" in out
    site = load_site_data(tiny_data)
    assert site.blanks == {} and site.values[("phuong-tien-do", "2020-H2")].value == 5


def test_dry_run_writes_nothing(tiny_data, tmp_path, capsys):
    workbook = _template(tiny_data, "2021-H2", tmp_path)
    _fill(workbook, H1_FIGURES)
    code, out, _ = _import(capsys, workbook, tiny_data, "--dry-run")
    assert code == 0
    assert "+ mới `xa-ap-dung`: 109/138" in out and "Chạy thử (--dry-run): chưa ghi" in out
    assert not (tiny_data / "so-lieu/2021-H2.yaml").exists()


# --- the sheet --------------------------------------------------------------------------------------------------------

def test_the_sheet_is_laid_out_for_editors(tiny_data, tmp_path):
    book = openpyxl.load_workbook(_template(tiny_data, "2021-H2", tmp_path))
    sheet, rows = book["Số liệu"], _rows(book["Số liệu"])
    count, ratio = rows[("san-pham-dac-san", None)], rows[("xa-ap-dung", None)]
    assert sheet.freeze_panes == "A3"
    assert [c.value for c in sheet[2]][:10] == ["Mã chỉ số", "Mã thành phần", "Chỉ số", "Đơn vị", "Giá trị", "Tử số",
                                               "Mẫu số", "So sánh", "Lý do đính chính", "Cách ghi"]
    assert sheet[f"A{count}"].fill.fgColor.rgb.endswith("F2F2F2") and sheet[f"A{count}"].protection.locked
    assert sheet[f"E{count}"].fill.fill_type is None and not sheet[f"E{count}"].protection.locked
    assert sheet[f"E{ratio}"].fill.fill_type == "solid" and not sheet[f"F{ratio}"].protection.locked
    (bounds,) = sheet.data_validations.dataValidation
    assert bounds.formula1 == '"trên,dưới,khoảng"' and f"H{count}" in str(bounds.sqref)
    assert f"H{ratio}" not in str(bounds.sqref).split()
    assert sheet.column_dimensions["C"].width >= len("Cơ quan áp dụng hệ thống quản lý chất lượng")
    assert list(book.defined_names["ky_bao_cao"].destinations) == [("Số liệu", "$B$1")]
    guide = "\n".join(str(c.value) for c in book["Hướng dẫn"]["A"])
    assert "86,96" in guide and "ghi dấu -" in guide and "Không sửa các ô xám" in guide
    assert "chưa có số liệu" in guide


def test_an_existing_period_is_prefilled(tiny_data, tmp_path):
    book = openpyxl.load_workbook(_template(tiny_data, "2020-H1", tmp_path))
    sheet, rows = book["Số liệu"], _rows(book["Số liệu"])
    cells = {key: [sheet[f"{c}{row}"].value for c in "EFGH"] for key, row in rows.items()}
    assert cells[("phuong-tien-do", None)] == [900, None, None, None]
    assert cells[("phuong-tien-do", "cot-do")] == ["-", None, None, None]  # no breakdown in 2020-H1
    assert cells[("xa-ap-dung", None)] == [None, 95, 138, None]
    assert cells[("co-quan-ap-dung", None)] == ["-", None, None, None]  # no figure in 2020-H1
    guide = "\n".join(str(c.value) for c in book["Hướng dẫn"]["A"])
    assert "Bảng đã điền sẵn số liệu hiện có của kỳ này" in guide


def test_the_template_never_overwrites_a_workbook(tiny_data, tmp_path, capsys):
    out = tmp_path / "so-lieu.xlsx"
    out.write_bytes(b"filled")
    assert xlsx_template.main(["2021-H2", "--data", str(tiny_data), "--out", str(out)]) == 1
    assert out.read_bytes() == b"filled"
    assert "không ghi đè" in capsys.readouterr().err


# --- bad spreadsheets: every problem with its sheet and cell, nothing written ----------------------------------------

def _set(key, column, value):
    def change(book, sheet, rows):
        cell = sheet[f"{column}{rows[key]}"]
        cell.value, cell.number_format = value, "General"
    return change


def _as_date(key, column):
    """`1/2` typed in a General cell: Excel keeps 1 February, formatted as a date."""
    def change(book, sheet, rows):
        cell = sheet[f"{column}{rows[key]}"]
        cell.value, cell.number_format = datetime(2021, 2, 1), "dd/mm/yyyy"
    return change


def _merge(book, sheet, rows):
    row = rows[("phuong-tien-do", None)]
    sheet.merge_cells(f"E{row}:E{row + 1}")


def _delete_row(book, sheet, rows):
    sheet.delete_rows(rows[("san-pham-dac-san", None)])


BAD = {
    "a dot between digits": (_set(("phuong-tien-do", "cot-do"), "E", "1.226"),
                             ["Số liệu!E{cot-do} (`phuong-tien-do`): gặp `1.226` có dấu ngăn cách hàng nghìn",
                              "cần viết 1226"]),
    "text in a value cell": (_set(("san-pham-bao-ho", None), "E", "chưa rõ"),
                             ["Số liệu!E{san-pham-bao-ho} (`san-pham-bao-ho`): gặp `chưa rõ`; cần một số nguyên"]),
    "a merged block": (_merge, ["Số liệu!E{phuong-tien-do}: gặp các ô gộp E{phuong-tien-do}:E{cot-do}; cần bỏ gộp ô"]),
    "an empty value cell": (_set(("san-pham-bao-ho", None), "E", None),
                            ["Số liệu!E{san-pham-bao-ho} (`san-pham-bao-ho`): gặp ô trống; cần ghi số liệu, hoặc "
                             "`-` nếu kỳ này không có số liệu."]),
    "a decimal in a count": (_set(("san-pham-bao-ho", None), "E", 12.5),
                             ["Số liệu!E{san-pham-bao-ho} (`san-pham-bao-ho`): gặp số thập phân `12,5`"]),
    "a percentage over 100": (_set(("co-quan-ap-dung", None), "E", 120),
                              ["Số liệu!E{co-quan-ap-dung} (`co-quan-ap-dung`): gặp 120% (lớn hơn 100%)"]),
    "half a ratio": (_set(("xa-ap-dung", None), "G", None),
                     ["Số liệu!G{xa-ap-dung} (`xa-ap-dung`): gặp ô trống trong khi ô tử số có số; cần ghi cả tử số "
                      "và mẫu số"]),
    "a changed id": (_set(("san-pham-bao-ho", None), "A", "san-pham-bao-hoo"),
                     ["Số liệu!A{san-pham-bao-ho}: gặp mã chỉ số `san-pham-bao-hoo` không có trong danh mục; cần mã "
                      "một chỉ số của danh mục (có phải `san-pham-bao-ho`?)",
                      "Số liệu (`san-pham-bao-ho`): gặp thiếu dòng của chỉ số `san-pham-bao-ho` "
                      "(Sản phẩm được bảo hộ)"]),
    "a deleted row": (_delete_row, ["Số liệu (`san-pham-dac-san`): gặp thiếu dòng của chỉ số `san-pham-dac-san` "
                                    "(Sản phẩm đặc sản được bảo hộ): dòng đã bị xoá"]),
    "a dash beside figures in a breakdown": (_set(("phuong-tien-do", "can"), "E", "-"),
                                             ["Số liệu!E{can} (`phuong-tien-do`): gặp `-` ở một thành phần trong "
                                              "khi thành phần khác có số"]),
    "a figure Excel turned into a date": (_as_date(("san-pham-bao-ho", None), "E"),
                                          ["Số liệu!E{san-pham-bao-ho} (`san-pham-bao-ho`): gặp một ngày tháng"]),
    "a figure in a grey cell": (_set(("xa-ap-dung", None), "E", "109/138"),
                                ["Số liệu!E{xa-ap-dung} (`xa-ap-dung`): gặp `109/138` trong một ô xám"]),
    "a bound not in the list": (_set(("san-pham-dac-san", None), "H", "hơn"),
                                ["Số liệu!H{san-pham-dac-san} (`san-pham-dac-san`): gặp `hơn`"]),
    # the checks of khcn.data.dataset, told at the cell
    "a breakdown that does not add up": (_set(("phuong-tien-do", "cot-do"), "E", 1227),
                                         ["Số liệu!E{phuong-tien-do} (`phuong-tien-do`): gặp tổng 1234 nhưng các "
                                          "thành phần cộng lại 1227 + 8 = 1235"]),
    "a numerator over its denominator": (_set(("xa-ap-dung", None), "F", 140),
                                         ["Số liệu!F{xa-ap-dung} (`xa-ap-dung`): gặp tử số 140 lớn hơn mẫu số 138"]),
    "a part over its whole": (_set(("san-pham-dac-san", None), "E", 300),
                              ["Số liệu!E{san-pham-dac-san} (`san-pham-dac-san`): gặp 300, lớn hơn `san-pham-bao-ho`"]),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_spreadsheet_says_where_and_writes_nothing(case, tiny_data, tmp_path, capsys):
    change, messages = BAD[case]
    workbook = _template(tiny_data, "2021-H2", tmp_path)
    rows = _rows(openpyxl.load_workbook(workbook)["Số liệu"])
    _fill(workbook, H1_FIGURES, change)
    code, _, err = _import(capsys, workbook, tiny_data)
    assert code == 1
    assert "chưa ghi tệp nào" in err
    places = {component or indicator: row for (indicator, component), row in rows.items()}
    for message in messages:
        assert message.format(**places) in err
    assert not (tiny_data / "so-lieu/2021-H2.yaml").exists()


def test_the_period_comes_from_the_workbook_or_the_command(tiny_data, tmp_path, capsys):
    workbook = _template(tiny_data, "2021-H2", tmp_path)
    _fill(workbook, H1_FIGURES, lambda book, sheet, rows: book.defined_names.pop("ky_bao_cao"))
    code, _, err = _import(capsys, workbook, tiny_data)
    assert code == 1 and "Số liệu!B1: gặp bảng không ghi kỳ báo cáo; cần ghi kỳ trong lệnh" in err
    assert _import(capsys, workbook, tiny_data, "--period", "2021-H2")[0] == 0
    assert (tiny_data / "so-lieu/2021-H2.yaml").is_file()
    other = _template(tiny_data, "2021", tmp_path)
    _fill(other, H1_FIGURES)
    code, _, err = _import(capsys, other, tiny_data, "--period", "2021-H2")
    assert code == 1 and "gặp kỳ 2021 của bảng, khác kỳ 2021-H2 của lệnh" in err


# --- existing files: notes, comments, published values -------------------------------------------------------------

def test_an_unchanged_import_keeps_notes_and_the_top_comment_and_names_lost_comments(tiny_data, tmp_path, capsys):
    values = tiny_data / "so-lieu/2020-H1.yaml"
    values.write_text("# Số liệu kỳ 2020-H1, theo báo cáo sáu tháng.\n"
                      "san-pham-bao-ho:\n  gia_tri: 150  # theo sổ bảo hộ\n  dinh_chinh:\n    - ngay: 15/11/2020\n"
                      "      gia_tri_cu: 149\n      ly_do: \"Bổ sung: một văn bằng\"\n"
                      "xa-ap-dung: 95/138\nphuong-tien-do: 900\n", encoding="utf-8")
    workbook = _template(tiny_data, "2020-H1", tmp_path)
    code, out, err = _import(capsys, workbook, tiny_data)
    assert code == 0
    assert "không đổi: 3 chỉ số" in out
    assert "Cảnh báo: ghi chú (comment) của tệp hiện có sẽ mất — dòng 3: # theo sổ bảo hộ." in err
    text = values.read_text(encoding="utf-8")
    assert text.startswith("# Số liệu kỳ 2020-H1, theo báo cáo sáu tháng.\n\n# Đo lường\n")
    assert ("san-pham-bao-ho:\n  gia_tri: 150\n  dinh_chinh:\n    - ngay: 15/11/2020\n      gia_tri_cu: 149\n"
            "      ly_do: \"Bổ sung: một văn bằng\"\n") in text
    note = load_site_data(tiny_data).values[("san-pham-bao-ho", "2020-H1")].corrections[0]
    assert (note.previous, note.reason) == ("149", "Bổ sung: một văn bằng")


def test_a_published_value_changes_only_with_a_reason(published, tmp_path, capsys):
    workbook = _template(published, "2021-H1", tmp_path)
    _fill(workbook, {("xa-ap-dung", None): {"F": 110}})
    before = (published / "so-lieu/2021-H1.yaml").read_text(encoding="utf-8")
    row = _rows(openpyxl.load_workbook(workbook)["Số liệu"])[("xa-ap-dung", None)]
    code, _, err = _import(capsys, workbook, published)
    assert code == 1
    assert (f"Số liệu!F{row} (`xa-ap-dung`): gặp giá trị đã công bố 109/138 nay là 110/138; cần lý do đính chính ở ô "
            f"Số liệu!I{row}") in err
    assert (published / "so-lieu/2021-H1.yaml").read_text(encoding="utf-8") == before
    _fill(workbook, {("xa-ap-dung", None): {"I": "Thêm một xã báo cáo muộn."}})
    code, out, _ = _import(capsys, workbook, published)
    assert code == 0 and "~ đổi `xa-ap-dung`: 109/138 → 110/138" in out
    note = load_site_data(published).values[("xa-ap-dung", "2021-H1")].corrections
    assert [(n.previous, n.reason, n.date) for n in note] == [("109/138", "Thêm một xã báo cáo muộn.",
                                                                  datetime.now(VIETNAM).date())]
    assert _import(capsys, workbook, published)[0] == 0  # the same workbook again: still one note
    assert len(load_site_data(published).values[("xa-ap-dung", "2021-H1")].corrections) == 1


def test_removing_a_published_value_is_refused(published, tmp_path, capsys):
    workbook = _template(published, "2021-H1", tmp_path)
    _fill(workbook, {("san-pham-bao-ho", None): {"E": "-"}})
    row = _rows(openpyxl.load_workbook(workbook)["Số liệu"])[("san-pham-bao-ho", None)]
    code, _, err = _import(capsys, workbook, published)
    assert code == 1 and f"Số liệu!E{row} (`san-pham-bao-ho`): gặp `-` nhưng kỳ này đã công bố 200" in err


def test_the_copy_is_checked_against_the_real_files_history(published, tmp_path, capsys):
    """An earlier published change whose note was since deleted by hand: only the real file's history knows."""
    values = published / "so-lieu/2021-H1.yaml"
    edit(values, "co-quan-ap-dung: 86,96", "co-quan-ap-dung:\n  gia_tri: 90\n  dinh_chinh:\n    - ngay: 01/11/2021\n"
                                           "      gia_tri_cu: 86,96\n      ly_do: Tính lại.")
    git(published.parent, "commit", "-qam", "Đính chính")
    edit(values, "  dinh_chinh:\n    - ngay: 01/11/2021\n      gia_tri_cu: 86,96\n      ly_do: Tính lại.\n", "")
    workbook = _template(published, "2021-H1", tmp_path)
    row = _rows(openpyxl.load_workbook(workbook)["Số liệu"])[("co-quan-ap-dung", None)]
    code, _, err = _import(capsys, workbook, published)
    assert code == 1
    assert f"Số liệu!E{row} (`co-quan-ap-dung`): gặp giá trị đã công bố 86,96% nay là 90% mà không có ghi chú" in err
