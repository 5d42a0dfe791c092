"""Bulletins: reading data/tin-tuc/**.md, what is refused (with file and line), and the stream built from them."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from conftest import TINY_DATA, edit
from khcn.core.clock import build_day
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from khcn.data.dataset.categories import NOTICE_CATEGORIES
from khcn.data.fields import VIETNAM
from khcn.news import stream as st
from khcn.news.feeds import FeedSite, feed_files
from khcn.news.pages import Latest, author_slug, build_stream, latest_in_category, news_pages, render_listing

KIEM_DINH = "tin-tuc/2021/kiem-dinh-phuong-tien-do.md"


def write(data: Path, relative: str, text: str) -> Path:
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def bulletin(body: str = "Nội dung.", **fields) -> str:
    meta = {"tieu_de": '"Một bài"', "ngay_dang": '"01/08/2021 08:00"', "chuyen_muc": "tin-hoat-dong"} | fields
    front = "\n".join(f"{key}: {value}" for key, value in meta.items() if value is not None)
    return f"---\n{front}\n---\n{body}\n"


def errors_of(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_site_data(data)
    return [str(error) for error in caught.value.errors]


def test_tiny_bulletins_load_with_their_front_matter():
    site = load_site_data(TINY_DATA)
    found = {b.slug: b for b in site.bulletins}
    assert set(found) == {"kiem-dinh-phuong-tien-do", "thong-bao-de-xuat-nhiem-vu",
                          # issue 12b: one notice of each category the law on access to information names
                          "cong-khai-du-toan-ngan-sach-2021", "moi-thau-thiet-bi-do-luong", "tuyen-dung-vien-chuc-2021"}
    notice = found["thong-bao-de-xuat-nhiem-vu"].meta
    assert notice.authors == ("Trần Văn Bình", "Nguyễn Thị Hoa")
    assert notice.published == datetime(2020, 9, 1, 8, 0, tzinfo=VIETNAM)
    assert found["kiem-dinh-phuong-tien-do"].meta.tags == ("đo lường", "phương tiện đo")


def test_two_files_with_one_address_are_refused_naming_both(tiny_data):
    write(tiny_data, "tin-tuc/2022/kiem-dinh-phuong-tien-do.md", bulletin())
    [message] = errors_of(tiny_data)
    assert "data/tin-tuc/2022/kiem-dinh-phuong-tien-do.md:1" in message
    assert "/tin-tuc/kiem-dinh-phuong-tien-do/" in message and f"data/{KIEM_DINH}" in message


@pytest.mark.parametrize("name, words", [
    ("tin-tuc/2021/trang.md", "trùng đường dẫn của trang danh sách tin"),
    ("tin-tuc/2021/Hội thảo.md", "tên tệp viết thường, không dấu"),
])
def test_file_names_that_cannot_be_an_address(tiny_data, name, words):
    write(tiny_data, name, bulletin())
    [message] = errors_of(tiny_data)
    assert f"data/{name}:1" in message and words in message


@pytest.mark.parametrize("text, line, words", [
    ("", 1, "một tệp trống"),
    ("tieu_de: Không có dòng mở\n", 1, "dòng đầu không phải `---`"),
    ("---\ntieu_de: Chưa đóng\n", 1, "không có dòng `---` đóng lại"),
    (bulletin(chuyen_muc="tin-hoat-dng"), 4, "có phải `tin-hoat-dong`?"),
    (bulletin(ngay_dang='"31/02/2021 08:00"'), 3, "không có trong lịch"),
    (bulletin(tac_gia="Một\ntac_gia: Hai"), 6, "viết hai lần"),
    (bulletin(body=""), 6, "bài chưa có nội dung"),
    (bulletin(body="Dòng một.\n\n# Tiêu đề thứ hai"), 8, "đầu mục cấp 1"),
    (bulletin(anh="/anh/khong-co.jpg", anh_mo_ta="Ảnh"), 5, "không có tệp ảnh docs/anh/khong-co.jpg"),
    (bulletin(anh="/anh/x.jpg"), 5, "`anh_mo_ta`"),
])
def test_bad_bulletins_are_refused_with_file_and_line(tiny_data, text, line, words):
    write(tiny_data, "tin-tuc/2021/bai-loi.md", text)
    messages = errors_of(tiny_data)
    assert any(m.startswith(f"data/tin-tuc/2021/bai-loi.md:{line}") and words in m for m in messages), messages


@pytest.mark.parametrize("body, words", [
    ("Dòng một.\n\nCó {{phuong-tien-do}} phương tiện.", "ghi rõ kỳ của số liệu, ví dụ `{{phuong-tien-do@2021-H1}}`"),
    ("Dòng một.\n\nCó {{phuong-tien-dox@2021-H1}}.", "có phải `phuong-tien-do`?"),
    ("Dòng một.\n\nCó {{phuong-tien-do@2019-H1}}.", "chưa có số liệu kỳ 2019-H1"),
    ("Dòng một.\n\nCó {{phuong-tien-do@2020-H2}}.",  # a period the values file says has no figure, and why
     "kỳ 2020-H2 của `phuong-tien-do` ghi không có số liệu (Chưa tổng hợp do đổi cách đếm cột đo & cân)"),
    ("Dòng một.\n\nCó {{phuong-tien-do.xe@2021-H1}}.", "thành phần `xe`"),
    ("Dòng một.\n\nXem [[99/KH-UBND]].", "chưa có trong sổ van-ban.yaml"),
    ("Dòng một.\n\nXem bảng {{bang:phuong-tien-do}} này.", "đứng riêng một dòng"),
    ("Dòng một.\n\n{{bang@2019}}", "kỳ `2019` chưa có số liệu"),
    ("Dòng một.\n\n{{bang:khong-co}}", "không có trong danh mục"),
    ("Dòng một.\n\n{{bang}}", "bảng số liệu dạng"),
    ("Dòng một.\n\nMở {{ mà không đóng.", "không có cặp đóng/mở"),
])
def test_references_in_a_bulletin_fail_at_their_line(tiny_data, body, words):
    write(tiny_data, "tin-tuc/2021/bai-loi.md", bulletin(body=body))
    messages = errors_of(tiny_data)
    assert any(m.startswith("data/tin-tuc/2021/bai-loi.md:8") and words in m for m in messages), messages


def test_nfd_text_and_windows_line_ends_read_as_typed(tiny_data):
    text = unicodedata.normalize("NFD", bulletin(tieu_de='"Hội thảo đo lường"', body="Đồng Văn.")).replace("\n", "\r\n")
    (tiny_data / "tin-tuc/2021").mkdir(parents=True, exist_ok=True)
    (tiny_data / "tin-tuc/2021/hoi-thao.md").write_bytes(text.encode("utf-8"))
    site = load_site_data(tiny_data)
    found = next(b for b in site.bulletins if b.slug == "hoi-thao")
    assert found.meta.title == "Hội thảo đo lường" and found.body.strip() == "Đồng Văn."
    assert "data/tin-tuc/2021/hoi-thao.md:1" in site.normalised


def test_reports_need_their_category(tiny_data):
    edit(tiny_data / "chuyen-muc.yaml", "  - ma: bao-cao", "  - ma: bao-cao-dinh-ky")
    messages = errors_of(tiny_data)
    assert any("chuyen-muc.yaml" in m and "chuyên mục `bao-cao`" in m for m in messages), messages


# --- the stream ---------------------------------------------------------------------------------------------------

def entry(n: int, **fields) -> st.Entry:
    base = {"slug": f"bai-{n}", "path": f"tin-tuc/bai-{n}.md", "title": f"Bài {n}",
                "published": datetime(2021, 1, 1, tzinfo=VIETNAM) + timedelta(days=n), "authors": ("Trần Văn Bình",),
                "category": "tin-hoat-dong", "tags": (), "summary": "Tóm tắt.", "source": "x", "words": 100}
    return st.Entry(**(base | fields))


@pytest.mark.parametrize("count, pages, last", [(0, 1, 0), (1, 1, 1), (st.PER_PAGE, 1, st.PER_PAGE),
                                                (st.PER_PAGE + 1, 2, 1), (2 * st.PER_PAGE + 1, 3, 1)])
def test_pagination_edges(count, pages, last):
    entries = st.newest_first([entry(n) for n in range(count)])
    listings = st.paginate(entries, "tin-tuc", "Tin tức")
    assert [page.path for page in listings] == ["tin-tuc/index.md"] + [f"tin-tuc/trang/{n}.md"
                                                                     for n in range(2, pages + 1)]
    assert len(listings[-1].entries) == last
    assert [e for page in listings for e in page.entries] == entries  # every entry once, in order


def test_pager_links_the_neighbouring_pages_and_marks_the_current_one():
    site = load_site_data(TINY_DATA)
    stream = build_stream(site)
    entries = [entry(n) for n in range(st.PER_PAGE + 1)]
    first, second = st.paginate(st.newest_first(entries), "tin-tuc", "Tin tức")
    page_one = render_listing(site, stream, first)
    assert '<a href="trang/2/" rel="next">' in page_one and 'rel="prev"' not in page_one
    assert '<span aria-current="page">1</span>' in page_one
    page_two = render_listing(site, stream, second)
    assert '<a href="../../" rel="prev">' in page_two and 'rel="next"' not in page_two
    assert "# Tin tức (trang 2)" in page_two and page_two.count('<article class="tq-entry">') == 1
    single = render_listing(site, stream, st.paginate(entries[:1], "tin-tuc", "Tin tức")[0])
    assert "tq-pages" not in single


def test_the_stream_is_newest_first_with_reports_and_neighbours():
    stream = build_stream(load_site_data(TINY_DATA))
    assert [e.path for e in stream.entries] == ["bao-cao/2021-6-thang.md", "tin-tuc/moi-thau-thiet-bi-do-luong.md",
                                               "tin-tuc/tuyen-dung-vien-chuc-2021.md",
                                               "tin-tuc/kiem-dinh-phuong-tien-do.md",
                                               "tin-tuc/cong-khai-du-toan-ngan-sach-2021.md",
                                               "tin-tuc/thong-bao-de-xuat-nhiem-vu.md"]
    older, newer = stream.neighbours["tin-tuc/kiem-dinh-phuong-tien-do.md"]
    assert (older.path, newer.path) == ("tin-tuc/cong-khai-du-toan-ngan-sach-2021.md",
                                        "tin-tuc/tuyen-dung-vien-chuc-2021.md")
    assert stream.neighbours["bao-cao/2021-6-thang.md"][1] is None


def test_one_author_page_for_old_and_new_tone_placement():
    entries = [entry(1, authors=("Lê Thúy Phượng",)), entry(2, authors=("Lê Thuý Phượng",)),
               entry(3, authors=("Lê Thúy Phượng",))]
    groups = st.by_author(entries, author_slug)
    assert list(groups) == ["le-thuy-phuong"]
    assert groups["le-thuy-phuong"][0] == "Lê Thúy Phượng" and len(groups["le-thuy-phuong"][1]) == 3


def test_figures_and_tables_are_written_out_from_the_records():
    pages = dict(news_pages(*_site_and_stream()))
    page = pages["tin-tuc/kiem-dinh-phuong-tien-do.md"]
    assert "đã kiểm định 1.234 phương tiện đo, trong đó 08 cân thông dụng" in page
    assert "[Kế hoạch số 12/KH-UBND ngày 04/02/2021](../van-ban/index.md#vb-12-kh-ubnd)" in page
    assert '<tr><th scope="row">Năm 2020</th><td class="tq-num">2.000</td></tr>' in page
    assert "{{" not in page and "&lt;div" not in page


def test_summary_is_the_first_paragraph_when_none_is_written():
    stream = build_stream(load_site_data(TINY_DATA))
    found = {e.slug: e for e in stream.entries}
    assert found["kiem-dinh-phuong-tien-do"].summary.startswith("Trong 6 tháng đầu năm 2021, đã kiểm định 1.234")
    assert found["thong-bao-de-xuat-nhiem-vu"].summary == "Các tổ chức, cá nhân gửi đề xuất trước ngày 30/9/2020."


def _site_and_stream():
    site = load_site_data(TINY_DATA)
    return site, build_stream(site)


# --- issue 12b: notices with a deadline, and each category's latest entry ----------------------------------------

def test_a_deadline_is_marked_expired_only_after_it_has_passed():
    site = load_site_data(TINY_DATA)
    before = {e.slug: e for e in build_stream(site, today=date(2021, 9, 15)).entries}
    after = {e.slug: e for e in build_stream(site, today=date(2021, 9, 16)).entries}
    assert before["tuyen-dung-vien-chuc-2021"].deadline_words == "Hạn chót: 15/09/2021"  # the last day still counts
    assert after["tuyen-dung-vien-chuc-2021"].deadline_words == "Hạn chót: 15/09/2021 (đã hết hạn)"
    assert after["moi-thau-thiet-bi-do-luong"].deadline_words == "Hạn chót: 20/10/2021"
    assert after["cong-khai-du-toan-ngan-sach-2021"].deadline_words is None  # a notice without a deadline


def test_the_deadline_reaches_the_page_the_lists_and_the_feeds():
    site = load_site_data(TINY_DATA)
    stream = build_stream(site, today=date(2021, 10, 1))
    pages = dict(news_pages(site, stream))
    expired = "Hạn chót: 15/09/2021 (đã hết hạn)"
    for page in ["tin-tuc/tuyen-dung-vien-chuc-2021.md", "tin-tuc/index.md", "tin-tuc/chuyen-muc/tuyen-dung/index.md",
                 "index.md"]:
        assert expired in pages[page], page
    feeds = dict(feed_files(stream.entries, site.categories.values(),
                            FeedSite("https://example.org/", "Sở", "Tin"), updated=None))
    for path in ["tin-tuc/rss.xml", "tin-tuc/atom.xml", "tin-tuc/feed.json",
                 "tin-tuc/chuyen-muc/mua-sam-dau-thau/rss.xml"]:
        assert "Hạn chót: " in feeds[path].decode("utf-8"), path
    assert expired in feeds["tin-tuc/chuyen-muc/tuyen-dung/atom.xml"].decode("utf-8")


def test_the_build_day_comes_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633083956")  # 01/10/2021 17:25:56 in Vietnam
    assert build_day() == date(2021, 10, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633021200")  # 01/10/2021 00:00 in Vietnam, still 30/09 in UTC
    assert build_day() == date(2021, 10, 1)


def test_each_notice_category_gives_its_latest_entry_for_the_access_to_information_page():
    stream = build_stream(load_site_data(TINY_DATA), today=date(2021, 10, 1))
    found = {category: latest_in_category(stream, category) for category in NOTICE_CATEGORIES}
    at = lambda *moment: datetime(*moment, tzinfo=VIETNAM)  # noqa: E731
    assert found == {
        "ngan-sach": Latest(at(2021, 1, 20, 10, 0), "tin-tuc/cong-khai-du-toan-ngan-sach-2021.md"),
        "mua-sam-dau-thau": Latest(at(2021, 9, 20, 8, 0), "tin-tuc/moi-thau-thiet-bi-do-luong.md"),
        "tuyen-dung": Latest(at(2021, 9, 1, 14, 0), "tin-tuc/tuyen-dung-vien-chuc-2021.md")}
    assert latest_in_category(stream, "bao-cao").path == "bao-cao/2021-6-thang.md"
    assert latest_in_category(stream, "khong-co") is None  # a category editors have not declared
