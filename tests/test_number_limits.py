"""Every number field of every data kind, found by walking the models, gets the extremes: each is refused with
file:line and the limit in Vietnamese, or published exactly (page, CSV, XLSX and JSON of a real build).

A new number field fails `test_every_number_field_has_a_place` until it is given a place in PLACES below.
"""

from __future__ import annotations

import json
import typing
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from pydantic import BaseModel, PlainValidator

from conftest import copy_tiny_data, make_project, run_build
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from khcn.data.fields import MAX_COUNT, MAX_DIGITS, read_count, read_percentage
from khcn.data.kinds import KINDS

# --- the number fields, from the models -----------------------------------------------------------------------------

NUMBER_READERS = {read_count: "count", read_percentage: "percentage"}


def _number_type(annotation) -> str | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, PlainValidator) and meta.func in NUMBER_READERS:
            return NUMBER_READERS[meta.func]
    return None


def _walk(annotation, path: tuple, found: dict, seen: set) -> None:
    """Every number type reachable from `annotation`: (model name, field alias path) → count or percentage."""
    if (kind := _number_type(annotation)) is not None:
        found[path] = kind
        return
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        for name, info in annotation.model_fields.items():
            field_type = info.annotation
            if info.metadata:  # `value: Count` arrives as int with its validator in the metadata
                field_type = typing.Annotated[(field_type, *info.metadata)]
            _walk(field_type, (annotation.__name__, info.alias or name), found, seen | {annotation})
        return
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is dict:
        _walk(args[1], (*path, "*"), found, seen)
    elif args:
        for arg in args:
            _walk(arg, path, found, seen)


def number_fields() -> dict[tuple, str]:
    found: dict = {}
    for kind in KINDS:
        _walk(kind.shape, (), found, set())
    return found


# --- where each number field is written in the tiny fixture ---------------------------------------------------------
# (file under data/, text with X for the value, the line of X, the field a message names)

PERIOD_FILE = "so-lieu/2019.yaml"  # a period of its own: no report or bulletin quotes it
PLACES = {
    ("CountValue", "gia_tri"): (PERIOD_FILE, "phuong-tien-do:\n  gia_tri: X\n", 2, "phuong-tien-do.gia_tri"),
    ("CountValue", "thanh_phan", "*"): (PERIOD_FILE, "phuong-tien-do:\n  gia_tri: X\n  thanh_phan:\n    cot-do: X\n"
                                        "    can: 0\n", 4, "phuong-tien-do.thanh_phan.cot-do"),
    ("RatioValue", "tu_so"): (PERIOD_FILE, f"xa-ap-dung:\n  tu_so: X\n  mau_so: {MAX_COUNT}\n", 2, "xa-ap-dung.tu_so"),
    ("RatioValue", "mau_so"): (PERIOD_FILE, "xa-ap-dung:\n  tu_so: 0\n  mau_so: X\n", 3, "xa-ap-dung.mau_so"),
    ("PercentValue", "gia_tri"): (PERIOD_FILE, "co-quan-ap-dung:\n  gia_tri: X\n", 2, "co-quan-ap-dung.gia_tri"),
    ("Report", "luot_xem_trang_cu"): ("bao-cao/2021-6-thang.yaml", "luot_xem_trang_cu: X", 5, "luot_xem_trang_cu"),
    ("LegacyOrigin", "luot_xem"): ("tin-tuc/2021/kiem-dinh-phuong-tien-do.md",
                                   "chuyen_muc: tin-hoat-dong\ntrang_cu:\n  tep: cu.txt\n  ma: cu\n  luot_xem: X", 9,
                                   "trang_cu.luot_xem"),
    ("Publication", "so_luong_in"): ("ban-tin.yaml", "so_luong_in: X", 8, "so_luong_in"),
    ("Edition", "so"): ("ban-tin/2021-1.yaml", "so: X\nnam: 2021", 1, "so"),
    ("Edition", "nam"): ("ban-tin/2021-1.yaml", "so: 1\nnam: X", 2, "nam"),
}
ORIGINALS = {"bao-cao/2021-6-thang.yaml": "luot_xem_trang_cu: 1234",
             "tin-tuc/2021/kiem-dinh-phuong-tien-do.md": "chuyen_muc: tin-hoat-dong",
             "ban-tin.yaml": "so_luong_in: 500", "ban-tin/2021-1.yaml": "so: 1\nnam: 2021"}
# An edition's number and year have rules of their own (numbered from 1 without gaps, the file's name) that refuse
# most counts: only the refusals of the number itself are tried for them.
OWN_RULES = {("Edition", "so"), ("Edition", "nam")}

LARGEST = {"count": str(MAX_COUNT), "percentage": "99," + "9" * (MAX_DIGITS - 2)}
ACCEPTED = {
    "count": {"0": 0, LARGEST["count"]: MAX_COUNT, "0" * 40 + LARGEST["count"]: MAX_COUNT},
    "percentage": {"0": Decimal(0), "100": Decimal(100), LARGEST["percentage"]: Decimal(LARGEST["percentage"].replace(
        ",", ".")), "0," + "0" * 20 + "1": Decimal("1e-21"), "100," + "0" * 30: Decimal(100)},
}
REFUSED = {
    "count": [str(MAX_COUNT + 1), "1" + "0" * 30, "9" * 5000, "-1", "-" + str(MAX_COUNT), "1e3", "1E+30", "0x10",
              "1_000", "NaN", "inf", "١٢", "１２"],
    "percentage": ["100,0000000000001", "99," + "9" * (MAX_DIGITS - 1), "86," + "1" * 40, "1" + "0" * 30, "-0,5",
                   "1e2", "NaN", "Infinity", "0," + "1" * 5000, "８６,９６"],
}


