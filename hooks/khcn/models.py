"""The records editors keep in `data/`. Field names are the Vietnamese keys editors type (aliases)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .fields import Count, Date, DateTime, Percentage, PeriodField, Slug, Text, reject


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


# --- the organisation (data/to-chuc.yaml) ---------------------------------------------------------------------

class Person(Record):
    name: Text = Field(alias="ho_ten")
    title: Text = Field(alias="chuc_vu")


class Licence(Record):
    number: Text = Field(alias="so")
    date: Date = Field(alias="ngay")
    issuer: Text = Field(alias="co_quan_cap")


class Organisation(Record):
    parent_body: Text = Field(alias="co_quan_chu_quan")
    name: Text = Field(alias="ten")
    full_name: Text = Field(alias="ten_day_du")
    site_title: Text = Field(alias="ten_trang")
    responsible: Person = Field(alias="chiu_trach_nhiem")
    address: Text = Field(alias="dia_chi")
    phone: Text = Field(alias="dien_thoai")
    fax: Text | None = Field(None, alias="fax")
    email: Text | None = Field(None, alias="thu_dien_tu")
    licence: Licence = Field(alias="giay_phep")
    reuse_notice: Text = Field(alias="ghi_chu_su_dung_lai")


# --- the register of legal documents (data/van-ban.yaml) ------------------------------------------------------

DocumentKind = Literal[
    "Luật", "Pháp lệnh", "Nghị định", "Nghị quyết", "Quyết định", "Thông tư", "Chỉ thị", "Kế hoạch", "Công văn",
    "Thông báo", "Hướng dẫn", "Chương trình", "Đề án", "Quy chế", "Quy định", "Báo cáo", "Tờ trình",
]


class LegalDocument(Record):
    number: Text = Field(alias="so_ky_hieu")
    kind: DocumentKind = Field(alias="loai")
    issuer: Text = Field(alias="co_quan_ban_hanh")
    issued: Date = Field(alias="ngay_ban_hanh")
    summary: Text = Field(alias="trich_yeu")


# --- indicators (data/chi-so.yaml) ----------------------------------------------------------------------------

class Area(Record):
    id: Slug = Field(alias="ma")
    name: Text = Field(alias="ten")


class Component(Record):
    id: Slug = Field(alias="ma")
    name: Text = Field(alias="ten")


class Indicator(Record):
    id: Slug = Field(alias="ma")
    name: Text = Field(alias="ten")
    unit: Text = Field(alias="don_vi")
    area: Slug = Field(alias="linh_vuc")
    kind: Literal["so_luong", "ty_le", "phan_tram"] = Field(alias="kieu")
    counting: Literal["trong_ky", "cuoi_ky"] = Field(alias="cach_tinh")
    definition: Text = Field(alias="dinh_nghia")
    source: Text | None = Field(None, alias="nguon")
    components: tuple[Component, ...] = Field((), alias="thanh_phan")
    part_of: Slug | None = Field(None, alias="thuoc")
    denominator: Text | None = Field(None, alias="mau_so")


class Catalogue(Record):
    areas: tuple[Area, ...] = Field(alias="linh_vuc")
    indicators: tuple[Indicator, ...] = Field(alias="chi_so")


# --- values of one period (data/so-lieu/<period>.yaml) --------------------------------------------------------

class CountValue(Record):
    """A count, written `42` or with a bound and a breakdown."""

    value: Count = Field(alias="gia_tri")
    bound: Literal["tren", "duoi", "khoang"] | None = Field(None, alias="so_sanh")
    components: dict[Slug, Count] = Field(default_factory=dict, alias="thanh_phan")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        return data if isinstance(data, dict) else {"gia_tri": data}


class RatioValue(Record):
    """A part of a whole, written `109/138` or as `tu_so`/`mau_so`."""

    numerator: Count = Field(alias="tu_so")
    denominator: Count = Field(alias="mau_so")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        if isinstance(data, str):
            numerator, slash, denominator = data.partition("/")
            if not slash:
                raise reject(f"`{data}`", "một phân số dạng tử số/mẫu số, ví dụ 109/138")
            return {"tu_so": numerator, "mau_so": denominator}
        return data

    @property
    def share(self) -> Decimal | None:
        return Decimal(self.numerator) / Decimal(self.denominator) * 100 if self.denominator else None


class PercentValue(Record):
    value: Percentage = Field(alias="gia_tri")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        return data if isinstance(data, dict) else {"gia_tri": data}


VALUE_MODELS = {"so_luong": CountValue, "ty_le": RatioValue, "phan_tram": PercentValue}
Value = CountValue | RatioValue | PercentValue


# --- reports (data/bao-cao/<slug>.yaml) -----------------------------------------------------------------------

class Report(Record):
    title: Text = Field(alias="tieu_de")
    period: PeriodField = Field(alias="ky")
    published: DateTime = Field(alias="ngay_dang")
    author: Text = Field(alias="tac_gia")
    author_unit: Text | None = Field(None, alias="don_vi_tac_gia")
    legacy_views: Count | None = Field(None, alias="luot_xem_trang_cu")
    opening: Text = Field(alias="mo_dau")
    results: tuple[Text, ...] = Field(alias="ket_qua")
    transition: Text | None = Field(None, alias="chuyen_tiep")
    tasks: tuple[Text, ...] = Field((), alias="nhiem_vu")
