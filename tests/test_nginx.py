"""The nginx configuration of PUBLISHING.md does what it promises, for the site we build.

Always: a small parser reads the ```nginx block and checks the redirect to HTTPS, the headers, the type of every file
of the built site, gzip, the cache rules and that the Content-Security-Policy lets Material's inline scripts run
(and, in headless Chromium, that nothing on the pages is blocked). Where nginx is installed (Debian's `nginx` package;
`make test` does not install it, GitHub's ubuntu runners have it): `nginx -t`, then nginx serves the built site and
the answers are checked.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import http.server
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from browsing import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parent.parent
PUBLISHING = ROOT / "PUBLISHING.md"
IMMUTABLE = "public, max-age=31536000, immutable"
# Text files a browser or a feed reader fetches; nginx always compresses text/html.
TEXT_TYPES = {"text/css", "text/plain", "text/xml", "text/csv", "application/javascript", "application/json",
              "application/feed+json", "application/xml", "application/rss+xml", "application/atom+xml",
              "image/svg+xml"}
# Extensions editors may add under docs/ (images of bulletins, attached documents) besides what the build writes.
EDITOR_FILES = {"png", "jpg", "jpeg", "gif", "webp", "svg", "pdf", "ico", "txt"}
# Deepest page folder the site can have: /tin-tuc/chuyen-muc/<mã>/trang/<n>/ is 5; one more for margin.
MAX_DEPTH = 6


# --- a small reader of nginx configuration --------------------------------------------------------------------------

@dataclass
class Directive:
    name: str
    args: list[str]
    block: list[Directive] | None = None
    line: int = 0

    def all(self, name: str) -> list[Directive]:
        return [d for d in self.block or [] if d.name == name]

    def one(self, name: str) -> Directive:
        found = self.all(name)
        assert len(found) == 1, f"expected one `{name}` in `{self.name} {' '.join(self.args)}`, found {len(found)}"
        return found[0]

    def walk(self):
        for child in self.block or []:
            yield child
            yield from child.walk()


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'|#[^\n]*|([{};])|([^\s{};"\'#]+)|(\s+)')


def parse_nginx(text: str) -> Directive:
    """Directives with their arguments and blocks; comments dropped, quotes removed."""
    root = Directive("main", [], [])
    stack, words, line, pos = [root], [], 1, 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        assert match, f"nginx block, line {line}: cannot read {text[pos:pos + 20]!r}"
        double, single, punct, word, _space = match.groups()
        if punct == ";":
            assert words, f"nginx block, line {line}: empty directive"
            stack[-1].block.append(Directive(words[0], words[1:], None, line))
            words = []
        elif punct == "{":
            directive = Directive(words[0], words[1:], [], line)
            stack[-1].block.append(directive)
            stack.append(directive)
            words = []
        elif punct == "}":
            assert not words and len(stack) > 1, f"nginx block, line {line}: unexpected }}"
            stack.pop()
        elif double is not None or single is not None or word is not None:
            words.append(next(part for part in (double, single, word) if part is not None))
        line += match.group(0).count("\n")
        pos = match.end()
    assert len(stack) == 1 and not words, "nginx block: unclosed block or directive"
    return root


def readme_nginx() -> str:
    blocks = re.findall(r"```nginx\n(.*?)```", PUBLISHING.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1, "README holds one ```nginx block"
    return blocks[0]


CONFIG = parse_nginx(readme_nginx())


def _servers() -> tuple[Directive, Directive]:
    servers = CONFIG.all("server")
    plain = [s for s in servers if any(d.args[0].endswith("80") for d in s.all("listen"))]
    tls = [s for s in servers if any("ssl" in d.args for d in s.all("listen"))]
    assert len(plain) == 1 and len(tls) == 1, "one server on port 80, one on 443 with ssl"
    return plain[0], tls[0]


HTTP, HTTPS = _servers()


def headers() -> dict[str, str]:
    return {d.args[0]: d.args[1] for d in HTTPS.all("add_header")}


def csp() -> dict[str, list[str]]:
    policy = {}
    for part in headers()["Content-Security-Policy"].split(";"):
        if part.strip():
            name, *sources = part.split()
            policy[name] = sources
    return policy


def mime_types(block: Directive) -> dict[str, str]:
    return {ext: d.name for d in block.one("types").block for ext in d.args}


def content_type(path: str) -> str:
    """The Content-Type nginx answers for `path` under this configuration (regex locations first, as nginx does)."""
    extension = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    kind = HTTPS.one("default_type").args[0]
    types = mime_types(HTTPS)
    kind = types.get(extension, kind)
    for location in HTTPS.all("location"):
        if location.args[0] == "~" and re.search(location.args[1], path):
            inner = {ext: d.name for t in location.all("types") for d in t.block for ext in d.args}
            kind = inner.get(extension, location.one("default_type").args[0])
            break
    charset = HTTPS.one("charset").args[0]
    if kind == "text/html" or kind in HTTPS.one("charset_types").args:
        return f"{kind}; charset={charset}"
    return kind


def cache_control(uri: str) -> str:
    [mapping] = [d for d in CONFIG.all("map") if d.args == ["$uri", "$sokhcn_cache_control"]]
    for entry in mapping.block:
        if entry.name.startswith("~") and re.search(entry.name[1:], uri):
            return entry.args[0]
    return mapping.one("default").args[0]


def site_files(site: Path) -> list[str]:
    return sorted("/" + p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


# --- what PUBLISHING.md promises --------------------------------------------------------------------------------------

def test_plain_http_only_redirects_to_https():
    assert [d.name for d in HTTP.block if d.name not in ("listen", "server_name")] == ["return"]
    assert HTTP.one("return").args == ["301", "https://$host$request_uri"]
    assert {tuple(d.args) for d in HTTPS.all("listen")} == {("443", "ssl"), ("[::]:443", "ssl")}


def test_the_site_is_served_from_its_folder_with_its_404_page():
    assert HTTPS.one("index").args == ["index.html"]
    assert HTTPS.one("charset").args == ["utf-8"]
    assert HTTPS.one("error_page").args == ["404", "/404.html"]
    [root_location] = [d for d in HTTPS.all("location") if d.args == ["/"]]
    assert root_location.one("try_files").args == ["$uri", "$uri/", "=404"]


def test_security_headers_are_sent_with_every_answer_and_never_dropped_by_a_location():
    assert headers()["X-Content-Type-Options"] == "nosniff"
    assert headers()["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers()["Strict-Transport-Security"].startswith("max-age=")
    assert all(d.args[-1] == "always" for d in HTTPS.all("add_header")), "`always`: on 404 pages too"
    # nginx drops every add_header of the server in a location that has one of its own.
    nested = [d for location in HTTPS.all("location") for d in location.walk() if d.name == "add_header"]
    assert nested == []


def test_the_content_security_policy_allows_only_the_site_itself():
    policy = csp()
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["style-src"] == ["'self'"]
    for name, sources in policy.items():
        for source in sources:
            assert source in ("'self'", "'none'") or (name == "img-src" and source == "data:") or \
                (name == "script-src" and re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source)) or \
                (name == "script-src" and source == "'wasm-unsafe-eval'"), (name, source)  # Pagefind's WebAssembly


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _inline_scripts(site: Path) -> dict[str, str]:
    """Every inline script a browser runs (JSON data blocks are not run), with a page that holds it."""
    scripts = {}
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL):
            data = "application/json" in attributes or "application/ld+json" in attributes  # JSON-LD: metadata
            if "src=" not in attributes and not data:
                scripts.setdefault(body, page.relative_to(site).as_posix())
    return scripts


def test_the_content_security_policy_lets_every_inline_script_of_material_run(default_site):
    """Material's inline scripts differ by folder depth (`new URL("../..",location)`): every depth a page can have."""
    found = _inline_scripts(default_site)
    [scope] = [s for s in found if 'new URL(".",location)' in s]
    bases = ["/"] + ["/".join([".."] * depth) or "." for depth in range(MAX_DEPTH + 1)]  # "/": the 404 page
    scripts = {scope.replace('new URL(".",', f'new URL("{base}",'): f"base {base}" for base in bases}
    scripts.update((script, where) for script, where in found.items() if script not in scripts)
    needed = {_sha256(script): where for script, where in scripts.items()}
    missing = {digest: where for digest, where in needed.items() if digest not in csp()["script-src"]}
    expected = " ".join(["'self'", "'wasm-unsafe-eval'", *needed])
    assert not missing, f"README's Content-Security-Policy lacks {missing}; write: script-src {expected}"


