"""Open-data files from DataFrames: CSV, XLSX and JSON, plus their Frictionless descriptors.

Every writer returns bytes that depend only on its input, never on the clock, so the same
commit builds byte-identical downloads on any day. CSV and XLSX are made to open correctly
in Excel for Vietnamese readers (BOM for diacritics, real numbers and dates for the locale).
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

TYPES = ("string", "integer", "number", "date", "boolean")
CREATOR = "Sở Khoa học và Công nghệ tỉnh Tuyên Quang"
FIXED_TIME = datetime(1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
NAME_PATTERN = re.compile(r"^[a-z0-9._-]+$")
MEDIATYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ENCODINGS = {"csv": "utf-8-sig", "json": "utf-8"}  # our CSVs start with a BOM; xlsx is binary


@dataclass(frozen=True)
class Field:
    name: str  # column name in the frame (ASCII snake_case)
    type: str  # Frictionless Table Schema type, one of TYPES
    title: str  # Vietnamese title, the XLSX header
    description: str  # Vietnamese description
    unit: str | None = None  # emitted as the custom schema property "unit"

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"{self.name}: type {self.type!r} is not one of {TYPES}")


# --- one column's values, normalised per field type ------------------------------------


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _values(frame: pd.DataFrame, field: Field) -> list:
    """The column as plain Python values of the field's type, None where missing."""
    column = frame[field.name]
    if field.type == "integer":
        column = column.astype("Int64")  # refuses 1.5; keeps 3 as 3 next to a missing value
    return [None if _missing(v) else _typed(v, field) for v in column.tolist()]


def _typed(value: object, field: Field) -> object:
    if field.type == "integer":
        return int(value)
    if field.type == "number":
        if not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
            raise TypeError(f"{field.name}: {value!r} is not a number")
        if not math.isfinite(value):
            raise ValueError(f"{field.name}: {value!r} is not a finite number")
        return value
    if field.type == "date":
        return pd.Timestamp(value).date()  # accepts date, datetime, Timestamp and ISO text
    if field.type == "boolean":
        if not isinstance(value, bool):
            raise TypeError(f"{field.name}: {value!r} is not a boolean")
        return value
    return str(value)


def _decimal(value: int | float | Decimal) -> Decimal:
    # repr() is the shortest text that round-trips a float: 86.96, not 86.9599999...
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


# --- CSV --------------------------------------------------------------------------------


def _csv_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):  # before numbers: bool is an int
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return format(_decimal(value), "f")  # '.' decimal, no thousands separator, no exponent
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_bytes(frame: pd.DataFrame, fields: list[Field]) -> bytes:
    """UTF-8 with BOM, comma separated, CRLF (RFC 4180); header = field names."""
    text = pd.DataFrame(
        {f.name: pd.Series([_csv_text(v) for v in _values(frame, f)], dtype=object) for f in fields},
        columns=[f.name for f in fields],
    ).to_csv(index=False, lineterminator="\r\n", na_rep="")
    return ("\ufeff" + text).encode("utf-8")  # Excel needs the BOM to read UTF-8 diacritics


# --- XLSX -------------------------------------------------------------------------------


def _sheet_name(name: str) -> str:
    """Excel refuses []:*?/\\ in sheet names and more than 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip(" '")
    return cleaned[:31].rstrip() or "Sheet"


def _decimals(values: list) -> int:
    """How many decimals the column needs to show every value, at most 10."""
    exponents = [_decimal(v).normalize().as_tuple().exponent for v in values if v is not None]
    return min(10, max([0] + [-e for e in exponents if isinstance(e, int)]))


def _number_format(field: Field, values: list) -> str | None:
    if field.type == "integer":
        return "#,##0"
    if field.type == "number":
        decimals = _decimals(values)
        return "#,##0." + "0" * decimals if decimals else "#,##0"
    if field.type == "date":
        return "dd/mm/yyyy"
    return None


def _shown_width(value: object, number_format: str | None) -> int:
    """Roughly how many characters Excel shows for the value."""
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        decimals = len(number_format.partition(".")[2]) if number_format else 0
        return len(f"{_decimal(value):,.{decimals}f}")
    return len(str(value))


def _write_sheet(wb: Workbook, name: str, frame: pd.DataFrame, fields: list[Field]) -> None:
    ws = wb.create_sheet(name)
    ws.append([f.title for f in fields])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for col, field in enumerate(fields, start=1):
        values = _values(frame, field)
        number_format = _number_format(field, values)
        for row, value in enumerate(values, start=2):
            if isinstance(value, Decimal):
                value = float(value)  # Excel stores every number as a double anyway
            cell = ws.cell(row=row, column=col, value=value)
            if number_format and value is not None:
                cell.number_format = number_format
        widest = max([len(field.title)] + [_shown_width(v, number_format) for v in values])
        ws.column_dimensions[get_column_letter(col)].width = min(60, max(8, widest + 2))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _fixed_zip(raw: bytes) -> bytes:
    """The same zip with every entry dated FIXED_TIME: zip entries otherwise carry the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():  # openpyxl writes the parts in a fixed order; keep it
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # the same bytes whichever OS builds the site
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def xlsx_bytes(sheets: list[tuple[str, pd.DataFrame, list[Field]]], title: str) -> bytes:
    """One worksheet per (name, frame, fields); bold frozen header of Vietnamese titles."""
    wb = Workbook()
    wb.remove(wb.active)
    names = [_sheet_name(name) for name, _, _ in sheets]
    if len({n.casefold() for n in names}) != len(names):  # Excel compares sheet names case-blind
        raise ValueError(f"sheet names collide once made valid for Excel: {names}")
    for name, (_, frame, fields) in zip(names, sheets):
        _write_sheet(wb, name, frame, fields)
    wb.properties.title = title
    wb.properties.creator = CREATOR
    wb.properties.created = wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        # ExcelWriter directly: openpyxl's save_workbook() would stamp `modified` with now()
        ExcelWriter(wb, archive).save()
    return _fixed_zip(raw.getvalue())


