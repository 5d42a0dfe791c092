"""What a reader does, in headless Chromium (Debian's, driven by Playwright) against the built site on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

REPORT = "bao-cao/2021-6-thang-dau-nam/"


def test_report_on_a_phone_loads_nothing_from_another_host(phone, base_url):
    phone.goto(base_url + REPORT, wait_until="networkidle")
    hosts = {urlparse(url).hostname for url in phone.requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}
    assert phone.locator("h1").inner_text().startswith("Kết quả công tác quản lý nhà nước")
    assert phone.get_by_text("Tổ chức kiểm định 170 phương tiện đo các loại").is_visible()
    footer = phone.locator(".tq-footer")
    footer.scroll_into_view_if_needed()
    assert "Ghi rõ nguồn khi sử dụng lại thông tin từ website này." in footer.inner_text()


@pytest.mark.parametrize("path", ["", REPORT, "van-ban/", "lien-he/", "bao-cao/", "thong-ke/", "tin-tuc/",
                                  "tin-tuc/chuyen-muc/", "tin-tuc/nam/2021/", "tin-tuc/tac-gia/le-thuy-phuong/",
                                  "thong-ke/linh-vuc/tieu-chuan-do-luong-chat-luong/",
                                  "thong-ke/chi-so/phuong-tien-do-kiem-dinh/", "so-huu-tri-tue/", "de-tai-du-an/",
                                  "gioi-thieu/", "en/"])  # issue 12a (the tiny site's: tests/test_introduction.py)
def test_no_page_scrolls_sideways_on_a_phone(phone, base_url, path):
    phone.goto(base_url + path, wait_until="networkidle")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path or '/'} is {width}px wide"


@pytest.mark.parametrize("path", ["thu-tuc-hanh-chinh/", "van-ban/", "van-ban/loai/quyet-dinh/", "van-ban/nam/2021/",
                                  "tin-tuc/tuyen-dung-vien-chuc-2021/", "tin-tuc/chuyen-muc/mua-sam-dau-thau/"])
def test_the_pages_of_procedures_documents_and_notices_fit_a_phone(phone, tiny_url, path):  # issue 12b
    phone.goto(tiny_url + path, wait_until="networkidle")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width}px wide"


def test_the_indicator_table_scrolls_inside_its_own_box(phone, base_url):
    phone.goto(base_url + REPORT, wait_until="networkidle")
    box = phone.locator(".tq-scroll").bounding_box()
    assert box["width"] <= 390
    assert phone.locator("table.tq-indicators caption").inner_text() == "Các chỉ số 6 tháng đầu năm 2021"


def test_a_document_link_leads_to_its_register_entry(phone, base_url):
    phone.goto(base_url + REPORT, wait_until="networkidle")
    phone.get_by_role("link", name="Kế hoạch số 127/KH-UBND ngày 13/12/2019").click()
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith("/van-ban/#vb-127-kh-ubnd")
    assert phone.locator("#vb-127-kh-ubnd").is_visible()


def test_search_finds_the_report(browser, base_url):
    """The header's search box on any page opens the search page (tim-kiem.md, Pagefind), which lists the report."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    page.get_by_role("searchbox", name="Tìm kiếm trên trang").fill("phương tiện đo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?q=*")
    page.locator(".tq-result").first.wait_for(timeout=20_000)
    titles = page.locator(".tq-result__title").all_inner_texts()
    assert any(title.startswith("Kết quả công tác quản lý nhà nước") for title in titles), titles
    context.close()


def test_a_chart_fits_a_phone_and_has_its_text_alternative(phone, tiny_url):
    phone.goto(tiny_url + "thong-ke/chi-so/phuong-tien-do/", wait_until="networkidle")
    chart = phone.locator("svg.tq-chart")
    assert chart.bounding_box()["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.get_by_role("img", name="Phương tiện đo được kiểm định (6 tháng)").count() == 1
    assert "6T đầu 2021: 1.234 phương tiện" in chart.locator("desc").text_content()


@pytest.mark.parametrize("path", ["tin-tuc/", "tin-tuc/kiem-dinh-phuong-tien-do/",
                                  "tin-tuc/thong-bao-de-xuat-nhiem-vu/",
                                  "tiep-can-thong-tin/"])  # issue 12c: with the interruption banner
def test_stream_pages_fit_a_phone(phone, tiny_url, path):
    phone.goto(tiny_url + path, wait_until="networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_a_reader_goes_from_the_list_to_a_bulletin_and_on_to_the_next(phone, tiny_url):
    phone.goto(tiny_url + "tin-tuc/", wait_until="networkidle")
    phone.get_by_role("link", name="Kiểm định phương tiện đo & cân < 60 kg, > 2 kg").click()
    phone.wait_for_load_state("networkidle")
    assert phone.locator("h1").inner_text() == "Kiểm định phương tiện đo & cân < 60 kg, > 2 kg"
    meta = phone.locator(".tq-meta").first.inner_text()
    assert "15/07/2021 09:05" in meta and "Trần Văn Bình" in meta and "Tin hoạt động" in meta
    assert phone.get_by_role("region", name="Bảng số liệu: Phương tiện đo được kiểm định").is_visible()
    older = phone.get_by_role("link", name="Bài trước Công khai dự toán ngân sách năm 2021")
    box = older.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 44  # a thumb can hit it
    older.click()
    phone.wait_for_load_state("networkidle")
    assert phone.url.endswith("/tin-tuc/cong-khai-du-toan-ngan-sach-2021/")
