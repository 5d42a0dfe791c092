"""The open-data writers: Excel-friendly, machine-readable and byte-identical from run to run."""

from __future__ import annotations

import io
import json
import time
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from khcn.stats.opendata import (
    TYPES,
    Field,
    csv_bytes,
    data_package,
    json_bytes,
    resource,
    table_schema,
    xlsx_bytes,
)

CREATOR = "Sở Khoa học và Công nghệ tỉnh Tuyên Quang"  # the organisation publishing the files
FIELDS = [
    Field("ten", "string", "Tên", "Tên nhiệm vụ khoa học và công nghệ"),
    Field("so_luong", "integer", "Số lượng", "Số nhiệm vụ", unit="nhiệm vụ"),
    Field("ty_le", "number", "Tỷ lệ", "Tỷ lệ hoàn thành", unit="%"),
    Field("ngay", "date", "Ngày", "Ngày nghiệm thu"),
    Field("dat", "boolean", "Đạt", "Đã đạt yêu cầu"),
]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            # the extra column is left out of every file: only `FIELDS` are written, in their order
            "ghi_chu": ["x", "y", "z"],
            "dat": [True, False, True],
            "ten": ["Đề tài, dự án cấp tỉnh", "Chè Shan tuyết Na Hang", 'Mô hình "cam sành" Hàm Yên'],
            "so_luong": pd.array([1234, None, 8], dtype="Int64"),
            "ty_le": [86.96, 100.0, 7.5],
            "ngay": [date(2021, 10, 1), date(2023, 12, 31), None],
        }
    )


def _expected() -> pd.DataFrame:
    """What a reader should get back: the fields' columns, in order, with their types."""
    frame = _frame()[[f.name for f in FIELDS]]
    return frame.assign(ngay=pd.to_datetime(frame["ngay"]).astype("datetime64[s]"))


