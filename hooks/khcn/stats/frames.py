"""Statistics from the same records the reports cite: the long table of every value, series, changes.

Periods compare only with periods of the same kind (6 tháng, 9 tháng, năm, quý). A change is given, as
Vietnamese statistics give it, against the same period of the previous year ("so với cùng kỳ năm trước"). An
approximate figure ("trên 60") is compared as written ("trên 50 → trên 60"), never by a computed difference, which
would claim a precision the figures do not have.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from khcn.core import formatting
from khcn.core.memory import no_garbage_collection
from khcn.core.periods import Period, ordinal, run_of
from khcn.data.dataset import SiteData
from khcn.data.models import BOUND_WORDS, CountValue, Indicator, IndicatorKind, RatioValue, Value
from khcn.data.richtext import ValueRef
from khcn.stats.opendata import Field

COUNTING = {"trong_ky": "Phát sinh trong kỳ", "cuoi_ky": "Tồn tại đến cuối kỳ"}
PERIOD_KINDS = {"6thang": "6 tháng", "9thang": "9 tháng", "nam": "Năm", "quy": "Quý"}

VALUE_FIELDS = [
    Field("chi_so", "string", "Mã chỉ số", "Mã của chỉ số trong danh mục"),
    Field("ten_chi_so", "string", "Chỉ số", "Tên chỉ số"),
    Field("linh_vuc", "string", "Lĩnh vực", "Tên lĩnh vực của chỉ số"),
    Field("thanh_phan", "string", "Mã thành phần", "Mã thành phần của phân tổ; trống: số tổng"),
    Field("ten_thanh_phan", "string", "Thành phần", "Tên thành phần của phân tổ; trống: số tổng"),
    Field("ky", "string", "Mã kỳ", "Kỳ báo cáo, ví dụ 2021-H1 (6 tháng đầu năm 2021)"),
    Field("ten_ky", "string", "Kỳ", "Tên kỳ báo cáo"),
    Field("loai_ky", "string", "Loại kỳ", "6 tháng, 9 tháng, năm hoặc quý: chỉ so sánh các kỳ cùng loại"),
    Field("tu_ngay", "date", "Từ ngày", "Ngày đầu kỳ"),
    Field("den_ngay", "date", "Đến ngày", "Ngày cuối kỳ"),
    Field("gia_tri", "number", "Giá trị", "Số đếm, tỉ lệ phần trăm, hoặc với phân số: tỉ lệ tử số/mẫu số (%)"),
    Field("so_sanh", "string", "So sánh", "trên, dưới hoặc khoảng khi giá trị là một mốc; trống: giá trị đúng"),
    Field("tu_so", "integer", "Tử số", "Với chỉ số dạng phân số"),
    Field("mau_so", "integer", "Mẫu số", "Với chỉ số dạng phân số"),
    Field("don_vi", "string", "Đơn vị", "Đơn vị tính"),
    Field("cach_tinh", "string", "Cách tính", "Phát sinh trong kỳ hoặc tồn tại đến cuối kỳ"),
    Field("dinh_chinh", "string", "Đính chính", "Các lần đính chính sau khi công bố: ngày, giá trị cũ, lý do"),
]

CATALOGUE_FIELDS = [
    Field("chi_so", "string", "Mã chỉ số", "Mã của chỉ số, dùng trong đường dẫn /thong-ke/chi-so/<mã>/"),
    Field("ten_chi_so", "string", "Chỉ số", "Tên chỉ số"),
    Field("linh_vuc", "string", "Lĩnh vực", "Tên lĩnh vực"),
    Field("don_vi", "string", "Đơn vị", "Đơn vị tính"),
    Field("kieu", "string", "Kiểu", "so_luong (số đếm), ty_le (phân số) hoặc phan_tram (tỉ lệ phần trăm)"),
    Field("cach_tinh", "string", "Cách tính", "Phát sinh trong kỳ hoặc tồn tại đến cuối kỳ"),
    Field("dinh_nghia", "string", "Định nghĩa", "Định nghĩa của chỉ số"),
    Field("thanh_phan", "string", "Thành phần", "Các thành phần của phân tổ, cách nhau bởi dấu chấm phẩy"),
]


@dataclass(frozen=True)
class Measure:
    """What an indicator's chart and table show, in the indicator's own words. A ratio is charted as its share
    in per cent, so its axis says so rather than naming the unit it counts ("UBND cấp xã")."""

    caption: str  # over the chart: "Đơn vị: sản phẩm", "Tỉ lệ (%) trên tổng số UBND cấp xã"
    unit: str  # in the table's caption: "sản phẩm", "số UBND cấp xã/tổng số UBND cấp xã, tỉ lệ %"
    heading: str  # of the table's value column: "Giá trị", "Số/tổng số (tỉ lệ %)"


def measure(indicator: Indicator) -> Measure:
    if indicator.kind is IndicatorKind.RATIO:
        whole = indicator.denominator
        return Measure(f"Tỉ lệ (%) trên tổng số {whole}", f"số {whole}/tổng số {whole}, tỉ lệ %",
                       "Số/tổng số (tỉ lệ %)")
    return Measure(f"Đơn vị: {indicator.unit}", indicator.unit, "Giá trị")


def spoken(indicator: Indicator, value: Value) -> str | None:
    """A ratio read aloud with what it counts, "109/138 UBND cấp xã (79,0%)"; None: its table text and unit do."""
    if not isinstance(value, RatioValue):
        return None
    return f"{formatting.value_in_prose(value)} {indicator.denominator}{formatting.share(value)}"


def period_kind_label(period: Period) -> str:
    return PERIOD_KINDS[period.kind]


def numeric(value: Value) -> Decimal:
    """One number per value, for charts and machine-readable tables (a fraction as its share in %)."""
    if isinstance(value, RatioValue):
        return value.share if value.share is not None else Decimal(0)
    return Decimal(value.value)


def _corrections_text(value: Value) -> str:
    return "; ".join(f"{formatting.day(c.date)}: trước đây {c.previous} ({c.reason})" for c in value.corrections)


def values_frame(site: SiteData, indicator_ids: list[str] | None = None) -> pd.DataFrame:
    """Every value (totals and components), in catalogue order then by period: the long table of the open data."""
    with no_garbage_collection():
        return _values_frame(site, indicator_ids)


def _values_frame(site: SiteData, indicator_ids: list[str] | None) -> pd.DataFrame:
    areas = site.areas
    periods = {p.id: (p.id, p.label, period_kind_label(p), p.start, p.end) for p in site.periods.values()}
    wanted = None if indicator_ids is None else set(indicator_ids)
    rows = []  # tuples in VALUE_FIELDS order: a frame of 100,000 rows is built 3× faster from tuples than dicts
    for indicator in site.catalogue.indicators:
        if wanted is not None and indicator.id not in wanted:
            continue
        head = (indicator.id, indicator.name, areas[indicator.area].name)
        tail = (indicator.unit, COUNTING[indicator.counting])
        for period, value in series(site, indicator.id):
            when = periods[period.id]
            notes = _corrections_text(value) if value.corrections else None
            rows.append(head + (None, None) + when + _value_columns(value) + tail + (notes,))
            if isinstance(value, CountValue):
                for component in indicator.components:
                    if component.id in value.components:
                        rows.append(head + (component.id, component.name) + when
                                    + (Decimal(value.components[component.id]), None, None, None) + tail + (notes,))
    frame = pd.DataFrame.from_records(rows, columns=[f.name for f in VALUE_FIELDS])
    for column in ("tu_so", "mau_so"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _value_columns(value: Value) -> tuple:
    """gia_tri, so_sanh, tu_so, mau_so."""
    bound = BOUND_WORDS.get(value.bound) if isinstance(value, CountValue) and value.bound else None
    if isinstance(value, RatioValue):
        return numeric(value).quantize(Decimal("0.01")), bound, value.numerator, value.denominator
    return numeric(value), bound, None, None


def catalogue_frame(site: SiteData) -> pd.DataFrame:
    areas = site.areas
    rows = [{"chi_so": i.id, "ten_chi_so": i.name, "linh_vuc": areas[i.area].name, "don_vi": i.unit, "kieu": i.kind,
             "cach_tinh": COUNTING[i.counting], "dinh_nghia": i.definition,
             "thanh_phan": "; ".join(c.name for c in i.components) or None} for i in site.catalogue.indicators]
    return pd.DataFrame(rows, columns=[f.name for f in CATALOGUE_FIELDS])


def series(site: SiteData, indicator_id: str) -> list[tuple[Period, Value]]:
    """The indicator's values, oldest period first."""
    return site.series_by_indicator.get(indicator_id, [])


