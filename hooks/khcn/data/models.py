"""The records editors keep in `data/`. Field names are the Vietnamese keys editors type (aliases)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from khcn.data.fields import (
    Count,
    Date,
    DateTime,
    Email,
    Flag,
    HistoryDate,
    Month,
    Percentage,
    PeriodField,
    ProcedureCode,
    Slug,
    Text,
    Url,
    WebAddress,
    reject,
)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


# --- the organisation (data/to-chuc.yaml) ---------------------------------------------------------------------

class Person(Record):
    name: Text = Field(alias="ho_ten", description="Họ và tên, có thể kèm học vị, ví dụ ThS. Nguyễn Đại Thành")
    title: Text = Field(alias="chuc_vu", description="Chức vụ, ví dụ Giám đốc")
    # issue 12a: English
    title_en: Text | None = Field(None, alias="chuc_vu_en",
                                  description="Chức vụ bằng tiếng Anh (không bắt buộc), ví dụ Director")


class Licence(Record):
    number: Text = Field(alias="so", description="Số giấy phép, ví dụ 25/GP-TTĐT")
    date: Date = Field(alias="ngay", description="Ngày cấp giấy phép, ví dụ 28/5/2021")
    issuer: Text = Field(alias="co_quan_cap",
                         description="Cơ quan cấp giấy phép, ví dụ Sở Thông tin và Truyền thông tỉnh Tuyên Quang")


# --- issue 12c: access to information and feedback (data/to-chuc.yaml) ---
class InformationContact(Record):
    """Luật Tiếp cận thông tin, điều 17: who receives requests for information."""

    name: Text = Field(alias="ten", description="Tên đơn vị hoặc người làm đầu mối tiếp nhận yêu cầu cung cấp "
                                                "thông tin, ví dụ Văn phòng Sở")
    address: Text = Field(alias="dia_chi", description="Địa chỉ nhận yêu cầu cung cấp thông tin")
    phone: Text = Field(alias="dien_thoai", description="Số điện thoại của đầu mối, ví dụ \"(0207) 3822523\"")
    fax: Text | None = Field(None, alias="fax", description="Số fax của đầu mối (không bắt buộc)")
    email: Email = Field(alias="thu_dien_tu",
                         description="Thư điện tử nhận yêu cầu cung cấp thông tin, ví dụ vanphong@example.gov.vn")


class FeedbackChannel(Record):
    """Nghị định 224/2026, điều 10: where readers rate their satisfaction and send feedback (the site collects
    nothing itself)."""

    web: WebAddress | None = Field(None, alias="trang_web",
        description="Trang góp ý, đánh giá sự hài lòng trên Cổng thông tin điện tử của tỉnh, "
                    "ví dụ https://tuyenquang.gov.vn/gop-y")
    email: Email | None = Field(None, alias="thu_dien_tu",
                                description="Thư điện tử nhận góp ý (không bắt buộc khi đã có trang_web)")

    @model_validator(mode="after")
    def _one_channel(self) -> FeedbackChannel:
        if self.web is None and self.email is None:
            raise reject("kênh góp ý không có trang_web và thu_dien_tu", "ít nhất một trong hai trường "
                         "`trang_web` (trang góp ý của Cổng thông tin điện tử tỉnh) hoặc `thu_dien_tu`")
        return self


class Organisation(Record):
    parent_body: Text = Field(alias="co_quan_chu_quan",
                              description="Cơ quan chủ quản, in ở đầu trang, ví dụ Uỷ ban nhân dân tỉnh Tuyên Quang")
    name: Text = Field(alias="ten", description="Tên ngắn của cơ quan, ví dụ Sở Khoa học và Công nghệ")
    full_name: Text = Field(alias="ten_day_du",
                            description="Tên đầy đủ của cơ quan, ví dụ Sở Khoa học và Công nghệ tỉnh Tuyên Quang")
    site_title: Text = Field(alias="ten_trang", description="Tên trang thông tin điện tử, in ở đầu và chân mọi trang")
    responsible: Person = Field(alias="chiu_trach_nhiem",
                                description="Người chịu trách nhiệm nội dung: ho_ten và chuc_vu, thụt lề bên dưới")
    address: Text = Field(alias="dia_chi", description="Địa chỉ của cơ quan, in ở chân trang và trang Liên hệ")
    phone: Text = Field(alias="dien_thoai", description="Số điện thoại, ví dụ \"(0207) 3822523\"")
    fax: Text | None = Field(None, alias="fax", description="Số fax (không bắt buộc), ví dụ \"(0207) 3822709\"")
    email: Text | None = Field(None, alias="thu_dien_tu", description="Địa chỉ thư điện tử (không bắt buộc)")
    licence: Licence = Field(alias="giay_phep",
                             description="Giấy phép trang thông tin điện tử: so, ngay, co_quan_cap, thụt lề bên dưới")
    reuse_notice: Text = Field(alias="ghi_chu_su_dung_lai",
                               description="Ghi chú về việc sử dụng lại thông tin, in ở chân trang")
    # issue 12c: access to information and feedback
    information_contact: InformationContact | None = Field(None, alias="dau_moi_cung_cap_thong_tin",
        description="Đầu mối tiếp nhận yêu cầu cung cấp thông tin (không bắt buộc; cần cho chuyên mục Tiếp cận "
                    "thông tin): ten, dia_chi, dien_thoai, fax, thu_dien_tu, thụt lề bên dưới")
    feedback: FeedbackChannel | None = Field(None, alias="kenh_gop_y",
        description="Nơi người đọc góp ý, đánh giá sự hài lòng (không bắt buộc): trang_web hoặc thu_dien_tu, "
                    "thụt lề bên dưới; có thì mọi trang có liên kết tới đó")
    # issue 12a: the English page (/en/) shows these when they are written
    parent_body_en: Text | None = Field(None, alias="co_quan_chu_quan_en",
        description="Cơ quan chủ quản bằng tiếng Anh (không bắt buộc), ví dụ Tuyen Quang Provincial People's Committee")
    name_en: Text | None = Field(None, alias="ten_en",
        description="Tên đầy đủ của cơ quan bằng tiếng Anh (không bắt buộc), "
                    "ví dụ Department of Science and Technology of Tuyen Quang Province")
    address_en: Text | None = Field(None, alias="dia_chi_en",
        description="Địa chỉ viết cho người nước ngoài (không bắt buộc), ví dụ 433 17/8 Street, Tuyen Quang City")
    # issue 13: the emblem, shown in the header and made into the favicons
    emblem: Text | None = Field(None, alias="bieu_trung",
        description="Biểu trưng của cơ quan (không bắt buộc): một tệp ảnh PNG, JPEG, WebP hoặc SVG trong docs/anh/, "
                    "ví dụ /anh/bieu-trung.png; hiện ở đầu trang và làm biểu tượng trên thẻ trình duyệt")
    emblem_alt: Text | None = Field(None, alias="bieu_trung_mo_ta",
        description="Một câu tả biểu trưng cho người không xem được ảnh (cần khi có bieu_trung), ví dụ Biểu trưng "
                    "Sở Khoa học và Công nghệ tỉnh Tuyên Quang")


# --- issue 12a: the introduction (data/gioi-thieu.yaml) -----------------------------------------------------------

class Functions(Record):
    """Functions, duties and powers, citing the document that sets them."""

    text: Text = Field(alias="chuc_nang",
        description="Vị trí, chức năng của cơ quan, nêu văn bản quy định bằng [[số ký hiệu]], ví dụ Theo "
                    "[[15/2019/QĐ-UBND]], Sở là cơ quan chuyên môn thuộc Uỷ ban nhân dân tỉnh …")
    text_en: Text | None = Field(None, alias="chuc_nang_en",
                                 description="Vị trí, chức năng bằng tiếng Anh (không bắt buộc)")
    duties: tuple[Text, ...] = Field((), alias="nhiem_vu",
        description="Nhiệm vụ và quyền hạn (không bắt buộc), mỗi mục bắt đầu bằng - ; văn bản viết [[số ký hiệu]]")
    duties_en: tuple[Text, ...] = Field((), alias="nhiem_vu_en",
                                        description="Nhiệm vụ và quyền hạn bằng tiếng Anh (không bắt buộc)")


UNIT_GROUPS = {"ban-giam-doc": "Ban Giám đốc", "phong": "Các phòng chuyên môn, nghiệp vụ",
               "don-vi-truc-thuoc": "Các đơn vị trực thuộc"}
UNIT_GROUPS_EN = {"ban-giam-doc": "Board of Directors", "phong": "Offices",
                  "don-vi-truc-thuoc": "Subordinate units"}
UnitGroup = Literal["ban-giam-doc", "phong", "don-vi-truc-thuoc"]


class Unit(Record):
    """One part of the structure: the board, an office or a subordinate unit."""

    id: Slug = Field(alias="ma", description="Mã đơn vị: chữ thường không dấu, nối bằng dấu -, ví dụ van-phong")
    name: Text = Field(alias="ten", description="Tên đơn vị, ví dụ Văn phòng Sở")
    name_en: Text | None = Field(None, alias="ten_en",
                                 description="Tên đơn vị bằng tiếng Anh (không bắt buộc), ví dụ Office")
    group: UnitGroup = Field(alias="loai",
        description="Loại: ban-giam-doc, phong (phòng chuyên môn, nghiệp vụ) hoặc don-vi-truc-thuoc")
    head: Person | None = Field(None, alias="truong",
                                description="Người đứng đầu (không bắt buộc): ho_ten và chuc_vu, thụt lề bên dưới")
    phone: Text | None = Field(None, alias="dien_thoai", description="Số điện thoại (không bắt buộc)")
    email: Text | None = Field(None, alias="thu_dien_tu", description="Địa chỉ thư điện tử (không bắt buộc)")
    duties: Text | None = Field(None, alias="nhiem_vu", description="Chức năng, nhiệm vụ của đơn vị (không bắt buộc)")
    duties_en: Text | None = Field(None, alias="nhiem_vu_en",
                                   description="Chức năng, nhiệm vụ bằng tiếng Anh (không bắt buộc)")


class Leader(Record):
    name: Text = Field(alias="ho_ten", description="Họ và tên, có thể kèm học vị, ví dụ ThS. Nguyễn Đại Thành")
    title: Text = Field(alias="chuc_vu", description="Chức vụ, ví dụ Giám đốc")
    title_en: Text | None = Field(None, alias="chuc_vu_en",
                                  description="Chức vụ bằng tiếng Anh (không bắt buộc), ví dụ Director")
    areas: tuple[Text, ...] = Field((), alias="phu_trach",
        description="Các lĩnh vực, đơn vị được phân công phụ trách, mỗi mục bắt đầu bằng - ")
    areas_en: tuple[Text, ...] = Field((), alias="phu_trach_en",
                                       description="Các lĩnh vực phụ trách bằng tiếng Anh (không bắt buộc)")
    biography: Text | None = Field(None, alias="tieu_su", description="Tiểu sử tóm tắt (không bắt buộc)")
    biography_en: Text | None = Field(None, alias="tieu_su_en",
                                      description="Tiểu sử tóm tắt bằng tiếng Anh (không bắt buộc)")
    phone: Text | None = Field(None, alias="dien_thoai", description="Số điện thoại (không bắt buộc)")
    email: Text | None = Field(None, alias="thu_dien_tu", description="Địa chỉ thư điện tử (không bắt buộc)")
    photo: Text | None = Field(None, alias="anh", description="Ảnh (không bắt buộc): một tệp trong docs/anh/, "
                                                              "ví dụ /anh/lanh-dao/giam-doc.jpg")
    photo_alt: Text | None = Field(None, alias="anh_mo_ta",
                                   description="Một câu tả ảnh cho người không xem được ảnh (cần khi có anh)")


class Milestone(Record):
    date: HistoryDate = Field(alias="ngay",
                              description="Thời điểm: năm (2004), tháng (01/2004) hoặc ngày (04/02/2004)")
    event: Text = Field(alias="su_kien", description="Sự kiện, ví dụ Thành lập Sở Khoa học và Công nghệ")
    event_en: Text | None = Field(None, alias="su_kien_en", description="Sự kiện bằng tiếng Anh (không bắt buộc)")


class Introduction(Record):
    functions: Functions | None = Field(None, alias="chuc_nang_nhiem_vu",
        description="Chức năng, nhiệm vụ, quyền hạn: chuc_nang, nhiem_vu, thụt lề bên dưới")
    units: tuple[Unit, ...] = Field((), alias="co_cau_to_chuc",
        description="Cơ cấu tổ chức: Ban Giám đốc, các phòng, các đơn vị trực thuộc, mỗi đơn vị một mục "
                    "bắt đầu bằng - ma: …")
    leaders: tuple[Leader, ...] = Field((), alias="lanh_dao",
        description="Lãnh đạo Sở, mỗi người một mục bắt đầu bằng - ho_ten: …")
    history: tuple[Milestone, ...] = Field((), alias="lich_su",
        description="Lịch sử hình thành và phát triển, mỗi mốc một mục bắt đầu bằng - ngay: …")


# --- issue 12c: planned interruption (data/tam-ngung.yaml) and public holidays (data/ngay-nghi.yaml) -----------

class Interruption(Record):
    """Nghị định 224/2026, điều 13: a planned interruption, announced 7 working days ahead."""

    start: DateTime = Field(alias="bat_dau", description="Ngày và giờ bắt đầu tạm ngừng (giờ Việt Nam), "
                                                         "ví dụ \"20/12/2026 22:00\"")
    end: DateTime = Field(alias="du_kien_hoat_dong_lai",
                          description="Ngày và giờ dự kiến hoạt động trở lại, ví dụ \"21/12/2026 06:00\"")
    message: Text = Field(alias="noi_dung", description="Lý do và những điều người đọc cần biết, hiện trên "
                                                        "biểu ngữ ở đầu mọi trang")
    announced: Date = Field(alias="ngay_thong_bao",
                            description="Ngày thông báo, ít nhất 7 ngày làm việc trước ngày bắt đầu, ví dụ 01/12/2026")
    force_majeure: Flag = Field(False, alias="bat_kha_khang",
                                description="có khi tạm ngừng vì sự cố bất khả kháng, không thông báo trước đủ "
                                            "7 ngày làm việc được (không bắt buộc), ví dụ có")


class Holiday(Record):
    day: Date = Field(alias="ngay", description="Ngày nghỉ (ngày đầu, khi nghỉ nhiều ngày), ví dụ 01/01/2026")
    last_day: Date | None = Field(None, alias="den_ngay",
                                  description="Ngày nghỉ cuối cùng, khi nghỉ nhiều ngày (không bắt buộc), "
                                              "ví dụ 22/02/2026")
    name: Text = Field(alias="ten", description="Tên ngày nghỉ, ví dụ Tết Dương lịch")


class Holidays(Record):
    entries: tuple[Holiday, ...] = Field(alias="ngay_nghi", description="Các ngày nghỉ lễ, Tết, mỗi mục bắt đầu "
                                                                        "bằng - ngay: …")


# --- the register of legal documents (data/van-ban.yaml) ------------------------------------------------------

DocumentKind = Literal[
    "Luật", "Pháp lệnh", "Nghị định", "Nghị quyết", "Quyết định", "Thông tư", "Chỉ thị", "Kế hoạch", "Công văn",
    "Thông báo", "Hướng dẫn", "Chương trình", "Đề án", "Quy chế", "Quy định", "Báo cáo", "Tờ trình",
]


# issue 12b: a document's status (`tinh_trang`): code -> the words readers see
DOCUMENT_STATUSES = {"con-hieu-luc": "Còn hiệu lực", "het-hieu-luc": "Hết hiệu lực", "bi-thay-the": "Bị thay thế"}
REPLACED = "bi-thay-the"


def _one_or_more(value: object) -> object:
    """`tac_gia: Lê Thúy Phượng` or a list of names."""
    return [value] if isinstance(value, str) else value


class LegalDocument(Record):
    number: Text = Field(alias="so_ky_hieu",
                         description="Số, ký hiệu của văn bản, ví dụ 26/KH-UBND "
                                     "(báo cáo trích dẫn văn bản bằng [[26/KH-UBND]])")
    kind: DocumentKind = Field(alias="loai", description="Loại văn bản, ví dụ Kế hoạch")
    issuer: Text = Field(alias="co_quan_ban_hanh",
                         description="Cơ quan ban hành, ví dụ Ủy ban nhân dân tỉnh Tuyên Quang")
    issued: Date = Field(alias="ngay_ban_hanh", description="Ngày ký văn bản, ví dụ 04/02/2021")
    summary: Text = Field(alias="trich_yeu", description="Trích yếu nội dung văn bản")
    # issue 12b: effective date, status, attachments
    effective: Date | None = Field(None, alias="ngay_hieu_luc",
                                   description="Ngày văn bản có hiệu lực (không bắt buộc), ví dụ 15/02/2021")
    status: Literal[tuple(DOCUMENT_STATUSES)] | None = Field(None, alias="tinh_trang",
        description="Tình trạng hiệu lực (không bắt buộc): con-hieu-luc, het-hieu-luc hoặc bi-thay-the "
                    "(khi đó ghi thay_the_boi)")
    replaced_by: Text | None = Field(None, alias="thay_the_boi",
        description="Số, ký hiệu của văn bản thay thế văn bản này, có trong sổ (chỉ khi tinh_trang: bi-thay-the), "
                    "ví dụ 07/2021/QĐ-UBND")
    related: Annotated[tuple[Text, ...], BeforeValidator(_one_or_more)] = Field((), alias="lien_quan",
        description="Các văn bản liên quan có trong sổ (không bắt buộc): một số ký hiệu, "
                    "hoặc nhiều [\"26/KH-UBND\", \"100/QĐ-TTg\"]")
    attachments: Annotated[tuple[Text, ...], BeforeValidator(_one_or_more)] = Field((), alias="tep_dinh_kem",
        description="Tệp toàn văn (không bắt buộc): một hay nhiều tệp trong thư mục docs/van-ban/, "
                    "ví dụ /van-ban/26-kh-ubnd.pdf")
    official_link: Url | None = Field(None, alias="lien_ket",
        description="Địa chỉ toàn văn chính thức trên trang khác (không bắt buộc), "
                    "ví dụ https://vbpl.vn/tuyenquang/Pages/vbpq-toanvan.aspx?ItemID=148720")


# --- indicators (data/chi-so.yaml) ----------------------------------------------------------------------------

class Area(Record):
    id: Slug = Field(alias="ma",
                     description="Mã lĩnh vực: chữ thường không dấu, nối bằng dấu -, "
                                 "ví dụ tieu-chuan-do-luong-chat-luong")
    name: Text = Field(alias="ten", description="Tên lĩnh vực, ví dụ Tiêu chuẩn – Đo lường – Chất lượng")


class Component(Record):
    id: Slug = Field(alias="ma",
                     description="Mã thành phần: chữ thường không dấu, nối bằng dấu -, ví dụ cot-do-xang-dau")
    name: Text = Field(alias="ten", description="Tên thành phần, ví dụ Cột đo xăng dầu")


class IndicatorKind(StrEnum):
    """The kinds of indicator (`kieu` in chi-so.yaml): the one place that knows them. A kind equals its code."""

    COUNT = "so_luong"  # a count, with an optional bound and breakdown
    RATIO = "ty_le"  # a part of a whole, with a denominator named in the catalogue
    PERCENT = "phan_tram"

    @property
    def model(self) -> type[Value]:
        """The model of the kind's values."""
        return {IndicatorKind.COUNT: CountValue, IndicatorKind.RATIO: RatioValue,
                IndicatorKind.PERCENT: PercentValue}[self]


