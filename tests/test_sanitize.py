"""The second line of defence (khcn/publish/sanitize.py and the autoescaped theme): hostile text that validation let
through reaches no reader as code, and the allowlist keeps every element of today's pages."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import TINY_DATA, make_project
from hostile import HOSTILE_TEXTS
from khcn.data.dataset import load_site_data
from khcn.pages.render import theme_context
from khcn.publish.sanitize import CONTROLS, clean_html, strip_controls
from poisoning import POISON_HOOK, poison

TESTS = Path(__file__).resolve().parent
SITE_HOOKS = "  - hooks/site_hooks.py\n"


# --- the cleaner on its own ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("dirty", "clean"), [
    ('<p>a<script>alert(1)</script>b</p>', "<p>ab</p>"),
    ('<img src="/anh/a.jpg" onerror="alert(1)" alt="x">', '<img src="/anh/a.jpg" alt="x">'),
    ('<h2 id="a" onmouseover="alert(1)">t</h2>', '<h2 id="a">t</h2>'),
    ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href=" JaVa&#x09;Script:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="vbscript:x">x</a><a href="data:text/html,x">y</a>', "<a>x</a><a>y</a>"),
    ('<iframe src="https://example.invalid"></iframe><p>t</p>', "<p>t</p>"),
    ('<svg onload="alert(1)"><a href="javascript:1"><text>x</text></a></svg>', "<svg><a><text>x</text></a></svg>"),
    ('<details open ontoggle="alert(1)">x</details>', '<details open="">x</details>'),
    ('<p style="background:url(javascript:alert(1))">x</p>', "<p>x</p>"),
    ('<img src="https://example.invalid/a.png" alt="a"><img src="//example.invalid/b.png" alt="b">',
     '<img alt="a"><img alt="b">'),
    ('<a href="https://example.gov.vn/" class="x">a</a> <a href="mailto:a@b.vn">m</a> <a href="tel:+84">t</a>',
     '<a href="https://example.gov.vn/" class="x">a</a> <a href="mailto:a@b.vn">m</a> <a href="tel:+84">t</a>'),
    ("<p>a\x00b\x1bc\u202ed\u2066e\u2069\x7f\x85</p>", "<p>abcde</p>"),
])
def test_the_cleaner_removes_what_runs_and_keeps_what_reads(dirty, clean):
    assert clean_html(dirty) == clean


def test_our_own_markup_passes_the_cleaner_unchanged():
    ours = ('<div class="tq-table" role="region" aria-label="Bảng" tabindex="0"><table class="tq-indicators">'
            '<caption>c</caption><thead><tr><th scope="col" colspan="2">h</th></tr></thead><tbody><tr>'
            '<th scope="row"><a href="../chi-so/a/">a</a></th><td class="tq-num">1 <abbr title="Đã đính chính">'
            '(đc)</abbr></td></tr></tbody></table></div><dl class="tq-facts"><dt>t</dt><dd><time datetime="2021-06-30">'
            '30/6</time></dd></dl><figure class="tq-figure"><svg xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 480 318" role="img" aria-labelledby="t d" class="tq-chart" preserveAspectRatio="xMidYMid '
            'meet" font-size="14"><title id="t">T</title><desc id="d">D</desc><g class="g" fill="currentColor" '
            'text-anchor="end"><text x="1" y="2">0</text></g><rect class="b" x="1" y="2" width="3" height="4">'
            '<title>x</title></rect><line x1="1" y1="2" x2="3" y2="4"></line></g></svg><figcaption>f</figcaption>'
            '</figure><div class="tq-body" data-pagefind-ignore="index" data-pagefind-index-attrs="data-tom-tat" '
            'data-tom-tat="tóm tắt"><ol start="3"><li>x</li></ol><img src="../../anh/a.jpg" alt="ảnh"></div>')
    assert clean_html(ours) == ours.replace("</g></svg>", "</svg>").replace('"t d"', '"t d"')


def test_every_control_and_bidi_override_is_stripped():
    for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
                 *range(0x2066, 0x206A)]:
        assert strip_controls(f"a{chr(code)}b") == "ab", hex(code)
    assert strip_controls("a\tb\nc\r\nđ\u200bẻ\u00a0") == "a\tb\nc\r\nđ\u200bẻ\u00a0"  # what text needs stays


# --- today's sites lose nothing ----------------------------------------------------------------------------------

DUMP_HOOK = '''
from pathlib import Path
from khcn.pages.htmlblocks import put_back
OUT = Path({out!r})


def on_page_content(html, page, config, files):
    aside = config.get("khcn_html_blocks", {{}}).get(page.file.src_uri)
    if aside:  # the page as site_hooks.py hands it to the cleaner, its HTML blocks put back (khcn/pages/htmlblocks.py)
        html = put_back(html, aside.blocks, aside.elements)
    target = OUT / (page.file.src_uri + ".html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
'''


def mkdocs_build(project: Path, site: Path, first_hooks: dict[str, str]) -> subprocess.CompletedProcess:
    """MkDocs itself (no validation before it, unlike build_site.py) with hooks of the test's before site_hooks.py."""
    config = project / "mkdocs.yml"
    listed = "".join(f"  - hooks/{name}.py\n" for name in first_hooks)
    text = config.read_text(encoding="utf-8")
    assert SITE_HOOKS in text
    config.write_text(text.replace(SITE_HOOKS, listed + SITE_HOOKS), encoding="utf-8")
    for name, code in first_hooks.items():
        (project / "hooks" / f"{name}.py").write_text(code, encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1633083956", "HOME": str(project), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                          capture_output=True, text=True, env=env, cwd=project)


def _tree(markup: str) -> list:
    """What a reader's browser builds from the markup: elements, attributes and text, whatever the spelling."""
    def walk(node):
        if isinstance(node, str):
            return node
        return (node.name, sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in node.attrs.items()),
                [walk(child) for child in node.children])
    return [walk(child) for child in BeautifulSoup(markup, "html.parser").children]


