"""data/bao-cao/<đường-dẫn>.yaml: one report per file, its texts parsed into plain runs and references."""

from __future__ import annotations

from dataclasses import dataclass

from khcn.addresses import REPORTS_INDEX, RESERVED_REPORT_SLUGS, page_url
from khcn.core.errors import DataError
from khcn.data.dataset.reading import Reading
from khcn.data.fields import read_slug
from khcn.data.kinds import REPORTS
from khcn.data.models import Report
from khcn.data.richtext import parse_text
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument


@dataclass(frozen=True)
class ReportPage:
    slug: str
    file: str
    record: Report
    opening: list  # paragraphs of segments (see richtext)
    results: list  # one list of paragraphs per item
    transition: list
    tasks: list

    def segments(self):
        """Every segment of every text of the report (plain runs and references)."""
        for paragraphs in [self.opening, self.transition, *self.results, *self.tasks]:
            for paragraph in paragraphs:
                yield from paragraph

    def texts(self):
        """(index, field, text, paragraphs) of every text that may hold references (`index`: None for one text)."""
        parsed = {"mo_dau": [self.opening], "ket_qua": self.results, "chuyen_tiep": [self.transition],
                  "nhiem_vu": self.tasks}
        for key, field_name, text in _texts(self.record):
            yield key, field_name, text, parsed[field_name][key or 0]


def read_reports(reading: Reading) -> list[tuple[ReportPage, SourceDocument]]:
    """Each report's page with its file, newest first."""
    pages = []
    for path in sorted((reading.data_dir / REPORTS.folder).glob("*.yaml")):
        relative = f"{REPORTS.folder}/{path.name}"
        try:
            slug = read_slug(path.stem)
        except Exception:
            reading.errors.append(DataError(reading.name(relative), 1, "tên tệp", f"tên tệp `{path.name}`",
                                            "tên tệp viết thường, không dấu, nối bằng `-`, "
                                            "ví dụ 2021-6-thang-dau-nam.yaml (tên tệp là đường dẫn của trang)"))
            continue
        if slug in RESERVED_REPORT_SLUGS:
            reading.errors.append(DataError(reading.name(relative), 1, "tên tệp", f"tên tệp `{path.name}` trùng đường "
                                            f"dẫn của trang danh sách báo cáo /{page_url(REPORTS_INDEX)}",
                                            "một tên khác, ví dụ 2021-6-thang-dau-nam.yaml"))
            continue
        doc = reading.read(relative)
        if doc is None:
            continue
        report, errors = validate(Report, doc.data, doc)
        reading.errors.extend(errors)
        if report is None:
            continue
        pages.append((ReportPage(slug, doc.file, report, **_parsed(report)), doc))
    return sorted(pages, key=lambda read: (read[0].record.published, read[0].slug), reverse=True)


def _parsed(report: Report) -> dict:
    parsed = {}
    for _, field_name, text in _texts(report):
        parsed.setdefault(field_name, []).append(parse_text(text))
    return {
        "opening": parsed["mo_dau"][0],
        "results": parsed.get("ket_qua", []),
        "transition": parsed.get("chuyen_tiep", [[]])[0],
        "tasks": parsed.get("nhiem_vu", []),
    }


def _texts(report: Report):
    """(index, field, text) of every text of a report that may hold references."""
    yield None, "mo_dau", report.opening
    for index, text in enumerate(report.results):
        yield index, "ket_qua", text
    if report.transition:
        yield None, "chuyen_tiep", report.transition
    for index, text in enumerate(report.tasks):
        yield index, "nhiem_vu", text
