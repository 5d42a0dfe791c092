"""The bản tin's editions (issue 15): data/ban-tin.yaml and data/ban-tin/<năm>-<số>.yaml read and checked, the
articles handed to the print renderer as the web shows them, the pages (masthead and colophon of Luật Báo chí 2016,
điều 34), each article's edition line, the feeds, the sitemap, the search index and the site without editions. The
editors' messages are golden cases in tests/messages/edition-*.yaml and publication-*.yaml."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, TINY_DATA, edit, make_project, run_build
from khcn import addresses
from khcn.build import site_feeds, site_pages
from khcn.core.errors import DataError, DataErrors
from khcn.data.dataset import load_site_data
from khcn.news.editions import colophon, edition_articles, edition_pages
from khcn.news.pages import build_stream
from khcn.pages.navigation import trails
from khcn.publish import search
from khcn.publish.metadata import page_facts, page_metadata
from sitecheck import MM, pages_text, soup, squash

SITE_URL = "https://sokhcn.tuyenquang.gov.vn/"
FIRST, SECOND = "ban-tin/2021-1.md", "ban-tin/2021-2.md"


@pytest.fixture(scope="module")
def tiny():
    return load_site_data(TINY_DATA, check_history=False)


def load(data: Path):
    return load_site_data(data, check_history=False)


def messages(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load(data)
    return [f"{e.file}:{e.line} {raw_path(e)} {e.found}" for e in caught.value.errors]


def raw_path(error: DataError) -> str:
    """The field's path as the data writes it (`bai.2`: the third entry), not as the message words it."""
    return ".".join(map(str, error.path)) if isinstance(error.path, tuple) else error.path


# --- data ---------------------------------------------------------------------------------------------------------

def test_editions_are_read_newest_first_with_their_articles_as_pages(tiny):
    assert [edition.label for edition in tiny.editions] == ["Số 2/2021", "Số 1/2021"]
    assert tiny.editions[1].articles == ("tin-tuc/kiem-dinh-phuong-tien-do.md",
                                         "tin-tuc/cong-khai-du-toan-ngan-sach-2021.md")
    assert tiny.editions[1].file == "data/ban-tin/2021-1.yaml"
    assert tiny.publication.print_run == 500 and tiny.publication.board[1].role == "Thư ký toà soạn"
    assert tiny.edition_of["tin-tuc/tuyen-dung-vien-chuc-2021.md"].label == "Số 2/2021"
    assert "tin-tuc/thong-bao-de-xuat-nhiem-vu.md" not in tiny.edition_of


@pytest.mark.parametrize("address", ["/tin-tuc/moi-thau-thiet-bi-do-luong", "/tin-tuc/moi-thau-thiet-bi-do-luong.md",
                                     " /tin-tuc/moi-thau-thiet-bi-do-luong/ "])
def test_an_article_is_written_as_the_browser_shows_it_or_as_its_page(tiny_data, address):
    edit(tiny_data / "ban-tin/2021-2.yaml", "/tin-tuc/moi-thau-thiet-bi-do-luong/", f'"{address}"')
    assert load(tiny_data).editions[0].articles[0] == "tin-tuc/moi-thau-thiet-bi-do-luong.md"


def test_without_editions_there_is_no_section_and_a_publication_alone_is_no_error(tiny_data):
    shutil.rmtree(tiny_data / "ban-tin")
    site = load(tiny_data)
    assert site.editions == [] and site.publication is not None
    pages = dict(site_pages(site, build_stream(site)))
    assert not [path for path in pages if path.startswith("ban-tin/")]
    assert not [path for path, text in pages.items() if "ban-tin/" in text]


def test_a_gap_is_told_for_each_number_missing(tiny_data):
    (tiny_data / "ban-tin/2021-2.yaml").rename(tiny_data / "ban-tin/2021-4.yaml")
    edit(tiny_data / "ban-tin/2021-4.yaml", "so: 2", "so: 4")
    assert messages(tiny_data) == ["data/ban-tin/2021-4.yaml:1 so Số 4/2021 mà chưa có Số 2/2021",
                                   "data/ban-tin/2021-4.yaml:1 so Số 4/2021 mà chưa có Số 3/2021"]


