"""data/chuyen-muc.yaml: the categories of the bulletin stream, in the editors' order; each bulletin names one."""

from __future__ import annotations

from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading, one_of
from khcn.data.kinds import CATEGORIES, REPORTS
from khcn.data.models import Categories, Category
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument

REPORTS_CATEGORY = "bao-cao"  # reports join the stream in this category
# issue 12b: the notices the law on access to information names, as categories editors declare when they have such
# notices (id -> the name they usually take); khcn.news.pages.latest_in_category gives each one's latest entry.
NOTICE_CATEGORIES = {"ngan-sach": "Ngân sách", "mua-sam-dau-thau": "Mua sắm, đấu thầu", "tuyen-dung": "Tuyển dụng"}


def read_categories(reading: Reading, failures: Failures, has_reports: bool) -> dict[str, Category]:
    doc = reading.read(CATEGORIES.files)
    if doc is None:
        failures.file_failed(CATEGORIES)
        return {}
    data = doc.data.get("chuyen_muc") if isinstance(doc.data, dict) and set(doc.data) == {"chuyen_muc"} else None
    if data is None:
        reading.errors.extend(validate(Categories, doc.data, doc)[1])
        failures.file_failed(CATEGORIES)
        return {}
    entries = reading.items(doc, ("chuyen_muc",), data, Category, "ma", failures)
    ids = reading.unique(doc, ("chuyen_muc",), data)
    categories = {c.id: c for c in entries if c.id in ids}
    if has_reports and REPORTS_CATEGORY not in categories and not failures.category(REPORTS_CATEGORY):
        reading.problem(doc, ("chuyen_muc",), f"không có chuyên mục `{REPORTS_CATEGORY}`",
                        f"chuyên mục `{REPORTS_CATEGORY}` (các báo cáo trong {REPORTS.folder}/ "
                        "đăng vào chuyên mục này)")
    return categories


def check_category(reading: Reading, failures: Failures, doc: SourceDocument, category: str,
                   categories: dict[str, Category]) -> None:
    """A bulletin's category is declared (unless the categories' file failed: its own error comes first)."""
    if category not in categories and not failures.file(CATEGORIES):
        reading.problem(doc, ("chuyen_muc",), f"chuyên mục `{category}` chưa khai báo",
                        one_of(category, list(categories), f"mã một chuyên mục trong {CATEGORIES.files}"))
