"""The downloads of the statistics section, at stable addresses under thong-ke/du-lieu/ (khcn/addresses.py):

    gia-tri.csv|xlsx|json       every value (long table: indicator × component × period)
    chi-so.csv                  the indicator catalogue
    linh-vuc/<area>.csv|xlsx    the values of one area
    chi-so/<indicator>.csv|xlsx the values of one indicator
    de-tai-du-an.csv|xlsx, bao-ho.csv|xlsx   the registers
    datapackage.json            a Frictionless Data Package describing the fields and units of the CSV files
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from khcn.addresses import ALL_VALUES, CATALOGUE_FILE, PACKAGE_FILE, area_stem, downloads, indicator_stem, register_stem
from khcn.core.memory import no_garbage_collection
from khcn.data.dataset import SiteData
from khcn.data.registerkinds import REGISTER_KINDS, RegisterKind
from khcn.stats import frames as stats
from khcn.stats.opendata import Field, Table, csv_bytes, data_package, json_bytes, resource

PACKAGE_TITLE = "Số liệu khoa học và công nghệ tỉnh Tuyên Quang"
CSV_QUOTE_NOTE = ("Trong các tệp CSV, ô chữ bắt đầu bằng =, +, -, @ (hoặc Tab) có thêm dấu ' ở đầu để bảng tính "
                  "không chạy nó như công thức; tệp XLSX và JSON giữ nguyên chữ.")


def data_files(site: SiteData) -> list[tuple[str, bytes]]:
    """Every download as (path, bytes), sorted by path."""
    return sorted(iter_data_files(site))


def iter_data_files(site: SiteData) -> Iterator[tuple[str, bytes]]:
    """The downloads one at a time: a large site's files together weigh hundreds of megabytes."""
    publisher = site.organisation.full_name  # data/to-chuc.yaml's ten_day_du
    values = stats.values_frame(site).reset_index(drop=True)
    table = Table(values, stats.VALUE_FIELDS)  # rendered once; each area and indicator file is a slice of it
    yield ALL_VALUES["csv"], table.csv()
    yield ALL_VALUES["xlsx"], table.xlsx(PACKAGE_TITLE, publisher)
    yield ALL_VALUES["json"], table.json()
    yield CATALOGUE_FILE, csv_bytes(stats.catalogue_frame(site), stats.CATALOGUE_FIELDS)
    area_ids = values["chi_so"].map(lambda indicator: site.indicators[indicator].area)
    for area_id, rows in values.groupby(area_ids, sort=False).indices.items():
        yield from _slices(table, area_stem(area_id), list(rows), site.areas[area_id].name, publisher)
    for indicator_id, rows in values.groupby("chi_so", sort=False).indices.items():
        yield from _slices(table, indicator_stem(indicator_id), list(rows), site.indicators[indicator_id].name,
                           publisher)
    for kind in REGISTER_KINDS.values():
        yield from _slices(Table(_register(site, kind), register_fields(kind)), register_stem(kind.id), None,
                           kind.sheet_title, publisher)
    yield PACKAGE_FILE, json_bytes(_package(publisher))


def write_data_files(site: SiteData, root: Path) -> None:
    """Write every download under `root` (the site being built), each as soon as it is made."""
    with no_garbage_collection():  # millions of short-lived strings, no cycles
        for path, content in iter_data_files(site):
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def _slices(table: Table, stem: str, rows: list[int] | None, title: str, publisher: str) -> list[tuple[str, bytes]]:
    paths = downloads(stem)
    return [(paths["csv"], table.csv(rows)), (paths["xlsx"], table.xlsx(title, publisher, selected=rows))]


def register_fields(kind: RegisterKind) -> list[Field]:
    return [Field(*spec) for spec in kind.download_fields]


def _register(site: SiteData, kind: RegisterKind) -> pd.DataFrame:
    rows = [kind.download_row(entry) for entry in kind.of(site).entries]
    return pd.DataFrame(rows, columns=[name for name, *_ in kind.download_fields])


def _package(publisher: str) -> dict:
    resources = [
        resource("gia-tri", "gia-tri.csv", "Số liệu các chỉ số theo kỳ", stats.VALUE_FIELDS),
        resource("gia-tri-json", "gia-tri.json", "Số liệu các chỉ số theo kỳ (JSON)", stats.VALUE_FIELDS, fmt="json"),
        resource("chi-so", "chi-so.csv", "Danh mục chỉ số", stats.CATALOGUE_FIELDS, primary_key=["chi_so"]),
        *(resource(kind.id, f"{kind.id}.csv", kind.label, register_fields(kind)) for kind in REGISTER_KINDS.values()),
    ]
    return data_package("so-lieu-khcn-tuyen-quang", PACKAGE_TITLE,
                        f"Số liệu từ các báo cáo của {publisher}. Đơn vị của mỗi giá trị ở cột don_vi; giá trị của "
                        "chỉ số dạng phân số là tỉ lệ phần trăm tu_so/mau_so. " + CSV_QUOTE_NOTE,
                        resources)
