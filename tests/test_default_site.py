"""The real site, built from the repository's data: every fact of the seed report, the footer on every page."""

import re

import pytest

from conftest import SEED
from sitecheck import foreign_loads, paragraphs, soup, squash

REPORT = "bao-cao/2021-6-thang-dau-nam/index.html"


def _seed_lines() -> list[str]:
    return [squash(line) for line in SEED.read_text(encoding="utf-8").splitlines()]


def seed_body() -> list[str]:
    """The report's paragraphs as the old site shows them, bullets and indentation removed."""
    lines = _seed_lines()
    start = next(i for i, line in enumerate(lines) if "lượt xem" in line) + 1
    end = lines.index("Lê Thúy Phượng")
    return [line.removeprefix("- ") for line in lines[start:end] if line]


def seed_footer() -> list[str]:
    lines = _seed_lines()
    return lines[lines.index("TRANG THÔNG TIN ĐIỆN TỬ SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH TUYÊN QUANG"):]


@pytest.fixture(scope="module")
def report(default_site):
    return soup(default_site / REPORT)


def test_the_seed_is_read_as_expected():
    assert len(seed_body()) == 20 and len(seed_footer()) == 6


@pytest.mark.parametrize("index", range(20))
def test_every_paragraph_of_the_seed_is_on_the_report_page(report, index):
    assert seed_body()[index] in paragraphs(report)


def test_every_number_of_the_seed_is_on_the_report_page(report):
    body = " ".join(seed_body())
    page = squash(report.select_one(".md-content article").get_text(" "))
    for number in re.findall(r"\d+(?:[/.,:]\d+)*%?", body):
        assert number in page, number


def test_report_header_date_author_and_title(report):
    assert squash(report.find("h1").get_text()) == _seed_lines()[4]
    time = report.select_one(".tq-meta time")
    assert time["datetime"] == "2021-10-01T17:25:56+07:00"
    assert time.get_text().startswith("01/10/2021")
    assert "Tác giả: Lê Thúy Phượng" in squash(report.select_one(".tq-meta").get_text())
    assert squash(report.select_one(".tq-signature").get_text(" ")) == "Lê Thúy Phượng Sở Khoa học và Công nghệ"


def test_documents_are_linked_to_the_register(default_site, report):
    register = soup(default_site / "van-ban/index.html")
    links = [a for a in report.select(".md-content a") if "van-ban/#" in a.get("href", "")]
    assert len(links) == 10
    for link in links:
        assert register.find(id=link["href"].split("#")[1]) is not None, link
    assert {squash(a.get_text()) for a in links} >= {"Quyết định số 361/QĐ-QĐ-UBND ngày 08/6/2021",
                                                     "Nghị quyết số 31/2013/NQ-HĐND ngày 12/12/2013"}


def test_the_period_table_closes_the_report(report):
    table = report.select_one("table.tq-indicators")
    assert table.caption.get_text() == "Các chỉ số 6 tháng đầu năm 2021"
    rows = {squash(tr.th.get_text()): squash(tr.td.get_text()) for tr in table.select("tbody tr") if tr.td}
    assert rows["Đề tài, dự án khoa học và công nghệ được theo dõi, quản lý"] == "42"
    assert rows["Dự án thuộc Chương trình Nông thôn miền núi"] == "8"
    assert rows["Taximet"] == "36"
    assert "109/138 (79,0%)" in rows.values()
    assert "trên 60" in rows.values()