def test_numbers_start_again_each_year(tiny_data):
    (tiny_data / "ban-tin/2022-1.yaml").write_text(
        "so: 1\nnam: 2022\nngay_phat_hanh: 15/01/2022\nbai:\n  - /tin-tuc/thong-bao-de-xuat-nhiem-vu/\n",
        encoding="utf-8")
    assert [edition.label for edition in load(tiny_data).editions] == ["Số 1/2022", "Số 2/2021", "Số 1/2021"]


def test_an_article_twice_in_one_edition_is_told_once(tiny_data):
    edit(tiny_data / "ban-tin/2021-2.yaml", "  - /tin-tuc/tuyen-dung-vien-chuc-2021/",
         "  - /tin-tuc/tuyen-dung-vien-chuc-2021/\n  - /tin-tuc/tuyen-dung-vien-chuc-2021")
    assert messages(tiny_data) == ["data/ban-tin/2021-2.yaml:7 bai.2 bài `/tin-tuc/tuyen-dung-vien-chuc-2021/` đã "
                                   "có trong data/ban-tin/2021-2.yaml (dòng 6)"]


def test_an_edition_without_articles(tiny_data):
    edit(tiny_data / "ban-tin/2021-2.yaml", "bai:\n  - /tin-tuc/moi-thau-thiet-bi-do-luong/\n"
         "  - /tin-tuc/tuyen-dung-vien-chuc-2021/", "bai: []")
    assert messages(tiny_data) == ["data/ban-tin/2021-2.yaml:4 bai số bản tin không có bài nào"]


def test_an_article_whose_bulletin_failed_its_own_check_is_not_also_unknown(tiny_data):
    edit(tiny_data / "tin-tuc/2021/tuyen-dung-vien-chuc-2021.md", "chuyen_muc: tuyen-dung\n", "")
    found = messages(tiny_data)
    assert len(found) == 1 and found[0].startswith("data/tin-tuc/2021/tuyen-dung-vien-chuc-2021.md")


def test_an_edition_page_can_be_linked_from_a_bulletin(tiny_data):
    edit(tiny_data / "tin-tuc/2021/moi-thau-thiet-bi-do-luong.md", "thiết bị đo lường & thử nghiệm.",
         "thiết bị đo lường & thử nghiệm ([Số 1/2021](/ban-tin/2021-1/)).")
    assert load(tiny_data).links["/ban-tin/2021-1/"] == "/ban-tin/2021-1.md"


def test_the_editors_note_can_carry_a_chart_and_its_ids_are_not_the_articles(tiny_data):
    edit(tiny_data / "ban-tin/2021-1.yaml", "\n  Kính mời bạn đọc theo dõi.",
         "\n  {{bieu-do:phuong-tien-do}}\n\n  Kính mời.")
    site = load(tiny_data)
    stream = build_stream(site)
    [page] = [p for p in edition_pages(site, stream) if p.path == FIRST]
    ids = re.findall(r' id="(chart-[^"]+)"', page.content + stream.bodies["tin-tuc/kiem-dinh-phuong-tien-do.md"])
    assert '<figure class="tq-figure">\n<svg' in page.content and len(ids) == 4 and len(set(ids)) == 4


# --- what the print renderer takes ----------------------------------------------------------------------------------

def test_edition_articles_are_the_web_bodies_in_the_editions_order(tiny):
    stream = build_stream(tiny)
    articles = edition_articles(tiny, tiny.editions[1], stream)
    assert [a.title for a in articles] == ["Kiểm định phương tiện đo & cân < 60 kg, > 2 kg",
                                           "Công khai dự toán ngân sách năm 2021"]
    first, second = articles
    assert first.authors == ("Trần Văn Bình",) and first.published.isoformat() == "2021-07-15T09:05:00+07:00"
    assert first.markdown == stream.bodies[first.path]
    assert "{{" not in first.markdown and "[[" not in first.markdown
    assert "1.234 phương tiện đo" in first.markdown and "Kế hoạch số 12/KH-UBND" in first.markdown
    assert "<table" in first.markdown  # the figures' table {{bang:phuong-tien-do}}, written out
    assert "| Chi sự nghiệp khoa học | 12.500 |" in second.markdown  # the editor's own table
    assert first.source == "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"
    assert edition_articles(tiny, tiny.editions[1]) == articles  # the stream made when not given


