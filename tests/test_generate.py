"""`make generate`: the site as a plain project that builds with no hooks, next to the hooks build of the same data.

The plain project is built by ProperDocs (and by Zensical 0.0.73 where it installs) and compared file by file with
the hooks build (MkDocs). Every difference must be of a kind listed in EXPECTED, with why; the pages are the same.
ENGINES.md reports what these tests measured.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from conftest import BUILD_DAY, ROOT, TINY_DATA, edit, make_project, run_build
from khcn.publish.themefix import valid_toggles

EPOCH = "1633083956"  # run_build's
ZENSICAL = ("zensical==0.0.73", "python-slugify==9.1.3")  # the slug function copied into the project needs slugify
EXPECTED = {
    "generator": "the engine's name in <meta name=\"generator\"> (MkDocs for the hooks build, ProperDocs here)",
    "source footer": "each page's 'Cập nhật … Nội dung …' footer and article:modified_time: the provenance made in "
                     "on_files from git and shown through on_page_context",
    "sitemap dates": "<lastmod> of each page is its last commit (provenance) in the hooks build, the build date here",
    "metadata": "each page's Dublin Core <meta name=\"DC.…\"> and schema.org JSON-LD (issue 12c), made in "
                "on_page_context from what MkDocs knows of the page and its provenance",
    "theme fixes": "autocomplete=\"off\" on Material's checkbox toggles, removed by on_post_page/on_post_template",
    "sanitiser spelling": "the pages made from data/ cleaned in on_page_content (khcn/publish/sanitize.py): its "
                          "serialiser writes <br /> as <br>, an SVG <line/> as <line></line>, a no-break space "
                          "as &nbsp;, an apostrophe escaped by a template (&#39;) as itself, an e-mail address in "
                          "numeric entities as its letters",
    "search index": "pagefind/, made from the built pages in on_post_build",
    "sitemap order": "the pages added by on_files come after docs/'s own in the hooks build, in name order here",
    "navigation": "the tab of a generated page's section and its breadcrumbs: made in on_files from the address book "
                  "(khcn/pages/navigation.py) and shown through on_page_context; here only the tabs' own pages",
}
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
MODIFIED = re.compile(r'<meta property="article:modified_time" content="[^"]*">')
FOOTER = re.compile(r'\s*<aside class="tq-source">.*?</aside>', re.S)
BLANK_LINES = re.compile(r"\n\s*\n")  # the footer's `{% if %}` leaves one line more or less
LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")
URL = re.compile(r"<url>.*?</url>", re.S)
SELF_CLOSED = re.compile(r"<(line|rect|path|circle|polyline)(\s[^>]*?)\s*/>")
BREADCRUMBS = re.compile(r'\s*<nav class="tq-breadcrumbs".*?</nav>', re.S)
TAB_MARKS = re.compile(r' md-tabs__item--active(?=")|(?<=class="md-tabs__link") aria-current="\w+"')
METADATA = re.compile(r'\s*<meta name="DC\.[^>]*>|\s*<script type="application/ld\+json">.*?</script>', re.S)
NUMERIC_ENTITY = re.compile(r"&#(\d+);")


def _sanitiser_spelling(text: str) -> str:
    """The cleaner's serialiser (khcn/publish/sanitize.py) spells a few things its own way: <br>, <line></line>,
    &nbsp;, a plain apostrophe, and e-mail addresses that Python-Markdown wrote as numeric entities, decoded."""
    text = SELF_CLOSED.sub(r"<\1\2></\1>", text.replace("<br />", "<br>")).replace("\u00a0", "&nbsp;")
    return NUMERIC_ENTITY.sub(lambda m: chr(int(m.group(1))), text.replace("&#39;", "'"))


HTML_STEPS = [("generator", lambda text: GENERATOR.sub("", text)),
              ("metadata", lambda text: METADATA.sub("", text)),
              ("source footer", lambda text: BLANK_LINES.sub("\n", FOOTER.sub("", MODIFIED.sub("", text)))),
              ("theme fixes", valid_toggles),
              ("sanitiser spelling", _sanitiser_spelling),
              ("navigation", lambda text: BLANK_LINES.sub("\n", TAB_MARKS.sub("", BREADCRUMBS.sub("", text))))]
SITEMAP_STEPS = [("sitemap dates", lambda text: LASTMOD.sub("", text)),
                 ("sitemap order", lambda text: "\n".join(sorted(URL.findall(text))))]


def _env(**more: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "KHCN_TODAY": BUILD_DAY,
            **more}


def generate(project: Path, out: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts/generate_project.py"), str(out), "--project", str(project)]
    return subprocess.run(command, capture_output=True, text=True, env=_env(HOME=str(project)))


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def explain(path: str, hooks: bytes, plain: bytes) -> set[str] | None:
    """The kinds of difference that make the two files equal once normalised away; None when they do not."""
    if path.endswith(".gz"):
        hooks, plain = gzip.decompress(hooks), gzip.decompress(plain)
    a, b = hooks.decode("utf-8", "replace"), plain.decode("utf-8", "replace")
    steps = HTML_STEPS if path.endswith(".html") else SITEMAP_STEPS if "sitemap" in path else []
    kinds = set()
    for kind, normalise in steps:
        if a == b:
            break
        na, nb = normalise(a), normalise(b)
        if (na, nb) != (a, b):
            kinds.add(kind)
        a, b = na, nb
    return kinds if a == b else None


def compare(hooks_site: Path, plain_site: Path) -> tuple[dict[str, list[str]], list[str]]:
    """({kind: files}, files whose difference is not explained)."""
    ours, theirs = files_of(hooks_site), files_of(plain_site)
    kinds: dict[str, list[str]] = {}
    unexplained = [f"only in the plain build: {path}" for path in sorted(theirs - ours)]
    for path in sorted(ours - theirs):
        if path.startswith("pagefind/"):
            kinds.setdefault("search index", []).append(path)
        else:
            unexplained.append(f"only in the hooks build: {path}")
    for path in sorted(ours & theirs):
        one, two = (hooks_site / path).read_bytes(), (plain_site / path).read_bytes()
        found = set() if one == two else explain(path, one, two)
        if found is None:
            unexplained.append(f"differs: {path}")
        for kind in found or ():
            kinds.setdefault(kind, []).append(path)
    return kinds, unexplained


def report(title: str, kinds: dict[str, list[str]]) -> str:
    lines = [title] + [f"  {kind}: {len(paths)} files ({EXPECTED.get(kind, '?')})" for kind, paths in kinds.items()]
    return "\n".join(lines)


def html_pages(site: Path) -> set[str]:
    return {path for path in files_of(site) if path.endswith(".html")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The tiny data: the hooks build (MkDocs, as `make build`), the generated project, and its ProperDocs build."""
    root = tmp_path_factory.mktemp("generate")
    project = make_project(root / "project", TINY_DATA)
    hooks_site = root / "site-hooks"
    result = run_build(project, hooks_site, EPOCH)
    assert result.returncode == 0, result.stdout + result.stderr
    plain = root / "plain"
    result = generate(project, plain)
    assert result.returncode == 0, result.stderr
    command = [sys.executable, "-m", "properdocs", "build", "-q", "-d", str(root / "site-plain")]
    result = subprocess.run(command, capture_output=True, text=True, env=_env(HOME=str(root)), cwd=plain)
    assert result.returncode == 0, result.stderr
    return {"hooks": hooks_site, "project": plain, "plain": root / "site-plain"}


