"""Site search (hooks/khcn/publish/search.py, docs/tim-kiem.md, docs/assets/tim-kiem.js): Pagefind on the built pages.

Readers type Vietnamese with or without diacritics; a query typed without them finds the pages written with them,
a query with them ranks the exact form first, decomposed (NFD) text finds the same as composed (NFC). The browser
tests run the search page in Chromium against the tiny fixture site (with a few more bulletins written here) and the
default site, served on 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from conftest import ROOT, TINY_DATA, edit, make_project, run_build
from khcn.publish import search
from sitecheck import tree_digest

sys.path.insert(0, str(ROOT / "benchmarks"))
import search_transfer

# Written into a copy of the tiny fixture data: what the searches below look for.
BULLETINS = {
    "2021/hoi-thao-che-shan-tuyet.md": """---
tieu_de: Hội thảo phát triển chè Shan tuyết Na Hang
ngay_dang: "20/08/2021 08:00"
tac_gia: Lê Thúy Phượng
chuyen_muc: tin-hoat-dong
the: [chỉ dẫn địa lý]
tom_tat: Các nhà khoa học bàn cách nâng cao giá trị chè Shan tuyết của huyện Na Hang.
---
Sáng 20/8, Sở tổ chức hội thảo tại xã Khâu Tinh. Đại biểu nghe báo cáo về vùng nguyên liệu Pắc Tạ.
""",
    "2021/che-chan-buc-xa.md": """---
tieu_de: Che chắn an toàn bức xạ tại các phòng X-quang
ngay_dang: "21/08/2021 08:00"
tac_gia: Lê Thúy Phượng
chuyen_muc: tin-hoat-dong
tom_tat: 'Đoàn kiểm tra việc "che chắn" an toàn bức xạ & phòng X-quang < tầng 2 > ở các cơ sở y tế.'
---
Đoàn kiểm tra đã làm việc với các cơ sở y tế trong tỉnh.
""",
} | {f"2021/kiem-dinh-taximet-dot-{n}.md": f"""---
tieu_de: Kiểm định taximet đợt {n}
ngay_dang: "{n:02d}/09/2021 08:00"
tac_gia: Trần Văn Bình
chuyen_muc: tin-hoat-dong
---
Kiểm định taximet đợt {n} cho các hãng xe trong tỉnh.
""" for n in range(1, 13)}
# A hand-written page typed in decomposed Unicode (as text pasted from some editors is): hand-written pages do not go
# through the data loader, which makes bulletins NFC.
NFD_PAGE = "# Giới thiệu\n\n" + unicodedata.normalize(
    "NFD", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng thuộc Sở Khoa học và Công nghệ.\n")
CHE = "/tin-tuc/hoi-thao-che-shan-tuyet/"
CHE_CHAN = "/tin-tuc/che-chan-buc-xa/"


def project_with_search_pages(root: Path) -> Path:
    project = make_project(root / "project", TINY_DATA)
    for name, text in BULLETINS.items():
        (project / "data/tin-tuc" / name).write_text(text, encoding="utf-8")
    (project / "docs/trung-tam-ky-thuat.md").write_text(NFD_PAGE, encoding="utf-8")
    edit(project / "mkdocs.yml", "not_in_nav: |\n", "not_in_nav: |\n  /trung-tam-ky-thuat.md\n")
    return project


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    project = project_with_search_pages(tmp_path_factory.mktemp("search"))
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def search_url(search_site):
    with search_transfer.serve(search_site) as url:
        yield url


def results_of(page, base: str, query: str) -> list[dict]:
    """The search page's answer to `query`: what it shows of each result."""
    page.goto(f"{base}tim-kiem/?q={quote(query)}")
    page.wait_for_function(search_transfer.DONE, timeout=30_000)
    return page.evaluate("""() => [...document.querySelectorAll('.tq-result')].map(li => ({
        title: li.querySelector('.tq-result__title').textContent,
        url: new URL(li.querySelector('a').href).pathname,
        section: (li.querySelector('.tq-result__section') || {}).textContent,
        excerpt: li.querySelector('.tq-result__excerpt').innerHTML}))""")


def status_of(page) -> str:
    return page.locator("#tq-search-status").inner_text()


# --- the index, without a browser -----------------------------------------------------------------------------------

