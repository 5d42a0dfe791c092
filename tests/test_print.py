"""Officials print reports and indicator pages: A4, the organisation's masthead, the date, page numbers, no menus."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser
A4_POINTS = (595, 842)


def printed(browser, url: str) -> list[str]:
    page = browser.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=False)))
    page.close()
    for sheet in pdf.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width), round(height)) == A4_POINTS
    return [" ".join(sheet.extract_text().split()) for sheet in pdf.pages]


def test_a_report_prints_on_a4_with_masthead_date_and_page_numbers(browser, base_url):
    pages = printed(browser, base_url + "bao-cao/2021-6-thang-dau-nam/")
    assert len(pages) >= 2
    first = pages[0]
    assert "BAN NHÂN DÂN TỈNH TUYÊN QUANG" in first.upper() and "Sở Khoa học và Công nghệ" in first
    assert "01/10/2021" in first
    for number, text in enumerate(pages, start=1):
        assert f"Trang {number}/{len(pages)}" in text
    everything = " ".join(pages)
    assert "Bài trước" not in everything and "Tất cả tin bài" not in everything  # no stream navigation
    assert not re.search(r"Trang chủ\s+Giới thiệu\s+Tin tức\s+Báo cáo", everything)  # no menu tabs
    assert "Tổ chức kiểm định 170 phương tiện đo các loại" in everything


def test_an_indicator_page_prints_with_its_table(browser, base_url):
    pages = printed(browser, base_url + "thong-ke/chi-so/phuong-tien-do-kiem-dinh/")
    everything = " ".join(pages)
    assert "Phương tiện đo được kiểm định" in everything and "170" in everything
    assert f"Trang 1/{len(pages)}" in pages[0]


def test_the_procedures_and_the_documents_print_whole(browser, tiny_url):  # issue 12b
    pages = printed(browser, tiny_url + "thu-tuc-hanh-chinh/")
    everything = " ".join(pages)
    assert "Thủ tục công bố sử dụng dấu định lượng" in everything and "1.008386" in everything
    assert f"Trang 1/{len(pages)}" in pages[0]
    everything = " ".join(printed(browser, tiny_url + "van-ban/"))
    assert "Bị thay thế bởi Quyết định số 5/2021/QĐ-UBND" in everything
    assert "5-2021-qd-ubnd.pdf (PDF, 175 byte)" in everything


# issue 12a
def test_the_introduction_prints_with_its_chart_and_without_the_language_link(browser, tiny_url):
    pages = printed(browser, tiny_url + "gioi-thieu/")
    everything = " ".join(pages)
    assert "Sở Thử Nghiệm" in pages[0] and f"Trang 1/{len(pages)}" in pages[0]
    assert "Cơ cấu tổ chức" in everything and "Lịch sử hình thành và phát triển" in everything
    assert everything.count("Trung tâm Ứng dụng tiến bộ khoa học và công nghệ") >= 3  # list, chart, section
    assert "English" not in everything  # the masthead's language link is for screens

def test_the_access_to_information_page_prints_with_its_table_and_contact_point(browser, tiny_url):
    """issue 12c: the tiny site's page, under its interruption banner."""
    pages = printed(browser, tiny_url + "tiep-can-thong-tin/")
    everything = " ".join(pages)
    assert "Danh mục thông tin công khai" in everything and "Báo cáo công tác định kỳ" in everything
    assert "Văn phòng Sở Thử Nghiệm" in everything and "vanphong@thu-nghiem.example.vn" in everything
    assert f"Trang 1/{len(pages)}" in pages[0]