# Editors' `kieu` is checked as a Literal (its messages and JSON Schema are the Literal's), then read as a kind.
# A lambda, not the class: Python 3.13's Enum constructor is `(*values)`, a signature pydantic refuses.
_KindCode = Annotated[Literal[tuple(kind.value for kind in IndicatorKind)],
                      AfterValidator(lambda code: IndicatorKind(code))]


RegisterId = Literal["de-tai-du-an", "bao-ho"]  # the registers of khcn.data.registerkinds, for `dem_tu_so`


class Indicator(Record):
    id: Slug = Field(alias="ma",
                     description="Mã chỉ số: chữ thường không dấu, nối bằng dấu -, ví dụ phuong-tien-do-kiem-dinh "
                                 "(dùng trong so-lieu/<kỳ>.yaml và trong báo cáo: {{phuong-tien-do-kiem-dinh}})")
    name: Text = Field(alias="ten", description="Tên chỉ số, ví dụ Phương tiện đo được kiểm định")
    unit: Text = Field(alias="don_vi", description="Đơn vị tính, ví dụ phương tiện đo")
    area: Slug = Field(alias="linh_vuc",
                       description="Mã lĩnh vực của chỉ số (một mã trong linh_vuc đầu tệp), "
                                   "ví dụ tieu-chuan-do-luong-chat-luong")
    kind: _KindCode = Field(alias="kieu",
        description="Kiểu chỉ số: so_luong (một số đếm), ty_le (một phân số, cần mau_so) "
                    "hoặc phan_tram (tỉ lệ phần trăm)")
    counting: Literal["trong_ky", "cuoi_ky"] = Field(alias="cach_tinh",
        description="Cách tính: trong_ky (đếm trong kỳ) hoặc cuoi_ky (số có đến cuối kỳ)")
    definition: Text = Field(alias="dinh_nghia", description="Định nghĩa: chỉ số đếm gì, tính thế nào")
    source: Text | None = Field(None, alias="nguon",
                                description="Nguồn số liệu (không bắt buộc), ví dụ Sở Khoa học và Công nghệ")
    components: tuple[Component, ...] = Field((), alias="thanh_phan",
        description="Các thành phần (không bắt buộc), mỗi thành phần một mục có ma và ten; "
                    "số liệu các thành phần cộng lại bằng tổng")
    part_of: Slug | None = Field(None, alias="thuoc",
                                 description="Mã chỉ số mà chỉ số này là một phần (không bắt buộc): "
                                             "không bao giờ lớn hơn chỉ số đó")
    denominator: Text | None = Field(None, alias="mau_so",
                                     description="Với kieu: ty_le, mẫu số đếm gì, ví dụ UBND cấp xã")
    key: Flag = Field(False, alias="noi_bat",  # shown first on the statistics overview
                      description="có: chỉ số nổi bật, hiện đầu trang Thống kê; không ghi là không")
    counted_in: RegisterId | None = Field(None, alias="dem_tu_so",  # a register
        description="Chỉ số còn được đếm từ sổ (không bắt buộc): de-tai-du-an hoặc bao-ho")


