"""Statistics from the tiny fixture: the long table, series by kind of period, changes, register counts."""

from decimal import Decimal
from pathlib import Path
from typing import get_args

import pandas as pd
import pytest

from conftest import TINY_DATA, copy_tiny_data, edit
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from khcn.data.models import RegisterId
from khcn.data.registerkinds import REGISTER_KINDS
from khcn.stats import frames as stats
from khcn.stats import registers


@pytest.fixture(scope="module")
def site():
    return load_site_data(TINY_DATA)


def test_values_frame_holds_totals_and_components(site):
    frame = stats.values_frame(site)
    assert list(frame.columns) == [f.name for f in stats.VALUE_FIELDS]
    rows = frame[(frame["chi_so"] == "phuong-tien-do") & (frame["ky"] == "2021-H1")]
    assert rows["thanh_phan"].fillna("").tolist() == ["", "cot-do", "can"]
    assert rows["gia_tri"].tolist() == [Decimal(1234), Decimal(1226), Decimal(8)]
    ratio = frame[(frame["chi_so"] == "xa-ap-dung") & (frame["ky"] == "2021-H1")].iloc[0]
    assert (ratio["tu_so"], ratio["mau_so"], ratio["gia_tri"]) == (109, 138, Decimal("78.99"))
    assert str(frame["tu_so"].dtype) == "Int64"
    bound = frame[(frame["chi_so"] == "san-pham-dac-san") & (frame["ky"] == "2021-H1")].iloc[0]
    assert (bound["gia_tri"], bound["so_sanh"]) == (Decimal(60), "trên")


def test_series_are_split_by_kind_of_period(site):
    groups = stats.by_kind(stats.series(site, "phuong-tien-do"))
    assert {kind: [p.id for p, _ in points] for kind, points in groups.items()} == {
        "6thang": ["2020-H1", "2021-H1"], "nam": ["2020"]}
    assert [p.id for p, _ in stats.series(site, "san-pham-bao-ho")] == ["2020-H1", "2020-H2", "2021-H1"]


@pytest.mark.parametrize("indicator, period, expected", [
    ("san-pham-bao-ho", "2021-H1", "+50 (+33,3%)"),
    ("phuong-tien-do", "2021-H1", "+334 (+37,1%)"),
    ("xa-ap-dung", "2021-H1", "+10,1 điểm %"),
    ("san-pham-bao-ho", "2020-H2", None),  # no 2019-H2
    ("san-pham-dac-san", "2021-H1", "trên 50 → trên 60"),  # approximate: as written, no difference
])
def test_change_against_the_same_period_last_year(site, indicator, period, expected):
    change = stats.change(site, site.indicators[indicator], site.periods[period])
    assert (change.text if change else None) == expected


def test_a_fall_is_signed_with_a_minus(site):
    assert stats._change_text(site.values[("san-pham-bao-ho", "2020-H1")],
                              site.values[("san-pham-bao-ho", "2021-H1")]) == "−50 (−25,0%)"


def test_area_table_is_indicators_by_periods(site):
    periods, rows = stats.area_table(site, "do-luong")
    assert [p.id for p in periods] == ["2020-H1", "2020", "2020-H2", "2021-H1"]
    cells = [[c["text"] if c else None for c in row["cells"]] for row in rows]
    assert rows[0]["indicator"].id == "phuong-tien-do" and cells[0] == ["900", "2.000", None, "1.234"]
    assert rows[0]["cells"][2]["blank"] == "Chưa tổng hợp do đổi cách đếm cột đo & cân"  # 2020-H2: why no figure
    assert rows[1]["cells"][2] is None  # its breakdown: simply none
    assert rows[1]["component"].name == "Cột đo xăng dầu" and cells[1] == [None, "1.990", None, "1.226"]
    assert cells[3] == ["95/138 (68,8%)", None, "100/138 (72,5%)", "109/138 (79,0%)"]