def test_d_is_written_with_a_stroke_and_text_made_nfc():
    assert search.fold_for_index("Đo lường, đề tài") == "D\u0335o lường, d\u0335ề tài"
    decomposed = unicodedata.normalize("NFD", "Chè Shan tuyết")
    assert decomposed != "Chè Shan tuyết"
    assert search.fold_for_index(decomposed) == "Chè Shan tuyết"


def test_pages_that_repeat_others_are_not_indexed(search_site):
    urls = [url for url, _ in search.indexed_pages(search_site)]
    for indexed in [CHE, "/bao-cao/2021-6-thang/", "/thong-ke/chi-so/phuong-tien-do/", "/thong-ke/",
                    "/van-ban/", "/de-tai-du-an/", "/so-huu-tri-tue/", "/lien-he/", "/trung-tam-ky-thuat/"]:
        assert indexed in urls, indexed
    for listing in ["/", "/tin-tuc/", "/tin-tuc/chuyen-muc/", "/tin-tuc/chuyen-muc/tin-hoat-dong/",
                    "/tin-tuc/nam/2021/", "/tin-tuc/tac-gia/tran-van-binh/", "/bao-cao/", "/tim-kiem/", "/404.html"]:
        assert listing not in urls, listing


def test_procedures_are_found_and_the_documents_by_type_and_year_are_not_indexed_twice(search_site):  # issue 12b
    pages = dict(search.indexed_pages(search_site))
    procedures = pages["/thu-tuc-hanh-chinh/"]
    for words in ["Thủ tục công bố sử dụng dấu", "1.008386", "Thủ tục thẩm định công nghệ dự án đầu tư"]:
        assert words in procedures, words
    assert not [url for url in pages if url.startswith(("/van-ban/loai/", "/van-ban/nam/"))]


def test_a_bulletin_gives_its_title_summary_and_tags_not_its_body(search_site):
    page = (search_site / CHE.strip("/") / "index.html").read_text(encoding="utf-8")
    start = search.body_start(page)
    assert start is not None and page[start:].startswith("<div data-pagefind-body>")
    assert re.search(r'<div class="tq-body" data-pagefind-ignore="index" data-pagefind-index-attrs="data-tom-tat" '
                     r'data-tom-tat="Các nhà khoa học bàn cách nâng cao giá trị chè Shan tuyết', page)
    assert search.body_start(page.replace(" data-pagefind-body", " data-other")) is None
    assert search.body_start('<p>Chữ data-pagefind-body trong câu.</p>') is None


def test_the_bundle_holds_what_the_search_page_uses_and_nothing_else(search_site):
    bundle = search_site / "pagefind"
    names = sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())
    assert not set(search.UNUSED) & set(names)
    assert {"pagefind.js", "pagefind-worker.js", "wasm.unknown.pagefind", "pagefind-entry.json"} <= set(names)
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == "1.5.2"
    language = entry["languages"]["vi"]
    assert (bundle / f"pagefind.{language['hash']}.pf_meta").is_file()
    assert language["page_count"] == len(list(search.indexed_pages(search_site)))
    assert len([n for n in names if n.startswith("fragment/")]) == language["page_count"]
    assert all((bundle / n).stat().st_size > 0 for n in names), "a file left empty"


def _mini_site(folder: Path, pages: int, order=lambda names: names) -> Path:
    """`pages` small pages in Vietnamese, written in the given order of their names."""
    names = [f"trang-{n:03d}" for n in range(pages)]
    for name in order(names):
        (folder / name).mkdir(parents=True)
        words = " ".join(f"đo lường chè tuyết khoa học {name} mục{i}" for i in range(30))
        (folder / name / "index.html").write_text(
            f'<!doctype html><html lang="vi"><body><main data-pagefind-body><h1>Trang {name}</h1><p>{words}</p>'
            f"</main></body></html>", encoding="utf-8")
    return folder


def test_the_chunk_size_setting_still_has_an_effect(tmp_path, monkeypatch):
    """CHUNK_SIZE is an unstable Pagefind setting read from the environment: were it ignored, the index would be
    cut into the same files whatever its value."""
    site = _mini_site(tmp_path / "site", 40)
    ours, counts = search.CHUNK_SIZE, {}
    for size in (ours, 20000):  # 20,000: Pagefind's default
        monkeypatch.setattr(search, "CHUNK_SIZE", size)
        search.index_site(site)
        counts[size] = len(list((site / "pagefind" / "index").iterdir()))
    assert counts[ours] > counts[20000] == 1, counts


