"""Real builds of a throwaway site in tmp_path: pages, atomic swap on failure, byte-identical output."""


from conftest import edit, make_project, run_build
from sitecheck import foreign_loads, paragraphs, soup, tree_digest


def test_tiny_site_builds_every_page(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in ["index.html", "bao-cao/index.html", "bao-cao/2021-6-thang/index.html", "van-ban/index.html",
                 "lien-he/index.html", "404.html", "sitemap.xml"]:
        assert (site / page).is_file(), page
    report = soup(site / "bao-cao/2021-6-thang/index.html")
    assert "Kiểm định 1.234 phương tiện đo (1.226 cột đo; 08 cân)." in paragraphs(report)
    link = report.find("a", string="Kế hoạch số 12/KH-UBND ngày 04/02/2021")
    assert link["href"] == "../../van-ban/#vb-12-kh-ubnd"
    assert soup(site / "van-ban/index.html").find(id="vb-12-kh-ubnd") is not None
    assert "TRANG THÔNG TIN THỬ NGHIỆM" in report.select_one(".tq-footer").get_text()
    assert report.select_one("html")["lang"] == "vi"


def test_bad_data_stops_the_build_and_leaves_the_site_as_it_was(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    values = project / "data/so-lieu/2021-H1.yaml"
    edit(values, "cot-do: 1226", "cot-do: 1")
    result = run_build(project)
    assert result.returncode == 1
    assert "data/so-lieu/2021-H1.yaml:2 — trường `phuong-tien-do.gia_tri`: gặp tổng 1234" in result.stderr
    assert "giữ nguyên" in result.stderr
    assert tree_digest(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_failure_after_validation_also_leaves_the_site_as_it_was(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    (project / "docs/gioi-thieu.md").write_text("# Giới thiệu\n\n[Sai](khong-co.md)\n", encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 1
    assert tree_digest(project / "site") == before


def test_mkdocs_alone_refuses_bad_data_before_cleaning_the_site(tmp_path, tiny_data):
    import subprocess
    import sys

    project = make_project(tmp_path / "project", tiny_data)
    assert run_build(project).returncode == 0
    before = tree_digest(project / "site")
    (project / "data/van-ban.yaml").write_text("- so_ky_hieu: 1/KH\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "data/van-ban.yaml:1 — mục thứ 1 (`1/KH`), trường `loai`: gặp thiếu trường `loai`" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before


def test_two_builds_in_different_folders_are_byte_identical(tmp_path, tiny_data):
    first = make_project(tmp_path / "one", tiny_data)
    second = make_project(tmp_path / "elsewhere" / "two", tiny_data)
    assert run_build(first).returncode == 0
    assert run_build(second).returncode == 0
    assert tree_digest(first / "site") == tree_digest(second / "site")
    assert "<lastmod>2021-10-01</lastmod>" in (first / "site/sitemap.xml").read_text()


def test_no_page_loads_anything_from_another_host(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    assert run_build(project).returncode == 0
    for page in sorted((project / "site").rglob("*.html")):
        assert foreign_loads(soup(page)) == [], page


def test_the_phases_give_pages_with_their_sources_then_feeds_and_robots(tiny_data, monkeypatch):
    """khcn/build.py without MkDocs: what the hooks add to the site, in the order they add it."""
    from khcn import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633083956")
    site = build.load(tiny_data.parent)
    stream = build.stream(site)
    pages = build.site_pages(site, stream)
    assert all(page.sources for page in pages) and pages[0].path == "index.md"
    files = [path for path, _ in build.feeds(site, stream, "https://example.invalid/")]
    assert files[:3] == ["tin-tuc/rss.xml", "tin-tuc/atom.xml", "tin-tuc/feed.json"] and files[-1] == "robots.txt"


def test_a_gap_and_a_ratio_reach_the_built_pages(tmp_path, tiny_data):
    """What the statistics pages say of a period without a figure and of a ratio survives Markdown and the
    sanitizer: the empty slot's mark, the line naming it, the reason in the table; the ratio's axis in per cent."""
    project = make_project(tmp_path / "project", tiny_data)
    assert run_build(project).returncode == 0
    page = soup(project / "site/thong-ke/chi-so/phuong-tien-do/index.html")
    chart = page.select_one("svg.tq-chart")
    assert [t.get_text() for t in chart.select("g.tq-chart__gaps text")] == ["—"]
    assert len(chart.select("rect.tq-chart__bar")) == 2
    assert chart.select_one("text.tq-chart__footnote").get_text() == "—: không có số liệu (6T cuối 2020)"
    assert "6T cuối 2020: không có số liệu (Chưa tổng hợp do đổi cách đếm cột đo & cân)" in chart.desc.get_text()
    gap = page.select_one("table.tq-stats tr.tq-gap")
    assert gap.th.get_text() == "6 tháng cuối năm 2020"
    assert gap.select("td")[-1].get_text() == "Không có số liệu: Chưa tổng hợp do đổi cách đếm cột đo & cân"
    ratio = soup(project / "site/thong-ke/chi-so/xa-ap-dung/index.html").select_one("svg.tq-chart")
    assert ratio.select_one("text.tq-chart__unit").get_text() == "Tỉ lệ (%) trên tổng số UBND cấp xã"