def test_every_number_field_has_a_place():
    fields = number_fields()
    assert set(fields) == set(PLACES), "give each new number field its place in PLACES"
    assert set(fields.values()) == {"count", "percentage"}


def _write(data: Path, place: tuple, value: str) -> None:
    file, text, _, _ = place
    path = data / file
    if file in ORIGINALS:
        old = path.read_text(encoding="utf-8")
        assert ORIGINALS[file] in old, f"fixture changed: {file}"
        path.write_text(old.replace(ORIGINALS[file], text.replace("X", value), 1), encoding="utf-8")
    else:
        path.write_text(text.replace("X", value), encoding="utf-8")


CASES = [(field, text, True) for field, kind in number_fields().items() for text in ACCEPTED[kind]
         if field not in OWN_RULES]
CASES += [(field, text, False) for field, kind in number_fields().items() for text in REFUSED[kind]]


@pytest.mark.parametrize(("field", "text", "accepted"), CASES,
                         ids=[f"{'.'.join(f)}={t[:20]}{'…' if len(t) > 20 else ''}" for f, t, _ in CASES])
def test_number_extremes_are_refused_with_file_and_line_or_read_exactly(tiny_data, field, text, accepted):
    place = PLACES[field]
    _write(tiny_data, place, text)
    if accepted:
        load_site_data(tiny_data, check_history=False)  # no DataErrors
        return
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False)
    file, _, line, name = place
    path = tuple(name.split("."))
    at = [e for e in caught.value.errors if e.file == f"data/{file}" and e.line == line and e.path == path]
    assert at, "\n".join(str(e) for e in caught.value.errors)
    error = at[0]
    assert len(error.found) < 80 and len(error.expected) < 200  # a 5000-digit number is not printed whole
    kind = number_fields()[field]
    if kind == "count" and text.isascii() and text.isdigit() and len(text.lstrip("0")) > MAX_DIGITS:
        assert f"tối đa {MAX_DIGITS} chữ số" in error.expected and "999.999.999.999.999" in error.expected
    if kind == "percentage" and text.isascii() and "," in text and "-" not in text and Decimal(
            text.replace(",", ".")) <= 100:
        assert f"tối đa {MAX_DIGITS} chữ số" in error.expected


# --- the largest numbers, built and read back from every download ----------------------------------------------------

def test_the_largest_numbers_publish_exactly_on_the_pages_and_in_every_download(tmp_path):
    data = copy_tiny_data(tmp_path)
    big, percent = LARGEST["count"], LARGEST["percentage"]
    (data / PERIOD_FILE).write_text(f"phuong-tien-do:\n  gia_tri: {big}\n  thanh_phan:\n    cot-do: {big}\n"
                                    f"    can: 0\nxa-ap-dung: {big}/{big}\nco-quan-ap-dung: {percent}\n",
                                    encoding="utf-8")
    _write(data, PLACES[("Report", "luot_xem_trang_cu")], big)
    _write(data, PLACES[("LegacyOrigin", "luot_xem")], big)
    project = make_project(tmp_path / "project", data)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    shown = "999.999.999.999.999"
    indicator_page = (site / "thong-ke/chi-so/phuong-tien-do/index.html").read_text(encoding="utf-8")
    assert shown in indicator_page and "<svg" in indicator_page  # the chart is drawn with it
    assert "99,9999999999999%" in (site / "thong-ke/chi-so/co-quan-ap-dung/index.html").read_text(encoding="utf-8")
    assert f"{shown}/{shown} (100,0%)" in (site / "thong-ke/chi-so/xa-ap-dung/index.html").read_text(encoding="utf-8")
    assert f"{shown} lượt xem" in (site / "bao-cao/2021-6-thang/index.html").read_text(encoding="utf-8")
    assert f"{shown} lượt xem" in (site / "tin-tuc/kiem-dinh-phuong-tien-do/index.html").read_text(encoding="utf-8")

    downloads = site / "thong-ke/du-lieu"
    frames = {"csv": pd.read_csv(downloads / "gia-tri.csv", encoding="utf-8-sig", dtype={"gia_tri": str}),
              "xlsx": pd.read_excel(downloads / "gia-tri.xlsx", header=0),
              "json": pd.DataFrame(json.loads((downloads / "gia-tri.json").read_text(encoding="utf-8")))}
    frames["xlsx"].columns = frames["csv"].columns  # the workbook's headers are the Vietnamese titles
    for fmt, frame in frames.items():
        rows = frame[frame["ky"].astype(str) == "2019"]
        rows = rows.assign(part=rows["thanh_phan"].fillna("")).set_index(["chi_so", "part"])
        values = {key: Decimal(str(v)) for key, v in rows["gia_tri"].items()}
        assert values[("phuong-tien-do", "")] == MAX_COUNT, fmt
        assert values[("phuong-tien-do", "cot-do")] == MAX_COUNT, fmt
        assert values[("co-quan-ap-dung", "")] == Decimal(percent.replace(",", ".")), fmt
        assert values[("xa-ap-dung", "")] == 100, fmt
        assert int(rows.loc[("xa-ap-dung", ""), "tu_so"]) == MAX_COUNT == int(rows.loc[("xa-ap-dung", ""), "mau_so"])
