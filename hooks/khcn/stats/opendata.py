"""Open-data files from DataFrames: CSV, XLSX and JSON, plus their Frictionless descriptors.

Every writer returns bytes that depend only on its input, never on the clock, so the same
commit builds byte-identical downloads on any day. CSV and XLSX are made to open correctly
in Excel for Vietnamese readers (BOM for diacritics, real numbers and dates for the locale).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape as xml_escape

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from khcn.rendering import render_fragment

TYPES = ("string", "integer", "number", "date", "boolean")
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


# A spreadsheet opening a CSV runs a cell that starts like a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`, `-2+3`),
# even after spaces, a tab or a carriage return; so does LibreOffice for the full-width signs. Such a text cell gets a
# single quote in front (OWASP, "CSV Injection"), which spreadsheets show as text. Numbers are written by their type,
# never through here: a negative number stays a number. The XLSX files need none of this: their text cells are typed
# as strings (`inlineStr`), never read as formulas.
_FORMULA_START = re.compile(r"^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]")


def csv_safe(text: str) -> str:
    """A text cell that no spreadsheet reads as a formula."""
    return "'" + text if _FORMULA_START.match(text) else text


def _csv_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):  # before numbers: bool is an int
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return format(_decimal(value), "f")  # '.' decimal, no thousands separator, no exponent
    if isinstance(value, date):
        return value.isoformat()
    return csv_safe(value)


def csv_bytes(frame: pd.DataFrame, fields: list[Field]) -> bytes:
    """UTF-8 with BOM, comma separated, CRLF (RFC 4180); header = field names; text cells never formulas."""
    return Table(frame, fields).csv()


def _csv_line(values: list) -> str:
    out = io.StringIO()
    # a lone empty cell would read as a blank line, which readers skip: quote it
    quoting = csv.QUOTE_MINIMAL if len(values) > 1 or values[0] is not None else csv.QUOTE_ALL
    csv.writer(out, lineterminator="\r\n", quoting=quoting).writerow(
        ["" if v is None else _csv_text(v) for v in values])
    return out.getvalue()


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


# SpreadsheetML written directly from templates/xlsx/: openpyxl took ~15 ms a workbook, too slow for a
# download per indicator on a site with thousands of them; this takes about 1 ms.
_EXCEL_EPOCH = date(1899, 12, 30)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML


def _cell(value: object, style: int) -> str:
    """One cell of a row. Rows and cells carry no `r` reference (it is optional), so a rendered row can go
    into any file: an indicator's download is a slice of the rows of the whole table. Built with f-strings,
    not the template: this runs for every cell of every download."""
    if value is None:
        return "<c/>"
    if isinstance(value, bool):
        return f'<c t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float, Decimal)):
        return f'<c s="{style}"><v>{format(_decimal(value), "f")}</v></c>'
    if isinstance(value, date):
        return f'<c s="{style}"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    text = xml_escape(_CONTROL.sub("", str(value)))
    return f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


class Table:
    """A frame rendered once, row by row, for CSV and XLSX; any subset of its rows is then a file in itself."""

    def __init__(self, frame: pd.DataFrame, fields: list[Field]):
        self.fields = fields
        columns = [_values(frame, f) for f in fields]
        self.formats = [_number_format(f, values) for f, values in zip(fields, columns)]
        self.styles = {nf: i + 2 for i, nf in enumerate(dict.fromkeys(nf for nf in self.formats if nf))}
        rows = list(zip(*columns)) if columns else []
        self.records = rows
        # rows kept as UTF-8 bytes: half the memory of Python text for Vietnamese, and files are bytes anyway
        self.csv_rows = [_csv_line(list(row)).encode("utf-8") for row in rows]
        styles = [self.styles.get(nf, 0) for nf in self.formats]
        self.xml_rows = [("<row>" + "".join(_cell(v, st) for v, st in zip(row, styles)) + "</row>").encode("utf-8")
                         for row in rows]
        header = "".join(f'<c t="inlineStr" s="1"><is><t>{xml_escape(f.title)}</t></is></c>' for f in fields)
        self.xml_header = f"<row>{header}</row>".encode()
        self.widths = [min(60, max(8, max([len(f.title)] + [_shown_width(v, nf) for v in values]) + 2))
                       for f, values, nf in zip(fields, columns, self.formats)]

    def _rows(self, rows, selected) -> list:
        return rows if selected is None else [rows[i] for i in selected]

    def csv(self, selected: list[int] | None = None) -> bytes:
        header = ("\ufeff" + ",".join(f.name for f in self.fields) + "\r\n").encode("utf-8")  # BOM: for Excel
        return header + b"".join(self._rows(self.csv_rows, selected))

    def sheet(self, name: str, selected: list[int] | None = None) -> dict:
        rows = [self.xml_header, *self._rows(self.xml_rows, selected)]
        last = get_column_letter(len(self.fields))
        return {"name": _sheet_name(name), "rows": rows, "widths": self.widths, "dimension": f"A1:{last}{len(rows)}",
                "filter": f"A1:{last}{len(rows)}", "filter_absolute": f"$A$1:${last}${len(rows)}",
                "styles": self.styles}

    def json(self) -> bytes:
        """Every row as a JSON object, compact (a machine reads it; Python's encoder is 20× slower indented)."""
        names = [f.name for f in self.fields]
        text = json.dumps([dict(zip(names, row)) for row in self.records], ensure_ascii=False,
                          separators=(",", ":"), allow_nan=False, default=_json_value)
        return (text + "\n").encode("utf-8")

    def xlsx(self, title: str, creator: str, sheet_name: str = "Số liệu", selected: list[int] | None = None) -> bytes:
        return workbook([self.sheet(sheet_name, selected)], title, creator)


def xlsx_bytes(sheets: list[tuple[str, pd.DataFrame, list[Field]]], title: str, creator: str) -> bytes:
    """One worksheet per (name, frame, fields); bold frozen header of Vietnamese titles, real numbers and dates.
    `creator`: the organisation publishing the file (the document's author in Excel's properties)."""
    return workbook([Table(frame, fields).sheet(name) for name, frame, fields in sheets], title, creator)


def workbook(sheets: list[dict], title: str, creator: str) -> bytes:
    names = [sheet["name"] for sheet in sheets]
    if len({n.casefold() for n in names}) != len(names):  # Excel compares sheet names case-blind
        raise ValueError(f"sheet names collide once made valid for Excel: {names}")
    formats = list(dict.fromkeys(nf for sheet in sheets for nf in sheet["styles"]))
    if any(sheet["styles"] != {nf: formats.index(nf) + 2 for nf in sheet["styles"]} for sheet in sheets):
        sheets = [_restyled(sheet, formats) for sheet in sheets]
    context = {"sheets": sheets, "title": title, "creator": creator, "formats": formats,
               "time": FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")}
    parts = [("[Content_Types].xml", "content_types.xml.j2"), ("_rels/.rels", "rels.xml.j2"),
             ("docProps/app.xml", "app.xml.j2"), ("docProps/core.xml", "core.xml.j2"),
             ("xl/workbook.xml", "workbook.xml.j2"), ("xl/_rels/workbook.xml.rels", "workbook_rels.xml.j2"),
             ("xl/styles.xml", "styles.xml.j2")]
    entries = [(path, render_fragment(f"xlsx/{template}", **context)) for path, template in parts]
    entries += [(f"xl/worksheets/sheet{i}.xml", _sheet_xml(sheet)) for i, sheet in enumerate(sheets, start=1)]
    return _zip(entries)


_ROWS = "@@rows@@"


def _sheet_xml(sheet: dict) -> bytes:
    """The worksheet: the template around the rows, which are already bytes."""
    head, _, tail = render_fragment("xlsx/sheet.xml.j2", sheet=sheet, rows=_ROWS).partition(_ROWS)
    return head.encode("utf-8") + b"".join(sheet["rows"]) + tail.encode("utf-8")


def _restyled(sheet: dict, formats: list[str]) -> dict:
    """Sheets of one workbook share its style table: renumber a sheet's number-format styles to it."""
    mapping = {f's="{old}"'.encode(): f's="{formats.index(nf) + 2}"'.encode() for nf, old in sheet["styles"].items()}
    pattern = re.compile(b"|".join(re.escape(k) for k in mapping)) if mapping else None
    rows = [pattern.sub(lambda m: mapping[m.group(0)], row) if pattern else row for row in sheet["rows"]]
    return sheet | {"rows": rows}


def _zip(entries: list[tuple[str, str | bytes]]) -> bytes:
    """A zip whose entries carry FIXED_TIME: the same bytes on every build."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries:
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # the same bytes whichever OS builds the site
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, text if isinstance(text, bytes) else text.encode("utf-8"))
    return out.getvalue()


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


def _json_value(value: object) -> object:
    """What the JSON encoder cannot write itself: Decimals and dates."""
    if isinstance(value, Decimal):
        return _json_number(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{value!r} cannot be written as JSON")


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
