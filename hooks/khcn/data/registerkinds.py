"""The two registers (sổ) editors keep beside the indicators, each described once: its file, page, names, model,
counting rule and download columns. Code that differs by register reads it here instead of branching on the id.

No pandas at module level: the schemas and the loader read these too. The counting rules receive a register's frame
(khcn.stats.registers builds it from `columns`, `dates` and `month_ends`) and use only the frame's own methods.

Counting rules:
- de-tai-du-an: a project counts in a period when it runs during it (started by the period's end, not ended before
  its start) and is past the proposal stage; broken down by level (`cap`).
- bao-ho: a protection counts in a period when it was granted (`trang_thai: da-cap`) on or before the period's end;
  broken down by kind (`loai`). A grant without a date cannot be placed in time and is not counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from khcn.addresses import PROJECTS_PAGE, PROTECTIONS_PAGE
from khcn.data import kinds
from khcn.data.models import (
    PROJECT_LEVELS,
    PROJECT_STATUSES,
    PROTECTION_KINDS,
    PROTECTION_STATUSES,
    Project,
    ProjectRegister,
    Protection,
    ProtectionRegister,
)

FieldSpec = tuple[str, str, str, str]  # a download column: name, Frictionless type, title, description


@dataclass(frozen=True)
class RegisterKind:
    data: kinds.Kind  # its file among the kinds of data files: its id, file name, model and label come from there
    page: str  # its page's path, from the address book
    sheet_title: str  # the title of its XLSX download
    site_field: str  # the SiteData attribute holding it
    template: str  # its page's template
    categories: dict[str, str]  # what its counts break down by: code → name
    statuses: dict[str, str]
    columns: tuple[str, ...]  # of its frame: entry attributes
    dates: tuple[str, ...]  # frame columns read as dates
    month_ends: tuple[str, ...]  # frame columns that are months, read as their last day
    when: str  # the column that places an entry in a year (the page's summary)
    category: str  # the column its counts break down by
    counts: Callable  # (frame, period start, period end) → which rows count in the period
    download_fields: tuple[FieldSpec, ...]
    download_row: Callable  # an entry → its download row, by field name

    @property
    def id(self) -> str:
        """`dem_tu_so` in chi-so.yaml; the stem of its downloads and its data package resource."""
        return self.data.name

    @property
    def file(self) -> str:
        """Its file under data/."""
        return self.data.files

    @property
    def label(self) -> str:
        """"Sổ đề tài, dự án": its schema, data package resource and the indicator pages' note."""
        return self.data.title

    @property
    def model(self) -> type:
        return self.data.shape

    def of(self, site) -> ProjectRegister | ProtectionRegister:
        """The register in a loaded site."""
        return getattr(site, self.site_field)


def _running(frame, start, end):
    not_ended = frame["end"].isna() | (frame["end"] >= start)
    return (frame["status"] != "de-xuat") & (frame["start"] <= end) & not_ended


def _granted(frame, start, end):
    return (frame["status"] == "da-cap") & frame["date"].notna() & (frame["date"] <= end)


def _project_row(p: Project) -> dict:
    return {"ma_so": p.code, "ten": p.title, "cap": PROJECT_LEVELS[p.level], "chuong_trinh": p.programme,
            "to_chuc_chu_tri": p.host, "bat_dau": p.start, "ket_thuc": p.end, "trang_thai": PROJECT_STATUSES[p.status]}


def _protection_row(p: Protection) -> dict:
    return {"san_pham": p.product, "loai": PROTECTION_KINDS[p.kind], "huyen": p.district, "chu_so_huu": p.holder,
            "trang_thai": PROTECTION_STATUSES[p.status], "ngay": p.date, "tinh_den": p.as_of, "ghi_chu": p.note}


PROJECTS = RegisterKind(
    data=kinds.PROJECTS, page=PROJECTS_PAGE,
    sheet_title="Đề tài, dự án", site_field="projects", template="register_projects.md.j2",
    categories=PROJECT_LEVELS, statuses=PROJECT_STATUSES,
    columns=("code", "title", "level", "programme", "host", "start", "end", "status"),
    dates=("start",), month_ends=("end",), when="start", category="level", counts=_running,
    download_fields=(
        ("ma_so", "string", "Mã số", "Mã số đề tài, dự án"),
        ("ten", "string", "Tên đề tài, dự án", "Tên đề tài, dự án"),
        ("cap", "string", "Cấp", "Cấp quản lý: " + ", ".join(PROJECT_LEVELS.values())),
        ("chuong_trinh", "string", "Chương trình", "Chương trình mà đề tài, dự án thuộc về"),
        ("to_chuc_chu_tri", "string", "Tổ chức chủ trì", "Tổ chức chủ trì thực hiện"),
        ("bat_dau", "date", "Bắt đầu", "Tháng bắt đầu (ngày đầu tháng)"),
        ("ket_thuc", "date", "Kết thúc", "Tháng kết thúc (ngày đầu tháng)"),
        ("trang_thai", "string", "Tình trạng", ", ".join(PROJECT_STATUSES.values())),
    ),
    download_row=_project_row,
)

PROTECTIONS = RegisterKind(
    data=kinds.PROTECTIONS, page=PROTECTIONS_PAGE,
    sheet_title="Sở hữu trí tuệ", site_field="protections",
    template="register_protections.md.j2", categories=PROTECTION_KINDS, statuses=PROTECTION_STATUSES,
    columns=("product", "holder", "district", "kind", "status", "date", "as_of", "note"),
    dates=("date",), month_ends=(), when="date", category="kind", counts=_granted,
    download_fields=(
        ("san_pham", "string", "Sản phẩm", "Tên sản phẩm được đăng ký bảo hộ"),
        ("loai", "string", "Loại", ", ".join(PROTECTION_KINDS.values())),
        ("huyen", "string", "Huyện", "Huyện, thành phố của sản phẩm"),
        ("chu_so_huu", "string", "Chủ sở hữu", "Tổ chức đứng tên văn bằng"),
        ("trang_thai", "string", "Tình trạng", ", ".join(PROTECTION_STATUSES.values())),
        ("ngay", "date", "Ngày", "Ngày của tình trạng (ngày cấp văn bằng khi đã cấp)"),
        ("tinh_den", "date", "Tính đến", "Tình trạng được ghi nhận đến ngày này"),
        ("ghi_chu", "string", "Ghi chú", "Ghi chú"),
    ),
    download_row=_protection_row,
)

REGISTER_KINDS = {kind.id: kind for kind in (PROJECTS, PROTECTIONS)}  # in the order pages and downloads list them