def test_the_colophon_has_the_lines_of_article_34(tiny):
    lines = dict(colophon(tiny.publication))
    assert lines == {"Giấy phép xuất bản": "số 12/GP-XBBT ngày 10/03/2020 của Sở Thông tin thử nghiệm",
                     "Chịu trách nhiệm xuất bản": "Giám đốc Sở Nguyễn Văn A", "Kỳ hạn xuất bản": "3 tháng/số",
                     "Số lượng in": "500 bản", "Nơi in": "Công ty In Thử Nghiệm"}


def test_the_print_edition_has_its_address_beside_the_page():
    assert addresses.edition_pdf_path(2021, 2) == "ban-tin/2021-2/ban-tin-2021-2.pdf"
    assert addresses.page_url(addresses.edition_path(2021, 2)) == "ban-tin/2021-2/"


# --- pages ----------------------------------------------------------------------------------------------------------

def test_pages_declare_their_sources_and_sit_in_the_news_section(tiny):
    pages = {page.path: page for page in edition_pages(tiny, build_stream(tiny))}
    assert list(pages) == ["ban-tin/index.md", SECOND, FIRST]
    assert pages[FIRST].sources[:2] == ("data/ban-tin/2021-1.yaml", "data/ban-tin.yaml")
    trail = trails([(p.path, p.content) for p in pages.values()], list(pages))[FIRST]
    assert trail.section == addresses.NEWS_INDEX
    assert [crumb.title for crumb in trail.crumbs] == ["Trang chủ", "Bản tin"]


def test_the_edition_page_starts_with_the_masthead_and_ends_with_the_colophon(tiny_built):
    page = soup(tiny_built / "ban-tin/2021-1/index.html")
    masthead = [squash(p.get_text()) for p in page.select(".tq-masthead p")]
    assert masthead == ["BẢN TIN", "Bản tin Khoa học và Công nghệ Thử Nghiệm", "Sở Thử Nghiệm tỉnh Thử Nghiệm",
                        "Số 1/2021 · Phát hành ngày 30/07/2021"]
    headings = [squash(h.get_text()) for h in page.select("article h2")]
    assert headings == ["Lời toà soạn", "Mục lục", "Bản in", "Thông tin xuất bản"]
    contents = page.select("h2#muc-luc + ol li > a")
    assert [a["href"] for a in contents] == ["../../tin-tuc/kiem-dinh-phuong-tien-do/",
                                             "../../tin-tuc/cong-khai-du-toan-ngan-sach-2021/"]
    assert squash(contents[0].get_text()) == "Kiểm định phương tiện đo & cân < 60 kg, > 2 kg"
    assert page.select_one(".tq-download a")["href"] == "ban-tin-2021-1.pdf"
    colophon_text = squash(page.select_one(".tq-colophon").get_text(" "))
    for words in ["12/GP-XBBT", "Công ty In Thử Nghiệm", "500 bản", "3 tháng/số", "Giám đốc Sở Nguyễn Văn A",
                  "Nguyễn Văn A (Trưởng ban); Trần Văn Bình (Thư ký toà soạn)"]:
        assert words in colophon_text, words
    assert "1.234 phương tiện đo" in squash(page.select_one("article").get_text(" "))  # the note's figure


def test_the_list_shows_each_edition_newest_first_with_its_contents(tiny_built):
    page = soup(tiny_built / "ban-tin/index.html")
    editions = page.select("article.tq-edition")
    assert [squash(e.h2.get_text()) for e in editions] == ["Số 2/2021", "Số 1/2021"]
    assert [squash(li.get_text()) for li in editions[0].select("ol li")] == [
        "Thông báo mời thầu mua sắm thiết bị đo lường", "Thông báo tuyển dụng viên chức năm 2021"]
    assert "30/09/2021" in editions[0].get_text()


def test_an_article_says_which_edition_it_was_printed_in(tiny_built):
    line = soup(tiny_built / "tin-tuc/kiem-dinh-phuong-tien-do/index.html").select_one(".tq-printed")
    assert squash(line.get_text()) == "Bài đã in trong Bản tin Khoa học và Công nghệ Thử Nghiệm, Số 1/2021."
    assert line.a["href"] == "../../ban-tin/2021-1/"
    assert soup(tiny_built / "tin-tuc/thong-bao-de-xuat-nhiem-vu/index.html").select_one(".tq-printed") is None
    archive = soup(tiny_built / "tin-tuc/index.html").select_one(".tq-archive")
    assert [a["href"] for a in archive.select("a") if a.get_text() == "Bản tin"] == ["../ban-tin/"]


