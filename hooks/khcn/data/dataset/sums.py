"""Figures of one period that must add up: a breakdown its total, a numerator no more than its denominator, a part
no more than its whole."""

from __future__ import annotations

from khcn.core.periods import Period
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading, one_of
from khcn.data.dataset.values import Values
from khcn.data.models import Indicator, IndicatorKind
from khcn.data.yamlsource import SourceDocument


def check_sums(reading: Reading, failures: Failures, read: Values, indicators: dict[str, Indicator]) -> None:
    for file in read.files.values():
        for indicator_id, value in file.values.items():
            _check_value(reading, failures, file.doc, indicators[indicator_id], value, file.period.id)
        _check_parts(reading, file.doc, file.period, file.values, indicators)


def _check_value(reading: Reading, failures: Failures, doc: SourceDocument, indicator: Indicator, value,
                 period_id: str) -> None:
    if indicator.kind is IndicatorKind.COUNT:
        _check_breakdown(reading, failures, doc, indicator, value, period_id)
    elif indicator.kind is IndicatorKind.RATIO and value.numerator > value.denominator:
        reading.problem(doc, (indicator.id, "tu_so"), f"tử số {value.numerator} lớn hơn mẫu số {value.denominator}",
                        "tử số không lớn hơn mẫu số")


def _check_breakdown(reading: Reading, failures: Failures, doc: SourceDocument, indicator: Indicator, value,
                     period_id: str) -> None:
    declared = [c.id for c in indicator.components]
    here = (indicator.id, "thanh_phan")
    for component in value.components:
        if component not in declared:
            reading.problem(doc, here + (component,),
                            f"thành phần `{component}` không khai báo cho chỉ số `{indicator.id}`",
                            one_of(component, declared, "thành phần khai báo trong chi-so.yaml"))
    if not value.components or any(c not in declared for c in value.components):
        return
    missing = [c for c in declared if c not in value.components]
    total = sum(value.components.values())
    if missing:
        failures.value_failed(indicator.id, period_id)
        reading.problem(doc, here, f"thiếu thành phần {', '.join(f'`{c}`' for c in missing)}",
                        "đủ mọi thành phần khai báo, hoặc bỏ cả nhóm `thanh_phan`")
    elif value.bound is None and total != value.value:
        parts = " + ".join(str(n) for n in value.components.values())
        reading.problem(doc, (indicator.id, "gia_tri"),
                        f"tổng {value.value} nhưng các thành phần cộng lại {parts} = {total}",
                        "tổng bằng tổng các thành phần")


def _check_parts(reading: Reading, doc: SourceDocument, period: Period, values: dict, indicators: dict) -> None:
    """`values`: the period's values by indicator."""
    for indicator in indicators.values():
        if indicator.part_of is None:
            continue
        part, whole = values.get(indicator.id), values.get(indicator.part_of)
        if part is None or whole is None or indicator.kind is IndicatorKind.RATIO:
            continue
        if part.value > whole.value:
            reading.problem(doc, (indicator.id,), f"{part.value}, lớn hơn `{indicator.part_of}` ({whole.value}) "
                                                  "mà chỉ số này là một phần", f"không lớn hơn {whole.value}")