SHM = Path("/dev/shm")


@pytest.mark.skipif(not SHM.is_dir(), reason="no tmpfs at /dev/shm: on it a folder lists files in the order made")
def test_the_index_does_not_depend_on_the_order_files_were_written(tmp_path):
    """On tmpfs a folder lists its files in the order they were written; Pagefind's own folder walk (the CLI)
    numbers pages in that order and so writes other bytes. Handing pages over sorted gives the same index."""
    import pagefind_bin

    work = Path(tempfile.mkdtemp(dir=SHM))
    try:
        first = _mini_site(work / "a", 60)
        second = _mini_site(work / "b", 60, order=lambda names: list(reversed(names)))
        for site in (first, second):
            subprocess.run([str(pagefind_bin.get_executable()), "--site", str(site), "--output-path",
                            str(site.parent / f"cli-{site.name}"), "--silent"], check=True)
        assert tree_digest(work / "cli-a") != tree_digest(work / "cli-b"), "the folder walk kept one order"
        for site in (first, second):
            search.index_site(site)
        assert tree_digest(first / "pagefind") == tree_digest(second / "pagefind")
    finally:
        shutil.rmtree(work)


def test_an_indexing_failure_stops_the_build_with_a_message_in_vietnamese(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    edit(project / "hooks/khcn/publish/search.py", "self._binary = str(get_executable())",
         "self._binary = str(get_executable()) + '-khong-co'")
    result = run_build(project)
    assert result.returncode == 1
    assert "Không lập được chỉ mục tìm kiếm" in result.stderr and "không chạy được Pagefind" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before


# --- the search page in Chromium ------------------------------------------------------------------------------------

COUNT = "async (q) => (await (await import('/pagefind/pagefind.js')).search(q)).results.length"


@pytest.mark.browser
def test_pagefind_alone_keeps_d_apart(browser, tmp_path):
    """Why the index writes `đ` with a stroke: Pagefind 1.5.2 folds marks but not `đ`, so on pages indexed as they
    are `luong` finds `lường` but `do` does not find `đo` (`do luong` then finds the page through `luong` alone: a
    word that matches nothing is dropped from a query). Should a later Pagefind fold `đ` itself, this test says so."""
    import pagefind_bin

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a/index.html").write_text('<html lang="vi"><body><h1>Trung tâm đo lường</h1></body></html>',
                                       encoding="utf-8")
    subprocess.run([str(pagefind_bin.get_executable()), "--site", str(site), "--silent"], check=True)
    with search_transfer.serve(site) as base:
        page = browser.new_page()
        page.goto(base + "a/")
        found = {query: page.evaluate(COUNT, query) for query in ("luong", "do", "đo")}
        page.close()
    assert found == {"luong": 1, "do": 0, "đo": 1}


@pytest.mark.browser
@pytest.mark.parametrize("query", ["che shan tuyet", "chè shan tuyết", "Che Shan Tuyet"])
def test_chè_shan_tuyết_with_or_without_diacritics(browser, search_url, query):
    page = browser.new_page()
    found = results_of(page, search_url, query)
    page.close()
    assert found and found[0]["url"] == CHE
    assert found[0]["title"] == "Hội thảo phát triển chè Shan tuyết Na Hang"
    assert found[0]["section"] == "Tin tức"
    assert "<mark>chè</mark> <mark>Shan</mark> <mark>tuyết</mark>" in found[0]["excerpt"].replace("Chè", "chè")
    assert "nâng cao giá trị chè Shan tuyết" in re.sub(r"</?mark>", "", found[0]["excerpt"])


@pytest.mark.browser
def test_do_luong_finds_đo_lường(browser, search_url):
    page = browser.new_page()
    plain, marked = results_of(page, search_url, "do luong"), results_of(page, search_url, "đo lường")
    page.close()
    urls = [r["url"] for r in plain]
    assert "/tin-tuc/kiem-dinh-phuong-tien-do/" in urls  # its tag: đo lường
    assert "/thong-ke/linh-vuc/do-luong/" in urls  # the area Đo lường
    assert "/trung-tam-ky-thuat/" in urls  # the page typed in NFD
    assert sorted(urls) == sorted(r["url"] for r in marked)
    for result in plain + marked:
        assert "\u0335" not in result["title"] + result["excerpt"], result
    assert any("Đo lường" in r["title"] or "đo lường" in r["excerpt"] for r in plain)