def _same(back: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal values; integer widths and datetime units may differ between readers."""
    dates = back.select_dtypes("datetime").columns
    back = back.astype(dict.fromkeys(dates, "datetime64[s]"))
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)


# --- CSV --------------------------------------------------------------------------------


def test_csv_starts_with_a_bom_and_uses_crlf():
    data = csv_bytes(_frame(), FIELDS)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 4 and data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_csv_reads_back_as_the_frame():
    data = csv_bytes(_frame(), FIELDS)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"so_luong": "Int64"}, parse_dates=["ngay"])
    assert list(back.columns) == [f.name for f in FIELDS]
    _same(back, _expected())
    assert back["dat"].dtype == bool


def test_csv_cells_are_machine_readable():
    lines = csv_bytes(_frame(), FIELDS).decode("utf-8-sig").split("\r\n")
    assert lines[0] == "ten,so_luong,ty_le,ngay,dat"
    assert lines[1] == '"Đề tài, dự án cấp tỉnh",1234,86.96,2021-10-01,true'
    assert lines[2] == "Chè Shan tuyết Na Hang,,100.0,2023-12-31,false"  # missing integer: empty cell
    assert lines[3] == '"Mô hình ""cam sành"" Hàm Yên",8,7.5,,true'  # missing date: empty cell
    assert ".0," not in lines[1] + lines[3]


def test_csv_integers_from_a_float_column_with_gaps_have_no_point_zero():
    frame = pd.DataFrame({"n": [1.0, float("nan"), 3.0]})  # what pandas makes of ints with a gap
    data = csv_bytes(frame, [Field("n", "integer", "Số", "Số")])
    # a lone empty cell is quoted: a blank line would read as no row at all
    assert data == b'\xef\xbb\xbfn\r\n1\r\n""\r\n3\r\n'
    assert pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")["n"].isna().tolist() == [False, True, False]


def test_csv_numbers_have_no_float_noise_exponent_or_thousands_separator():
    frame = pd.DataFrame({"x": [Decimal("86.96"), 0.1 + 0.2, 1e20, 1234567.5]})
    data = csv_bytes(frame, [Field("x", "number", "X", "X")])
    assert data.decode("utf-8-sig").split("\r\n")[1:-1] == [
        "86.96", "0.30000000000000004", "100000000000000000000", "1234567.5"
    ]


def test_csv_refuses_non_integral_integers():
    with pytest.raises((TypeError, ValueError)):
        csv_bytes(pd.DataFrame({"n": [1.5]}), [Field("n", "integer", "Số", "Số")])


# --- XLSX -------------------------------------------------------------------------------


def _sheets() -> list:
    return [
        ("Nhiệm vụ KH&CN", _frame(), FIELDS),
        ("Sản phẩm OCOP", _frame().iloc[:1], FIELDS[:2]),
    ]


def test_xlsx_reads_back_with_vietnamese_headers_and_values():
    book = pd.read_excel(io.BytesIO(xlsx_bytes(_sheets(), "Dữ liệu mở", CREATOR)), sheet_name=None)
    assert list(book) == ["Nhiệm vụ KH&CN", "Sản phẩm OCOP"]
    first = book["Nhiệm vụ KH&CN"]
    assert list(first.columns) == ["Tên", "Số lượng", "Tỷ lệ", "Ngày", "Đạt"]
    expected = _expected().set_axis(list(first.columns), axis=1)
    _same(first, expected)
    assert book["Sản phẩm OCOP"].to_dict("records") == [{"Tên": "Đề tài, dự án cấp tỉnh", "Số lượng": 1234}]


def test_xlsx_cells_are_real_numbers_and_dates_with_formats():
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(_sheets(), "Dữ liệu mở", CREATOR)))
    ws = wb["Nhiệm vụ KH&CN"]
    count, share, when = ws["B2"], ws["C2"], ws["D2"]
    assert (count.data_type, count.value, count.number_format) == ("n", 1234, "#,##0")
    assert (share.data_type, share.value, share.number_format) == ("n", 86.96, "#,##0.00")
    assert when.is_date and when.value.date() == date(2021, 10, 1) and when.number_format == "dd/mm/yyyy"
    assert ws["B3"].value is None and ws["E2"].value is True
    assert all(cell.font.b for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert 8 <= ws.column_dimensions["A"].width <= 60
    assert ws.column_dimensions["A"].width > ws.column_dimensions["E"].width
    assert wb.properties.title == "Dữ liệu mở"
    assert wb.properties.creator == "Sở Khoa học và Công nghệ tỉnh Tuyên Quang"


def test_xlsx_decimals_follow_what_the_column_needs():
    frame = pd.DataFrame({"a": [1.5, 2.0], "b": [Decimal("3"), Decimal("4")]})
    fields = [Field("a", "number", "A", "A"), Field("b", "number", "B", "B")]
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([("S", frame, fields)], "T", CREATOR))).active
    assert ws["A2"].number_format == "#,##0.0"
    assert ws["B2"].number_format == "#,##0" and ws["B2"].data_type == "n"


def test_xlsx_sheet_names_are_made_valid_for_excel():
    name = "Báo cáo [2021/2025]: số liệu * tổng hợp? theo năm"
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([(name, _frame(), FIELDS)], "T", CREATOR)))
    (sheet,) = wb.sheetnames
    assert len(sheet) <= 31
    assert not set(sheet) & set("[]:*?/\\")
    assert sheet.startswith("Báo cáo")


def test_xlsx_is_byte_identical_from_run_to_run():
    first = xlsx_bytes(_sheets(), "Dữ liệu mở", CREATOR)
    time.sleep(1.1)  # past a whole second: any clock time in the file or its zip entries would show
    second = xlsx_bytes(_sheets(), "Dữ liệu mở", CREATOR)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("1980-01-01T00:00:00Z") == 2  # created and modified


# --- JSON -------------------------------------------------------------------------------


def test_json_writes_decimals_as_exact_numbers_and_dates_as_iso():
    data = {"ten": "Chè Shan tuyết Na Hang", "ty_le": Decimal("86.96"), "so": Decimal("42"),
            "ngay": date(2021, 10, 1), "thieu": None}
    text = json_bytes(data).decode("utf-8")
    assert '"ty_le": 86.96,' in text and '"so": 42,' in text
    assert '"ngay": "2021-10-01"' in text
    assert "Chè Shan tuyết Na Hang" in text  # not \u-escaped
    assert text.endswith("}\n") and text.startswith('{\n "ten"')
    assert json.loads(text) == {**data, "ty_le": 86.96, "so": 42, "ngay": "2021-10-01"}


def test_json_keeps_key_order_and_is_deterministic():
    data = {"z": 1, "a": [Decimal("0.1"), Decimal("1.10")]}
    assert json_bytes(data) == json_bytes(data) == b'{\n "z": 1,\n "a": [\n  0.1,\n  1.1\n ]\n}\n'


def test_json_refuses_decimals_a_double_cannot_hold():
    with pytest.raises(ValueError):
        json_bytes({"x": Decimal("0.12345678901234567890123")})


# --- Frictionless descriptors -----------------------------------------------------------


def _package() -> dict:
    return data_package(
        "so-khcn-tuyen-quang.nhiem-vu",
        "Nhiệm vụ khoa học và công nghệ",
        "Danh mục nhiệm vụ KH&CN cấp tỉnh",
        [
            resource("nhiem-vu", "nhiem-vu.csv", "Nhiệm vụ", FIELDS, primary_key=["ten"]),
            resource("san-pham", "san-pham.json", "Sản phẩm", FIELDS[:2], fmt="json"),
        ],
        licenses=[{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                   "title": "Creative Commons Attribution 4.0"}],
    )


def test_table_schema_lists_fields_with_unit_only_when_set():
    schema = table_schema(FIELDS[:2], primary_key=["ten"])
    assert schema == {
        "fields": [
            {"name": "ten", "type": "string", "title": "Tên", "description": "Tên nhiệm vụ khoa học và công nghệ"},
            {"name": "so_luong", "type": "integer", "title": "Số lượng", "description": "Số nhiệm vụ",
             "unit": "nhiệm vụ"},
        ],
        "primaryKey": ["ten"],
    }
    assert "primaryKey" not in table_schema(FIELDS)


def test_data_package_is_a_valid_tabular_data_package():
    package = _package()
    assert {"profile", "name", "title", "description", "resources"} <= set(package)
    assert package["profile"] == "tabular-data-package"
    assert pd.Series([package["name"]]).str.fullmatch(r"[a-z0-9._-]+").all()
    assert package["resources"]
    for res in package["resources"]:
        assert {"name", "path", "schema"} <= set(res)
        assert pd.Series([res["name"]]).str.fullmatch(r"[a-z0-9._-]+").all()
        assert res["schema"]["fields"]
        assert all(f["type"] in TYPES for f in res["schema"]["fields"])
    csv_res, json_res = package["resources"]
    assert (csv_res["mediatype"], csv_res["encoding"]) == ("text/csv", "utf-8-sig")
    assert (json_res["mediatype"], json_res["encoding"]) == ("application/json", "utf-8")
    json.loads(json_bytes(package))  # the descriptor serialises as datapackage.json


def test_every_csv_header_equals_its_schema_field_names():
    res = _package()["resources"][0]
    header = csv_bytes(_frame(), FIELDS).decode("utf-8-sig").split("\r\n")[0].split(",")
    assert header == [f["name"] for f in res["schema"]["fields"]]


@pytest.mark.parametrize("name", ["Nhiệm vụ", "UPPER", "có dấu", ""])
def test_data_package_refuses_names_that_are_not_lower_case_slugs(name):
    with pytest.raises(ValueError):
        data_package(name, "T", "D", [resource("r", "r.csv", "R", FIELDS)])


def test_field_types_are_checked():
    with pytest.raises(ValueError):
        Field("x", "float", "X", "X")


def test_the_downloads_name_the_organisation_of_data_to_chuc():
    """The XLSX creator and the data package's description come from `ten_day_du` in data/to-chuc.yaml, not from a
    name written in the code: the tiny fixture's organisation is not the department's."""
    from conftest import TINY_DATA
    from khcn.data.dataset import load_site_data
    from khcn.stats.downloads import data_files

    site = load_site_data(TINY_DATA)
    files = {path.removeprefix("thong-ke/"): content for path, content in data_files(site)}
    name = site.organisation.full_name
    assert name == "Sở Thử Nghiệm tỉnh Thử Nghiệm"
    for path in ("du-lieu/gia-tri.xlsx", "du-lieu/de-tai-du-an.xlsx"):
        assert openpyxl.load_workbook(io.BytesIO(files[path])).properties.creator == name
    package = json.loads(files["du-lieu/datapackage.json"])
    assert package["description"].startswith(f"Số liệu từ các báo cáo của {name}. ")
    assert "Tuyên Quang" not in package["description"]