def test_every_file_of_the_site_has_its_type(default_site):
    types = mime_types(HTTPS)
    extensions = {path.rsplit(".", 1)[-1] for path in site_files(default_site)}
    assert extensions | EDITOR_FILES <= set(types), f"no type for {sorted((extensions | EDITOR_FILES) - set(types))}"
    feeds = [p for p in site_files(default_site) if p.rsplit("/", 1)[-1] in ("feed.json", "rss.xml", "atom.xml")]
    assert len(feeds) >= 6
    for path in feeds:
        assert content_type(path) == {"feed.json": "application/feed+json; charset=utf-8",
                                      "rss.xml": "application/rss+xml; charset=utf-8",
                                      "atom.xml": "application/atom+xml; charset=utf-8"}[path.rsplit("/", 1)[-1]]
    assert content_type("/index.html") == "text/html; charset=utf-8"
    assert content_type("/thong-ke/du-lieu/gia-tri.csv") == "text/csv; charset=utf-8"
    assert content_type("/thong-ke/du-lieu/gia-tri.xlsx") == \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert content_type("/thong-ke/du-lieu/gia-tri.json") == "application/json; charset=utf-8"
    assert content_type("/sitemap.xml") == "text/xml; charset=utf-8"
    assert content_type("/pagefind/pagefind-entry.json") == "application/json; charset=utf-8"
    assert content_type("/pagefind/pagefind.js") == "application/javascript; charset=utf-8"
    index = [p for p in site_files(default_site) if p.startswith("/pagefind/") and p.endswith((".pf_meta", ".pf_index",
                                                                                                ".pf_fragment"))]
    assert len(index) > 10 and all(content_type(p) == "application/octet-stream" for p in index)
    assert (default_site / "pagefind/wasm.unknown.pagefind").read_bytes()[:2] == b"\x1f\x8b"  # gzip already: sent as is


