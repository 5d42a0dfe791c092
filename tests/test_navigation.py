"""Where a reader is: the tab of the page's section marked on every page, breadcrumbs on every page below a tab
(khcn/addresses.py `section_of`, `parents`; khcn/pages/navigation.py; overrides/partials/tabs-item.html and
breadcrumbs.html), and the news feeds found by feed readers without Material's script asking for files that do not
exist (overrides/main.html)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from khcn import addresses
from khcn.pages.navigation import Crumb, Trail, page_title, trails
from sitecheck import soup, squash

TAB_OF_FOLDER = {"tin-tuc": "Tin tức", "bao-cao": "Báo cáo", "thong-ke": "Thống kê", "van-ban": "Văn bản",
                 "de-tai-du-an": "Đề tài, dự án", "so-huu-tri-tue": "Sở hữu trí tuệ", "lien-he": "Liên hệ",
                 "gioi-thieu": "Giới thiệu"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}


def built_pages(site: Path) -> list[str]:
    """Every page of a built site, as its URL path from the root (`tin-tuc/nam/2021/`), 404.html left out."""
    return sorted(path.relative_to(site).as_posix().removesuffix("index.html") for path in site.rglob("index.html")
                  if not path.relative_to(site).as_posix().startswith("pagefind/"))


# --- the address book and the trails, without a build ------------------------------------------------------------

def test_every_page_belongs_to_a_tab():
    assert addresses.section_of("tin-tuc/chuyen-muc/thong-bao/trang/2.md") == addresses.NEWS_INDEX
    assert addresses.section_of(addresses.indicator_path("can")) == addresses.STATISTICS_PAGE
    assert addresses.section_of(addresses.report_path("2021-6-thang")) == addresses.REPORTS_INDEX
    assert addresses.section_of(addresses.CONTACT_PAGE) == addresses.CONTACT_PAGE
    assert addresses.section_of(addresses.SEARCH_PAGE) == addresses.HOME_PAGE  # in no section: under the home page
    assert addresses.section_of(addresses.ENGLISH_PAGE) == addresses.HOME_PAGE


def test_the_parents_of_a_page_are_the_index_pages_above_it():
    pages = {"index.md", "tin-tuc/index.md", "tin-tuc/chuyen-muc/index.md", "tin-tuc/chuyen-muc/thong-bao/index.md"}
    assert addresses.parents("tin-tuc/chuyen-muc/thong-bao/trang/2.md", pages) == [
        "index.md", "tin-tuc/index.md", "tin-tuc/chuyen-muc/index.md", "tin-tuc/chuyen-muc/thong-bao/index.md"]
    assert addresses.parents("tin-tuc/chuyen-muc/thong-bao/index.md", pages) == [
        "index.md", "tin-tuc/index.md", "tin-tuc/chuyen-muc/index.md"]
    assert addresses.parents("thong-ke/chi-so/can.md", pages) == ["index.md"]  # no page at thong-ke/chi-so/
    assert addresses.parents("index.md", pages) == []


def test_a_pages_title_is_its_heading_as_text():
    assert page_title("---\nhide:\n  - toc\n---\n# Báo cáo &amp; số liệu\n\nVăn bản.\n") == "Báo cáo & số liệu"
    assert page_title("Không có tiêu đề.\n## Mục\n") is None


def test_trails_name_the_tabs_as_the_navigation_does():
    generated = [("tin-tuc/index.md", "# Tin tức mới\n"), ("tin-tuc/nam/index.md", "# Theo năm\n"),
                 ("tin-tuc/nam/2021/index.md", "# Năm 2021\n"), ("tin-tuc/nam/2021/trang/2.md", "# Năm 2021\n")]
    found = trails(generated, ["index.md", "tim-kiem.md", *(path for path, _ in generated)])
    assert found["tin-tuc/nam/2021/trang/2.md"] == Trail("tin-tuc/index.md", (
        Crumb("Trang chủ", ""), Crumb("Tin tức", "tin-tuc/"), Crumb("Theo năm", "tin-tuc/nam/"),
        Crumb("Năm 2021", "tin-tuc/nam/2021/")))
    assert found["tim-kiem.md"] == Trail("index.md", (Crumb("Trang chủ", ""),))
    assert found["tin-tuc/index.md"].crumbs == () and found["index.md"] == Trail("index.md", ())


# --- the built site ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(default_site):
    return {url: soup(default_site / url / "index.html") for url in built_pages(default_site)}


def test_every_page_marks_the_tab_of_its_section(pages):
    tabs = {addresses.page_url(path) for path in addresses.NAV.values()}
    assert len(pages) > 30
    for url, html in pages.items():
        active = html.select(".md-tabs__item--active")
        expected = TAB_OF_FOLDER.get(url.split("/")[0], "Trang chủ")
        assert [squash(tab.get_text()) for tab in active] == [expected], f"/{url}"
        assert active[0].a["aria-current"] == ("page" if url in tabs else "true"), f"/{url}"


def test_every_page_below_a_tab_has_breadcrumbs_that_lead_to_pages(pages, default_site):
    tabs = {addresses.page_url(path) for path in addresses.NAV.values()}
    for url, html in pages.items():
        trail = html.select("nav.tq-breadcrumbs")
        if url in tabs:
            assert trail == [], f"/{url}"
            continue
        assert len(trail) == 1 and trail[0]["aria-label"] == "Đường dẫn", f"/{url}"
        links = trail[0].select("li a")
        assert squash(links[0].get_text()) == "Trang chủ", f"/{url}"
        for link in links:
            target = urljoin(f"/{url}", link["href"]).lstrip("/")
            assert (default_site / target / "index.html").is_file(), f"/{url}: {link['href']}"
        current = trail[0].select("li:last-child [aria-current=page]")
        assert [squash(c.get_text()) for c in current] == [squash(html.h1.get_text())], f"/{url}"
        if url.startswith(("tin-tuc/", "bao-cao/", "thong-ke/")):
            assert squash(links[1].get_text()) == TAB_OF_FOLDER[url.split("/")[0]], f"/{url}"


def test_the_breadcrumbs_of_an_archive_page(pages):
    trail = pages["tin-tuc/chuyen-muc/thong-bao/"].select_one("nav.tq-breadcrumbs")
    assert [(squash(a.get_text()), a["href"]) for a in trail.select("a")] == [
        ("Trang chủ", "../../.."), ("Tin tức", "../../"), ("Chuyên mục", "../")]


def test_breadcrumbs_are_not_indexed_for_search(pages):
    report = pages["bao-cao/2021-6-thang-dau-nam/"]
    assert report.select_one("nav.tq-breadcrumbs") is not None and report.select_one("[data-pagefind-body]")
    assert report.select("[data-pagefind-body] nav.tq-breadcrumbs") == []


def test_feed_readers_find_the_feeds_and_materials_script_does_not(pages, default_site):
    """A feed reader looks for `alternate` among a link's keywords (BeautifulSoup splits `rel` the same way);
    Material's script takes `link[rel=alternate]` (the whole value) for a translation and asks for its sitemap.xml."""
    for url, html in pages.items():
        feeds = [link for link in html.find_all("link", rel="alternate") if link.get("type") in FEED_TYPES]
        assert {link["type"] for link in feeds} == FEED_TYPES, f"/{url}"
        for link in feeds:
            assert (default_site / urljoin(f"/{url}", link["href"]).lstrip("/")).is_file(), f"/{url}: {link['href']}"
        assert html.select('link[rel="alternate"]') == [], f"/{url}"
        assert not [link for link in html.find_all("link") if link.get_attribute_list("rel") == ["alternate"]]
