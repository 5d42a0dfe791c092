"""A reader on a phone: nothing wider than the screen, and a home page light enough for a slow connection."""

from __future__ import annotations

import gzip

import pytest

pytestmark = pytest.mark.browser
HOME_BUDGET = 100 * 1024  # bytes transferred, compressed


def sideways(page) -> int:
    """How far the page scrolls sideways on this screen (0: not at all)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_the_sideways_check_catches_a_table_wider_than_a_phone(phone, base_url):
    phone.goto(base_url + "thong-ke/", wait_until="networkidle")
    assert sideways(phone) == 0
    phone.evaluate("""document.querySelector('article').insertAdjacentHTML('beforeend',
        '<table class="tq-stats"><tr><td style="min-width:1200px">rộng quá</td></tr></table>')""")
    assert sideways(phone) > 0


def transferred(browser, url: str) -> dict[str, int]:
    """Every file the page loads, with its size gzipped (as a server that compresses text sends it)."""
    page = browser.new_page()
    sizes: dict[str, int] = {}

    def record(response):
        body = response.body() if response.ok else b""
        kind = response.headers.get("content-type", "")
        compressible = kind.startswith(("text/", "application/javascript", "application/json", "image/svg"))
        sizes[response.url] = len(gzip.compress(body, 6)) if compressible else len(body)

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.close()
    return sizes


def test_the_home_page_transfers_at_most_100_kib_compressed(browser, base_url):
    sizes = transferred(browser, base_url)
    total = sum(sizes.values())
    detail = "\n".join(f"{size:>8} {url}" for url, size in sorted(sizes.items(), key=lambda item: -item[1]))
    assert total <= HOME_BUDGET, f"{total} bytes:\n{detail}"
    assert all(url.startswith(base_url) or url.startswith("data:") for url in sizes)
