"""Giới thiệu and the English page (issue 12a): data/gioi-thieu.yaml read and checked, the pages from the same
records as the masthead, the footer and the contact page, the organisation chart, lang and hreflang, and the
language link on every page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from conftest import ROOT, TINY_DATA, make_project
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from khcn.pages.introduction import chart_layout, org_chart, org_tree, render_english, render_introduction

SITE_URL = "https://sokhcn.tuyenquang.gov.vn/"


@pytest.fixture(scope="module")
def tiny_site():
    return load_site_data(TINY_DATA, check_history=False)


@pytest.fixture(scope="module")
def default_data():
    return load_site_data(ROOT / "data", check_history=False)


# --- data -------------------------------------------------------------------------------------------------------

def test_without_the_file_there_is_no_introduction(tiny_data):
    (tiny_data / "gioi-thieu.yaml").unlink()
    assert load_site_data(tiny_data, check_history=False).introduction is None


def test_the_history_reads_a_year_a_month_or_a_day(tiny_site):
    assert [str(m.date) for m in tiny_site.introduction.history] == ["1991", "04/2003", "15/07/2019"]


def test_a_photo_needs_its_description_and_a_file(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    photo = project / "docs/anh/lanh-dao/pho-giam-doc.png"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (600, 800), (90, 90, 90)).save(photo)  # a real picture: a file is checked by its content
    intro = project / "data/gioi-thieu.yaml"
    text = intro.read_text(encoding="utf-8")
    biography = "    tieu_su: Sinh năm 1978, tiến sĩ hoá học.\n"
    intro.write_text(text.replace(biography, biography + "    anh: /anh/lanh-dao/pho-giam-doc.png\n"), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_site_data(project / "data", check_history=False)
    [error] = caught.value.errors
    assert (error.path, error.found) == (("lanh_dao", 1, "anh"), "`anh` mà không có `anh_mo_ta`")
    intro.write_text(intro.read_text(encoding="utf-8").replace(
        "pho-giam-doc.png\n", "pho-giam-doc.png\n    anh_mo_ta: Ảnh chân dung bà Phạm Thị D.\n"), encoding="utf-8")
    page = render_introduction(load_site_data(project / "data", check_history=False))
    assert '![Ảnh chân dung bà Phạm Thị D.](../anh/lanh-dao/pho-giam-doc.png){: .tq-portrait width="120" }' in page


# --- the pages --------------------------------------------------------------------------------------------------

def test_the_default_site_shows_the_seed_facts_and_nothing_invented(default_data):
    assert default_data.introduction is None
    page = render_introduction(default_data)
    for fact in ["Sở Khoa học và Công nghệ tỉnh Tuyên Quang", "Uỷ ban nhân dân tỉnh Tuyên Quang",
                 "Số 433, Đường 17/8, phường Phan Thiết", "(0207) 3822523", "(0207) 3822709", "25/GP-TTĐT",
                 "**Giám đốc:** ThS. Nguyễn Đại Thành"]:
        assert fact in page, fact
    assert "\n## " not in page  # no empty section
    english = render_english(default_data)
    assert "\n## Contacts" in english and "(0207) 3822523" in english and "(0207) 3822709" in english
    for section in ["Functions", "Structure", "Leaders", "History"]:
        assert f"## {section}" not in english
    # Vietnamese values are labelled facts marked lang="vi", never words of an English sentence
    assert '<span lang="vi">Số 433, Đường 17/8' in english
    assert '<span lang="vi">Giám đốc</span>' in english


def test_the_english_page_shows_only_what_has_english_text(tiny_site):
    english = render_english(tiny_site)
    assert english.startswith("---\nlang: en\n")
    assert "# Department of Testing of Test Province" in english
    assert "Phòng Quản lý khoa học" not in english  # no ten_en
    assert "Phạm Thị D" not in english  # no chuc_vu_en
    assert "Đổi tên" not in english and "04/2003" not in english  # a milestone without su_kien_en
    assert "### Nguyễn Văn A – Director" in english
    assert "Under [12/KH-UBND](../van-ban/index.md#vb-12-kh-ubnd)" in english  # the number, not "Kế hoạch số"


def test_texts_are_escaped_and_documents_cited(tiny_site):
    page = render_introduction(tiny_site)
    assert "a &lt; b, c &gt; d thử" in page and "< b," not in page
    assert "[Kế hoạch số 12/KH-UBND ngày 04/02/2021](../van-ban/index.md#vb-12-kh-ubnd)" in page


def test_the_chart_is_accessible_and_the_list_holds_the_same_names(tiny_site):
    tree = org_tree(tiny_site.organisation, tiny_site.introduction)
    svg = org_chart(tree)
    assert svg == org_chart(org_tree(tiny_site.organisation, tiny_site.introduction))  # same bytes
    assert 'role="img" aria-labelledby="org-vi-title org-vi-desc"' in svg
    assert '<title id="org-vi-title">Sơ đồ cơ cấu tổ chức của Sở Thử Nghiệm tỉnh Thử Nghiệm</title>' in svg
    names = {text for box in chart_layout(tree).boxes for _, text, is_name in box.lines if is_name}
    page = render_introduction(tiny_site)
    listed = page.split('<ul class="tq-org__list">')[1].split("</ul>\n")[0]
    for name in names:
        assert name in listed, name
    # whole coordinates only: nothing that rounds differently
    assert not re.search(r' (?:x|y|width|height|d|viewBox)="[^"]*\.\d', svg)


def test_a_long_name_wraps_inside_its_box(tiny_site):
    long = "Trung tâm " + "Ứng dụng tiến bộ khoa học và công nghệ " * 3
    tree = org_tree(tiny_site.organisation, tiny_site.introduction)
    tree = type(tree)(tree.name, children=(type(tree)(long.strip()),))
    [_, box] = chart_layout(tree).boxes
    assert len(box.lines) >= 2 and all(len(text) * 8.4 <= box.width - 16 for _, text, _ in box.lines)


# --- the built site ---------------------------------------------------------------------------------------------

SITEMAP, XHTML = "http://www.sitemaps.org/schemas/sitemap/0.9", "http://www.w3.org/1999/xhtml"


def test_lang_and_hreflang_both_ways(tiny_built):
    english = (tiny_built / "en/index.html").read_text(encoding="utf-8")
    vietnamese = (tiny_built / "gioi-thieu/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and '<html lang="vi"' in vietnamese
    sitemap = ET.parse(tiny_built / "sitemap.xml").getroot()
    translations = {url.findtext(f"{{{SITEMAP}}}loc"): {(link.get("hreflang"), link.get("href"))
                                                         for link in url.findall(f"{{{XHTML}}}link")}
                    for url in sitemap}
    both = {("vi", f"{SITE_URL}gioi-thieu/"), ("en", f"{SITE_URL}en/")}
    assert translations[f"{SITE_URL}gioi-thieu/"] == both and translations[f"{SITE_URL}en/"] == both
    assert sum(1 for links in translations.values() if links) == 2  # the two pages only
    for page in (english, vietnamese):  # not in the head: Material's script would ask for a sitemap beside each
        assert 'rel="alternate" hreflang' not in page
    assert '<meta property="og:locale" content="en_GB">' in english
    assert 'class="tq-masthead" lang="vi"' in english  # the theme's Vietnamese parts say so
    assert "hreflang=" not in (tiny_built / "van-ban/index.html").read_text(encoding="utf-8").split("<body")[0]


def test_every_page_has_a_language_link(tiny_built):
    pages = sorted(tiny_built.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        html = path.read_text(encoding="utf-8")
        links = re.findall(r'<a class="tq-masthead__language" href="([^"]+)" hreflang="(\w+)" lang="(\w+)">([^<]+)</a>',
                           html)
        assert len(links) == 1, path
        [(href, hreflang, lang, text)] = links
        if path == tiny_built / "en/index.html":
            assert (hreflang, lang, text) == ("vi", "vi", "Tiếng Việt")
            assert (path.parent / href / "index.html").resolve() == tiny_built / "gioi-thieu/index.html"
        else:
            assert (hreflang, lang, text) == ("en", "en", "English")
            if path.name != "404.html":  # served from any folder: its links are absolute
                assert (path.parent / href / "index.html").resolve() == tiny_built / "en/index.html", path


def test_the_introduction_is_in_the_menu_and_cites_its_source(tiny_built):
    page = (tiny_built / "gioi-thieu/index.html").read_text(encoding="utf-8")
    assert re.search(r'class="md-tabs__link[^"]*"[^>]*>\s*Giới thiệu', page)
    assert "data/gioi-thieu.yaml" in page


@pytest.mark.browser
@pytest.mark.parametrize("path", ["gioi-thieu/", "en/"])
def test_the_fixture_pages_fit_a_phone(phone, tiny_url, path):
    """The full introduction (chart, list, long unit names) does not scroll sideways at 390 px."""
    phone.goto(tiny_url + path, wait_until="networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    link = phone.locator(".tq-masthead__language")
    box = link.bounding_box()
    assert link.is_visible() and box["width"] >= 24 and box["height"] >= 24