def test_text_is_compressed(default_site):
    assert HTTPS.one("gzip").args == ["on"]
    compressed = set(HTTPS.one("gzip_types").args)
    for path in site_files(default_site):
        kind = content_type(path).split(";")[0]
        if kind.startswith("text/") or kind in TEXT_TYPES:
            assert kind == "text/html" or kind in compressed, f"{path}: {kind} is not compressed"


def test_hashed_assets_are_cached_for_a_year_and_the_rest_is_checked_again(default_site):
    files = site_files(default_site)
    immutable = [p for p in files if cache_control(p) == IMMUTABLE]
    assert any(re.fullmatch(r"/assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", p) for p in immutable)
    assert any(re.fullmatch(r"/assets/stylesheets/main\.[0-9a-f]{8}\.min\.css", p) for p in immutable)
    assert any(p.startswith("/assets/javascripts/workers/search.") for p in immutable)
    for path in immutable:  # a file whose name has no content hash may change under the same name
        assert re.search(r"\.[0-9a-f]{8}\.", path), path
    for path in ("/index.html", "/tin-tuc/rss.xml", "/tin-tuc/feed.json", "/thong-ke/du-lieu/gia-tri.csv",
                 "/assets/site.css", "/pagefind/pagefind.js", "/pagefind/pagefind-entry.json", "/404.html"):
        assert path in files and cache_control(path) == "no-cache", path
    assert all(cache_control(p) == "no-cache" for p in files if "/lunr/" in p)


# --- nginx itself, where it is installed ----------------------------------------------------------------------------

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx")
                                       if os.access(p, os.X_OK)), None)
