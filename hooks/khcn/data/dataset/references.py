"""References in texts: every `{{chỉ-số@kỳ}}`, `[[số ký hiệu]]`, `{{bang…}}` and `{{bieu-do:…}}` of a report or a
bulletin names something that exists (an indicator's value of that period, a document of the register, a period's
table, an indicator with a chart to draw)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from khcn.core.errors import DataError
from khcn.core.periods import Period, parse_period
from khcn.data.bulletins import Bulletin
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading, one_of
from khcn.data.dataset.reports import ReportPage
from khcn.data.fields import PERIOD_EXPECTED
from khcn.data.kinds import CATALOGUE, DOCUMENTS, VALUES
from khcn.data.models import Indicator, LegalDocument, Value
from khcn.data.richtext import ChartRef, DocumentRef, Malformed, Plain, TableRef, references
from khcn.data.yamlsource import SourceDocument
from khcn.stats.charts import MIN_FIGURES


@dataclass(frozen=True)
class Citable:
    """What a text may cite."""

    indicators: dict[str, Indicator]
    documents: dict[str, LegalDocument]
    values: dict[tuple[str, str], Value]
    periods: dict[str, Period]  # the periods with a values file
    failures: Failures
    blanks: dict[tuple[str, str], str] = field(default_factory=dict)  # periods said to have no figure, and why

    def problem(self, ref, own_period: str | None, in_report=False):
        """What is wrong with one reference of a text, or None. `own_period`: the period of a report's text
        (`{{id}}` means that period); a bulletin has none, so its figures name their period."""
        if isinstance(ref, Malformed):
            return ref.found, ref.expected
        if isinstance(ref, TableRef):
            return self._table_problem(ref, in_report)
        if isinstance(ref, ChartRef):
            return self._chart_problem(ref, in_report)
        if isinstance(ref, DocumentRef):
            return self._document_problem(ref)
        return self._value_problem(ref, own_period)

    def _document_problem(self, ref: DocumentRef):
        documents = self.documents
        if ref.number in documents or self.failures.document(ref.number) or self.failures.file(DOCUMENTS):
            return None
        return (f"văn bản `{ref.number}` chưa có trong sổ {DOCUMENTS.files}",
                one_of(ref.number, list(documents), f"số, ký hiệu của một văn bản trong {DOCUMENTS.files}"))

    def _value_problem(self, ref, own_period: str | None):
        indicators, values = self.indicators, self.values
        indicator = indicators.get(ref.indicator)
        if indicator is None and (self.failures.file(CATALOGUE) or self.failures.indicator(ref.indicator)):
            return None  # the catalogue's own error says what to fix first
        if indicator is None:
            return (f"chỉ số `{ref.indicator}` không có trong danh mục {CATALOGUE.files}",
                    one_of(ref.indicator, list(indicators), "mã một chỉ số của danh mục"))
        if ref.period is None and own_period is None:
            component = "." + ref.component if ref.component else ""
            example = f"{indicator.id}{component}@{_latest_period(indicator.id, values)}"
            return (f"`{{{{{ref.indicator}{component}}}}}` không ghi kỳ",
                    f"ghi rõ kỳ của số liệu, ví dụ `{{{{{example}}}}}` (bài đã đăng không đổi số khi có kỳ mới)")
        period = own_period if ref.period is None else ref.period
        if ref.period is not None and parse_period(ref.period) is None:  # not "no figures": no such period at all
            return f"`@{ref.period}` không phải một kỳ hợp lệ", f"sau dấu @ là {PERIOD_EXPECTED}"
        value = values.get((indicator.id, period))
        if self.failures.value(indicator.id, period):
            return None  # the value's own error says what to fix
        component_ids = [c.id for c in indicator.components]
        if ref.component is not None and ref.component not in component_ids:
            return (f"thành phần `{ref.component}` không có ở chỉ số `{indicator.id}`",
                    one_of(ref.component, component_ids, "một thành phần khai báo trong chi-so.yaml"))
        if value is None and (indicator.id, period) in self.blanks:
            return (f"kỳ {period} của `{indicator.id}` ghi không có số liệu ({self.blanks[(indicator.id, period)]})",
                    "bỏ con số này khỏi bài, hoặc viết bằng lời rằng kỳ này không có số liệu")
        if value is None:
            return (f"chỉ số `{indicator.id}` chưa có số liệu kỳ {period}",
                    f"giá trị của `{indicator.id}` trong {VALUES.folder}/{period}.yaml")
        if ref.component is not None and ref.component not in value.components:
            return (f"số liệu kỳ {period} của `{indicator.id}` không chia theo thành phần",
                    f"`thanh_phan` của `{indicator.id}` trong {VALUES.folder}/{period}.yaml")
        return None

    def _table_problem(self, ref: TableRef, in_report: bool):
        if in_report:
            return ("một bảng số liệu trong lời văn báo cáo",
                    "bảng số liệu của kỳ đã có cuối trang báo cáo; `{{bang…}}` chỉ dùng trong bản tin")
        if not ref.alone:
            return ("bảng số liệu nằm giữa dòng chữ", "`{{bang…}}` đứng riêng một dòng, cách đoạn trên và dưới "
                    "một dòng trống")
        if ref.indicator is not None:
            return self._unknown_indicator(ref.indicator)
        period = parse_period(ref.period)
        if period is None or period.id not in self.periods:
            return (f"kỳ `{ref.period}` chưa có số liệu" if period else f"`{ref.period}` không phải một kỳ hợp lệ",
                    f"một kỳ có tệp trong {VALUES.folder}/: "
                    + (", ".join(sorted(self.periods)) or "chưa có kỳ nào"))
        return None

    def _chart_problem(self, ref: ChartRef, in_report: bool):
        """A chart as a table is placed (on its own line, in a bulletin), of an indicator its page draws a chart of:
        one kind of period (years, half-years…) with MIN_FIGURES figures (khcn.pages.statistics.chart_groups)."""
        if in_report:
            return ("một biểu đồ trong lời văn báo cáo",
                    "biểu đồ của mỗi chỉ số đã có ở trang thống kê của nó; `{{bieu-do:…}}` chỉ dùng trong bản tin")
        if not ref.alone:
            return ("biểu đồ nằm giữa dòng chữ", "`{{bieu-do:…}}` đứng riêng một dòng, cách đoạn trên và dưới "
                    "một dòng trống")
        if ref.indicator not in self.indicators:
            return self._unknown_indicator(ref.indicator)
        if (self._most_figures_of_a_kind(ref.indicator) >= MIN_FIGURES or self.failures.file(VALUES)
                or any(self.failures.value(ref.indicator, period) for period in self.periods)):
            return None  # drawable, or a values file's own error says what to fix first
        return (f"chỉ số `{ref.indicator}` chưa đủ số liệu để vẽ biểu đồ",
                f"số liệu của ít nhất {MIN_FIGURES} kỳ cùng loại (hai năm, hai kỳ 6 tháng…) trong "
                f"{VALUES.folder}/; khi chưa đủ, dùng bảng `{{{{bang:{ref.indicator}}}}}`")

    def _most_figures_of_a_kind(self, indicator_id: str) -> int:
        kinds = Counter(parse_period(period).kind for indicator, period in self.values if indicator == indicator_id)
        return max(kinds.values(), default=0)

    def _unknown_indicator(self, indicator: str):
        if indicator in self.indicators or self.failures.file(CATALOGUE) or self.failures.indicator(indicator):
            return None  # known, or the catalogue's own error says what to fix first
        return (f"chỉ số `{indicator}` không có trong danh mục {CATALOGUE.files}",
                one_of(indicator, list(self.indicators), "mã một chỉ số của danh mục"))


def check_report_references(reading: Reading, reports: list[tuple[ReportPage, SourceDocument]],
                            citable: Citable) -> None:
    for page, doc in reports:
        for key, field_name, text, paragraphs in page.texts():
            for ref in references(paragraphs):
                problem = citable.problem(ref, page.record.period.id, in_report=True)
                if problem:
                    path = (field_name,) if key is None else (field_name, key)
                    line = doc.line_in_text(path, ref.offset, text)
                    reading.errors.append(DataError(doc.file, line, path, *problem, doc.data))


def check_bulletin_references(reading: Reading, bulletin: Bulletin, citable: Citable) -> None:
    for ref in bulletin.segments:
        if isinstance(ref, Plain):
            continue
        problem = citable.problem(ref, None)
        if problem:
            reading.errors.append(DataError(bulletin.file, bulletin.line_of(ref.offset), "nội dung", *problem))


def _latest_period(indicator_id: str, values) -> str:
    periods = [parse_period(p) for i, p in values if i == indicator_id]
    return max(periods).id if periods else "2021-H1"
