"""What a department's website must publish, and where this site publishes it (issue 12c).

One table serves the access-to-information page (/tiep-can-thong-tin/, Nghị định 13/2018/NĐ-CP điều 11) and
`make checklist` (scripts/checklist.py). Each item is (Vietnamese name, legal basis, the file to fill in, a function
site → where it is published and the date of its latest item, or None when nothing is published). A category with
nothing published is left off the page and shows as ✘ in the checklist: the site never publishes an empty section.

The legal bases were summarised from copies of the texts; the IT officer checks them against the official gazette.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from khcn import addresses
from khcn.addresses import (
    ACCESS_PAGE,
    DOCUMENTS_PAGE,
    INTRODUCTION_PAGE,
    PROCEDURES_PAGE,
    PROJECTS_PAGE,
    REPORTS_INDEX,
    STATISTICS_PAGE,
)
from khcn.data import kinds
from khcn.data.dataset import SiteData
from khcn.pages.page import EVERYTHING, ORGANISATION, Page
from khcn.rendering import render

LAW = "Luật Tiếp cận thông tin 2016, điều 17 khoản 1"
DECREE = "Nghị định 224/2026/NĐ-CP"
PLAN_KINDS = ("Kế hoạch", "Chương trình", "Đề án")  # document kinds that are plans, programmes, schemes


@dataclass(frozen=True)
class Place:
    label: str  # what a reader clicks
    page: str  # a page under docs/ (addresses), optionally with `#anchor`


@dataclass(frozen=True)
class Found:
    places: tuple[Place, ...]
    latest: date | None  # the date of its latest item, when the data dates it


@dataclass(frozen=True)
class Item:
    name: str
    basis: str  # the legal basis
    fill: str  # the file or folder that holds it (for ✘: what an editor fills in), a path under the project
    find: Callable[[SiteData], Found | None]
    on_page: bool = True  # a category listed on the access-to-information page
    hint: str = ""  # what to write there, when the path alone does not say


def _latest(dates) -> date | None:
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def _documents(site: SiteData, kinds_wanted: tuple[str, ...] | None = None) -> list:
    return [d for d in site.documents.values() if kinds_wanted is None or d.kind in kinds_wanted]


def legal_documents(site: SiteData) -> Found | None:
    places, dates = [], []
    if site.documents:
        places.append(Place("Văn bản", DOCUMENTS_PAGE))
        dates += [d.issued for d in site.documents.values()]
    procedures = procedures_found(site)
    if procedures:
        places += procedures.places
        dates.append(procedures.latest)
    return Found(tuple(places), _latest(dates)) if places else None


def plans(site: SiteData) -> Found | None:
    found = _documents(site, PLAN_KINDS)
    return Found((Place("Văn bản", DOCUMENTS_PAGE),), _latest(d.issued for d in found)) if found else None


def category(category_id: str) -> Callable[[SiteData], Found | None]:
    """Bulletins of one category of data/chuyen-muc.yaml (declared by editors when they have such notices)."""
    def find(site: SiteData) -> Found | None:
        declared = site.categories.get(category_id)
        bulletins = [b for b in site.bulletins if b.meta.category == category_id]
        if declared is None or not bulletins:
            return None
        return Found((Place(declared.name, addresses.category_page(category_id)),),
                     _latest(b.meta.published.date() for b in bulletins))
    find.__name__ = f"category_{category_id}"
    return find


def reports(site: SiteData) -> Found | None:
    if not site.reports:
        return None
    return Found((Place("Báo cáo", REPORTS_INDEX),), _latest(r.record.published.date() for r in site.reports))


def statistics(site: SiteData) -> Found | None:
    if not site.values:
        return None
    return Found((Place("Thống kê", STATISTICS_PAGE),), _latest(site.periods[p].end for _, p in site.values))


def projects(site: SiteData) -> Found | None:
    entries = site.projects.entries
    if not entries:
        return None
    return Found((Place("Đề tài, dự án", PROJECTS_PAGE),), _latest(e.start for e in entries))


def information_contact(site: SiteData) -> Found | None:
    if site.organisation.information_contact is None or not published_categories(site):
        return None
    return Found((Place("Tiếp cận thông tin", ACCESS_PAGE),), None)


def procedures_found(site: SiteData) -> Found | None:
    """The register of data/thu-tuc.yaml: its page exists when it holds a procedure."""
    if not site.procedures.entries:
        return None
    return Found((Place("Thủ tục hành chính", PROCEDURES_PAGE),), None)


def introduction(*parts: str) -> Callable[[SiteData], Found | None]:
    """Parts of Giới thiệu (data/gioi-thieu.yaml, `SiteData.introduction`): found when any of them is written."""
    def find(site: SiteData) -> Found | None:
        intro = site.introduction
        if intro is None or not any(getattr(intro, part) for part in parts):
            return None
        return Found((Place("Giới thiệu", INTRODUCTION_PAGE),), None)
    find.__name__ = "introduction_" + "_".join(parts)
    return find


def feedback(site: SiteData) -> Found | None:
    channel = site.organisation.feedback
    return Found((Place("Góp ý, đánh giá sự hài lòng (chân mọi trang)", addresses.HOME_PAGE),), None) if channel \
        else None


def interruption_notices(site: SiteData) -> Found | None:
    """The banner is built in; it counts working days right only with the public holidays listed."""
    if not site.holidays:
        return None
    return Found((Place("Biểu ngữ ở đầu mọi trang khi có data/tam-ngung.yaml", addresses.HOME_PAGE),),
                 _latest(h.last_day or h.day for h in site.holidays))


def _data(kind: kinds.Kind) -> str:
    return f"data/{kind.files}"


INTRODUCTION_FILE = _data(kinds.INTRODUCTION)
PROCEDURES_FILE = _data(kinds.PROCEDURES)

BULLETINS_FOLDER = f"data/{kinds.BULLETINS.folder}"


def _category_hint(category_id: str) -> str:
    return f"bản tin chuyên mục `{category_id}`, khai báo chuyên mục trong {_data(kinds.CATEGORIES)}"


# Luật Tiếp cận thông tin 2016, điều 17 khoản 1: what the access-to-information page lists, in the law's order.
ACCESS_ITEMS = (
    Item("Văn bản quy phạm pháp luật, văn bản hành chính có giá trị áp dụng chung, thủ tục hành chính",
         f"{LAW} điểm a", _data(kinds.DOCUMENTS), legal_documents),
    Item("Chiến lược, chương trình, dự án, đề án, kế hoạch", f"{LAW} điểm d", _data(kinds.DOCUMENTS), plans,
         hint="văn bản loại " + ", ".join(PLAN_KINDS)),
    Item("Dự toán, quyết toán ngân sách nhà nước", f"{LAW} điểm đ", BULLETINS_FOLDER, category("ngan-sach"),
         hint=_category_hint("ngan-sach")),
    Item("Đầu tư công, mua sắm công, đấu thầu", f"{LAW} điểm g", BULLETINS_FOLDER, category("mua-sam-dau-thau"),
         hint=_category_hint("mua-sam-dau-thau")),
    Item("Báo cáo công tác định kỳ, báo cáo tài chính năm", f"{LAW} điểm i", f"data/{kinds.REPORTS.folder}",
         reports),
    Item("Thông tin thống kê về ngành, lĩnh vực", f"{LAW} điểm i", f"data/{kinds.VALUES.folder}", statistics),
    Item("Tuyển dụng cán bộ, công chức, viên chức", f"{LAW} điểm i", BULLETINS_FOLDER, category("tuyen-dung"),
         hint=_category_hint("tuyen-dung")),
    Item("Danh mục và kết quả chương trình, đề tài, dự án khoa học và công nghệ", f"{LAW} điểm i",
         _data(kinds.PROJECTS), projects),
    Item("Danh mục thông tin phải công khai; đầu mối tiếp nhận yêu cầu cung cấp thông tin", f"{LAW} điểm k",
         _data(kinds.ORGANISATION), information_contact, on_page=False, hint="trường `dau_moi_cung_cap_thong_tin`"),
)
# Nghị định 224/2026/NĐ-CP: what else a department's website publishes, and the mechanisms it provides.
SITE_ITEMS = (
    Item("Thủ tục hành chính, dịch vụ công trực tuyến", f"{DECREE}, điều 9 khoản 1", PROCEDURES_FILE,
         procedures_found),
    Item("Sơ đồ tổ chức, cơ cấu tổ chức, chức năng, nhiệm vụ, quyền hạn", f"{DECREE}, điều 9 khoản 1",
         INTRODUCTION_FILE, introduction("units", "functions")),
    Item("Tóm lược lịch sử hình thành và phát triển", f"{DECREE}, điều 9 khoản 1", INTRODUCTION_FILE,
         introduction("history")),
    Item("Tiểu sử tóm tắt, nhiệm vụ đảm nhiệm của lãnh đạo", f"{DECREE}, điều 9 khoản 1", INTRODUCTION_FILE,
         introduction("leaders")),
    Item("Góp ý, đánh giá sự hài lòng trực tuyến", f"{DECREE}, điều 10 khoản 3", _data(kinds.ORGANISATION),
         feedback, hint="trường `kenh_gop_y`"),
    Item("Thông báo tạm ngừng hoạt động trước 7 ngày làm việc", f"{DECREE}, điều 13", _data(kinds.HOLIDAYS),
         interruption_notices, hint="các ngày nghỉ lễ, Tết, để đếm ngày làm việc"),
)
CHECKLIST = (*SITE_ITEMS[:4], *ACCESS_ITEMS, *SITE_ITEMS[4:])  # the decree's order: art. 9, 10, 13


def published_categories(site: SiteData) -> list[tuple[Item, Found]]:
    """The categories of the access-to-information page that have something published."""
    return [(item, found) for item in ACCESS_ITEMS if item.on_page and (found := item.find(site)) is not None]


def checklist(site: SiteData) -> list[tuple[Item, Found | None]]:
    return [(item, item.find(site)) for item in CHECKLIST]


# --- the access-to-information page ------------------------------------------------------------------------------

def render_access(site: SiteData) -> str:
    return render("access.md.j2", organisation=site.organisation, categories=published_categories(site),
                  contact=site.organisation.information_contact, page=ACCESS_PAGE, href=addresses.href)


def access_pages(site: SiteData) -> list[Page]:
    """The page, when at least one category has something published (the site never shows an empty section)."""
    if not published_categories(site):
        return []
    return [Page(ACCESS_PAGE, render_access(site), (*ORGANISATION, *EVERYTHING))]
