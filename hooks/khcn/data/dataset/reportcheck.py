"""The reports against each other and against their own words (issue 13): one report per period, the old website's
view count only on a report copied from the old website, a title that names the report's own period.

Every data kind has one kind of report (the department's report on its work for a period), so the period alone is
the report's identity. A report is recognised as copied from the old website by `tep_trang_cu`, the old page's file;
two reports cannot come from one old page (a report copied from another, its old-website lines left in)."""

from __future__ import annotations

import re

from khcn.core.errors import DataError
from khcn.data.dataset.reading import Reading
from khcn.data.dataset.reports import ReportPage
from khcn.data.yamlsource import SourceDocument

PERIOD_KEY = "ky"
LEGACY_FILE_KEY = "tep_trang_cu"
LEGACY_VIEWS_KEY = "luot_xem_trang_cu"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def check_reports(reading: Reading, reports: list[tuple[ReportPage, SourceDocument]]) -> None:
    """Report every clash between two reports and every old-website line on a report not copied from it."""
    by_period: dict[str, tuple[str, int]] = {}
    by_legacy_file: dict[str, tuple[str, int]] = {}
    for page, doc in sorted(reports, key=lambda read: read[1].file):
        record = page.record
        _unique(reading, by_period, record.period.id, doc, PERIOD_KEY,
                f"kỳ `{record.period.id}` đã có báo cáo ở {{other}}",
                "mỗi kỳ một báo cáo: sửa `ky` cho đúng kỳ của báo cáo này (khi chép một báo cáo cũ, sửa `ky` và "
                "mọi số liệu), hoặc xoá một trong hai tệp")
        if record.legacy_file is not None:
            _unique(reading, by_legacy_file, record.legacy_file, doc, LEGACY_FILE_KEY,
                    f"trang tin cũ `{record.legacy_file}` đã được chép ở {{other}}",
                    f"báo cáo chép từ báo cáo khác không mang dòng `{LEGACY_FILE_KEY}` và `{LEGACY_VIEWS_KEY}` của "
                    "báo cáo đó: xoá hai dòng này ở báo cáo mới")
        elif record.legacy_views is not None:
            reading.errors.append(DataError(
                doc.file, doc.line_of((LEGACY_VIEWS_KEY,)), LEGACY_VIEWS_KEY,
                f"lượt xem trên trang tin cũ ({record.legacy_views}) ở một báo cáo không chép từ trang tin cũ "
                f"(không có `{LEGACY_FILE_KEY}`)",
                f"xoá dòng `{LEGACY_VIEWS_KEY}`: lượt xem trên trang tin cũ chỉ thuộc báo cáo chép từ trang tin cũ, "
                f"có `{LEGACY_FILE_KEY}` ghi tệp của trang cũ"))
        _check_title_year(reading, page, doc)


def _unique(reading: Reading, seen: dict, value: str, doc: SourceDocument, key: str, found: str,
            expected: str) -> None:
    line = doc.line_of((key,))
    if value in seen:
        other_file, other_line = seen[value]
        reading.errors.append(DataError(doc.file, line, key, found.format(other=f"{other_file}:{other_line}"),
                                        expected))
    else:
        seen[value] = (doc.file, line)


def _check_title_year(reading: Reading, page: ReportPage, doc: SourceDocument) -> None:
    """A title that names years, none of them the period's, belongs to another report (a copy left unchanged)."""
    record = page.record
    years = sorted(set(_YEAR.findall(record.title)))
    if years and str(record.period.year) not in years:
        reading.errors.append(DataError(
            doc.file, doc.line_of(("tieu_de",)), "tieu_de",
            f"tiêu đề nói năm {', '.join(years)} mà kỳ báo cáo (`ky: {record.period.id}`) là năm {record.period.year}",
            f"tiêu đề và `ky` nói cùng một kỳ: sửa `ky` (ví dụ `ky: {years[-1]}-H1`) hoặc sửa tiêu đề"))
