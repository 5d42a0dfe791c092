"""The same site from two engines: MkDocs 1.6.1 and ProperDocs (its maintained fork) give the same bytes.

ProperDocs runs our hooks and Material unchanged: its `properdocs.replacement` module, imported first by its command
line, redirects every `mkdocs.*` import to the matching `properdocs.*` module, so `from mkdocs.exceptions import
PluginError` in a hook gives ProperDocs' own class. The only expected difference is `<meta name="generator">`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUILD_DAY, ROOT, TINY_DATA, edit, make_project
from sitecheck import tree_digest

ENGINES = ("mkdocs", "properdocs")
EPOCH = "1633083956"  # the one run_build uses, so the default site compares with conftest's default_site
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
COVERED = ["index.html", "404.html", "bao-cao/2021-6-thang/index.html", "tin-tuc/kiem-dinh-phuong-tien-do/index.html",
           "tin-tuc/tac-gia/tran-van-binh/index.html", "thong-ke/chi-so/phuong-tien-do/index.html",
           "tin-tuc/rss.xml", "tin-tuc/atom.xml", "tin-tuc/chuyen-muc/bao-cao/feed.json",
           "thong-ke/du-lieu/gia-tri.xlsx", "thong-ke/du-lieu/gia-tri.csv", "thong-ke/du-lieu/datapackage.json",
           "sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind-entry.json", "pagefind/pagefind.js"]


def _env(project: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": EPOCH, "HOME": str(project), "NO_MKDOCS_2_WARNING": "1",
            "KHCN_TODAY": BUILD_DAY}  # issue 12c: the day run_build gives, so the interruption banner agrees


def build_with(engine: str, project: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    """`scripts/build_site.py --engine <engine>`: validation, build beside the site, atomic swap (as `make build`)."""
    command = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--project", str(project), "--engine", engine]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    return subprocess.run(command, capture_output=True, text=True, env=_env(project))


def engine_alone(engine: str, project: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """`python -m <engine> build` into the project's site/, without our script's validation or swap."""
    command = [sys.executable, "-m", engine, "build", "-f", str(project / config)]
    return subprocess.run(command, capture_output=True, text=True, env=_env(project), cwd=project)


def differences(first: Path, second: Path) -> list[str]:
    """Every file present in one tree only or with other bytes; HTML pages are compared with their generator tag
    blanked, and that tag only."""
    a = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    b = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    found = [f"only in {first.name}: {path}" for path in sorted(a - b)]
    found += [f"only in {second.name}: {path}" for path in sorted(b - a)]
    for path in sorted(a & b):
        one, two = (first / path).read_bytes(), (second / path).read_bytes()
        if path.endswith(".html"):
            one, two = (GENERATOR.sub(b'<meta name="generator" content="">', page) for page in (one, two))
        if one != two:
            found.append(f"differs: {path}")
    return found


def generator(page: Path) -> str:
    tags = GENERATOR.findall(page.read_bytes())
    assert len(tags) == 1, page
    return tags[0].decode()


@pytest.fixture(scope="module")
def tiny_sites(tmp_path_factory) -> dict[str, Path]:
    """The tiny site built by each engine, each from its own copy of the project (nothing shared, not the cache)."""
    sites = {}
    for engine in ENGINES:
        project = make_project(tmp_path_factory.mktemp(engine) / "project", TINY_DATA)
        site = project.parent / f"site-{engine}"
        result = build_with(engine, project, site)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[engine] = site
    return sites


def test_each_engine_really_built_its_site(tiny_sites):
    assert generator(tiny_sites["mkdocs"] / "index.html") == \
        '<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">'
    assert generator(tiny_sites["properdocs"] / "index.html") == \
        '<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'


def test_both_engines_build_the_same_tiny_site(tiny_sites):
    mkdocs, properdocs = tiny_sites["mkdocs"], tiny_sites["properdocs"]
    for path in COVERED:  # bulletins, reports, statistics, feeds, downloads, sitemap and search are all compared
        assert (mkdocs / path).is_file(), path
    assert differences(mkdocs, properdocs) == []
    search = sorted(p.relative_to(mkdocs).as_posix() for p in (mkdocs / "pagefind").rglob("*") if p.is_file())
    for path in ["sitemap.xml", "sitemap.xml.gz", *search]:  # compared whole, not normalised
        assert (mkdocs / path).read_bytes() == (properdocs / path).read_bytes(), path
    entry = json.loads((properdocs / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["vi"]["page_count"] > 10  # the search index (Pagefind, run by our hooks)
    assert "<lastmod>2021-10-01</lastmod>" in (properdocs / "sitemap.xml").read_text(encoding="utf-8")


def test_the_comparison_sees_one_byte_and_forgives_only_the_generator_tag(tiny_sites, tmp_path):
    site = tiny_sites["mkdocs"]
    copy = Path(shutil.copytree(site, tmp_path / "copy"))
    assert differences(site, copy) == []

    page = copy / "bao-cao/2021-6-thang/index.html"
    page.write_bytes(GENERATOR.sub(b'<meta name="generator" content="another engine 9.9">', page.read_bytes()))
    assert differences(site, copy) == []  # the one tag that may differ

    text = page.read_bytes()
    at = text.index(b"</body>")
    page.write_bytes(text[:at] + b" " + text[at:])  # one byte more
    assert differences(site, copy) == ["differs: bao-cao/2021-6-thang/index.html"]
    page.write_bytes(text)

    index = copy / "pagefind/pagefind-entry.json"
    original = index.read_bytes()
    index.write_bytes(original.replace(b"1.5.2", b"1.5.3", 1))  # one byte changed in a file that is not a page
    assert differences(site, copy) == ["differs: pagefind/pagefind-entry.json"]
    index.write_bytes(original)

    (copy / "sitemap.xml.gz").unlink()
    (copy / "extra.html").write_text("", encoding="utf-8")
    assert differences(site, copy) == [f"only in {site.name}: sitemap.xml.gz", "only in copy: extra.html"]


_PROBE = '''\
import json
import sys
from pathlib import Path


def on_post_build(config):
    hooks = config.plugins["hooks/site_hooks.py"]
    engine_classes = {name: value.__module__ for name, value in vars(hooks).items()
                      if isinstance(value, type) and value.__module__.split(".")[0] in ("mkdocs", "properdocs")}
    probe = {"config": type(config).__module__, "hooks": engine_classes, "mkdocs": sys.modules["mkdocs"].__name__}
    Path(config.config_file_path).with_name("probe.json").write_text(json.dumps(probe), encoding="utf-8")
'''


@pytest.mark.parametrize("engine", ENGINES)
def test_our_hooks_use_the_classes_of_the_engine_that_runs(engine, tmp_path):
    """Under ProperDocs, the File and PluginError our hooks import are ProperDocs' own (a PluginError of MkDocs
    would end a ProperDocs build with a traceback). The MkDocs run shows the check tells the two apart."""
    project = make_project(tmp_path / "project", TINY_DATA)
    (project / "hooks/engine_probe.py").write_text(_PROBE, encoding="utf-8")
    edit(project / "mkdocs.yml", "  - hooks/site_hooks.py\n", "  - hooks/site_hooks.py\n  - hooks/engine_probe.py\n")
    result = engine_alone(engine, project)
    assert result.returncode == 0, result.stderr
    probe = json.loads((project / "probe.json").read_text(encoding="utf-8"))
    assert {"File", "PluginError"} <= set(probe["hooks"])
    assert {module.split(".")[0] for module in probe["hooks"].values()} == {engine}
    assert probe["config"].split(".")[0] == engine and probe["mkdocs"] == engine


def _data_error(stderr: str) -> str:
    assert "Dữ liệu có" in stderr, stderr
    return stderr[stderr.index("Dữ liệu có"):]


def test_bad_data_under_properdocs_gives_the_editors_message_and_leaves_the_site(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    assert build_with("properdocs", project).returncode == 0
    before = tree_digest(project / "site")
    (project / "data/van-ban.yaml").write_text("- so_ky_hieu: 1/KH\n", encoding="utf-8")
    expected = "data/van-ban.yaml:1 — mục thứ 1 (`1/KH`), trường `loai`: gặp thiếu trường `loai`"

    script = build_with("properdocs", project)  # make build ENGINE=properdocs: stopped by validation
    assert script.returncode == 1
    assert expected in script.stderr and "giữ nguyên" in script.stderr

    alone = engine_alone("properdocs", project)  # ProperDocs itself: stopped by our on_config, before cleaning
    assert alone.returncode != 0
    assert expected in alone.stderr
    assert "Traceback" not in alone.stderr
    assert _data_error(alone.stderr) == _data_error(engine_alone("mkdocs", project).stderr)

    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_failure_after_validation_under_properdocs_leaves_the_site(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    assert build_with("properdocs", project).returncode == 0
    before = tree_digest(project / "site")
    (project / "docs/gioi-thieu.md").write_text("# Giới thiệu\n\n[Sai](khong-co.md)\n", encoding="utf-8")
    result = build_with("properdocs", project)
    assert result.returncode == 1
    assert "khong-co.md" in result.stderr
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_both_engines_build_the_same_default_site(default_site, tmp_path):
    """The real data/ (about 2 s a build): ProperDocs' site against conftest's MkDocs one."""
    site = tmp_path / "site"
    result = build_with("properdocs", ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ProperDocs" in generator(site / "index.html")
    assert differences(default_site, site) == []