def by_kind(points: list[tuple[Period, Value]]) -> dict[str, list[tuple[Period, Value]]]:
    """A series split into the kinds of period that may be compared, in a fixed order."""
    groups: dict[str, list] = {}
    for period, value in points:
        groups.setdefault(period.kind, []).append((period, value))
    return {kind: groups[kind] for kind in PERIOD_KINDS if kind in groups}


def with_gaps(points: list[tuple[Period, Value]], blanks: list[Period] = ()) -> list[tuple[Period, Value | None]]:
    """Points of one kind of period with every period between the first and the last, None where there is no
    figure: a period left out (`-` in the workbook) shows as a gap instead of vanishing from the series. `blanks`:
    periods the data says have no figure (`khong_co_so_lieu`), shown even before the first or after the last."""
    if not points:
        return []
    kind = points[0][0].kind
    blanks = [p for p in blanks if p.kind == kind]
    if not blanks and ordinal(points[-1][0]) - ordinal(points[0][0]) == len(points) - 1:
        return list(points)  # no period missing: the common case, and thousands of series on a large site
    known = dict(points)
    ends = [period for period, _ in points] + blanks
    return [(period, known.get(period)) for period in run_of(min(ends), max(ends))]


def gapped(site: SiteData, indicator_id: str) -> list[tuple[Period, Value | None]]:
    """The indicator's series with its gaps (each kind of period), oldest period first, as one list."""
    blanks = blank_periods(site, indicator_id)
    groups = by_kind(series(site, indicator_id)).values()
    return sorted((point for points in groups for point in with_gaps(points, blanks)), key=lambda point: point[0])