def test_register_counts_follow_the_rules(site):
    projects = registers.projects_frame(site.projects)
    assert registers.counted(projects, "de-tai-du-an", site.periods["2021-H1"]).to_dict() == {
        "cap-tinh": 1, "nong-thon-mien-nui": 1}
    assert registers.counted(projects, "de-tai-du-an", site.periods["2020"]).to_dict() == {"cap-tinh": 2}
    protections = registers.protections_frame(site.protections)
    assert registers.counted(protections, "bao-ho", site.periods["2021-H1"]).to_dict() == {"chi-dan-dia-ly": 1}
    assert registers.counted(protections, "bao-ho", site.periods["2020-H2"]).to_dict() == {}
    summary = registers.counts_by_year(projects, "de-tai-du-an")
    assert summary.to_dict() == {"cap-tinh": {2019: 1, 2020: 1, 2021: 0},
                                 "nong-thon-mien-nui": {2019: 0, 2020: 0, 2021: 1}}


def test_every_register_is_described_once(site):
    """`dem_tu_so` (the model's Literal) names exactly the described registers, each with its own file and page;
    a register's download rows have its download fields' columns."""
    assert set(get_args(RegisterId)) == set(REGISTER_KINDS)
    kinds = list(REGISTER_KINDS.values())
    assert len({k.file for k in kinds}) == len({k.page for k in kinds}) == len(kinds)
    for kind in kinds:
        row = kind.download_row(kind.of(site).entries[0])
        assert list(row) == [name for name, *_ in kind.download_fields]


def _tiny_copy(tmp_path: Path) -> Path:

    return copy_tiny_data(tmp_path)


def test_a_complete_register_that_disagrees_stops_the_build(tmp_path):
    data = _tiny_copy(tmp_path)
    values = data / "so-lieu/2021-H1.yaml"
    edit(values, "  gia_tri: 2\n  thanh_phan:\n    cap-tinh: 1", "  gia_tri: 3\n  thanh_phan:\n    cap-tinh: 2")
    with pytest.raises(DataErrors) as caught:
        load_site_data(data)
    assert [str(e) for e in caught.value.errors] == [
        "data/so-lieu/2021-H1.yaml:12 — trường `de-tai-du-an`: gặp báo cáo ghi 3 nhưng đếm được 2 theo sổ "
        "de-tai-du-an.yaml; cần số báo cáo khớp với sổ, hoặc bỏ kỳ 2021-H1 khỏi `day_du_cac_ky` của "
        "de-tai-du-an.yaml nếu sổ chưa ghi đủ."]


def test_a_component_that_disagrees_is_named(tmp_path):
    data = _tiny_copy(tmp_path)
    values = data / "so-lieu/2021-H1.yaml"
    edit(values, "    cap-tinh: 1\n    nong-thon-mien-nui: 1", "    cap-tinh: 2\n    nong-thon-mien-nui: 0")
    with pytest.raises(DataErrors) as caught:
        load_site_data(data)
    assert "gặp thành phần `cap-tinh` báo cáo ghi 2 nhưng đếm được 1" in str(caught.value)


def test_an_incomplete_register_is_not_compared(tmp_path):
    data = _tiny_copy(tmp_path)
    register = data / "de-tai-du-an.yaml"
    edit(register, "day_du_cac_ky: [2021-H1]", "day_du_cac_ky: []")
    values = data / "so-lieu/2021-H1.yaml"
    edit(values, "  gia_tri: 2\n  thanh_phan:\n    cap-tinh: 1", "  gia_tri: 3\n  thanh_phan:\n    cap-tinh: 2")
    assert load_site_data(data).values[("de-tai-du-an", "2021-H1")].value == 3


def test_catalogue_frame(site):
    frame = stats.catalogue_frame(site)
    assert frame.set_index("chi_so").loc["phuong-tien-do", "thanh_phan"] == "Cột đo xăng dầu; Cân"
    assert isinstance(frame, pd.DataFrame) and len(frame) == len(site.catalogue.indicators)