def test_the_cleaner_changes_nothing_a_reader_sees_on_the_tiny_site(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    out = tmp_path / "fragments"
    result = mkdocs_build(project, tmp_path / "site", {"dump_fragments": DUMP_HOOK.format(out=str(out))})
    assert result.returncode == 0, result.stderr
    generated = [p for p in out.rglob("*.html") if p.relative_to(out).as_posix() != "tim-kiem.md.html"]
    assert len(generated) > 20
    for fragment in generated:
        markup = fragment.read_text(encoding="utf-8")
        assert _tree(clean_html(markup)) == _tree(markup), fragment.relative_to(out)
    assert any("<svg" in p.read_text(encoding="utf-8") for p in generated)  # the charts are among them
    bulletin = (out / "tin-tuc/kiem-dinh-phuong-tien-do.md.html").read_text(encoding="utf-8")
    assert '<figure class="tq-figure">\n<svg' in bulletin  # a bulletin's {{bieu-do:…}}, kept whole (above)


# --- hostile text in every field, past validation ----------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The tiny site with every text field of every record and every run of text poisoned (tests/poisoning.py)."""
    folder = tmp_path_factory.mktemp("hostile")
    project = make_project(folder / "project", TINY_DATA)
    config = project / "mkdocs.yml"
    # Links to pages that do not exist (`[x](javascript:…)` aside) are not what is tested here.
    config.write_text(config.read_text(encoding="utf-8").replace("strict: true", "strict: false"), encoding="utf-8")
    result = mkdocs_build(project, folder / "site", {"poison": POISON_HOOK.format(tests=str(TESTS))})
    assert result.returncode == 0, result.stderr
    return folder / "site"


URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background")
DANGEROUS_SCHEMES = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
MARKER = re.compile(r"alert\(|msgbox\(|xss-\d+")
EMBEDDING = ("iframe", "object", "embed", "frame", "frameset", "base", "form", "meta", "link", "style", "math",
             "template", "noscript")


def live_markup(markup: str, *, page: bool, own_content: bool = False) -> list[str]:
    """Each way `markup` (HTML, SVG) runs a hostile text or loads from it, as a browser parses it. `page`: a whole
    page, whose head, scripts and forms are the theme's (they carry no marker): there only the content counts, unless
    it is `own_content`, written by hand (the search page and its form)."""
    found = []
    soup = BeautifulSoup(markup, "html.parser")
    content = None if own_content else soup.select_one("article") if page else soup
    for element in soup.find_all(True):
        name = element.name
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if attribute.lower().startswith("on"):
                found.append(f"<{name} {attribute}=…>")
            if attribute.lower() in URL_ATTRIBUTES and DANGEROUS_SCHEMES.match(
                    re.sub(r"\s", "", strip_controls(value))):
                found.append(f"<{name} {attribute}={value[:40]}>")
            if attribute.lower() == "http-equiv":
                found.append(f"<{name} http-equiv>")
        if name == "script" and element.get("type") == "application/ld+json" and "<" not in element.get_text():
            continue  # data, not code: hostile text in its strings, with no `<` that could end the element
        if name == "script" and (not page or MARKER.search(element.get_text() + element.get("src", ""))):
            found.append(f"<script>{element.get_text()[:40]}")
        if name == "style" or name in EMBEDDING and content is not None and content in element.parents:
            found.append(f"<{name}>")
    return found


def test_hostile_text_reaches_no_page_as_code(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    problems = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "xss-1" in text or page.name == "404.html" or "tim-kiem" in page.parts  # the poison arrived
        found = live_markup(text, page=True, own_content=page.parent.name == "tim-kiem")
        if CONTROLS.search(text):
            found.append("control character")
        if found:
            problems[page.relative_to(hostile_site).as_posix()] = found
    assert problems == {}


def _shown(text: str) -> str:
    """How a page shows a text: without control characters, its runs of white space as one."""
    return " ".join(strip_controls(text).split())


def test_hostile_organisation_fields_are_shown_as_the_text_they_are(hostile_site):
    organisation = poison(load_site_data(TINY_DATA)).organisation
    context = theme_context(poison(load_site_data(TINY_DATA)))
    for path in ("index.html", "lien-he/index.html", "tin-tuc/index.html", "404.html"):
        page = BeautifulSoup((hostile_site / path).read_text(encoding="utf-8"), "html.parser")
        assert _shown(page.select_one(".tq-masthead__parent").get_text()) == _shown(organisation.parent_body)
        assert _shown(page.select_one(".tq-masthead__name").get_text()) == _shown(organisation.name)
        footer = _shown(page.select_one(".tq-footer").get_text())
        for key in ("site_title", "responsible", "address", "phone", "fax", "licence", "reuse_notice"):
            assert _shown(context[key]) in footer, key
        assert _shown(page.select_one(".md-header__topic .md-ellipsis").get_text()) == _shown(organisation.full_name)
        assert _shown(page.title.get_text()).endswith(_shown(organisation.full_name))
    assert "<script" in organisation.parent_body + organisation.name + organisation.full_name  # the poison is there


def _feeds_and_sitemap(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml")) + [p for p in site.rglob("*.svg") if "assets" not in p.parts]


def test_hostile_text_reaches_no_feed_sitemap_json_or_download_as_code(hostile_site):
    xml_files = _feeds_and_sitemap(hostile_site)
    assert any(p.name == "rss.xml" for p in xml_files) and any(p.name == "sitemap.xml" for p in xml_files)
    for path in xml_files:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            assert etree.QName(element).localname not in ("script", "iframe", "object", "embed", "style"), path
            for attribute, value in element.attrib.items():
                assert not attribute.lower().startswith("on"), (path, attribute)
                assert not DANGEROUS_SCHEMES.match(value.strip()), (path, attribute, value)
            # RSS readers take an item's description (Atom: a summary of type html) for HTML: what they would run
            parent = element.getparent()
            if (etree.QName(element).localname == "description" and parent is not None
                    and etree.QName(parent).localname == "item") or element.get("type") == "html":
                assert live_markup(element.text or "", page=False) == [], path
    for path in hostile_site.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data.get("items", []) if isinstance(data, dict) else []:
            assert "content_html" not in item  # JSON Feed: text only, a reader shows it as text
    # The downloads are data, served as text/csv and application/json, never parsed as HTML: the texts are there as
    # typed (their control characters are refused at validation, the first line).
    downloads = list((hostile_site / "thong-ke" / "du-lieu").rglob("*.json"))
    assert downloads and all(json.loads(p.read_text(encoding="utf-8")) for p in downloads)


def test_the_search_index_holds_the_hostile_texts_as_text(hostile_site):
    """Pagefind's fragments (gzip, after a `pagefind_dcd` signature) hold each page's words as text, decoded: the
    search page must write them as text (checked in Chromium below)."""
    fragments = sorted((hostile_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments
    texts = []
    for path in fragments:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        data = json.loads(text[text.index("{"):])
        texts += [data.get("content", ""), *data.get("meta", {}).values()]
    assert any("onerror=alert(" in text for text in texts)
    assert not any(CONTROLS.search(text) for text in texts)


def test_hostile_texts_cover_each_kind_of_attack():
    joined = "\n".join(HOSTILE_TEXTS)
    for attack in ("<script", "onerror=", "](javascript:", "{onmouseover=", "data:text/html", "\x00", "\x1b", "\u202e"):
        assert attack in joined


# --- in Chromium ----------------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_no_dialog_opens_on_pages_with_hostile_text(hostile_site, browser):
    """The masthead, footer and title of every page, and each kind of data page, with hostile text: hovered, focused
    and searched, no script of the poison runs (it would open an `alert` dialog)."""
    from browsing import _serve

    server = _serve(hostile_site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        bulletin = next(p for p in (hostile_site / "tin-tuc").glob("*/index.html") if p.parent.name not in (
            "chuyen-muc", "nam", "tac-gia")).parent.name
        for path in ["", "lien-he/", "van-ban/", "de-tai-du-an/", "so-huu-tri-tue/", "bao-cao/2021-6-thang/",
                     "thong-ke/", "thong-ke/chi-so/phuong-tien-do/", f"tin-tuc/{bulletin}/", "404.html"]:
            page.goto(url + path)
            page.wait_for_load_state("load")
            for element in page.query_selector_all("article *, .tq-masthead *, .tq-footer *")[:200]:
                element.dispatch_event("mouseover")
                element.dispatch_event("focus")
            assert dialogs == [], path
            assert "<script>" in page.locator(".tq-masthead__parent").text_content()  # shown as text
        page.goto(url + "tim-kiem/?q=onerror")  # excerpts of the poisoned pages, written by docs/assets/tim-kiem.js
        page.wait_for_selector(".tq-result__excerpt", timeout=15000)
        page.wait_for_timeout(500)
        assert "onerror" in page.locator(".tq-result__excerpt").first.text_content()
        injected = page.eval_on_selector_all(".tq-result__excerpt *", "nodes => nodes.map(n => n.tagName)")
        assert set(injected) <= {"MARK"}
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert dialogs == []


def test_on_paper_a_link_keeps_its_address_only_when_it_leads_elsewhere():
    """clean_html(printed=True), the print edition's: the site's own addresses (from the root, relative, our raw
    HTML's too) would point into the reader's disk; their words stay."""
    links = ('<a href="../../thong-ke/chi-so/x/">a</a><a href="/tin-tuc/">b</a><a href="#muc">c</a>'
             '<a href="https://tuyenquang.gov.vn/">d</a><a href="mailto:a@b.vn">e</a><a href="tel:0207">f</a>')
    assert clean_html(links, printed=True) == ('<a>a</a><a>b</a><a>c</a><a href="https://tuyenquang.gov.vn/">d</a>'
                                               '<a href="mailto:a@b.vn">e</a><a href="tel:0207">f</a>')
    assert clean_html(links) == links  # on the web every one of them works
    assert clean_html('<img src="https://x.org/a.png" alt="x">', printed=True) == '<img alt="x">'
