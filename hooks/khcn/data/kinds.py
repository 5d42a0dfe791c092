"""The kinds of files editors keep under `data/`: where each is, what it is read as, what editors read about it.

The one list of them: the loader (khcn.data.dataset), the JSON Schemas (khcn.data.schemas), the Excel tools and the
scripts take the names from here. No pandas here, so that a script naming a file starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass

from khcn.data.fields import Slug
from khcn.data.models import (
    BulletinMeta,
    Catalogue,
    Categories,
    Edition,
    Holidays,
    Interruption,
    Introduction,
    LegalDocument,
    Organisation,
    PeriodEntry,
    Procedures,
    ProjectRegister,
    ProtectionRegister,
    Publication,
    Report,
)


@dataclass(frozen=True)
class Kind:
    """One kind of data file: what the build validates it with, and what editors read about it."""

    name: str  # the schema is <name>.schema.json
    files: str  # the file, or a glob of the files, under data/
    shape: object  # a model, or the type the loader validates the whole file's data as
    title: str
    description: str

    @property
    def folder(self) -> str:
        """The folder of a kind kept one file per record (so-lieu, bao-cao, tin-tuc)."""
        return self.files.partition("/")[0]

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


ORGANISATION = Kind("to-chuc", "to-chuc.yaml", Organisation, "Thông tin về cơ quan",
                    "Đầu trang, chân trang và trang Liên hệ lấy từ tệp này.")
DOCUMENTS = Kind("van-ban", "van-ban.yaml", tuple[LegalDocument, ...], "Danh mục văn bản",
                 "Mỗi văn bản một mục bắt đầu bằng - so_ky_hieu: …; báo cáo trích dẫn bằng [[số ký hiệu]].")
CATALOGUE = Kind("chi-so", "chi-so.yaml", Catalogue, "Danh mục chỉ số",
                 "Các lĩnh vực và các chỉ số thống kê: tên, đơn vị, kiểu, cách tính, định nghĩa.")
VALUES = Kind("so-lieu", "so-lieu/*.yaml", dict[Slug, PeriodEntry], "Số liệu của một kỳ",
              "Tên tệp là kỳ (2021-H1.yaml). Mỗi dòng một chỉ số: mã chỉ số: giá trị, ví dụ quy-hoach-gop-y: 10, "
              "ubnd-xa-ap-dung-iso: 109/138, co-quan-hanh-chinh-ap-dung-iso: 86,96; hoặc các trường gia_tri, "
              "thanh_phan, so_sanh, dinh_chinh thụt lề bên dưới; kỳ không có số liệu: khong_co_so_lieu và lý do.")
REPORTS = Kind("bao-cao", "bao-cao/*.yaml", Report, "Một báo cáo",
               "Tên tệp là đường dẫn của trang (2021-6-thang-dau-nam.yaml → /bao-cao/2021-6-thang-dau-nam/).")
PROJECTS = Kind("de-tai-du-an", "de-tai-du-an.yaml", ProjectRegister, "Sổ đề tài, dự án",
                "Mỗi đề tài, dự án một mục.")
PROTECTIONS = Kind("bao-ho", "bao-ho.yaml", ProtectionRegister, "Sổ bảo hộ sở hữu trí tuệ",
                   "Mỗi sản phẩm được bảo hộ hoặc đang đăng ký một mục.")
CATEGORIES = Kind("chuyen-muc", "chuyen-muc.yaml", Categories, "Các chuyên mục tin tức",
                  "Mỗi bản tin ghi chuyen_muc bằng mã một chuyên mục ở đây.")
# issue 12a: the introduction (optional)
INTRODUCTION = Kind("gioi-thieu", "gioi-thieu.yaml", Introduction, "Giới thiệu cơ quan",
                    "Chức năng, nhiệm vụ, cơ cấu tổ chức, lãnh đạo và lịch sử, cho trang Giới thiệu (/gioi-thieu/) "
                    "và trang tiếng Anh (/en/). Không bắt buộc: thiếu tệp thì trang Giới thiệu chỉ có thông tin "
                    "trong to-chuc.yaml. Các trường tên kết thúc bằng _en là bản tiếng Anh, không bắt buộc.")
# Front matter inside Markdown: the YAML extension does not check it, other tools may.
BULLETINS = Kind("tin-tuc-front-matter", "tin-tuc/**/*.md", BulletinMeta, "Phần đầu của một bản tin",
                 "Các trường giữa hai dòng --- ở đầu tệp bản tin.")

# issue 12b: administrative procedures
PROCEDURES = Kind("thu-tuc", "thu-tuc.yaml", Procedures, "Thủ tục hành chính",
                  "Các thủ tục hành chính của Sở theo lĩnh vực, mỗi thủ tục liên kết tới trang của nó trên "
                  "Cổng Dịch vụ công quốc gia; tệp không bắt buộc, có thủ tục thì có trang Thủ tục hành chính.")

# issue 12c: planned interruption and public holidays (both optional)
INTERRUPTION = Kind("tam-ngung", "tam-ngung.yaml", Interruption, "Thông báo tạm ngừng hoạt động của trang",
                    "Không bắt buộc. Có tệp này thì từ 7 ngày làm việc trước ngày bắt đầu đến hết ngày dự kiến hoạt "
                    "động trở lại, mọi trang có biểu ngữ thông báo. Hết việc thì xoá tệp.")
HOLIDAYS = Kind("ngay-nghi", "ngay-nghi.yaml", Holidays, "Các ngày nghỉ lễ, Tết",
                "Dùng để đếm ngày làm việc khi thông báo tạm ngừng (thứ Bảy, Chủ nhật đã tự tính là ngày nghỉ). "
                "Mỗi năm thêm các ngày nghỉ của năm đó.")

# issue 15: the bản tin (optional): the publication, then one file per edition
PUBLICATION = Kind("ban-tin", "ban-tin.yaml", Publication, "Bản tin (ấn phẩm)",
                   "Tên bản tin, giấy phép xuất bản, kỳ hạn, số lượng in, nơi in, người chịu trách nhiệm và ban biên "
                   "tập, in ở đầu và cuối mỗi số. Cần khi thư mục ban-tin/ có số bản tin.")
EDITIONS = Kind("ban-tin-so", "ban-tin/*.yaml", Edition, "Một số bản tin",
                "Tên tệp là năm và số (2021-2.yaml là Số 2/2021). Các bài là những bài đã đăng trong mục Tin tức, "
                "ghi theo địa chỉ của bài, theo thứ tự in.")

KINDS = (ORGANISATION, DOCUMENTS, CATALOGUE, VALUES, REPORTS, PROJECTS, PROTECTIONS, CATEGORIES, BULLETINS,
         PROCEDURES,  # issue 12b
         INTRODUCTION,  # issue 12a
         INTERRUPTION, HOLIDAYS,  # issue 12c
         PUBLICATION, EDITIONS)  # issue 15
SINGLE_FILES = tuple(kind.files for kind in KINDS if "/" not in kind.files)  # the files directly under data/
