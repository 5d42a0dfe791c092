"""Golden tests: fixture data in, Markdown out. Regenerate with `UPDATE_GOLDEN=1 make test-fast` and review the diff."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import assert_golden
from khcn.addresses import link
from khcn.build import site_pages
from khcn.core import formatting
from khcn.data.dataset import load_site_data
from khcn.data.models import CountValue, PercentValue, RatioValue
from khcn.news.pages import build_stream

BUILD_DAY = date(2021, 10, 1)  # the tests' SOURCE_DATE_EPOCH (conftest.run_build): deadlines before it have passed

GOLDEN = Path(__file__).parent / "golden" / "tiny"


@pytest.fixture(scope="module")
def tiny_pages() -> dict[str, str]:
    from conftest import TINY_DATA

    site = load_site_data(TINY_DATA)
    return dict(site_pages(site, build_stream(site, today=BUILD_DAY)))


def test_generated_pages_are_the_expected_ones(tiny_pages):
    pages = [path for path in tiny_pages if not path.startswith(("thong-ke/", "de-tai-du-an/", "so-huu-tri-tue/"))]
    assert pages == [
        "index.md", "tin-tuc/moi-thau-thiet-bi-do-luong.md", "tin-tuc/tuyen-dung-vien-chuc-2021.md",
        "tin-tuc/kiem-dinh-phuong-tien-do.md", "tin-tuc/cong-khai-du-toan-ngan-sach-2021.md",
        "tin-tuc/thong-bao-de-xuat-nhiem-vu.md", "tin-tuc/index.md",
        "tin-tuc/chuyen-muc/tin-hoat-dong/index.md", "tin-tuc/chuyen-muc/thong-bao/index.md",
        "tin-tuc/chuyen-muc/bao-cao/index.md", "tin-tuc/chuyen-muc/ngan-sach/index.md",
        "tin-tuc/chuyen-muc/mua-sam-dau-thau/index.md", "tin-tuc/chuyen-muc/tuyen-dung/index.md",
        "tin-tuc/nam/2021/index.md", "tin-tuc/nam/2020/index.md",
        "tin-tuc/tac-gia/nguyen-thi-hoa/index.md", "tin-tuc/tac-gia/tran-thi-b/index.md",
        "tin-tuc/tac-gia/tran-van-binh/index.md", "tin-tuc/chuyen-muc/index.md", "tin-tuc/nam/index.md",
        "tin-tuc/tac-gia/index.md",
        "bao-cao/index.md", "van-ban/index.md", "lien-he/index.md", "bao-cao/2021-6-thang.md",
        # issue 12b
        "thu-tuc-hanh-chinh/index.md", "van-ban/loai/ke-hoach.md", "van-ban/loai/quyet-dinh.md",
        "van-ban/loai/thong-bao.md", "van-ban/nam/2021.md", "van-ban/nam/2020.md", "van-ban/nam/2019.md",
        "gioi-thieu/index.md", "en/index.md",  # issue 12a
        "tiep-can-thong-tin/index.md",  # issue 12c
        "ban-tin/index.md", "ban-tin/2021-2.md", "ban-tin/2021-1.md"]  # issue 15


@pytest.mark.parametrize("page", ["index.md", "bao-cao/index.md", "van-ban/index.md", "lien-he/index.md",
                                  "bao-cao/2021-6-thang.md", "tin-tuc/index.md", "tin-tuc/kiem-dinh-phuong-tien-do.md",
                                  "tin-tuc/thong-bao-de-xuat-nhiem-vu.md", "tin-tuc/chuyen-muc/index.md",
                                  # issue 12b
                                  "thu-tuc-hanh-chinh/index.md", "van-ban/loai/quyet-dinh.md", "van-ban/nam/2021.md",
                                  "tin-tuc/moi-thau-thiet-bi-do-luong.md", "tin-tuc/tuyen-dung-vien-chuc-2021.md",
                                  "tin-tuc/chuyen-muc/tuyen-dung/index.md",
                                  "gioi-thieu/index.md", "en/index.md",  # issue 12a
                                  "tiep-can-thong-tin/index.md",  # issue 12c
                                  "ban-tin/index.md", "ban-tin/2021-1.md", "ban-tin/2021-2.md"])  # issue 15
def test_golden(tiny_pages, page):
    assert_golden(GOLDEN / page, tiny_pages[page])


def test_report_prose_writes_figures_as_the_department_does(tiny_pages):
    report = tiny_pages["bao-cao/2021-6-thang.md"]
    assert "Kiểm định 1.234 phương tiện đo (1.226 cột đo; 08 cân)." in report
    assert "Có 200 sản phẩm, trong đó trên 60 đặc sản; năm trước 150." in report
    assert "109/138 xã và 86,96% cơ quan." in report
    assert "[Kế hoạch số 12/KH-UBND ngày 04/02/2021](../van-ban/index.md#vb-12-kh-ubnd)" in report
    assert "[Quyết định số 3/2020/QĐ-UBND ngày 31/5/2020](../van-ban/index.md#vb-3-2020-qd-ubnd)" in report
    assert "Mở đầu với a &lt; b, c &gt; d &amp; ký tự đặc biệt." in report  # editors' text is never raw HTML


def test_report_paragraphs_inside_an_item_stay_in_the_item(tiny_pages):
    report = tiny_pages["bao-cao/2021-6-thang.md"]
    assert "cân).\n\n    Có 200 sản phẩm" in report


def test_report_table_has_totals_components_and_ratios(tiny_pages):
    report = tiny_pages["bao-cao/2021-6-thang.md"]
    assert '<td class="tq-num">1.234</td>' in report
    assert '<tr class="tq-component"><th scope="row">Cân</th><td class="tq-num">8</td>' in report
    assert '<td class="tq-num">109/138 (79,0%)</td><td>UBND cấp xã</td>' in report
    assert '<td class="tq-num">trên 60</td>' in report


@pytest.mark.parametrize("value, prose, table", [
    (CountValue(gia_tri="8"), "08", "8"),
    (CountValue(gia_tri="1234"), "1.234", "1.234"),
    (CountValue(gia_tri="60", so_sanh="tren"), "trên 60", "trên 60"),
    (RatioValue.model_validate("109/138"), "109/138", "109/138 (79,0%)"),
    (RatioValue.model_validate("0/0"), "0/0", "0/0"),
    (PercentValue(gia_tri="86,96"), "86,96%", "86,96%"),
    (PercentValue(gia_tri="100"), "100%", "100%"),
])
def test_value_formats(value, prose, table):
    assert formatting.value_in_prose(value) == prose
    assert formatting.value_in_table(value) == table


def test_numbers_and_dates():
    assert formatting.number(1234567) == "1.234.567"
    assert formatting.number(Decimal("0.5"), 1) == "0,5"
    assert formatting.day(date(2021, 10, 1)) == "01/10/2021"
    # Nghị định 30/2020/NĐ-CP: a zero before days < 10 and months < 3 only.
    assert [formatting.official_day(date(2021, m, d)) for d, m in [(4, 2), (31, 5), (8, 6), (19, 1), (12, 12)]] == [
        "04/02/2021", "31/5/2021", "08/6/2021", "19/01/2021", "12/12/2021"]


def test_links_between_generated_pages():
    assert link("bao-cao/x.md", "van-ban/index.md", "vb-26-kh-ubnd") == "../van-ban/index.md#vb-26-kh-ubnd"
    assert link("index.md", "bao-cao/x.md") == "bao-cao/x.md"
    assert link("bao-cao/index.md", "bao-cao/x.md") == "x.md"


@pytest.mark.parametrize("value, decimals", [(0, None), (7, None), (1234, None), (1234567, 2), (Decimal("86.96"), None),
                                             (Decimal("100"), None), (Decimal("79.0289855"), 1), (Decimal("0.05"), 1),
                                             (Decimal("0.15"), 1), (Decimal("1234.5"), None), (-1234, None)])
def test_number_matches_babel(value, decimals):
    from babel.numbers import format_decimal

    pattern = "#,##0.##########" if decimals is None else ("#,##0." + "0" * decimals if decimals else "#,##0")
    assert formatting.number(value, decimals) == format_decimal(value, format=pattern, locale="vi")


def test_references_are_written_out_by_one_function_escaped_for_reports_only():
    from markupsafe import escape

    from khcn.data.richtext import Plain
    from khcn.pages.render import write_out
    from khcn.rendering import ENV

    segments = [Plain("Tỉ lệ < 5% & tăng")]
    assert write_out(segments, None) == "Tỉ lệ < 5% & tăng"  # a bulletin's Markdown, as typed
    assert write_out(segments, None, escape=escape) == "Tỉ lệ &lt; 5% &amp; tăng"
    macro = ENV.get_template("richtext.md.j2").module.paragraph  # what a report's template writes
    assert str(macro(segments, None)) == "Tỉ lệ &lt; 5% &amp; tăng"


def test_tables_in_a_text_show_a_period_without_a_figure_with_its_reason():
    """{{bang@2020-H2}}, {{bang:phuong-tien-do}}: a period the values file says has no figure is a row, with why."""
    from conftest import TINY_DATA
    from khcn.data.richtext import TableRef
    from khcn.pages.render import Resolver

    refs = Resolver(load_site_data(TINY_DATA), "tin-tuc/x.md", None)
    reason = "không có số liệu: Chưa tổng hợp do đổi cách đếm cột đo &amp; cân"
    period = refs.table(TableRef(None, "2020-H2", 0, True))
    assert ('<tr class="tq-gap"><th scope="row">Phương tiện đo được kiểm định</th><td>— <span class="tq-muted">'
            f'{reason}</span></td><td>phương tiện</td></tr>') in period
    series = refs.table(TableRef("phuong-tien-do", None, 0, True))
    assert f'<th scope="row">6 tháng cuối năm 2020</th><td>— <span class="tq-muted">{reason}</span></td>' in series


# --- a chart in a bulletin: {{bieu-do:<mã>}} ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Dòng.\n\n{{bieu-do:phuong-tien-do}}\n\nSau.", ("ChartRef", "phuong-tien-do", True)),
    ("{{ BIEU-DO : phuong-tien-do }}", ("ChartRef", "phuong-tien-do", True)),
    ("Xem {{bieu-do:phuong-tien-do}} này.", ("ChartRef", "phuong-tien-do", False)),
    ("{{bieu-do}}", ("Malformed", "`{{bieu-do}}`", None)),
    ("{{bieu-do@2021-H1}}", ("Malformed", "`{{bieu-do@2021-H1}}`", None)),
    ("{{bieu-do:a.b}}", ("Malformed", "`{{bieu-do:a.b}}`", None)),
    ("{{bieu-do-moi@2021-H1}}", ("ValueRef", "bieu-do-moi", None)),  # an indicator whose code starts alike
])
def test_a_chart_reference_is_read_like_a_table_reference(text, expected):
    from khcn.data.richtext import Plain, parse_markdown

    [ref] = [s for s in parse_markdown(text) if not isinstance(s, Plain)]
    kind, name, alone = expected
    assert type(ref).__name__ == kind
    assert (ref.indicator if kind != "Malformed" else ref.found) == name
    if kind == "ChartRef":
        assert ref.alone is alone and text[ref.offset:].lstrip().startswith("{{")


BULLETIN_CHART = Path(__file__).parent / "golden" / "charts" / "bulletin-chart.html"


def chart_of(site, page: str, offset: int = 0) -> str:
    from khcn.data.richtext import ChartRef
    from khcn.pages.render import Resolver

    return Resolver(site, page, None).chart(ChartRef("phuong-tien-do", offset, True))


def test_a_bulletin_chart_is_the_indicator_pages_chart_with_a_link_to_it():
    """Golden: the figure, caption and SVG a bulletin's {{bieu-do:phuong-tien-do}} writes out. Its SVG is the one
    the indicator's page draws (the same function, the same figures), but for the element ids."""
    from conftest import TINY_DATA
    from khcn.pages.statistics import render_indicator

    site = load_site_data(TINY_DATA)
    html = chart_of(site, "tin-tuc/kiem-dinh-phuong-tien-do.md", 185)
    assert_golden(BULLETIN_CHART, html)
    assert html.count("<figure") == 1  # the half-years have two figures, the year one: one chart
    assert '<a href="../../thong-ke/chi-so/phuong-tien-do/">trang thống kê của chỉ số</a>' in html
    svg = html[html.index("<svg"):html.index("</svg>") + 6]
    page = render_indicator(site, site.indicators["phuong-tien-do"])
    assert svg.replace("-kiem-dinh-phuong-tien-do-185", "") in page


def test_two_charts_on_one_page_or_one_edition_never_share_an_id():
    import re

    from conftest import TINY_DATA

    site = load_site_data(TINY_DATA)
    charts = [chart_of(site, "tin-tuc/a.md", 10), chart_of(site, "tin-tuc/a.md", 90),
              chart_of(site, "tin-tuc/b.md", 10)]
    ids = [i for html in charts for i in re.findall(r' id="([^"]+)"', html)]
    assert len(ids) == 6 and len(set(ids)) == len(ids)
    for html in charts:  # each chart is labelled by its own title and description
        labelled = re.search(r'aria-labelledby="([^"]+)"', html).group(1).split()
        assert labelled == re.findall(r' id="([^"]+)"', html)


def test_a_chart_counts_no_words_of_reading_time():
    from conftest import TINY_DATA

    site = load_site_data(TINY_DATA)
    entry = next(e for e in build_stream(site, today=BUILD_DAY).entries if e.slug == "kiem-dinh-phuong-tien-do")
    assert entry.words < 80  # the prose; the SVG's markup alone is several hundred "words"