# --- gaps, approximate figures, ratios ------------------------------------------------------------------------------

def test_the_periods_of_a_kind_follow_one_another():
    from khcn.core.periods import following, parse_period, run_of
    assert [following(parse_period(p)).id for p in ("2020-H1", "2020-H2", "2020-Q4", "2020-Q2", "2020-9T", "2020")] \
        == ["2020-H2", "2021-H1", "2021-Q1", "2020-Q3", "2021-9T", "2021"]
    assert [p.id for p in run_of(parse_period("2019-H2"), parse_period("2021-H1"))] == [
        "2019-H2", "2020-H1", "2020-H2", "2021-H1"]


def test_a_period_without_a_figure_is_a_gap_in_its_series(site):
    groups = {kind: stats.with_gaps(points, stats.blank_periods(site, "phuong-tien-do"))
              for kind, points in stats.by_kind(stats.series(site, "phuong-tien-do")).items()}
    assert {kind: [(p.id, v is not None) for p, v in points] for kind, points in groups.items()} == {
        "6thang": [("2020-H1", True), ("2020-H2", False), ("2021-H1", True)], "nam": [("2020", True)]}
    # left out without a word (`-` in the workbook): a gap all the same, without a reason
    assert [(p.id, v is None) for p, v in stats.with_gaps(stats.series(site, "san-pham-dac-san"))] == [
        ("2020-H1", False), ("2020-H2", True), ("2021-H1", False)]


def test_the_reason_for_a_gap_comes_from_the_values_file(site):
    assert site.blanks == {("phuong-tien-do", "2020-H2"): "Chưa tổng hợp do đổi cách đếm cột đo & cân"}
    assert ("phuong-tien-do", "2020-H2") not in site.values  # never a figure: not 0, not in the open data
    assert [p.id for p in stats.blank_periods(site, "phuong-tien-do")] == ["2020-H2"]


def test_a_gap_the_data_names_after_the_last_figure_is_shown(site):
    points = stats.series(site, "xa-ap-dung")
    later = [p for p in site.periods.values() if p.id == "2021-H1"]
    assert [p.id for p, _ in stats.with_gaps(points[:1], later)] == ["2020-H1", "2020-H2", "2021-H1"]
    assert stats.with_gaps(points[:1], [site.periods["2020"]]) == points[:1]  # another kind of period: not here


def test_a_blank_needs_its_reason_and_nothing_else(tmp_path):
    data = _tiny_copy(tmp_path)
    values = data / "so-lieu/2020-H2.yaml"
    edit(values, "  khong_co_so_lieu: Chưa tổng hợp do đổi cách đếm cột đo & cân",
         "  khong_co_so_lieu: Chưa tổng hợp\n  gia_tri: 5")
    with pytest.raises(DataErrors) as caught:
        load_site_data(data)
    assert [str(e) for e in caught.value.errors] == [
        "data/so-lieu/2020-H2.yaml:5 — trường `phuong-tien-do.gia_tri`: gặp trường lạ `gia_tri`; "
        "cần một trong các trường: `khong_co_so_lieu`."]


def test_a_ratio_is_measured_in_per_cent_of_its_denominator(site):
    ratio, count = site.indicators["xa-ap-dung"], site.indicators["phuong-tien-do"]
    assert stats.measure(ratio) == stats.Measure("Tỉ lệ (%) trên tổng số UBND cấp xã",
                                                 "số UBND cấp xã/tổng số UBND cấp xã, tỉ lệ %", "Số/tổng số (tỉ lệ %)")
    assert stats.measure(count).caption == "Đơn vị: phương tiện"
    assert stats.spoken(ratio, site.values[("xa-ap-dung", "2021-H1")]) == "109/138 UBND cấp xã (79,0%)"
    assert stats.spoken(count, site.values[("phuong-tien-do", "2021-H1")]) is None