def test_the_edition_is_a_publication_issue(tiny):
    facts = page_facts(tiny, build_stream(tiny).entries)[FIRST]
    meta = page_metadata(tiny.organisation, facts, title="Số 1/2021", description="", url=SITE_URL + "ban-tin/2021-1/",
                         site_url=SITE_URL, modified=None)
    node = json.loads(meta["json_ld"])["@graph"][1]
    assert node["@type"] == "PublicationIssue" and node["issueNumber"] == "1/2021"
    assert node["datePublished"] == "2021-07-30T00:00:00+07:00"
    assert node["isPartOf"] == {"@type": "Periodical", "name": "Bản tin Khoa học và Công nghệ Thử Nghiệm"}
    assert node["encoding"][0]["contentUrl"] == SITE_URL + "ban-tin/2021-1/ban-tin-2021-1.pdf"


# --- feeds, sitemap, search -----------------------------------------------------------------------------------------

def test_each_edition_is_an_entry_of_the_site_feed_only(tiny):
    files = dict(site_feeds(tiny, build_stream(tiny), SITE_URL, None))
    feed = json.loads(files["tin-tuc/feed.json"])
    editions = [item for item in feed["items"] if "/ban-tin/" in item["url"]]
    name = "Bản tin Khoa học và Công nghệ Thử Nghiệm"
    assert [(item["url"], item["title"], item["date_published"]) for item in editions] == [
        (SITE_URL + "ban-tin/2021-2/", f"{name}, Số 2/2021", "2021-09-30T00:00:00+07:00"),
        (SITE_URL + "ban-tin/2021-1/", f"{name}, Số 1/2021", "2021-07-30T00:00:00+07:00")]
    assert editions[0]["summary"] == ("Các bài: Thông báo mời thầu mua sắm thiết bị đo lường; Thông báo tuyển dụng "
                                      "viên chức năm 2021.")
    dates = [item["date_published"] for item in feed["items"]]
    assert dates == sorted(dates, reverse=True)
    assert b"ban-tin" in files["tin-tuc/rss.xml"] and b"ban-tin" in files["tin-tuc/atom.xml"]
    assert not [path for path, data in files.items() if "/chuyen-muc/" in path and b"ban-tin" in data]


def test_the_feeds_with_editions_follow_their_formats(tiny):
    from test_feeds import problems

    files = dict(site_feeds(tiny, build_stream(tiny), SITE_URL, None))
    for path in addresses.NEWS_FEEDS.values():
        assert problems(path, files[path]) == [], path


def test_the_editions_are_in_the_sitemap_and_the_edition_pages_in_the_search_index(tiny_built):
    sitemap = (tiny_built / "sitemap.xml").read_text(encoding="utf-8")
    for url in ["ban-tin/", "ban-tin/2021-1/", "ban-tin/2021-2/"]:
        assert f"/{url}</loc>" in sitemap, url
    indexed = dict(search.indexed_pages(tiny_built))
    assert "Bản tin Khoa học và Công nghệ Thử Nghiệm" in indexed["/ban-tin/2021-1/"]
    assert "/ban-tin/2021-2/" in indexed and "/ban-tin/" not in indexed  # the list repeats the editions
    fragments = "".join(path.name for path in (tiny_built / "pagefind/fragment").iterdir())
    assert fragments  # the index was written; the pages handed to it are the ones above


def test_the_real_site_has_no_editions_and_no_link_to_them():
    site = load_site_data(ROOT / "data", check_history=False)
    assert site.editions == [] and site.publication is None
    pages = dict(site_pages(site, build_stream(site)))
    assert not [path for path in pages if path.startswith("ban-tin/")]
    assert not [path for path, text in pages.items() if "ban-tin" in text]


