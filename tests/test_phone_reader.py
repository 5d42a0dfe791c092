"""What a reader meets on every kind of page, in headless Chromium against the built default and tiny sites: no
request that fails, key figures whose words stay whole on a 390 px phone, the section and the way back (breadcrumbs).

Each check is also run on a page made worse on purpose, to show that it can fail.
"""

from __future__ import annotations

import pytest

from test_accessibility import PAGE_TYPES as ACCESSIBILITY_PAGE_TYPES

pytestmark = pytest.mark.browser

# Every kind of page: those axe-core checks, and the search page and the archives' indexes.
PAGE_TYPES = {**ACCESSIBILITY_PAGE_TYPES, "search": ("default", "tim-kiem/"), "years": ("default", "tin-tuc/nam/"),
              "authors": ("default", "tin-tuc/tac-gia/")}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "locale": "vi-VN"}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}

# The names and values of figures: the key figures' cards and every cell of a table of figures.
FIGURES = (".tq-card__name, .tq-card__value, .tq-card__period, .tq-card__change, "
           "table.tq-stats th, table.tq-stats td, table.tq-indicators th, table.tq-indicators td")
# Each word of those elements whose characters do not all sit on one line (a word broken inside: "Sản phẩ/m"). A line
# may end after a hyphen or a dash, as in print ("01/2020–" / "12/2021"): the part before it is a word of its own.
BROKEN_WORDS = """selector => {
  const broken = [];
  let count = 0;
  for (const element of document.querySelectorAll(selector)) {
    count += 1;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\u2010-\\u2014-]+[\\u2010-\\u2014-]?|[\\u2010-\\u2014-]/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return {count, broken};
}"""
KEY_FIGURES = {"home": 5, "statistics overview": 5}  # pages with the key figures of the default site, and how many


@pytest.fixture(scope="module")
def sites(base_url, tiny_url):
    return {"default": base_url, "tiny": tiny_url}


def failed_requests(browser, url: str, options: dict) -> list[str]:
    """Every request that loading `url` causes and that fails or is answered with 4xx or 5xx."""
    context = browser.new_context(**options)
    page = context.new_page()
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}"))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)  # Material's script starts its own requests once the page is shown
    context.close()
    return failed


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_a_page_load_causes_no_failed_request(browser, sites, kind):
    site, path = PAGE_TYPES[kind]
    for options in (PHONE, DESKTOP):
        assert failed_requests(browser, sites[site] + path, options) == [], f"{kind}: /{path}"


def test_the_failed_request_check_sees_a_missing_file(browser, sites, default_site, tmp_path):
    """A page asking for a file that does not exist fails the check (the site is served from its folder)."""
    broken = default_site / "lien-he" / "hong" / "index.html"
    broken.parent.mkdir()
    try:
        broken.write_text('<!doctype html><html lang="vi"><title>x</title><img src="khong-co.png" alt="x">',
                          encoding="utf-8")
        failed = failed_requests(browser, sites["default"] + "lien-he/hong/", PHONE)
    finally:
        broken.unlink()
        broken.parent.rmdir()
    assert [line.split()[0] for line in failed] == ["404"], failed


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_figures_keep_their_words_whole_on_a_phone(phone, sites, kind):
    site, path = PAGE_TYPES[kind]
    phone.goto(sites[site] + path, wait_until="networkidle")
    found = phone.evaluate(BROKEN_WORDS, FIGURES)
    assert found["broken"] == [], f"{kind}: words broken across lines: {found['broken']}"
    if kind in KEY_FIGURES:
        assert phone.locator(".tq-card").count() == KEY_FIGURES[kind], kind
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, f"{kind} scrolls sideways"


def test_the_word_check_sees_a_word_broken_inside(phone, sites):
    """The same check on the statistics overview, its key figures squeezed into 60 px: words break, and it says so."""
    phone.goto(sites["default"] + "thong-ke/", wait_until="networkidle")
    phone.add_style_tag(content=".md-typeset .tq-card { width: 60px; } .tq-card a { word-break: break-all; }")
    assert phone.evaluate(BROKEN_WORDS, FIGURES)["broken"] != []


def test_a_bulletin_shows_its_section_and_the_way_back(browser, sites):
    """On a desktop, the "Tin tức" tab is marked as the current section; on a phone, too, the breadcrumbs lead back."""
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(sites["tiny"] + "tin-tuc/kiem-dinh-phuong-tien-do/", wait_until="networkidle")
    active = page.locator(".md-tabs__item--active")
    assert active.count() == 1 and active.inner_text().strip() == "Tin tức"
    assert active.locator("a").evaluate("a => getComputedStyle(a).fontWeight") == "700"
    context.close()

    page = browser.new_context(**PHONE).new_page()
    page.goto(sites["tiny"] + "tin-tuc/kiem-dinh-phuong-tien-do/", wait_until="networkidle")
    trail = page.get_by_role("navigation", name="Đường dẫn")
    assert trail.is_visible()
    assert trail.get_by_role("link").all_inner_texts() == ["Trang chủ", "Tin tức"]
    trail.get_by_role("link", name="Tin tức").click()
    page.wait_for_load_state("networkidle")
    assert page.url == sites["tiny"] + "tin-tuc/"
    page.context.close()