needs_nginx = pytest.mark.skipif(NGINX is None or shutil.which("openssl") is None,
                                 reason="nginx (Debian's `nginx` package) or openssl is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _has_ipv6() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def _nginx_setup(tmp: Path, site: Path | None = None) -> tuple[Path, int, int]:
    """PUBLISHING.md's block in a complete nginx.conf under `tmp`, with a throwaway certificate, on free ports of the
    loopback (nginx binds them even for `-t`; 80 and 443 need root) and, when given, serving `site`."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")], check=True, capture_output=True)
    http_port = _free_port()
    https_port = next(port for port in iter(_free_port, None) if port != http_port)
    block = readme_nginx()
    for old, new in [("/etc/ssl/sokhcn/fullchain.pem", str(tmp / "cert.pem")),
                     ("/etc/ssl/sokhcn/privkey.pem", str(tmp / "key.pem")),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
                     ("listen [::]:80;", f"listen [::1]:{http_port};" if _has_ipv6() else ""),
                     ("listen [::]:443 ssl;", f"listen [::1]:{https_port} ssl;" if _has_ipv6() else "")]:
        assert old in block, old
        block = block.replace(old, new)
    if site is not None:
        block = block.replace("root /var/www/sokhcn;", f"root {site};")
    (tmp / "sokhcn.conf").write_text(block, encoding="utf-8")
    temp = "\n".join(f"    {kind}_temp_path {tmp}/{kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root, workers would run as nobody and not see tmp
    (tmp / "nginx.conf").write_text(
        f"{user}pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\n"
        f"http {{\n    access_log off;\n{temp}\n    include {tmp}/sokhcn.conf;\n}}\n", encoding="utf-8")
    return tmp / "nginx.conf", http_port, https_port


@needs_nginx
def test_nginx_accepts_the_configuration(tmp_path):
    conf, _, _ = _nginx_setup(tmp_path)
    result = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr and "[emerg]" not in result.stderr, result.stderr


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def nginx_site(default_site, tmp_path_factory):
    if NGINX is None or shutil.which("openssl") is None:
        pytest.skip("nginx (Debian's `nginx` package) or openssl is not installed")
    tmp = tmp_path_factory.mktemp("nginx")
    conf, *ports = _nginx_setup(tmp, default_site)
    process = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", ports[1]), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stdout.read().decode())
            time.sleep(0.05)
    try:
        yield ports
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(url: str, **headers):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_nginx_serves_the_site_as_promised(nginx_site, default_site):
    http_port, https_port = nginx_site
    status, answer, _ = _get(f"http://127.0.0.1:{http_port}/tin-tuc/?trang=2")
    assert status == 301 and answer["Location"] == "https://127.0.0.1/tin-tuc/?trang=2"

    base = f"https://127.0.0.1:{https_port}"
    status, answer, body = _get(base + "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and answer["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (default_site / "index.html").read_bytes()
    assert answer["Content-Type"] == "text/html; charset=utf-8"
    assert answer["Cache-Control"] == "no-cache"
    for name, value in headers().items():
        if name != "Cache-Control":
            assert answer[name] == value, name

    bundle = next(p for p in site_files(default_site) if re.fullmatch(r"/assets/javascripts/bundle\.\w+\.min\.js", p))
    status, answer, _ = _get(base + bundle)
    assert status == 200 and answer["Cache-Control"] == IMMUTABLE
    assert answer["Content-Type"] == "application/javascript; charset=utf-8"

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for path, kind in [("/tin-tuc/feed.json", "application/feed+json; charset=utf-8"),
                       ("/tin-tuc/rss.xml", "application/rss+xml; charset=utf-8"),
                       ("/tin-tuc/atom.xml", "application/atom+xml; charset=utf-8"),
                       ("/thong-ke/du-lieu/gia-tri.csv", "text/csv; charset=utf-8"),
                       ("/thong-ke/du-lieu/gia-tri.xlsx", xlsx)]:
        status, answer, body = _get(base + path)
        assert (status, answer["Content-Type"], answer["Cache-Control"]) == (200, kind, "no-cache"), path
        assert body == (default_site / path.lstrip("/")).read_bytes()

    meta = next(p for p in site_files(default_site) if p.startswith("/pagefind/") and p.endswith(".pf_meta"))
    status, answer, body = _get(base + meta, **{"Accept-Encoding": "gzip"})  # the search index: gzip already
    assert (status, answer["Content-Type"], answer["Content-Encoding"]) == (200, "application/octet-stream", None)
    assert body == (default_site / meta.lstrip("/")).read_bytes() and body[:2] == b"\x1f\x8b"

    status, answer, _ = _get(base + "/tin-tuc")
    assert status == 301 and answer["Location"] == "/tin-tuc/"
    status, answer, body = _get(base + "/khong-co-trang-nay/")
    assert status == 404 and body == (default_site / "404.html").read_bytes()
    assert answer["Content-Security-Policy"] == headers()["Content-Security-Policy"]


# --- the policy in a browser ----------------------------------------------------------------------------------------

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


class _PolicyHandler(http.server.SimpleHTTPRequestHandler):
    policy = ""

    def end_headers(self):
        for name, value in headers().items():
            if name not in ("Cache-Control", "Strict-Transport-Security"):
                self.send_header(name, self.policy if name == "Content-Security-Policy" else value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def policy_server(default_site):
    def serve(policy: str) -> str:
        handler = functools.partial(type("Handler", (_PolicyHandler,), {"policy": policy}), directory=str(default_site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    servers = []
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chromium():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def _visit(chromium, url: str, search: str | None = None) -> tuple[list[str], list[str]]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH)
    page.goto(url, wait_until="networkidle")
    if search:  # the header's box, then the search page's results (Pagefind: its worker and WebAssembly)
        page.get_by_role("searchbox", name="Tìm kiếm trên trang").fill(search)
        page.keyboard.press("Enter")
        page.locator(".tq-result").first.wait_for(timeout=20_000)
    violations = page.evaluate("window.__violations")
    context.close()
    return violations, errors


@pytest.mark.browser
def test_material_runs_under_the_policy_search_included(chromium, policy_server, default_site):
    base = policy_server(headers()["Content-Security-Policy"])
    indicator = next(p for p in sorted((default_site / "thong-ke/chi-so").iterdir()) if p.is_dir())
    pages = ["", "bao-cao/2021-6-thang-dau-nam/", f"thong-ke/chi-so/{indicator.name}/", "tin-tuc/chuyen-muc/bao-cao/",
             "404.html"]
    for path in pages:
        assert _visit(chromium, base + path) == ([], []), path
    assert _visit(chromium, base, search="kiểm định") == ([], [])


@pytest.mark.browser
def test_a_policy_without_the_hashes_is_caught(chromium, policy_server):
    """The check above can fail: without the hashes Chromium blocks Material's inline scripts."""
    strict = re.sub(r" 'sha256-[^']+'", "", headers()["Content-Security-Policy"])
    violations, errors = _visit(chromium, policy_server(strict) + "bao-cao/")
    assert any(v.startswith("script-src") for v in violations)


@pytest.mark.browser
def test_a_policy_without_wasm_unsafe_eval_stops_the_search(chromium, policy_server):
    """The check above can fail: Pagefind runs WebAssembly (in its worker), which `script-src` must allow; without
    it the search page says that search could not be loaded."""
    strict = headers()["Content-Security-Policy"].replace(" 'wasm-unsafe-eval'", "")
    assert strict != headers()["Content-Security-Policy"]
    context = chromium.new_context(locale="vi-VN")
    page = context.new_page()
    page.goto(policy_server(strict) + "tim-kiem/?q=ki%E1%BB%83m%20%C4%91%E1%BB%8Bnh")
    page.locator("#tq-search-status", has_text="Không tải được công cụ tìm kiếm").wait_for(timeout=20_000)
    assert page.locator(".tq-result").count() == 0
    context.close()
