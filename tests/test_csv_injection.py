"""CSV formula injection: a text cell of a download never starts like a formula (OWASP), numbers stay numbers, and
the XLSX files keep the text as it is, typed as text (never a formula)."""

from __future__ import annotations

import io
import typing
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from pydantic import BaseModel, PlainValidator

from khcn.data.dataset import load_site_data
from khcn.data.fields import read_text
from khcn.data.kinds import CATALOGUE, PROJECTS, PROTECTIONS
from khcn.stats.downloads import data_files
from khcn.stats.opendata import Field, Table, csv_bytes, csv_safe

PAYLOADS = ["=HYPERLINK(\"http://x.invalid\",\"bấm\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1", "  =1+1", " \t@x", "＝1+1", "=cmd|' /C calc'!A0"]
FORMULA_SIGNS = tuple("=+-@＝＋－＠\t\r")


def _is_formula(text: str) -> bool:
    return text.lstrip(" \t\r\n\u3000").startswith(FORMULA_SIGNS) or text.startswith(("\t", "\r"))


@pytest.mark.parametrize("text", PAYLOADS)
def test_a_text_that_starts_like_a_formula_gets_a_quote(text):
    assert csv_safe(text) == "'" + text
    assert not _is_formula(csv_safe(text))


@pytest.mark.parametrize("text", ["Chè Shan tuyết", "1+1=2", "a-b", "e@mail.vn", "'quoted", "", "86,96%"])
def test_ordinary_text_is_written_as_it_is(text):
    assert csv_safe(text) == text


FIELDS = [Field("ten", "string", "Tên", "Tên"), Field("so", "integer", "Số", "Số"),
          Field("gia_tri", "number", "Giá trị", "Giá trị")]


def _frame() -> pd.DataFrame:
    rows = [(text, -5 + i, Decimal("-86.96") if i % 2 else -0.5) for i, text in enumerate(PAYLOADS)]
    return pd.DataFrame(rows + [("-12", -12, Decimal(-12))], columns=[f.name for f in FIELDS])


def test_csv_read_back_in_pandas_has_quoted_text_and_negative_numbers():
    back = pd.read_csv(io.BytesIO(csv_bytes(_frame(), FIELDS)), encoding="utf-8-sig", keep_default_na=False)
    assert back["ten"].tolist() == ["'" + text for text in PAYLOADS] + ["'-12"]  # text, even when it reads as -12
    assert back["so"].dtype.kind == "i" and back["so"].tolist() == [-5 + i for i in range(len(PAYLOADS))] + [-12]
    assert back["gia_tri"].dtype.kind == "f" and back["gia_tri"].iloc[0] == -0.5 and back["gia_tri"].iloc[1] == -86.96
    assert back["gia_tri"].iloc[-1] == -12


def test_xlsx_keeps_the_text_as_text_and_numbers_as_numbers():
    table = Table(_frame(), FIELDS)
    data = table.xlsx("Thử", "Sở")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=2))
    # the text as it is (XML reads a carriage return as a line feed)
    assert [row[0].value for row in rows] == [text.replace("\r", "\n") for text in PAYLOADS] + ["-12"]
    assert {row[0].data_type for row in rows} == {"s"}  # strings: never formulas
    assert all(isinstance(row[1].value, int) and isinstance(row[2].value, (int, float)) for row in rows)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    back = pd.read_excel(io.BytesIO(data))
    assert back["Số"].tolist()[-1] == -12 and back["Giá trị"].tolist()[-1] == -12


# --- every text field of the data, from the models, in every CSV download ------------------------------------------

def _is_text(annotation) -> bool:
    return any(isinstance(m, PlainValidator) and m.func is read_text for m in getattr(annotation, "__metadata__", ()))


def _poison(data: object, shape, counter: list[int]) -> object:
    """`data` read along its model (`shape`): every value of a text field replaced by a payload, in turn."""
    if _is_text(shape) and isinstance(data, str):
        counter[0] += 1
        return PAYLOADS[counter[0] % len(PAYLOADS)].strip() or "=1"
    if isinstance(shape, type) and issubclass(shape, BaseModel) and isinstance(data, dict):
        fields = {info.alias or name: info for name, info in shape.model_fields.items()}
        out = {}
        for key, value in data.items():
            info = fields.get(key)
            kept = info is None or key == "gia_tri_cu"  # compared with the published figures
            field_type = typing.Annotated[(info.annotation, *info.metadata)] if info and info.metadata else (
                info.annotation if info else None)
            out[key] = value if kept else _poison(value, field_type, counter)
        return out
    if isinstance(data, list):
        items = typing.get_args(shape)[:1] or [None]
        return [_poison(value, items[0], counter) for value in data]
    for arg in typing.get_args(shape):  # X | None, Annotated[…]
        if arg is not type(None):
            data = _poison(data, arg, counter)
    return data


def test_no_csv_download_has_a_cell_that_starts_like_a_formula(tiny_data: Path):
    poisoned = 0
    for kind in (CATALOGUE, PROJECTS, PROTECTIONS):  # the files whose text the CSV downloads carry
        path = tiny_data / kind.files
        counter = [0]
        text = yaml.safe_dump(_poison(yaml.safe_load(path.read_text(encoding="utf-8")), kind.shape, counter),
                              allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        poisoned += counter[0]
    assert poisoned > 30
    site = load_site_data(tiny_data, check_history=False)
    files = dict(data_files(site))
    csvs = {path: data for path, data in files.items() if path.endswith(".csv")}
    assert len(csvs) > 5
    seen_payloads = 0
    for path, data in csvs.items():
        frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
        for column in frame.columns:
            for cell in frame[column]:
                assert not _is_formula(cell), f"{path}, {column}: {cell!r}"
                seen_payloads += cell.startswith("'")
    assert seen_payloads > 20
    for path, data in files.items():
        if path.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                assert all(b"<f>" not in archive.read(n) for n in archive.namelist() if "worksheets" in n), path