@pytest.mark.browser
def test_a_query_typed_in_nfd_finds_what_the_nfc_one_finds(browser, search_url):
    page = browser.new_page()
    composed = results_of(page, search_url, "Trung tâm Kỹ thuật Đo lường")
    decomposed = results_of(page, search_url, unicodedata.normalize("NFD", "Trung tâm Kỹ thuật Đo lường"))
    page.close()
    assert composed and composed[0]["url"] == "/trung-tam-ky-thuat/"
    assert decomposed == composed


@pytest.mark.browser
def test_a_query_with_diacritics_ranks_the_exact_form_first(browser, search_url):
    """`chè` (tea) and `che` (to shield) fold to the same word: each query ranks its own page first."""
    page = browser.new_page()
    tea, shield = results_of(page, search_url, "chè"), results_of(page, search_url, "che")
    page.close()
    assert {CHE, CHE_CHAN} <= {r["url"] for r in tea} and {CHE, CHE_CHAN} <= {r["url"] for r in shield}
    assert [r["url"] for r in tea].index(CHE) < [r["url"] for r in tea].index(CHE_CHAN)
    assert [r["url"] for r in shield].index(CHE_CHAN) < [r["url"] for r in shield].index(CHE)


@pytest.mark.browser
def test_a_bulletin_is_found_by_its_summary_not_by_words_only_in_its_body(browser, search_url):
    page = browser.new_page()
    summary = results_of(page, search_url, "nang cao gia tri")
    body = results_of(page, search_url, "Khâu Tinh")  # in the body only: "hội thảo tại xã Khâu Tinh"
    nothing = results_of(page, search_url, "zzqx")
    said = status_of(page)
    page.close()
    assert CHE in [r["url"] for r in summary]
    assert CHE not in [r["url"] for r in body]
    assert nothing == [] and said == "Không tìm thấy kết quả nào cho “zzqx”."


@pytest.mark.browser
def test_a_summary_with_quotes_and_brackets_is_shown_as_typed(browser, search_url):
    page = browser.new_page()
    found = results_of(page, search_url, "che chan buc xa")
    shown = page.locator(".tq-result__excerpt").first.inner_text()
    page.close()
    assert found[0]["url"] == CHE_CHAN
    assert 'việc "che chắn" an toàn bức xạ & phòng X-quang < tầng 2 >' in re.sub(r"\s+", " ", shown)
    assert "&lt; tầng 2 &gt;" in found[0]["excerpt"]


@pytest.mark.browser
def test_more_results_with_the_keyboard(browser, search_url):
    page = browser.new_page()
    first = results_of(page, search_url, "kiem dinh taximet")
    assert len(first) == 10 and status_of(page) == "Tìm thấy 12 kết quả cho “kiem dinh taximet”."
    more = page.get_by_role("button", name="Xem thêm kết quả")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.tq-result').length === 12")
    assert page.evaluate("document.activeElement.closest('.tq-result') === document.querySelectorAll('.tq-result')[10]")
    assert more.is_hidden()
    page.close()


@pytest.mark.browser
def test_the_header_box_on_a_phone_with_the_keyboard(phone, search_url):
    phone.goto(search_url + "tin-tuc/kiem-dinh-phuong-tien-do/", wait_until="networkidle")
    box = phone.get_by_role("searchbox", name="Tìm kiếm trên trang")
    assert box.is_visible()
    area = box.bounding_box()
    assert area["x"] >= 0 and area["x"] + area["width"] <= 390 and area["height"] >= 24
    for _ in range(12):  # from the top of the page: the skip link, the menu, then the box
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.id") == "tq-search-header":
            break
    assert phone.evaluate("document.activeElement.id") == "tq-search-header"
    phone.keyboard.type("che shan tuyet")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/tim-kiem/?q=che+shan+tuyet")
    phone.wait_for_function(search_transfer.DONE, timeout=30_000)
    assert phone.locator(".tq-result a").first.inner_text() == "Hội thảo phát triển chè Shan tuyết Na Hang"
    assert phone.locator("#tq-search-query").input_value() == "che shan tuyet"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    hosts = {urlparse(url).hostname for url in phone.requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}
    assert any("/pagefind/" in url for url in phone.requests)