def test_a_cover_is_shown_on_the_list_and_the_edition_page_with_its_description(tiny_data):
    (tiny_data.parent / "docs/anh/ban-tin").mkdir(parents=True)
    Image.new("RGB", (300, 420), "white").save(tiny_data.parent / "docs/anh/ban-tin/2021-2.png")
    edit(tiny_data / "ban-tin/2021-2.yaml", "nam: 2021", "nam: 2021\nanh_bia: /anh/ban-tin/2021-2.png\n"
         "anh_bia_mo_ta: Bìa số 2 & hội thảo")
    site = load(tiny_data)
    pages = dict(site_pages(site, build_stream(site)))
    assert ('<img class="tq-edition__cover" src="../anh/ban-tin/2021-2.png" alt="Bìa số 2 &amp; hội thảo"'
            in pages["ban-tin/index.md"])
    assert "![Bìa số 2 &amp; hội thảo](/anh/ban-tin/2021-2.png){ .tq-lead-image }" in pages[SECOND]
    feed = json.loads(dict(site_feeds(site, build_stream(site), SITE_URL, None))["tin-tuc/feed.json"])
    [item] = [item for item in feed["items"] if item["url"] == SITE_URL + "ban-tin/2021-2/"]
    assert item["image"] == SITE_URL + "anh/ban-tin/2021-2.png"


def test_an_article_waiting_for_its_day_is_told_not_dropped(tiny_data):
    (tiny_data / "tin-tuc/2021/hoi-nghi-thang-11.md").write_text(
        "---\ntieu_de: Hội nghị tháng 11\nngay_dang: \"15/11/2021 08:00\"\nchuyen_muc: tin-hoat-dong\nhen_dang: có\n"
        "---\nNội dung.\n", encoding="utf-8")
    edit(tiny_data / "ban-tin/2021-2.yaml", "  - /tin-tuc/tuyen-dung-vien-chuc-2021/",
         "  - /tin-tuc/tuyen-dung-vien-chuc-2021/\n  - /tin-tuc/hoi-nghi-thang-11/")
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False, today=date(2021, 10, 1))
    [error] = caught.value.errors
    assert (error.file, error.line, error.path) == ("data/ban-tin/2021-2.yaml", 7, ("bai", 2))
    assert error.found == "bài `/tin-tuc/hoi-nghi-thang-11/` chưa đăng (hẹn đăng một ngày sau)"


def test_an_edition_with_a_mistake_still_counts_for_the_numbers(tiny_data):
    (tiny_data / "ban-tin/2021-3.yaml").write_text(
        "so: 3\nnam: 2021\nngay_phat_hanh: 30/12/2021\nbai:\n  - /tin-tuc/thong-bao-de-xuat-nhiem-vu/\n",
        encoding="utf-8")
    edit(tiny_data / "ban-tin/2021-2.yaml", "/tin-tuc/moi-thau-thiet-bi-do-luong/", "/tin-tuc/khong-co/")
    assert [m.split(" ", 2)[:2] for m in messages(tiny_data)] == [["data/ban-tin/2021-2.yaml:5", "bai.0"]]


# --- the print editions, built with the site (issue 15) ------------------------------------------------------------

def printed_pages(site: Path, edition: str) -> list[str]:
    return pages_text((site / f"ban-tin/{edition}/ban-tin-{edition}.pdf").read_bytes())


@pytest.mark.parametrize("edition", ["2021-1", "2021-2"])
def test_each_edition_has_its_print_edition_beside_its_page(tiny_built, edition):
    reader = PdfReader(tiny_built / f"ban-tin/{edition}/ban-tin-{edition}.pdf")
    assert 3 <= len(reader.pages) <= 64
    for page in reader.pages:
        assert float(page.mediabox.width) / MM == pytest.approx(190, abs=0.5)
        assert float(page.mediabox.height) / MM == pytest.approx(270, abs=0.5)


