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
from khcn.data.models import PROJECT_LEVELS, PROJECT_STATUSES, PROTECTION_KINDS, PROTECTION_STATUSES
from khcn.stats import frames as stats
from khcn.stats.opendata import Field, Table, csv_bytes, data_package, json_bytes, resource

PROJECT_FIELDS = [
    Field("ma_so", "string", "Mã số", "Mã số đề tài, dự án"),
    Field("ten", "string", "Tên đề tài, dự án", "Tên đề tài, dự án"),
    Field("cap", "string", "Cấp", "Cấp quản lý: " + ", ".join(PROJECT_LEVELS.values())),
    Field("chuong_trinh", "string", "Chương trình", "Chương trình mà đề tài, dự án thuộc về"),
    Field("to_chuc_chu_tri", "string", "Tổ chức chủ trì", "Tổ chức chủ trì thực hiện"),
    Field("bat_dau", "date", "Bắt đầu", "Tháng bắt đầu (ngày đầu tháng)"),
    Field("ket_thuc", "date", "Kết thúc", "Tháng kết thúc (ngày đầu tháng)"),
    Field("trang_thai", "string", "Tình trạng", ", ".join(PROJECT_STATUSES.values())),
]
PROTECTION_FIELDS = [
    Field("san_pham", "string", "Sản phẩm", "Tên sản phẩm được đăng ký bảo hộ"),
    Field("loai", "string", "Loại", ", ".join(PROTECTION_KINDS.values())),
    Field("huyen", "string", "Huyện", "Huyện, thành phố của sản phẩm"),
    Field("chu_so_huu", "string", "Chủ sở hữu", "Tổ chức đứng tên văn bằng"),
    Field("trang_thai", "string", "Tình trạng", ", ".join(PROTECTION_STATUSES.values())),
    Field("ngay", "date", "Ngày", "Ngày của tình trạng (ngày cấp văn bằng khi đã cấp)"),
    Field("tinh_den", "date", "Tính đến", "Tình trạng được ghi nhận đến ngày này"),
    Field("ghi_chu", "string", "Ghi chú", "Ghi chú"),
]
PACKAGE_TITLE = "Số liệu khoa học và công nghệ tỉnh Tuyên Quang"


def data_files(site: SiteData) -> list[tuple[str, bytes]]:
    """Every download as (path, bytes), sorted by path."""
    return sorted(iter_data_files(site))


def iter_data_files(site: SiteData) -> Iterator[tuple[str, bytes]]:
    """The downloads one at a time: a large site's files together weigh hundreds of megabytes."""
    values = stats.values_frame(site).reset_index(drop=True)
    table = Table(values, stats.VALUE_FIELDS)  # rendered once; each area and indicator file is a slice of it
    yield ALL_VALUES["csv"], table.csv()
    yield ALL_VALUES["xlsx"], table.xlsx(PACKAGE_TITLE)
    yield ALL_VALUES["json"], table.json()
    yield CATALOGUE_FILE, csv_bytes(stats.catalogue_frame(site), stats.CATALOGUE_FIELDS)
    area_ids = values["chi_so"].map(lambda indicator: site.indicators[indicator].area)
    for area_id, rows in values.groupby(area_ids, sort=False).indices.items():
        yield from _slices(table, area_stem(area_id), list(rows), site.areas[area_id].name)
    for indicator_id, rows in values.groupby("chi_so", sort=False).indices.items():
        yield from _slices(table, indicator_stem(indicator_id), list(rows), site.indicators[indicator_id].name)
    for stem, frame, fields, title in [("de-tai-du-an", _projects(site), PROJECT_FIELDS, "Đề tài, dự án"),
                                       ("bao-ho", _protections(site), PROTECTION_FIELDS, "Sở hữu trí tuệ")]:
        yield from _slices(Table(frame, fields), register_stem(stem), None, title)
    yield PACKAGE_FILE, json_bytes(_package())


def write_data_files(site: SiteData, root: Path) -> None:
    """Write every download under `root` (the site being built), each as soon as it is made."""
    with no_garbage_collection():  # millions of short-lived strings, no cycles
        for path, content in iter_data_files(site):
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def _slices(table: Table, stem: str, rows: list[int] | None, title: str) -> list[tuple[str, bytes]]:
    paths = downloads(stem)
    return [(paths["csv"], table.csv(rows)), (paths["xlsx"], table.xlsx(title, selected=rows))]


def _projects(site: SiteData) -> pd.DataFrame:
    rows = [{"ma_so": p.code, "ten": p.title, "cap": PROJECT_LEVELS[p.level], "chuong_trinh": p.programme,
             "to_chuc_chu_tri": p.host, "bat_dau": p.start, "ket_thuc": p.end,
             "trang_thai": PROJECT_STATUSES[p.status]} for p in site.projects.entries]
    return pd.DataFrame(rows, columns=[f.name for f in PROJECT_FIELDS])


def _protections(site: SiteData) -> pd.DataFrame:
    rows = [{"san_pham": p.product, "loai": PROTECTION_KINDS[p.kind], "huyen": p.district, "chu_so_huu": p.holder,
             "trang_thai": PROTECTION_STATUSES[p.status], "ngay": p.date, "tinh_den": p.as_of, "ghi_chu": p.note}
            for p in site.protections.entries]
    return pd.DataFrame(rows, columns=[f.name for f in PROTECTION_FIELDS])


def _package() -> dict:
    resources = [
        resource("gia-tri", "gia-tri.csv", "Số liệu các chỉ số theo kỳ", stats.VALUE_FIELDS),
        resource("gia-tri-json", "gia-tri.json", "Số liệu các chỉ số theo kỳ (JSON)", stats.VALUE_FIELDS, fmt="json"),
        resource("chi-so", "chi-so.csv", "Danh mục chỉ số", stats.CATALOGUE_FIELDS, primary_key=["chi_so"]),
        resource("de-tai-du-an", "de-tai-du-an.csv", "Sổ đề tài, dự án", PROJECT_FIELDS),
        resource("bao-ho", "bao-ho.csv", "Sổ bảo hộ sở hữu trí tuệ", PROTECTION_FIELDS),
    ]
    return data_package("so-lieu-khcn-tuyen-quang", PACKAGE_TITLE,
                        "Số liệu từ các báo cáo của Sở Khoa học và Công nghệ tỉnh Tuyên Quang. Đơn vị của mỗi giá "
                        "trị ở cột don_vi; giá trị của chỉ số dạng phân số là tỉ lệ phần trăm tu_so/mau_so.",
                        resources)