@pytest.mark.browser
def test_the_search_page_itself_searches_again(browser, search_url):
    page = browser.new_page()
    results_of(page, search_url, "che shan tuyet")
    page.locator("#tq-search-query").fill("taximet")
    page.locator("#tq-search-query").press("Enter")
    page.wait_for_function("document.getElementById('tq-search-status').textContent.includes('“taximet”')")
    page.wait_for_function(search_transfer.DONE)
    assert page.url.endswith("/tim-kiem/?q=taximet")
    assert page.title().startswith("Tìm kiếm: taximet - ")
    page.go_back()
    page.wait_for_function("document.getElementById('tq-search-status').textContent.includes('“che shan tuyet”')")
    assert page.locator("#tq-search-query").input_value() == "che shan tuyet"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_results_have_no_serious_accessibility_problem(browser, search_url, width):
    """axe-core on the page with results shown and the "more" button (tests/test_accessibility.py's rules)."""
    from test_accessibility import axe_violations, readable

    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
    page = context.new_page()
    assert len(results_of(page, search_url, "kiem dinh taximet")) == 10
    violations = axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert not violations, readable(violations)


@pytest.mark.browser
def test_the_default_site(browser, base_url):
    """The real data: the Chè Shan tuyết register entry and the report, the area Tiêu chuẩn – Đo lường – Chất lượng."""
    page = browser.new_page()
    tea = results_of(page, base_url, "che shan tuyet")
    measurement = results_of(page, base_url, "do luong")
    page.close()
    assert {"/so-huu-tri-tue/", "/bao-cao/2021-6-thang-dau-nam/"} <= {r["url"] for r in tea}
    assert measurement[0]["title"] == "Tiêu chuẩn – Đo lường – Chất lượng"


@pytest.mark.browser
def test_a_search_loads_little_and_only_from_this_host(browser, search_site):
    """On a small site a query costs Pagefind's code and little else (bench-bulletins measures 5,000 bulletins)."""
    measured = search_transfer.measure(search_site, ["che shan tuyet", "taximet"], browser=browser)
    for query in measured["queries"]:
        assert query["hosts"] == ["127.0.0.1"], query
        assert query["by_kind"]["code"] < 100 * 1024 and query["bytes"] < 120 * 1024, query
        assert query["by_kind"]["index"] > 0 and query["by_kind"]["fragments"] > 0, query


def _fragments(bundle: Path) -> dict[str, str]:
    """URL -> the text Pagefind keeps of each page, from which it cuts the excerpts (gzip, then `pagefind_dcd`)."""
    import gzip

    found = {}
    for path in sorted((bundle / "fragment").iterdir()):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        fragment = json.loads(raw[len(b"pagefind_dcd"):])
        found[fragment["url"]] = fragment["content"]
    return found


def test_table_cells_are_apart_in_the_index_and_its_excerpts(tmp_path):
    """Pagefind glued the cells of a table ("Sản phẩmLoạiHuyện"): indexed and shown as one word."""
    page = tmp_path / "site" / "bang" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<!doctype html><html lang="vi"><body><main data-pagefind-body><h1>Bảng</h1><table>'
                    "<caption>Sản phẩm đăng ký</caption><tr><th>Sản phẩm</th><th>Loại</th><th>Huyện</th></tr>"
                    "<tr><td>Chè Shan tuyết</td><td>Chỉ dẫn</td><td>Na Hang</td></tr></table>"
                    "<ul><li>Một</li><li>Hai</li></ul></main></body></html>", encoding="utf-8")
    search.index_site(tmp_path / "site")
    content = _fragments(tmp_path / "site" / "pagefind")["/bang/"].replace("d" + search.STROKE, "đ")
    for cells in (["đăng ký", "Sản phẩm", "Loại", "Huyện", "Chè Shan tuyết"], ["tuyết", "Chỉ dẫn", "Na Hang"],
                  ["Một", "Hai"]):
        assert re.search(r"[\s.]+".join(cells), content), content  # a space (Pagefind adds ". " after some)


def test_the_default_sites_register_is_indexed_cell_by_cell(default_site):
    content = _fragments(default_site / "pagefind")["/so-huu-tri-tue/"]
    assert re.search(r"Sản phẩm[\s.]+Loại[\s.]+Huyện[\s.]+Chủ sở hữu", content), content