def test_every_page_carries_the_seeds_footer(default_site):
    pages = sorted(default_site.rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        footer = soup(page).select_one(".tq-footer")
        assert footer is not None, page
        seed = [p for p in footer.find_all("p") if "tq-footer__links" not in (p.get("class") or [])]
        assert [squash(p.get_text()) for p in seed] == seed_footer(), page
        # issue 12c: then a line of links, the access-to-information page (the seed names no feedback channel)
        assert [a.get_text() for a in footer.select(".tq-footer__links a")] == ["Tiếp cận thông tin"], page


def test_every_page_carries_the_organisations_masthead(default_site):
    for page in sorted(default_site.rglob("*.html")):
        masthead = soup(page).select_one(".tq-masthead")
        language = masthead.select_one(".tq-masthead__language").extract()  # issue 12a: the language link
        assert squash(masthead.get_text(" ")) == "Uỷ ban nhân dân tỉnh Tuyên Quang Sở Khoa học và Công nghệ", page
        assert language.get_text() in ("English", "Tiếng Việt"), page


def test_contact_page_from_the_same_record(default_site):
    text = squash(soup(default_site / "lien-he/index.html").select_one(".md-content").get_text(" "))
    for fact in ["Số 433, Đường 17/8, phường Phan Thiết", "(0207) 3822523", "(0207) 3822709",
                 "ThS. Nguyễn Đại Thành - Giám đốc", "25/GP-TTĐT ngày 28/5/2021"]:
        assert fact in text


def test_reports_index_lists_the_report(default_site):
    index = soup(default_site / "bao-cao/index.html")
    assert index.find("a", href="2021-6-thang-dau-nam/") is not None


def test_no_page_loads_from_another_host(default_site):
    for page in sorted(default_site.rglob("*.html")):
        assert foreign_loads(soup(page)) == [], page


def test_statistics_overview_shows_the_key_figures_of_the_report(default_site):
    overview = soup(default_site / "thong-ke/index.html")
    key = overview.select_one("ul.tq-cards")  # the key figures, as cards (templates/key_figures.html.j2)
    rows = {squash(card.select_one(".tq-card__name").get_text()): squash(card.select_one(".tq-card__value").get_text())
            for card in key.select("li.tq-card")}
    assert rows == {"Đề tài, dự án khoa học và công nghệ được theo dõi, quản lý": "42",
                    "Sản phẩm được bảo hộ nhãn hiệu, chỉ dẫn địa lý": "200",
                    "Sáng kiến trình công nhận cấp tỉnh": "64",
                    "UBND cấp xã xây dựng, áp dụng hệ thống quản lý chất lượng": "109/138 (79,0%)",
                    "Phương tiện đo được kiểm định": "170"}


def test_every_indicator_has_a_page_that_says_one_period_is_not_a_series(default_site):
    pages = sorted((default_site / "thong-ke/chi-so").glob("*/index.html"))
    assert len(pages) == 18
    for page in pages:
        html = soup(page)
        assert html.select_one("svg.tq-chart") is None, page
        assert "Mới có số liệu của một kỳ (6 tháng đầu năm 2021): chưa đủ để vẽ biểu đồ." in squash(html.get_text(" "))
        assert html.select_one("table.tq-stats caption") is not None


def test_open_data_carries_the_reports_figures(default_site):
    import pandas as pd

    frame = pd.read_csv(default_site / "thong-ke/du-lieu/gia-tri.csv", encoding="utf-8-sig", dtype={"thanh_phan": str})
    totals = frame[frame["thanh_phan"].isna()].set_index("chi_so")["gia_tri"]
    assert totals["de-tai-du-an-dang-quan-ly"] == 42 and totals["phuong-tien-do-kiem-dinh"] == 170
    parts = frame[frame["chi_so"] == "phuong-tien-do-kiem-dinh"].dropna(subset=["thanh_phan"])
    assert parts["gia_tri"].tolist() == [96, 30, 8, 36]
    for name in ["gia-tri.xlsx", "gia-tri.json", "chi-so.csv", "datapackage.json",
                 "chi-so/de-tai-du-an-dang-quan-ly.csv", "chi-so/de-tai-du-an-dang-quan-ly.xlsx",
                 "linh-vuc/quan-ly-khoa-hoc.xlsx", "bao-ho.csv", "de-tai-du-an.csv"]:
        assert (default_site / "thong-ke/du-lieu" / name).is_file(), name


def test_registers_carry_only_the_seeds_entries(default_site):
    protections = squash(soup(default_site / "so-huu-tri-tue/index.html").select_one(".md-content").get_text(" "))
    assert "Chè Shan tuyết Na Hang" in protections and "Bưởi Soi Hà" in protections
    assert "Dự kiến tháng 10/2021 được cấp" in protections
    projects = squash(soup(default_site / "de-tai-du-an/index.html").select_one(".md-content").get_text(" "))
    assert "Sổ chưa có đề tài, dự án nào." in projects


def test_every_internal_link_leads_somewhere(default_site):
    from urllib.parse import unquote, urlparse

    for page in sorted(default_site.rglob("*.html")):
        for anchor in soup(page).find_all("a", href=True):
            url = urlparse(anchor["href"])
            if url.scheme or url.netloc or not url.path:
                continue
            base = default_site if url.path.startswith("/") else page.parent  # 404.html links from the root
            target = (base / unquote(url.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(default_site)} → {anchor['href']}"


def test_the_report_is_published_once_and_joins_the_stream(default_site):
    title = _seed_lines()[4]
    pages_with_title = [p.relative_to(default_site).as_posix() for p in default_site.rglob("*.html")
                        if (h1 := soup(p).find("h1")) is not None and squash(h1.get_text()) == title]
    assert pages_with_title == [REPORT]
    news = soup(default_site / "tin-tuc/index.html")
    [link] = list(news.select(".tq-entry__title a"))
    assert squash(link.get_text()) == title and link["href"] == "../bao-cao/2021-6-thang-dau-nam/"
    bulletin_pages = [p for p in (default_site / "tin-tuc").glob("*/index.html")
                      if p.parent.name not in {"chuyen-muc", "nam", "tac-gia", "trang"}]
    assert bulletin_pages == []  # the report is not a bulletin as well


def test_feeds_carry_the_report_with_absolute_addresses(default_site):
    import json

    import feedparser

    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((default_site / "tin-tuc" / name).read_bytes())
        assert feed.bozo == 0
        [item] = feed.entries
        assert item.link == "https://sokhcn.tuyenquang.gov.vn/bao-cao/2021-6-thang-dau-nam/"
        assert item.title == _seed_lines()[4]
    items = json.loads((default_site / "tin-tuc/feed.json").read_text(encoding="utf-8"))["items"]
    assert [i["date_published"] for i in items] == ["2021-10-01T17:25:56+07:00"]


def test_home_page_has_the_latest_bulletins_figures_and_report(default_site):
    home = soup(default_site / "index.html")
    text = squash(home.select_one(".md-content").get_text(" "))
    assert "Tin mới" in text and "Số liệu chính 6 tháng đầu năm 2021" in text and "Báo cáo mới nhất" in text
    assert "Sản phẩm được bảo hộ nhãn hiệu, chỉ dẫn địa lý 200" in text
    assert [a["href"] for a in home.select(".tq-home__report a")][0] == "bao-cao/2021-6-thang-dau-nam/"


def test_sitemap_and_robots_name_every_page_once_with_absolute_addresses(default_site):
    from xml.etree import ElementTree

    base = "https://sokhcn.tuyenquang.gov.vn/"
    robots = (default_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and f"Sitemap: {base}sitemap.xml" in robots
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ElementTree.parse(default_site / "sitemap.xml").getroot().findall("s:url", namespace)
    locations = [u.find("s:loc", namespace).text for u in urls]
    assert len(locations) == len(set(locations))
    pages = {p.relative_to(default_site).parent.as_posix() for p in default_site.rglob("index.html")}
    assert {loc.removeprefix(base).rstrip("/") or "." for loc in locations} == pages
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", u.find("s:lastmod", namespace).text) for u in urls)


def test_every_page_has_a_description_a_canonical_address_and_sharing_tags(default_site):
    for page in sorted(default_site.rglob("*.html")):
        if page.name == "404.html":
            continue
        head = soup(page).head
        where = page.relative_to(default_site).as_posix()
        assert head.find("meta", attrs={"name": "description"})["content"].strip(), where
        canonical = head.find("link", rel="canonical")["href"]
        assert canonical.startswith("https://sokhcn.tuyenquang.gov.vn/"), where
        assert head.find("meta", property="og:url")["content"] == canonical, where
        assert head.find("meta", property="og:title")["content"] and head.find("meta", property="og:description")
    report = soup(default_site / REPORT).head
    assert report.find("meta", property="og:type")["content"] == "article"
    assert report.find("meta", attrs={"name": "description"})["content"].startswith("Được sự quan tâm chỉ đạo")


def test_no_ban_tin_section_without_editions(default_site):
    """Issue 15: the real data has no edition of the bản tin, so no page, tab, link or feed entry names one."""
    assert not (default_site / "ban-tin").exists()
    for path in [*default_site.rglob("*.html"), *default_site.rglob("*.xml"), *default_site.rglob("*.json")]:
        assert "/ban-tin" not in path.read_text(encoding="utf-8", errors="replace"), path