def test_the_print_edition_carries_the_masthead_colophon_and_contents(tiny_built, tiny):
    texts = printed_pages(tiny_built, "2021-1")
    assert texts[0].startswith("BẢN TIN Bản tin Khoa học và Công nghệ Thử Nghiệm")
    assert tiny.organisation.full_name in texts[0] and "Số 1/2021" in texts[0]
    for line in ("Giấy phép xuất bản số 12/GP-XBBT ngày 10/3/2020 của Sở Thông tin thử nghiệm",
                 "In 500 bản tại Công ty In Thử Nghiệm", "Nguyễn Văn A — Trưởng ban"):
        assert line in texts[-1]
    [edition] = [e for e in tiny.editions if e.id == "2021-1"]
    articles = edition_articles(tiny, edition)
    contents = next(text for text in texts if "Mục lục" in text)
    for article in articles:
        listed = re.search(re.escape(article.title) + r"[ .]*?(\d+)(?: |$)", contents)
        assert listed, article.title
        starts = next(n for n, text in enumerate(texts, start=1) if article.title in text and text != contents
                      and n > texts.index(contents) + 1)
        assert int(listed.group(1)) == starts


def test_the_print_edition_writes_figures_out_as_the_web_does(tiny_built):
    body = " ".join(printed_pages(tiny_built, "2021-1"))
    web = squash(soup(tiny_built / "ban-tin/2021-1/index.html").select_one(
        "article").get_text(" "))
    note = re.search(r"Số này điểm lại kết quả kiểm định phương tiện đo sáu tháng đầu năm: [\d.,]+ phương tiện đo",
                     web)
    assert note and note.group(0) in body  # the editor's note, its figure written out as on the web
    assert "{{" not in body and "[[" not in body


def test_an_edition_over_64_pages_stops_the_build_with_the_file_and_line(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    bulletin = project / "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"
    long_text = "\n\n".join(f"Đoạn {n}: kết quả kiểm định phương tiện đo của tỉnh trong sáu tháng đầu năm. " * 12
                            for n in range(400))
    bulletin.write_text(bulletin.read_text(encoding="utf-8") + "\n\n" + long_text + "\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old", encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/ban-tin/2021-1.yaml:4 — trường `bai`: gặp Bản in của bản tin Số 1/2021 sẽ có" in result.stderr
    assert "so với giới hạn 64 trang" in result.stderr
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["old.html"]


def test_a_chart_in_an_article_is_on_its_web_page_and_drawn_in_the_print_edition(tiny_built):
    """{{bieu-do:phuong-tien-do}} of the fixture bulletin that edition 2021-1 prints: on the web an SVG image with its
    title, text alternative and caption; in the PDF vector drawing (rectangles filled, lines stroked) with the
    chart's own words (its unit line, its period labels), on the pages of that article."""
    page = soup(tiny_built / "tin-tuc/kiem-dinh-phuong-tien-do/index.html")
    figure = page.select_one("article figure.tq-figure")
    svg = figure.select_one("svg[role=img]")
    title, desc = (svg.find(name) for name in ("title", "desc"))
    assert svg["aria-labelledby"].split() == [title["id"], desc["id"]]
    assert title.get_text() == "Phương tiện đo được kiểm định (6 tháng)"
    assert "6T đầu 2021: 1.234 phương tiện" in desc.get_text()
    assert figure.figcaption.get_text().startswith("Biểu đồ: Phương tiện đo được kiểm định, kỳ 6 tháng.")
    reader = PdfReader(tiny_built / "ban-tin/2021-1/ban-tin-2021-1.pdf")
    texts = printed_pages(tiny_built, "2021-1")
    contents = next(n for n, text in enumerate(texts) if "Mục lục" in text)
    start = next(n for n, text in enumerate(texts) if n > contents and "Kiểm định phương tiện đo" in text)
    [drawn] = [n for n, text in enumerate(texts) if "Đơn vị: phương tiện" in text and "6T cuối 2020" in text]
    assert start <= drawn <= start + 1  # in the article (a chart that does not fit goes whole to the next page)
    assert "Biểu đồ: Phương tiện đo được kiểm định, kỳ 6 tháng" in texts[drawn]
    # Vector drawing in the chart's own units: each bar of the web page's SVG a filled rectangle, each gridline a
    # line (WeasyPrint writes an SVG's coordinates as they are, under one transform).
    operators = reader.pages[drawn].get_contents().get_data().decode("latin-1")
    bars = svg.select("rect.tq-chart__bar")
    assert len(bars) == 2
    for bar in bars:
        assert f"{bar['x']} {bar['y']} {bar['width']} {bar['height']} re\nf\n" in operators
    for line in svg.select(".tq-chart__grid line"):
        assert f"{line['x1']} {line['y1']} m\n{line['x2']} {line['y2']} l\n" in operators