def test_the_generated_project_has_no_hooks_and_what_on_config_sets(builds, monkeypatch):
    project = builds["project"]
    monkeypatch.syspath_prepend(project)  # as `python -m mkdocs` run there does: the slug function beside mkdocs.yml
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert "hooks" not in config and "data" not in config["watch"]
    assert config["site_name"] == "Sở Thử Nghiệm tỉnh Thử Nghiệm"  # data/to-chuc.yaml's, not mkdocs.yml's
    assert set(config["extra"]["organisation"]) >= {"parent_body", "name", "licence"}
    slugify = config["markdown_extensions"][-1]["toc"]["slugify"]
    assert slugify.__module__ == "khcn_slugs" and slugify("Đồng Văn", "-") == "dong-van"
    assert config["nav"] and "/tin-tuc/**" in config["not_in_nav"]
    written = sorted(p.name for p in project.iterdir() if p.name != "__pycache__")  # (left by the build)
    assert written == ["docs", "khcn_slugs.py", "mkdocs.yml", "overrides"]
    for path in ["tin-tuc/index.md", "tin-tuc/rss.xml", "robots.txt", "thong-ke/du-lieu/gia-tri.xlsx", "tim-kiem.md"]:
        assert (project / "docs" / path).is_file(), path


def test_properdocs_builds_the_same_pages_without_hooks_and_only_the_listed_kinds_differ(builds):
    kinds, unexplained = compare(builds["hooks"], builds["plain"])
    print(report("ProperDocs, no hooks, against the hooks build:", kinds))
    assert html_pages(builds["hooks"]) == html_pages(builds["plain"])
    assert unexplained == []
    assert set(kinds) == set(EXPECTED)
    assert kinds["sitemap dates"] == kinds["sitemap order"] == ["sitemap.xml", "sitemap.xml.gz"]
    assert len(kinds["theme fixes"]) == len(html_pages(builds["hooks"]))  # 404.html too


def test_the_comparison_tells_an_unexplained_difference(builds, tmp_path):
    copy = Path(shutil.copytree(builds["plain"], tmp_path / "copy"))
    page = copy / "tin-tuc/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "x</body>"), encoding="utf-8")
    (copy / "tin-tuc/rss.xml").unlink()
    assert compare(builds["hooks"], copy)[1] == ["only in the hooks build: tin-tuc/rss.xml",
                                                 "differs: tin-tuc/index.html"]