class Catalogue(Record):
    areas: tuple[Area, ...] = Field(alias="linh_vuc", description="Các lĩnh vực, mỗi lĩnh vực một mục có ma và ten")
    indicators: tuple[Indicator, ...] = Field(alias="chi_so",
        description="Các chỉ số, mỗi chỉ số một mục bắt đầu bằng - ma: …")


# --- values of one period (data/so-lieu/<period>.yaml) --------------------------------------------------------

class Correction(Record):
    """A published value changed later: when, what readers saw before, and why."""

    date: Date = Field(alias="ngay", description="Ngày đính chính, ví dụ 15/11/2021")
    previous: Text = Field(alias="gia_tri_cu", description="Giá trị đã công bố trước khi đính chính, ví dụ 200")
    reason: Text = Field(alias="ly_do", description="Lý do đính chính")


# The bound a count may carry (`so_sanh`): its code → the word readers see and editors choose in the Excel sheet.
BOUND_WORDS = {"tren": "trên", "duoi": "dưới", "khoang": "khoảng"}


class CountValue(Record):
    """A count, written `42` or with a bound and a breakdown."""

    value: Count = Field(alias="gia_tri", description="Số đếm của kỳ, viết liền, ví dụ 170")
    bound: Literal[tuple(BOUND_WORDS)] | None = Field(None, alias="so_sanh",
        description="Số ghi kèm chữ (không bắt buộc): tren (trên 60), duoi (dưới 60) hoặc khoang (khoảng 60); "
                    "so với cùng kỳ, trang thống kê ghi nguyên hai số (trên 50 → trên 60), không tính mức thay đổi")
    components: dict[Slug, Count] = Field(default_factory=dict, alias="thanh_phan",
        description="Số của từng thành phần, mỗi dòng mã thành phần: số, ví dụ taximet: 36; cộng lại bằng gia_tri")
    corrections: tuple[Correction, ...] = Field((), alias="dinh_chinh",
        description="Đính chính một giá trị đã công bố (mỗi lần một mục có ngay, gia_tri_cu, ly_do)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        return data if isinstance(data, dict) else {"gia_tri": data}


class RatioValue(Record):
    """A part of a whole, written `109/138` or as `tu_so`/`mau_so`."""

    numerator: Count = Field(alias="tu_so", description="Tử số, ví dụ 109 (cả phân số viết gọn được: 109/138)")
    denominator: Count = Field(alias="mau_so", description="Mẫu số, ví dụ 138")
    corrections: tuple[Correction, ...] = Field((), alias="dinh_chinh",
        description="Đính chính một giá trị đã công bố (mỗi lần một mục có ngay, gia_tri_cu, ly_do)")

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
    value: Percentage = Field(alias="gia_tri",
                              description="Tỉ lệ phần trăm, dấu phẩy trước phần thập phân, ví dụ 86,96")
    corrections: tuple[Correction, ...] = Field((), alias="dinh_chinh",
        description="Đính chính một giá trị đã công bố (mỗi lần một mục có ngay, gia_tri_cu, ly_do)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        return data if isinstance(data, dict) else {"gia_tri": data}


Value = CountValue | RatioValue | PercentValue


BLANK_FIELD = "khong_co_so_lieu"


class BlankValue(Record):
    """A period the indicator has no figure for, and why: the statistics pages show a gap with this note (a line
    left out of the file, or `-` in the workbook, shows the gap without a reason)."""

    reason: Text = Field(alias=BLANK_FIELD,
                         description="Kỳ này không có số liệu của chỉ số; ghi lý do, ví dụ Chưa tổng hợp được do "
                                     "thay đổi cách thống kê")


PeriodEntry = Value | BlankValue  # what a values file holds for one indicator


# --- reports (data/bao-cao/<slug>.yaml) -----------------------------------------------------------------------

class Report(Record):
    title: Text = Field(alias="tieu_de", description="Tiêu đề báo cáo")
    period: PeriodField = Field(alias="ky",
                                description="Kỳ báo cáo, ví dụ 2021-H1 (6 tháng đầu năm), 2021-H2, "
                                            "2021-9T (9 tháng), 2021-Q3 (quý III), 2021 (cả năm)")
    published: DateTime = Field(alias="ngay_dang",
                                description="Ngày và giờ đăng (giờ Việt Nam), ví dụ \"01/10/2021 17:25:56\"")
    author: Text = Field(alias="tac_gia", description="Tác giả, ví dụ Lê Thúy Phượng")
    author_unit: Text | None = Field(None, alias="don_vi_tac_gia",
                                     description="Đơn vị của tác giả (không bắt buộc), ví dụ Sở Khoa học và Công nghệ")
    legacy_file: Text | None = Field(None, alias="tep_trang_cu",
                                     description="Chỉ cho báo cáo chép từ trang tin cũ: tệp của trang cũ, "
                                                 "ví dụ 000_a20b92412dde2aed.txt (báo cáo mới không ghi)")
    legacy_views: Count | None = Field(None, alias="luot_xem_trang_cu",
                                       description="Chỉ cho báo cáo chép từ trang tin cũ (có tep_trang_cu): số lượt "
                                                   "xem trên trang tin cũ, ví dụ 49 (báo cáo mới không ghi)")
    opening: Text = Field(alias="mo_dau", description="Đoạn mở đầu")
    results: tuple[Text, ...] = Field(alias="ket_qua",
                                      description="Các kết quả, mỗi mục bắt đầu bằng - |; "
                                                  "số liệu viết {{ma-chi-so}}, văn bản viết [[26/KH-UBND]]")
    transition: Text | None = Field(None, alias="chuyen_tiep",
                                    description="Câu chuyển sang phần nhiệm vụ (không bắt buộc)")
    tasks: tuple[Text, ...] = Field((), alias="nhiem_vu",
                                    description="Các nhiệm vụ kỳ tới (không bắt buộc), mỗi mục bắt đầu bằng - |")


# --- registers (data/de-tai-du-an.yaml, data/bao-ho.yaml) --------------------------------------------------------

ProjectLevel = Literal["cap-quoc-gia", "cap-tinh", "nong-thon-mien-nui", "cap-co-so"]
PROJECT_LEVELS = {"cap-quoc-gia": "Cấp quốc gia", "cap-tinh": "Cấp tỉnh",
                  "nong-thon-mien-nui": "Chương trình Nông thôn miền núi", "cap-co-so": "Cấp cơ sở"}
PROJECT_STATUSES = {"de-xuat": "Đề xuất", "dang-thuc-hien": "Đang thực hiện", "da-nghiem-thu": "Đã nghiệm thu",
                    "dung-thuc-hien": "Dừng thực hiện"}


class Project(Record):
    code: Text = Field(alias="ma_so", description="Mã số đề tài, dự án, ví dụ ĐT.01/2021")
    title: Text = Field(alias="ten", description="Tên đề tài, dự án")
    level: ProjectLevel = Field(alias="cap",
                                description="Cấp: cap-quoc-gia, cap-tinh, "
                                            "nong-thon-mien-nui (Chương trình Nông thôn miền núi) hoặc cap-co-so")
    programme: Text | None = Field(None, alias="chuong_trinh", description="Tên chương trình (không bắt buộc)")
    host: Text = Field(alias="to_chuc_chu_tri", description="Tổ chức chủ trì")
    start: Month = Field(alias="bat_dau", description="Tháng bắt đầu, dạng tháng/năm, ví dụ 01/2021")
    end: Month | None = Field(None, alias="ket_thuc",
                              description="Tháng kết thúc (không bắt buộc), dạng tháng/năm, ví dụ 12/2022")
    status: Literal["de-xuat", "dang-thuc-hien", "da-nghiem-thu", "dung-thuc-hien"] = Field(alias="trang_thai",
        description="Trạng thái: de-xuat, dang-thuc-hien, da-nghiem-thu hoặc dung-thuc-hien")


class ProjectRegister(Record):
    complete_periods: tuple[PeriodField, ...] = Field((), alias="day_du_cac_ky",
        description="Các kỳ mà sổ đã ghi đủ mọi đề tài, dự án, ví dụ [2021-H1]; "
                    "với các kỳ đó, số đếm từ sổ phải khớp số báo cáo")
    entries: tuple[Project, ...] = Field((), alias="de_tai_du_an",
        description="Các đề tài, dự án, mỗi mục bắt đầu bằng - ma_so: …")


PROTECTION_KINDS = {"nhan-hieu": "Nhãn hiệu", "nhan-hieu-tap-the": "Nhãn hiệu tập thể",
                    "nhan-hieu-chung-nhan": "Nhãn hiệu chứng nhận", "chi-dan-dia-ly": "Chỉ dẫn địa lý"}
PROTECTION_STATUSES = {"dang-xay-dung": "Đang xây dựng hồ sơ", "da-nop-don": "Đã nộp đơn",
                       "dang-tham-dinh": "Đang thẩm định", "da-cap": "Đã được cấp văn bằng"}


class Protection(Record):
    product: Text = Field(alias="san_pham", description="Tên sản phẩm, ví dụ Chè Shan tuyết Na Hang")
    holder: Text | None = Field(None, alias="chu_so_huu", description="Chủ sở hữu (không bắt buộc)")
    district: Text = Field(alias="huyen", description="Huyện, ví dụ Na Hang")
    kind: Literal["nhan-hieu", "nhan-hieu-tap-the", "nhan-hieu-chung-nhan", "chi-dan-dia-ly"] = Field(alias="loai",
        description="Loại: nhan-hieu, nhan-hieu-tap-the, nhan-hieu-chung-nhan hoặc chi-dan-dia-ly")
    status: Literal["dang-xay-dung", "da-nop-don", "dang-tham-dinh", "da-cap"] = Field(alias="trang_thai",
        description="Trạng thái: dang-xay-dung, da-nop-don, dang-tham-dinh hoặc da-cap")
    date: Date | None = Field(None, alias="ngay",  # of the status: the grant date once granted
                              description="Ngày của trạng thái (không bắt buộc; khi đã cấp là ngày cấp văn bằng), "
                                          "ví dụ 15/03/2021")
    as_of: Date = Field(alias="tinh_den",  # the status is known as of this date
                        description="Trạng thái được biết tính đến ngày này, ví dụ 01/10/2021")
    note: Text | None = Field(None, alias="ghi_chu", description="Ghi chú (không bắt buộc)")
    source: Text | None = Field(None, alias="nguon", description="Nguồn thông tin (không bắt buộc)")


class ProtectionRegister(Record):
    complete_periods: tuple[PeriodField, ...] = Field((), alias="day_du_cac_ky",
        description="Các kỳ mà sổ đã ghi đủ mọi văn bằng, ví dụ [2021-H1]; "
                    "với các kỳ đó, số đếm từ sổ phải khớp số báo cáo")
    entries: tuple[Protection, ...] = Field((), alias="bao_ho",
        description="Các sản phẩm được bảo hộ hoặc đang đăng ký, mỗi mục bắt đầu bằng - san_pham: …")


# --- bulletins (data/chuyen-muc.yaml, data/tin-tuc/**/<slug>.md) ------------------------------------------------

class Category(Record):
    id: Slug = Field(alias="ma",
                     description="Mã chuyên mục, ví dụ tin-hoat-dong (bản tin ghi chuyen_muc: tin-hoat-dong)")
    name: Text = Field(alias="ten", description="Tên chuyên mục, ví dụ Tin hoạt động")
    description: Text | None = Field(None, alias="mo_ta",
                                     description="Mô tả ngắn, hiện trên trang của chuyên mục (không bắt buộc)")


class Categories(Record):
    entries: tuple[Category, ...] = Field(alias="chuyen_muc",
        description="Các chuyên mục của mục Tin tức, mỗi mục có ma và ten; "
                    "cần chuyên mục bao-cao khi data/bao-cao/ có báo cáo")


class LegacyOrigin(Record):
    """Where an imported bulletin came from on the old website (written by scripts/import_legacy.py)."""

    file: Text = Field(alias="tep", description="Tệp của trang tin cũ (công cụ nhập ghi, không sửa)")
    views: Count | None = Field(None, alias="luot_xem", description="Số lượt xem trên trang tin cũ")
    key: Text = Field(alias="ma",  # the page's identity (title and date-time): a second import finds it
                      description="Mã nhận ra trang cũ khi nhập lại (công cụ nhập ghi, không sửa)")


class BulletinMeta(Record):
    """The front matter of a bulletin."""

    title: Text = Field(alias="tieu_de", description="Tiêu đề bản tin")
    published: DateTime = Field(alias="ngay_dang",
                                description="Ngày và giờ đăng (giờ Việt Nam), ví dụ \"25/11/2026 08:30\"")
    authors: Annotated[tuple[Text, ...], BeforeValidator(_one_or_more)] = Field((), alias="tac_gia",
        description="Tác giả (không bắt buộc): một tên, hoặc nhiều tên [\"Lê Thúy Phượng\", \"Nguyễn Văn A\"]")
    author_unit: Text | None = Field(None, alias="don_vi_tac_gia",
                                     description="Đơn vị của tác giả (không bắt buộc), hiện dưới bài")
    category: Slug = Field(alias="chuyen_muc",
                           description="Mã một chuyên mục trong data/chuyen-muc.yaml, ví dụ tin-hoat-dong")
    tags: Annotated[tuple[Text, ...], BeforeValidator(_one_or_more)] = Field((), alias="the",
        description="Các thẻ (không bắt buộc), ví dụ [\"chè Shan tuyết\", \"chỉ dẫn địa lý\"]")
    summary: Text | None = Field(None, alias="tom_tat",
                                 description="Một hai câu tóm tắt (không bắt buộc; không ghi thì lấy đoạn đầu của bài)")
    image: Text | None = Field(None, alias="anh",
                               description="Ảnh của bài (không bắt buộc): một tệp trong docs/anh/, "
                                           "ví dụ /anh/2026/hoi-thao.jpg")
    image_alt: Text | None = Field(None, alias="anh_mo_ta",
                                   description="Một câu tả ảnh cho người không xem được ảnh (cần khi có anh)")
    scheduled: Flag = Field(False, alias="hen_dang",
                            description="Hẹn đăng (không bắt buộc): `có` cho bài ghi ngày đăng sau hôm nay; bài chỉ "
                                        "hiện trên trang từ lần xây dựng đầu tiên vào hoặc sau ngày đó")
    legacy: LegacyOrigin | None = Field(None, alias="trang_cu",
                                        description="Nguồn trên trang tin cũ (công cụ nhập ghi, không sửa)")
    # issue 12b: notices (budget, procurement, recruitment…) with a deadline
    deadline: Date | None = Field(None, alias="han_chot",
        description="Hạn chót của thông báo (không bắt buộc): hiện trên bài, trong danh sách và bản tin RSS, "
                    "ghi \"đã hết hạn\" khi đã qua, ví dụ 30/11/2026")


# --- issue 12b: administrative procedures (data/thu-tuc.yaml) -----------------------------------------------------

# The level of online public service (`muc_do`): code -> the words readers see.
PROCEDURE_LEVELS = {"toan-trinh": "Dịch vụ công trực tuyến toàn trình",
                    "mot-phan": "Dịch vụ công trực tuyến một phần",
                    "khong-truc-tuyen": "Nộp hồ sơ trực tiếp hoặc qua bưu chính"}


class ProcedureField(Record):
    id: Slug = Field(alias="ma", description="Mã lĩnh vực: chữ thường không dấu, nối bằng dấu -, "
                                              "ví dụ hoat-dong-khoa-hoc-va-cong-nghe")
    name: Text = Field(alias="ten", description="Tên lĩnh vực, ví dụ Hoạt động khoa học và công nghệ")


class Procedure(Record):
    code: ProcedureCode = Field(alias="ma_so",
        description="Mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.004619")
    name: Text = Field(alias="ten", description="Tên thủ tục hành chính")
    field: Slug = Field(alias="linh_vuc",
                        description="Mã lĩnh vực của thủ tục (một mã trong linh_vuc đầu tệp), "
                                    "ví dụ hoat-dong-khoa-hoc-va-cong-nghe")
    level: Literal[tuple(PROCEDURE_LEVELS)] = Field(alias="muc_do",
        description="Mức độ dịch vụ công trực tuyến: toan-trinh, mot-phan hoặc khong-truc-tuyen")
    processing_time: Text = Field(alias="thoi_han_giai_quyet",
                                  description="Thời hạn giải quyết, ví dụ 15 ngày làm việc kể từ ngày nhận đủ hồ sơ")
    fees: Text = Field(alias="phi_le_phi", description="Phí, lệ phí, ví dụ Không thu phí")
    link: Url = Field(alias="lien_ket",
        description="Trang của thủ tục trên Cổng Dịch vụ công quốc gia hoặc cổng dịch vụ công của tỉnh, "
                    "ví dụ https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.004619")


class Procedures(Record):
    provincial_portal: Text | None = Field(None, alias="cong_dich_vu_cong_tinh",
        description="Tên miền cổng dịch vụ công của tỉnh, nếu liên kết tới đó (không bắt buộc), "
                    "ví dụ dichvucong.tuyenquang.gov.vn")
    fields: tuple[ProcedureField, ...] = Field((), alias="linh_vuc",
        description="Các lĩnh vực, mỗi lĩnh vực một mục có ma và ten")
    entries: tuple[Procedure, ...] = Field((), alias="thu_tuc",
        description="Các thủ tục hành chính, mỗi thủ tục một mục bắt đầu bằng - ma_so: …")


# --- issue 15: the bản tin, a licensed publication in numbered editions (data/ban-tin.yaml, data/ban-tin/) ---------

class EditorialMember(Record):
    name: Text = Field(alias="ten", description="Họ và tên, có thể kèm học vị, ví dụ ThS. Nguyễn Văn A")
    role: Text = Field(alias="vai_tro", description="Vai trò trong ban biên tập, ví dụ Trưởng ban")


class Publication(Record):
    """The bản tin itself: what Luật Báo chí 2016, điều 34 asks its pages to carry (the masthead and the colophon)."""

    name: Text = Field(alias="ten", description="Tên bản tin, ví dụ Bản tin Khoa học và Công nghệ Tuyên Quang")
    licence: Licence = Field(alias="giay_phep",
                             description="Giấy phép xuất bản bản tin: so, ngay, co_quan_cap, thụt lề bên dưới")
    periodicity: Text = Field(alias="dinh_ky", description="Kỳ hạn xuất bản, ví dụ 3 tháng/số")
    print_run: Count = Field(alias="so_luong_in", description="Số lượng in mỗi số (bản), ví dụ 500")
    printer: Text = Field(alias="noi_in", description="Nơi in, ví dụ Công ty Cổ phần In Tuyên Quang")
    responsible: Text = Field(alias="chiu_trach_nhiem",
                              description="Người chịu trách nhiệm xuất bản: chức vụ và họ tên, "
                                          "ví dụ Giám đốc Sở Nguyễn Văn A")
    board: tuple[EditorialMember, ...] = Field(alias="ban_bien_tap",
                                               description="Ban biên tập: mỗi người một mục - ten: …, vai_tro: …")


class Edition(Record):
    """One edition (số) of the bản tin: its articles are bulletins of the site, by their address."""

    number: Count = Field(alias="so", description="Số thứ tự của số bản tin trong năm, bắt đầu từ 1, ví dụ 2")
    year: Count = Field(alias="nam", description="Năm phát hành, ví dụ 2021")
    released: Date = Field(alias="ngay_phat_hanh", description="Ngày phát hành, ví dụ 30/06/2021")
    articles: tuple[Text, ...] = Field(alias="bai",
        description="Các bài của số này theo thứ tự in, mỗi bài một dòng - với địa chỉ của bài trên web, "
                    "ví dụ /tin-tuc/hoi-thao-khoa-hoc-2021/")
    note: Text | None = Field(None, alias="loi_toa_soan",
                              description="Lời toà soạn (không bắt buộc): chữ như bài viết, nhiều đoạn thì viết |")
    cover: Text | None = Field(None, alias="anh_bia",
                               description="Ảnh bìa (không bắt buộc): một tệp trong docs/anh/, "
                                           "ví dụ /anh/ban-tin/2021-2.jpg")
    cover_alt: Text | None = Field(None, alias="anh_bia_mo_ta",
                                   description="Một câu tả ảnh bìa cho người không xem được ảnh (cần khi có anh_bia)")