# --- JSON -------------------------------------------------------------------------------


def _json_number(value: Decimal) -> int | float:
    """A Decimal as the JSON number it reads as: 86.96, never 86.96000000000001."""
    if not value.is_finite():
        raise ValueError(f"{value} is not a JSON number")
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    if Decimal(repr(as_float)) != value:  # more digits than a double holds: refuse to round silently
        raise ValueError(f"{value} cannot be written exactly as a JSON number")
    return as_float


def _plain(data: object) -> object:
    """`data` with Decimals, dates, numpy scalars and pandas missing values made JSON-ready."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_plain(value) for value in data]
    if isinstance(data, np.generic):
        data = data.item()
    if data is pd.NA or data is pd.NaT or (isinstance(data, float) and math.isnan(data)):
        return None
    if isinstance(data, Decimal):
        return _json_number(data)
    if isinstance(data, (date, datetime)):
        return data.isoformat()
    return data


def json_bytes(data: object) -> bytes:
    """UTF-8 JSON, indent 1, keys in the caller's order, trailing newline."""
    text = json.dumps(_plain(data), ensure_ascii=False, indent=1, sort_keys=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


# --- Frictionless descriptors -----------------------------------------------------------


def table_schema(fields: list[Field], primary_key: list[str] | None = None) -> dict:
    """A Frictionless Table Schema; `unit` is a custom property, left out when unset."""
    schema: dict = {"fields": []}
    for f in fields:
        entry = {"name": f.name, "type": f.type, "title": f.title, "description": f.description}
        if f.unit is not None:
            entry["unit"] = f.unit
        schema["fields"].append(entry)
    if primary_key:
        unknown = set(primary_key) - {f.name for f in fields}
        if unknown:
            raise ValueError(f"primary key names unknown fields: {sorted(unknown)}")
        schema["primaryKey"] = list(primary_key)
    return schema


def resource(name: str, path: str, title: str, fields: list[Field], fmt: str = "csv",
             primary_key: list[str] | None = None) -> dict:
    """One tabular data resource of a data package."""
    if fmt not in MEDIATYPES:
        raise ValueError(f"format {fmt!r} is not one of {sorted(MEDIATYPES)}")
    entry = {"profile": "tabular-data-resource", "name": name, "path": path, "title": title,
             "format": fmt, "mediatype": MEDIATYPES[fmt]}
    if fmt in ENCODINGS:
        entry["encoding"] = ENCODINGS[fmt]
    entry["schema"] = table_schema(fields, primary_key)
    return entry


def data_package(name: str, title: str, description: str, resources: list[dict],
                 licenses: list[dict] | None = None) -> dict:
    """A Frictionless Tabular Data Package descriptor (datapackage.json)."""
    for label in [name] + [r.get("name", "") for r in resources]:
        if not NAME_PATTERN.match(label):
            raise ValueError(f"{label!r} is not a lower-case name matching {NAME_PATTERN.pattern}")
    if not resources:
        raise ValueError("a data package needs at least one resource")
    package = {"profile": "tabular-data-package", "name": name, "title": title, "description": description}
    if licenses:
        package["licenses"] = licenses
    package["resources"] = resources
    return package