def test_generate_refuses_a_folder_with_content_and_bad_data(builds, tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    result = generate(project, builds["project"])
    assert result.returncode == 1 and "đã có nội dung" in result.stderr
    (project / "data/van-ban.yaml").write_text("- so_ky_hieu: 1/KH\n", encoding="utf-8")
    result = generate(project, tmp_path / "out")
    assert result.returncode == 1
    assert "mục thứ 1 (`1/KH`), trường `loai`: gặp thiếu trường `loai`" in result.stderr
    assert not (tmp_path / "out").exists()


# --- Zensical 0.0.73, in its own virtual environment ------------------------------------------------------------------

# Overrides written against Material 9.8.1's Jinja templates that Zensical's MiniJinja templates cannot render (each
# stops the build with "undefined value" or "unknown method"): taken out of a copy, to see what the rest gives.
ZENSICAL_UNRENDERED = ["overrides/sitemap.xml", "overrides/partials/toc.html", "overrides/partials/header.html"]
OG_TYPE = "page.file.src_uri.split('/')[0] if page and '/' in page.file.src_uri else none"  # main.html: page's folder


@pytest.fixture(scope="module")
def zensical(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("zensical") / "venv"
    venv.create(folder, with_pip=True)
    pip = [str(folder / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *ZENSICAL]
    try:
        result = subprocess.run(pip, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        pytest.skip(f"pip install {' '.join(ZENSICAL)} took more than 10 minutes")
    if result.returncode != 0:
        pytest.skip(f"pip install {' '.join(ZENSICAL)} failed: {result.stderr.strip()[-300:]}")
    return folder / "bin/zensical"


def zensical_build(zensical: Path, project: Path) -> subprocess.CompletedProcess:
    """`zensical build` in the project; PYTHONPATH for the slug function beside mkdocs.yml (its command puts no
    folder on the path)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    return subprocess.run([str(zensical), "build", "-f", "mkdocs.yml"], capture_output=True, text=True,
                          env=_env(HOME=str(project), PYTHONPATH=str(project)), cwd=project, timeout=600)


def test_zensical_stops_at_our_material_overrides(zensical, builds, tmp_path):
    project = Path(shutil.copytree(builds["project"], tmp_path / "project"))
    result = zensical_build(zensical, project)
    assert result.returncode != 0
    assert "undefined value (in main.html:25)" in result.stderr  # page.file: no such attribute in Zensical


def test_zensical_builds_the_same_pages_without_the_overrides_it_cannot_render(zensical, builds, tmp_path):
    project = Path(shutil.copytree(builds["project"], tmp_path / "project"))
    for path in ZENSICAL_UNRENDERED:
        (project / path).unlink()
    edit(project / "overrides/main.html", OG_TYPE, "none")
    result = zensical_build(zensical, project)
    assert result.returncode == 0, result.stderr
    site, hooks = project / "site", builds["hooks"]
    assert html_pages(site) == html_pages(hooks)
    found = zensical_findings(hooks, site)
    print("Zensical 0.0.73 against the hooks build:\n" + "\n".join(f"  {k}: {v}" for k, v in found.items()))
    assert found["same heading ids"] and found["same downloads, feeds and robots.txt"]
    assert found["renders main.html, copyright.html, search.html, 404.html"]
    assert not found["source footer"] and not found["pagefind/"] and found["own search index (search.json)"]


def zensical_findings(hooks: Path, site: Path) -> dict[str, bool | int]:
    pages = sorted(html_pages(hooks))
    ids = re.compile(r'<h[1-6][^>]*\bid="([^"]*)"')

    def everywhere(marker: str) -> bool:
        return all(marker in (site / page).read_text(encoding="utf-8") for page in pages)

    static = [p for p in files_of(hooks) if p.startswith("thong-ke/du-lieu/") or p.endswith((".xml", ".json", ".txt"))
              and p.startswith(("tin-tuc/", "robots"))]
    return {
        "same heading ids": all(ids.findall((hooks / p).read_text(encoding="utf-8"))
                                == ids.findall((site / p).read_text(encoding="utf-8")) for p in pages),
        "same downloads, feeds and robots.txt": bool(static) and all(
            (site / p).is_file() and (site / p).read_bytes() == (hooks / p).read_bytes() for p in static),
        "renders main.html, copyright.html, search.html, 404.html": everywhere("tq-masthead") and everywhere(
            "tq-footer") and everywhere("tq-search") and "khong-tim-thay" in (site / "404.html").read_text("utf-8"),
        "source footer": any("tq-source" in (site / p).read_text(encoding="utf-8") for p in pages),
        "pagefind/": (site / "pagefind").exists(),
        "own search index (search.json)": (site / "search.json").is_file(),
        "theme fixes": not any('autocomplete="off"' in (site / p).read_text(encoding="utf-8") for p in pages),
        "pages identical to the hooks build": sum((site / p).read_bytes() == (hooks / p).read_bytes() for p in pages),
    }
