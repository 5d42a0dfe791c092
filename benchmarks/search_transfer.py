"""What one search costs a reader: the search page run in Chromium against a built site on 127.0.0.1.

For each query a fresh browser context (empty cache) opens /tim-kiem/?q=<query>, as the header's search box does,
and waits until the page has said how many results there are and shown the first ones. Every file fetched under
/pagefind/ is counted at the size it travels: Pagefind's index files and its WebAssembly are gzip files already and
are sent as they are; its JavaScript and JSON are counted gzipped at level 9 (what `gzip_static` with `gzip -k9`
sends; nginx's default on-the-fly level 1 is a few per cent larger). Our own search script (assets/tim-kiem.js) is
reported apart. Used by `make bench-bulletins` (bench_bulletins.py) and tests/test_search.py.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Typical queries: common syllables (`khoa học` is on nearly every page), typed with and without diacritics, and a
# word that is on few pages.
QUERIES = ["khoa học", "đo lường", "do luong", "chè shan tuyết", "che shan tuyet", "de tai", "so huu tri tue",
           "taximet"]
# The page has answered: a count or "no result", and the results it shows are on the page.
DONE = """() => {
    const status = document.getElementById('tq-search-status').textContent;
    if (status.startsWith('Không tìm thấy')) return true;
    const m = status.match(/^Tìm thấy ([\\d.]+) kết quả/);
    return !!m && document.querySelectorAll('.tq-result').length === Math.min(10, Number(m[1].replace(/\\./g, '')));
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path):
    """`site` on http://127.0.0.1:<free port>/ while the block runs."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def wire_bytes(path: Path) -> int:
    """Bytes on the wire: a gzip file (Pagefind's index, fragments, WebAssembly) as it is, anything else gzipped."""
    raw = path.read_bytes()
    return len(raw) if raw[:2] == b"\x1f\x8b" else len(gzip.compress(raw, 9, mtime=0))


def kind_of(name: str) -> str:
    if name.endswith(".pf_index"):
        return "index"
    if name.endswith(".pf_fragment"):
        return "fragments"
    if name.endswith(".pf_meta"):
        return "meta"
    return "code"  # pagefind.js, its worker, its WebAssembly, pagefind-entry.json


def run_query(browser, base: str, site: Path, query: str) -> dict:
    """One query on the search page, from an empty cache: results and the bytes fetched."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="vi-VN")
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(f"{base}tim-kiem/?q={quote(query)}")
    page.wait_for_function(DONE, timeout=60_000)
    status = page.locator("#tq-search-status").inner_text()
    titles = page.locator(".tq-result__title").all_inner_texts()
    hosts = {urlparse(url).hostname for url in fetched if not url.startswith("data:")}
    context.close()
    by_kind = {"code": 0, "meta": 0, "index": 0, "fragments": 0}
    files = 0
    script = 0
    for url in fetched:
        path = unquote(urlparse(url).path)
        if path.startswith("/pagefind/"):
            by_kind[kind_of(path)] += wire_bytes(site / path.lstrip("/"))
            files += 1
        elif path.endswith("/assets/tim-kiem.js"):
            script = wire_bytes(site / path.lstrip("/"))
    return {"query": query, "status": status, "results": _count(status), "top": titles[:3],
            "bytes": sum(by_kind.values()), "by_kind": by_kind, "files": files, "script_bytes": script,
            "hosts": sorted(hosts)}


def _count(status: str) -> int:
    if status.startswith("Tìm thấy "):
        return int(status.split()[2].replace(".", ""))
    return 0


def plain(text: str) -> str:
    """`text` as typed without diacritics: marks dropped, `đ` → `d`."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


FIND = """async ([query, url]) => {
    const {foldQuery} = await import(new URL('../assets/tim-kiem.js', location.href).href);
    const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
    const found = await pagefind.search(foldQuery(query));
    const top = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
    return top.map(r => [r.url, r.meta.title]);
}"""


def findable(browser, base: str, pages: list[tuple[str, str]]) -> list[dict]:
    """For each (url, title): is the page among the first 10 results of its title typed without diacritics?
    A result with the very same title counts (the reader cannot tell two bulletins of one title apart)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}tim-kiem/")
    found = []
    for url, title in pages:
        top = page.evaluate(FIND, [plain(title), url])
        unfolded = [t.replace("d\u0335", "đ").replace("D\u0335", "Đ") for _, t in top]
        found.append({"url": url, "query": plain(title), "found": url in [u for u, _ in top] or title in unfolded})
    context.close()
    return found


def measure(site: Path, queries: list[str] = QUERIES, sample: list[tuple[str, str]] = (), browser=None) -> dict:
    """Every query of `queries` on the built `site`, and the title check of `sample`, in `browser` (a Playwright
    Chromium) or in a Chromium started for it."""
    with serve(site) as base:
        if browser is not None:
            results = [run_query(browser, base, site, query) for query in queries]
            titles = findable(browser, base, list(sample)) if sample else []
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                try:
                    results = [run_query(chromium, base, site, query) for query in queries]
                    titles = findable(chromium, base, list(sample)) if sample else []
                finally:
                    chromium.close()
    bundle = site / "pagefind"
    return {"queries": results, "titles": titles,
            "index_bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file()),
            "index_files": sum(1 for p in bundle.rglob("*") if p.is_file())}
