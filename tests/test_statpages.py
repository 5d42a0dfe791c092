"""Statistics pages and downloads from the tiny fixture: golden Markdown, and files read back with pandas."""

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from conftest import TINY_DATA, assert_golden
from khcn.addresses import href
from khcn.data.dataset import load_site_data
from khcn.pages.statistics import statistics_pages
from khcn.stats.downloads import data_files

GOLDEN = Path(__file__).parent / "golden" / "tiny"
PAGES = ["thong-ke/index.md", "thong-ke/linh-vuc/do-luong.md", "thong-ke/chi-so/phuong-tien-do.md",
         "thong-ke/chi-so/co-quan-ap-dung.md", "thong-ke/chi-so/xa-ap-dung.md", "thong-ke/chi-so/san-pham-dac-san.md",
         "de-tai-du-an/index.md", "so-huu-tri-tue/index.md"]


@pytest.fixture(scope="module")
def site():
    return load_site_data(TINY_DATA)


@pytest.fixture(scope="module")
def pages(site):
    return dict(statistics_pages(site))


@pytest.fixture(scope="module")
def files(site):
    return dict(data_files(site))


@pytest.mark.parametrize("page", PAGES)
def test_golden(pages, page):
    assert_golden(GOLDEN / page, pages[page])


def test_a_page_per_area_and_per_indicator(site, pages):
    assert {p for p in pages if p.startswith("thong-ke/chi-so/")} == {
        f"thong-ke/chi-so/{i.id}.md" for i in site.catalogue.indicators}
    assert {p for p in pages if p.startswith("thong-ke/linh-vuc/")} == {
        "thong-ke/linh-vuc/do-luong.md", "thong-ke/linh-vuc/so-huu-tri-tue.md"}


def test_a_series_gets_a_chart_with_its_table_and_one_period_says_so(pages):
    series = pages["thong-ke/chi-so/phuong-tien-do.md"]
    assert series.count("<svg") == 1  # two 6-month values; the single yearly value gets no chart
    assert "Mới có số liệu của một kỳ (Năm 2020): chưa đủ để vẽ biểu đồ." in series
    assert "<td>+334 (+37,1%)</td>" in series
    single = pages["thong-ke/chi-so/co-quan-ap-dung.md"]
    assert "<svg" not in single and "Mới có số liệu của một kỳ (6 tháng đầu năm 2021)" in single


def test_indicator_page_links_back_to_the_reports_citing_it(pages):
    assert "-   [Kết quả 6 tháng đầu năm 2021](../../bao-cao/2021-6-thang.md) (01/10/2021)" in pages[
        "thong-ke/chi-so/phuong-tien-do.md"]


def test_register_checks_are_told_on_the_indicator_page(pages):
    assert "Sổ đề tài, dự án ghi đủ các kỳ 6 tháng đầu năm 2021: số đếm từ sổ khớp" in pages[
        "thong-ke/chi-so/de-tai-du-an.md"]
    assert "chưa ghi đủ các mục của kỳ nào" in pages["thong-ke/chi-so/san-pham-bao-ho.md"]


def test_hrefs_follow_directory_urls():
    assert href("thong-ke/linh-vuc/a.md", "thong-ke/chi-so/b.md") == "../../chi-so/b/"
    assert href("thong-ke/chi-so/b.md", "thong-ke/du-lieu/chi-so/b.csv") == "../../du-lieu/chi-so/b.csv"
    assert href("thong-ke/index.md", "index.md") == "../"
    assert href("index.md", "thong-ke/index.md") == "thong-ke/"


def test_whole_dataset_csv_reads_back(files, site):
    raw = files["thong-ke/du-lieu/gia-tri.csv"]
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype={"thanh_phan": str})
    totals = frame[frame["thanh_phan"].isna()].set_index(["chi_so", "ky"])
    assert totals.loc[("phuong-tien-do", "2021-H1"), "gia_tri"] == 1234
    assert totals.loc[("xa-ap-dung", "2021-H1"), ["tu_so", "mau_so"]].tolist() == [109, 138]
    assert totals.loc[("co-quan-ap-dung", "2021-H1"), "gia_tri"] == pytest.approx(86.96)
    assert totals.loc[("san-pham-dac-san", "2021-H1"), "so_sanh"] == "trên"
    assert len(totals) == len(site.values)
    assert "Phương tiện đo được kiểm định" in set(frame["ten_chi_so"])


def test_xlsx_reads_back_with_numbers(files):
    frame = pd.read_excel(io.BytesIO(files["thong-ke/du-lieu/chi-so/phuong-tien-do.xlsx"]))
    assert list(frame.columns[:3]) == ["Mã chỉ số", "Chỉ số", "Lĩnh vực"]
    assert frame["Giá trị"].tolist() == [900, 2000, 1990, 10, 1234, 1226, 8]


def test_json_and_datapackage(files):
    records = json.loads(files["thong-ke/du-lieu/gia-tri.json"])
    first = next(r for r in records if r["chi_so"] == "co-quan-ap-dung")
    assert first["gia_tri"] == 86.96 and first["thanh_phan"] is None and first["tu_ngay"] == "2021-01-01"
    package = json.loads(files["thong-ke/du-lieu/datapackage.json"])
    assert package["profile"] == "tabular-data-package"
    for resource in package["resources"]:
        path = f"thong-ke/du-lieu/{resource['path']}"
        assert path in files, path
        if resource["format"] == "csv":
            header = files[path].decode("utf-8-sig").split("\r\n", 1)[0].split(",")
            assert header == [f["name"] for f in resource["schema"]["fields"]]
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields["gia_tri"]["type"] == "number" and fields["tu_so"]["type"] == "integer"


def test_downloads_are_byte_identical_between_runs(site, files):
    assert dict(data_files(site)) == files


def test_an_approximate_change_is_shown_as_written_on_the_key_figure_cards(site):
    """Home page and /thong-ke/ cards: "trên 50 → trên 60", saying the figures are approximate, no difference."""
    from khcn.addresses import STATISTICS_PAGE, indicator_path
    from khcn.pages.statistics import _latest_row
    from khcn.rendering import render
    row = _latest_row(site, site.indicators["san-pham-dac-san"])
    html = render("key_figures.html.j2", rows=[row], label="L", page=STATISTICS_PAGE, href=href,
                  indicator_path=indicator_path)
    assert ('<p class="tq-card__change">So với cùng kỳ năm trước: trên 50 → trên 60 '
            '<span class="tq-muted">(số gần đúng, không tính mức thay đổi)</span></p>') in html
