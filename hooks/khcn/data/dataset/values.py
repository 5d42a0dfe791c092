"""data/so-lieu/<kỳ>.yaml: the indicators' values of one period per file, each read by its indicator's kind, or
`khong_co_so_lieu: <lý do>` for a period the indicator has no figure for (a gap, with its reason)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from khcn.core.errors import DataError
from khcn.core.periods import EXAMPLES as PERIOD_EXAMPLES
from khcn.core.periods import Period, parse_period
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading, one_of
from khcn.data.kinds import CATALOGUE, VALUES
from khcn.data.models import BLANK_FIELD, BlankValue, Indicator, Value
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument


@dataclass(frozen=True)
class PeriodValues:
    """One period's file and the values read from it."""

    period: Period
    path: Path
    doc: SourceDocument
    values: dict[str, Value]  # by indicator id


@dataclass
class Values:
    values: dict[tuple[str, str], Value] = field(default_factory=dict)  # (indicator id, period id) -> value
    periods: dict[str, Period] = field(default_factory=dict)  # oldest first
    files: dict[str, PeriodValues] = field(default_factory=dict)  # by period id, in file order
    blanks: dict[tuple[str, str], str] = field(default_factory=dict)  # (indicator id, period id) -> why no figure


def read_values(reading: Reading, failures: Failures, indicators: dict[str, Indicator]) -> Values:
    read = Values()
    periods: dict[str, Period] = {}
    files_of: dict[str, str] = {}  # period id -> its file
    for path in sorted((reading.data_dir / VALUES.folder).glob("*.yaml")):
        relative = f"{VALUES.folder}/{path.name}"
        period = parse_period(path.stem)
        if period is None:
            reading.errors.append(DataError(reading.name(relative), 1, "tên tệp", f"tên tệp `{path.name}`",
                                            f"tên tệp là một kỳ báo cáo, ví dụ 2021-H1.yaml ({PERIOD_EXAMPLES})"))
            continue
        if period.end >= reading.today:
            reading.errors.append(DataError(reading.name(relative), 1, "tên tệp",
                                            f"kỳ {period.id} ({period.label}) chưa kết thúc (kỳ hết ngày "
                                            f"{period.end:%d/%m/%Y})",
                                            "số liệu của một kỳ đã kết thúc; kiểm tra lại năm và kỳ trong tên tệp"))
            continue
        if period.id in files_of:
            reading.errors.append(DataError(reading.name(relative), 1, "tên tệp",
                                            f"kỳ {period.id} đã có tệp {files_of[period.id]}",
                                            "mỗi kỳ một tệp số liệu: gộp hai tệp làm một"))
            continue
        files_of[period.id] = reading.name(relative)
        doc = reading.read(relative)
        if doc is None:
            continue
        if not isinstance(doc.data, dict):
            reading.errors.append(DataError(doc.file, 1, "", "không phải một nhóm trường",
                                            "mỗi dòng một chỉ số: `ma-chi-so: giá trị`"))
            continue
        periods[period.id] = period
        current = {}
        for indicator_id, raw in doc.data.items():
            if isinstance(raw, dict) and BLANK_FIELD in raw and indicator_id in indicators:
                blank, errors = validate(BlankValue, raw, doc, (indicator_id,))
                reading.errors.extend(errors)
                if blank is not None:
                    read.blanks[(indicator_id, period.id)] = blank.reason
                continue
            value = _value(reading, failures, doc, period.id, indicator_id, raw, indicators)
            if value is not None:
                read.values[(indicator_id, period.id)] = current[indicator_id] = value
        read.files[period.id] = PeriodValues(period, path, doc, current)
    read.periods = dict(sorted(periods.items(), key=lambda item: item[1]))
    return read


def _value(reading: Reading, failures: Failures, doc: SourceDocument, period_id: str, indicator_id: str,
           raw: object, indicators: dict):
    indicator = indicators.get(indicator_id)
    if indicator is None:
        if not failures.file(CATALOGUE) and not failures.indicator(indicator_id):  # else already reported
            reading.problem(doc, (indicator_id,),
                            f"chỉ số `{indicator_id}` không có trong danh mục {CATALOGUE.files}",
                            one_of(indicator_id, list(indicators), "mã một chỉ số của danh mục"))
        return None
    value, errors = validate(indicator.kind.model, raw, doc, (indicator_id,))
    reading.errors.extend(errors)
    if value is None:
        failures.value_failed(indicator_id, period_id)
    return value