def blank_periods(site: SiteData, indicator_id: str) -> list[Period]:
    """The periods whose values file says the indicator has no figure (`khong_co_so_lieu`), oldest first."""
    return sorted(site.periods[period] for indicator, period in site.blanks if indicator == indicator_id)


def same_period_last_year(period: Period) -> str:
    return f"{period.year - 1}{period.id[4:]}"


APPROXIMATE = "số gần đúng, không tính mức thay đổi"  # said of a change between approximate figures


@dataclass(frozen=True)
class Change:
    previous_period: Period
    previous: Value
    text: str  # "+12 (+6,0%)", "−1,5 điểm %", "không đổi", "trên 50 → trên 60"
    note: str | None = None  # APPROXIMATE when either figure has a bound word


def change(site: SiteData, indicator: Indicator, period: Period) -> Change | None:
    """The value's change against the same period of the previous year, when both are known and comparable."""
    value = site.values.get((indicator.id, period.id))
    previous_id = same_period_last_year(period)
    previous = site.values.get((indicator.id, previous_id))
    if value is None or previous is None:
        return None
    if isinstance(value, CountValue) and (value.bound or previous.bound):
        # "trên 60" against "trên 50": both as written; their difference is not known, so none is computed
        text = f"{formatting.value_in_table(previous)} → {formatting.value_in_table(value)}"
        return Change(site.periods[previous_id], previous, text, APPROXIMATE)
    return Change(site.periods[previous_id], previous, _change_text(value, previous))


def _change_text(value: Value, previous: Value) -> str:
    if isinstance(value, CountValue):
        delta = value.value - previous.value
        if delta == 0:
            return "không đổi"
        relative = f" ({_signed(Decimal(delta) / previous.value * 100, 1)}%)" if previous.value else ""
        return f"{_signed(Decimal(delta))}{relative}"
    delta = numeric(value) - numeric(previous)
    return "không đổi" if delta == 0 else f"{_signed(delta, 1)} điểm %"


def _signed(number: Decimal, decimals: int | None = None) -> str:
    shown = formatting.number(abs(number), decimals)
    return ("+" if number > 0 else "−") + shown


def latest(site: SiteData, indicator_id: str) -> tuple[Period, Value] | None:
    points = series(site, indicator_id)
    return points[-1] if points else None


def area_table(site: SiteData, area_id: str) -> tuple[list[Period], list[dict]]:
    """Indicators × periods of one area, pivoted with pandas from the long table: the periods (columns) and the
    rows (a total, then its components) of cells as shown, None where there is no value; a period the values
    file says has no figure (`khong_co_so_lieu`) has a cell with its reason as `blank` and no text."""
    indicators = [i for i in site.catalogue.indicators if i.area == area_id]
    frame = values_frame(site, [i.id for i in indicators])
    frame["o"] = frame["thanh_phan"].fillna("")  # the total's row has no component
    frame["cell"] = [_cell(site.values[(indicator, period)], component or None)
                     for indicator, period, component in zip(*(frame[c].tolist() for c in ("chi_so", "ky", "o")))]
    table = frame.pivot(index=["chi_so", "o"], columns="ky", values="cell")
    periods = sorted(site.periods[p] for p in table.columns)
    by_row = table.to_dict(orient="index")  # one conversion, then plain look-ups per row
    rows = []
    for indicator in indicators:  # every indicator and component gets its row, with values or not
        for component in (None, *indicator.components):
            cells = by_row.get((indicator.id, component.id if component else ""), {})
            blank = {} if component else {p.id: {"text": None, "corrected": False,
                                                    "blank": site.blanks[(indicator.id, p.id)]}
                                          for p in periods if (indicator.id, p.id) in site.blanks}
            rows.append({"indicator": indicator, "component": component,
                         "cells": [_present(cells.get(p.id)) or blank.get(p.id) for p in periods]})
    return periods, rows


def _present(cell: object) -> dict | None:
    return cell if isinstance(cell, dict) else None  # the pivot fills the gaps with NaN


def _cell(value: Value, component: str | None) -> dict:
    if component is not None:
        return {"text": formatting.number(value.components[component]), "corrected": False, "blank": None}
    return {"text": formatting.value_in_table(value), "corrected": bool(value.corrections), "blank": None}


def citing_reports(site: SiteData, indicator_id: str) -> list:
    """Reports whose text cites the indicator, newest first."""
    return [report for report in site.reports
            if any(isinstance(s, ValueRef) and s.indicator == indicator_id for s in report.segments())]
