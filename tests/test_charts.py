"""The build-time SVG bar chart: structure, proportions, accessibility, Vietnamese numbers, determinism.

The golden file is regenerated with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_charts.py`;
review the diff before committing it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import assert_golden
from khcn.core import formatting
from khcn.stats import charts
from khcn.stats.charts import Point, bar_chart, nice_axis

SVG_NS = "http://www.w3.org/2000/svg"
NS = {"svg": SVG_NS}
GOLDEN = Path(__file__).parent / "golden" / "charts" / "three-points.svg"

THREE = [
    Point("6T đầu 2020", 150, "150"),
    Point("6T đầu 2021", 200, "200"),
    Point("6T đầu 2022", 1234, "1.234"),
]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//svg:rect[@class='tq-chart__bar']", NS)


def texts(root: ET.Element, group: str) -> list[str]:
    return [t.text for t in root.findall(f".//svg:g[@class='tq-chart__{group}']/svg:text", NS)]


def num(element: ET.Element, attribute: str) -> float:
    return float(element.get(attribute))


def series(n: int) -> list[Point]:
    return [Point(f"6T đầu {2000 + i}", i * 3, str(i * 3)) for i in range(n)]


def test_one_bar_per_point_with_its_value_in_a_title():
    root = parse(bar_chart(THREE, "Sản phẩm", "sản phẩm", "san-pham"))
    found = bars(root)
    assert len(found) == len(THREE)
    assert [b.find("svg:title", NS).text for b in found] == [f"{p.label}: {p.display}" for p in THREE]
    assert texts(root, "values") == [p.display for p in THREE]
    assert texts(root, "labels") == [p.label for p in THREE]


def test_bar_heights_are_proportional_to_values():
    points = [Point(str(i), v, str(v)) for i, v in enumerate([5, 17, 0, 42, 99.5, 61])]
    found = bars(parse(bar_chart(points, "T", "", "t")))
    per_unit = num(found[4], "height") / 99.5
    for bar, point in zip(found, points):
        assert num(bar, "height") == pytest.approx(point.value * per_unit, abs=0.1)


def test_bars_stand_on_the_axis_and_fit_in_the_plot_area():
    root = parse(bar_chart(THREE, "T", "sản phẩm", "t"))
    axis = root.find(".//svg:line[@class='tq-chart__axis']", NS)
    gridlines = root.findall(".//svg:g[@class='tq-chart__grid']/svg:line", NS)
    plot_top = min(num(line, "y1") for line in gridlines)
    width = float(root.get("viewBox").split()[2])
    for bar in bars(root):
        assert num(bar, "y") >= plot_top
        assert num(bar, "y") + num(bar, "height") == pytest.approx(num(axis, "y1"), abs=0.05)
        assert num(axis, "x1") <= num(bar, "x") and num(bar, "x") + num(bar, "width") <= num(axis, "x2") <= width


def test_svg_root_scales_and_is_labelled_by_its_title_and_desc():
    svg = bar_chart(THREE, "Sản phẩm", "sản phẩm", "san-pham")
    assert svg.startswith("<svg")
    root = parse(svg)
    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("width") is None and root.get("height") is None
    assert root.get("role") == "img"
    assert root.get("viewBox").split()[:3] == ["0", "0", str(charts.WIDTH)]
    assert float(root.get("font-size")) >= 14
    title, desc = root[0], root[1]  # the accessible name comes from the first <title> child
    assert title.tag == f"{{{SVG_NS}}}title" and desc.tag == f"{{{SVG_NS}}}desc"
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert title.get("id") == "chart-san-pham-title" and desc.get("id") == "chart-san-pham-desc"


def test_desc_lists_every_point_with_its_unit():
    desc = parse(bar_chart(THREE, "T", "sản phẩm", "t")).find("svg:desc", NS).text
    assert desc == ("Biểu đồ cột. 6T đầu 2020: 150 sản phẩm; 6T đầu 2021: 200 sản phẩm; "
                    "6T đầu 2022: 1.234 sản phẩm.")


def test_desc_without_unit_and_with_unit_already_in_display():
    points = [Point("2020", 86.96, "86,96%"), Point("2021", 90, "90%")]
    assert "2020: 86,96%; 2021: 90%." in bar_chart(points, "T", "%", "t")
    assert "2020: 86,96%; 2021: 90%." in bar_chart(points, "T", "", "t")


def test_no_script_and_no_external_references():
    svg = bar_chart(series(12), "T", "đề tài", "t")
    assert all(not element.tag.endswith("}script") for element in parse(svg).iter())
    assert "http" not in svg.replace(SVG_NS, "")
    for forbidden in ("href", "url(", "style=", "@import", "<image", "<?xml"):
        assert forbidden not in svg


def test_colours_come_from_css():
    svg = bar_chart(THREE, "T", "", "t")
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", svg)
    assert all(b.get("class") == "tq-chart__bar" for b in bars(parse(svg)))


def test_tick_labels_read_as_vietnamese_numbers():
    points = [Point("2020", 9000, "9.000"), Point("2021", 12000, "12.000")]
    assert "10.000" in texts(parse(bar_chart(points, "T", "", "t")), "ticks")
    points = [Point("2020", 0.3, "0,3"), Point("2021", 0.55, "0,55")]
    assert texts(parse(bar_chart(points, "T", "", "t")), "ticks") == ["0", "0,2", "0,4", "0,6"]


@pytest.mark.parametrize("largest", [0, 0.0003, 0.3, 1, 7, 99.5, 12000, 987654, 3.2e9])
def test_tick_labels_read_as_babel_writes_them(largest):
    """The ticks share the site's number formatter; it writes them as Babel's `vi` locale did, every digit kept."""
    from babel.numbers import format_decimal
    for tick in nice_axis(largest):
        assert formatting.number(tick) == format_decimal(tick, locale="vi", decimal_quantization=False)


@pytest.mark.parametrize("largest, ticks", [
    (12000, ["0", "2500", "5000", "7500", "10000", "12500"]),
    (100, ["0", "20", "40", "60", "80", "100"]),
    (7, ["0", "2", "4", "6", "8"]),
    (0.3, ["0", "0.1", "0.2", "0.3"]),
    (1, ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
    (0, ["0", "1"]),
])
def test_axis_steps_are_round(largest, ticks):
    assert nice_axis(largest) == [Decimal(t) for t in ticks]
    assert [str(t) for t in nice_axis(largest)] == ticks  # no `1E+3`, no `0.30000000000000004`


def test_all_zero_series_has_an_axis_from_0_to_1():
    points = [Point("2020", 0, "0"), Point("2021", 0, "0"), Point("2022", 0, "0")]
    root = parse(bar_chart(points, "T", "", "t"))
    assert texts(root, "ticks") == ["0", "1"]
    assert [num(b, "height") for b in bars(root)] == [0, 0, 0]


def test_a_single_huge_value_keeps_the_others_on_the_axis():
    points = [Point("2020", 1, "1"), Point("2021", 1e12, "1.000.000.000.000")]
    root = parse(bar_chart(points, "T", "", "t"))
    assert "1.000.000.000.000" in texts(root, "ticks")
    small, huge = bars(root)
    assert num(small, "height") == 0 and num(huge, "height") > 200
    # the long tick labels push the plot right rather than off the picture's left edge
    assert num(root.find(".//svg:g[@class='tq-chart__ticks']/svg:text", NS), "x") > 17 * 7


def test_forty_points_keep_every_value_in_a_title():
    points = series(40)
    root = parse(bar_chart(points, "T", "", "t"))
    found = bars(root)
    assert len(found) == 40
    assert [b.find("svg:title", NS).text for b in found] == [f"{p.label}: {p.display}" for p in points]
    assert all(num(b, "width") > 0 for b in found)
    assert num(found[-1], "x") + num(found[-1], "width") <= float(root.get("viewBox").split()[2])
    labels = texts(root, "labels")
    assert 0 < len(labels) < 40 and labels[-1] == points[-1].label  # thinned, but the latest period stays


@pytest.mark.parametrize("n", [0, 1])
def test_fewer_than_two_points_is_an_error(n):
    with pytest.raises(ValueError):
        bar_chart(series(n), "T", "", "t")


def test_negative_values_are_an_error():
    with pytest.raises(ValueError):
        bar_chart([Point("2020", 1, "1"), Point("2021", -1, "-1")], "T", "", "t")


def test_output_is_deterministic_with_short_coordinates():
    first = bar_chart(series(17), "T", "sản phẩm", "t")
    assert first == bar_chart(series(17), "T", "sản phẩm", "t")
    assert not re.search(r"\d\.\d\d", first.split("</desc>")[1])  # no coordinate has two decimals


def test_text_is_escaped():
    points = [Point("A<b>", 1, "1 & 2"), Point("C", 2, "2")]
    svg = bar_chart(points, 'Tiêu đề "<&>"', "", "t")
    assert "&lt;&amp;&gt;" in svg and "<b>" not in svg
    root = parse(svg)
    assert root.find("svg:title", NS).text == 'Tiêu đề "<&>"'
    assert texts(root, "labels")[0] == "A<b>"


def test_golden_three_points():
    svg = bar_chart(THREE, "Sản phẩm khoa học và công nghệ", "sản phẩm", "san-pham")
    assert_golden(GOLDEN, svg)


# --- a period without a figure: a gap, never bridged --------------------------------------------------------------

GAPPED = [
    Point("6T đầu 2020", 900, "900"),
    Point("6T cuối 2020", None, charts.GAP_MARK, note="Chưa tổng hợp <đổi cách đếm> & cân"),
    Point("6T đầu 2021", 1234, "1.234"),
]
GOLDEN_RATIO_GAP = Path(__file__).parent / "golden" / "charts" / "ratio-with-gap.svg"


def test_a_gap_keeps_its_slot_empty_and_the_series_is_broken_there():
    root = parse(bar_chart(GAPPED, "T", "phương tiện", "t"))
    found = bars(root)
    assert [b.find("svg:title", NS).text for b in found] == ["6T đầu 2020: 900", "6T đầu 2021: 1.234"]
    (mark,) = root.findall(".//svg:g[@class='tq-chart__gaps']/svg:text", NS)
    assert mark.text == charts.GAP_MARK
    gap_x = num(mark, "x")
    # nothing is drawn across the gap: no bar covers its slot, and the neighbours keep their own slots
    assert all(not num(b, "x") <= gap_x <= num(b, "x") + num(b, "width") for b in found)
    first, last = (num(b, "x") + num(b, "width") / 2 for b in found)
    assert gap_x - first == pytest.approx(last - gap_x, abs=0.1)
    assert num(found[0], "x") + num(found[0], "width") < gap_x < num(found[1], "x")
    assert not root.findall(".//svg:path", NS) and not root.findall(".//svg:polyline", NS)
    assert texts(root, "labels") == [p.label for p in GAPPED]
    assert texts(root, "values") == ["900", "1.234"]  # the gap has no value written over it
    # on the axis: the mark stands on it like a value over a bar of 0
    axis = root.find(".//svg:line[@class='tq-chart__axis']", NS)
    assert num(mark, "y") < num(axis, "y1")


def test_a_gap_is_named_under_the_chart_and_in_the_text_alternative():
    svg = bar_chart(GAPPED, "T", "phương tiện", "t")
    root = parse(svg)
    assert root.find("svg:text[@class='tq-chart__footnote']", NS).text == "—: không có số liệu (6T cuối 2020)"
    assert root.find("svg:desc", NS).text == (
        "Biểu đồ cột. 6T đầu 2020: 900 phương tiện; "
        "6T cuối 2020: không có số liệu (Chưa tổng hợp <đổi cách đếm> & cân); 6T đầu 2021: 1.234 phương tiện.")
    assert "&lt;đổi cách đếm&gt; &amp; cân" in svg
    footnote_y = num(root.find("svg:text[@class='tq-chart__footnote']", NS), "y")
    assert max(num(t, "y") for t in root.findall(".//svg:g[@class='tq-chart__labels']/svg:text", NS)) < footnote_y
    assert footnote_y < float(root.get("viewBox").split()[3])


def test_many_gaps_are_named_in_the_table_rather_than_overflow():
    points = [Point(f"Q.I {2000 + i}", None if i % 2 else i, "—" if i % 2 else str(i)) for i in range(20)]
    root = parse(bar_chart(points, "T", "", "t"))
    assert root.find("svg:text[@class='tq-chart__footnote']", NS).text == \
        "—: không có số liệu (các kỳ ghi ở bảng số liệu)"
    assert len(root.findall(".//svg:g[@class='tq-chart__gaps']/svg:text", NS)) == 10


def test_no_gap_no_footnote():
    svg = bar_chart(THREE, "T", "", "t")
    assert "tq-chart__gaps" not in svg and "tq-chart__footnote" not in svg


def test_two_figures_are_needed_whatever_the_gaps():
    with pytest.raises(ValueError):
        bar_chart([Point("2020", 1, "1"), Point("2021", None, "—"), Point("2022", None, "—")], "T", "", "t")


def test_a_caption_says_what_the_axis_measures_and_is_escaped():
    points = [Point("2020", 68.8, "95/138 (68,8%)", "95/138 UBND <xã> (68,8%)"),
              Point("2021", 79, "109/138 (79,0%)", "109/138 UBND <xã> (79,0%)")]
    svg = bar_chart(points, "T", "UBND <xã>", "t", caption="Tỉ lệ (%) trên tổng số UBND <xã>")
    root = parse(svg)
    assert root.find("svg:text[@class='tq-chart__unit']", NS).text == "Tỉ lệ (%) trên tổng số UBND <xã>"
    assert "Đơn vị" not in svg and "<xã>" not in svg
    assert root.find("svg:desc", NS).text == ("Biểu đồ cột, tỉ lệ (%) trên tổng số UBND <xã>. "
                                              "2020: 95/138 UBND <xã> (68,8%); 2021: 109/138 UBND <xã> (79,0%).")


def test_golden_ratio_with_a_gap():
    points = [Point("6T đầu 2020", 68.8, "95/138 (68,8%)", "95/138 UBND cấp xã (68,8%)"),
              Point("6T cuối 2020", None, charts.GAP_MARK, note="Chưa tổng hợp"),
              Point("6T đầu 2021", 79.0, "109/138 (79,0%)", "109/138 UBND cấp xã (79,0%)")]
    svg = bar_chart(points, "Xã áp dụng hệ thống quản lý chất lượng (6 tháng)", "UBND cấp xã", "xa-ap-dung",
                    caption="Tỉ lệ (%) trên tổng số UBND cấp xã")
    assert_golden(GOLDEN_RATIO_GAP, svg)
