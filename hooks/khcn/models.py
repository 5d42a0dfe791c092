"""The records editors keep in `data/`. Field names are the Vietnamese keys editors type (aliases)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .fields import Count, Date, DateTime, Flag, Month, Percentage, PeriodField, Slug, Text, reject


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
    key: Flag = Field(False, alias="noi_bat")  # shown first on the statistics overview
    counted_in: Literal["de-tai-du-an", "bao-ho"] | None = Field(None, alias="dem_tu_so")  # a register


class Catalogue(Record):
    areas: tuple[Area, ...] = Field(alias="linh_vuc")
    indicators: tuple[Indicator, ...] = Field(alias="chi_so")


# --- values of one period (data/so-lieu/<period>.yaml) --------------------------------------------------------

class Correction(Record):
    """A published value changed later: when, what readers saw before, and why."""

    date: Date = Field(alias="ngay")
    previous: Text = Field(alias="gia_tri_cu")
    reason: Text = Field(alias="ly_do")


class CountValue(Record):
    """A count, written `42` or with a bound and a breakdown."""

    value: Count = Field(alias="gia_tri")
    bound: Literal["tren", "duoi", "khoang"] | None = Field(None, alias="so_sanh")
    components: dict[Slug, Count] = Field(default_factory=dict, alias="thanh_phan")
    corrections: tuple[Correction, ...] = Field((), alias="dinh_chinh")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        return data if isinstance(data, dict) else {"gia_tri": data}


class RatioValue(Record):
    """A part of a whole, written `109/138` or as `tu_so`/`mau_so`."""

    numerator: Count = Field(alias="tu_so")
    denominator: Count = Field(alias="mau_so")
    corrections: tuple[Correction, ...] = Field((), alias="dinh_chinh")

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
    corrections: tuple[Correction, ...] = Field((), alias="dinh_chinh")

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


# --- registers (data/de-tai-du-an.yaml, data/bao-ho.yaml) --------------------------------------------------------

ProjectLevel = Literal["cap-quoc-gia", "cap-tinh", "nong-thon-mien-nui", "cap-co-so"]
PROJECT_LEVELS = {"cap-quoc-gia": "Cấp quốc gia", "cap-tinh": "Cấp tỉnh",
                  "nong-thon-mien-nui": "Chương trình Nông thôn miền núi", "cap-co-so": "Cấp cơ sở"}
PROJECT_STATUSES = {"de-xuat": "Đề xuất", "dang-thuc-hien": "Đang thực hiện", "da-nghiem-thu": "Đã nghiệm thu",
                    "dung-thuc-hien": "Dừng thực hiện"}


class Project(Record):
    code: Text = Field(alias="ma_so")
    title: Text = Field(alias="ten")
    level: ProjectLevel = Field(alias="cap")
    programme: Text | None = Field(None, alias="chuong_trinh")
    host: Text = Field(alias="to_chuc_chu_tri")
    start: Month = Field(alias="bat_dau")
    end: Month | None = Field(None, alias="ket_thuc")
    status: Literal["de-xuat", "dang-thuc-hien", "da-nghiem-thu", "dung-thuc-hien"] = Field(alias="trang_thai")


class ProjectRegister(Record):
    complete_periods: tuple[PeriodField, ...] = Field((), alias="day_du_cac_ky")
    entries: tuple[Project, ...] = Field((), alias="de_tai_du_an")


PROTECTION_KINDS = {"nhan-hieu": "Nhãn hiệu", "nhan-hieu-tap-the": "Nhãn hiệu tập thể",
                    "nhan-hieu-chung-nhan": "Nhãn hiệu chứng nhận", "chi-dan-dia-ly": "Chỉ dẫn địa lý"}
PROTECTION_STATUSES = {"dang-xay-dung": "Đang xây dựng hồ sơ", "da-nop-don": "Đã nộp đơn",
                       "dang-tham-dinh": "Đang thẩm định", "da-cap": "Đã được cấp văn bằng"}


class Protection(Record):
    product: Text = Field(alias="san_pham")
    holder: Text | None = Field(None, alias="chu_so_huu")
    district: Text = Field(alias="huyen")
    kind: Literal["nhan-hieu", "nhan-hieu-tap-the", "nhan-hieu-chung-nhan", "chi-dan-dia-ly"] = Field(alias="loai")
    status: Literal["dang-xay-dung", "da-nop-don", "dang-tham-dinh", "da-cap"] = Field(alias="trang_thai")
    date: Date | None = Field(None, alias="ngay")  # of the status: the grant date once granted
    as_of: Date = Field(alias="tinh_den")  # the status is known as of this date
    note: Text | None = Field(None, alias="ghi_chu")
    source: Text | None = Field(None, alias="nguon")


class ProtectionRegister(Record):
    complete_periods: tuple[PeriodField, ...] = Field((), alias="day_du_cac_ky")
    entries: tuple[Protection, ...] = Field((), alias="bao_ho")


# --- bulletins (data/chuyen-muc.yaml, data/tin-tuc/**/<slug>.md) ------------------------------------------------

class Category(Record):
    id: Slug = Field(alias="ma")
    name: Text = Field(alias="ten")
    description: Text | None = Field(None, alias="mo_ta")


class Categories(Record):
    entries: tuple[Category, ...] = Field(alias="chuyen_muc")


def _one_or_more(value: object) -> object:
    """`tac_gia: Lê Thúy Phượng` or a list of names."""
    return [value] if isinstance(value, str) else value


class LegacyOrigin(Record):
    """Where an imported bulletin came from on the old website (written by scripts/import_legacy.py)."""

    file: Text = Field(alias="tep")
    views: Count | None = Field(None, alias="luot_xem")
    key: Text = Field(alias="ma")  # the page's identity (title and date-time): a second import finds it


class BulletinMeta(Record):
    """The front matter of a bulletin."""

    title: Text = Field(alias="tieu_de")
    published: DateTime = Field(alias="ngay_dang")
    authors: Annotated[tuple[Text, ...], BeforeValidator(_one_or_more)] = Field((), alias="tac_gia")
    author_unit: Text | None = Field(None, alias="don_vi_tac_gia")
    category: Slug = Field(alias="chuyen_muc")
    tags: Annotated[tuple[Text, ...], BeforeValidator(_one_or_more)] = Field((), alias="the")
    summary: Text | None = Field(None, alias="tom_tat")
    image: Text | None = Field(None, alias="anh")
    image_alt: Text | None = Field(None, alias="anh_mo_ta")
    legacy: LegacyOrigin | None = Field(None, alias="trang_cu")
