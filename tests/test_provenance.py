"""Under every page: the file that holds its content (an edit link) and when it last changed, from git."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import TINY_DATA, git, make_project, run_build
from khcn.build import site_pages
from khcn.data.dataset import load_site_data
from khcn.data.fields import VIETNAM
from khcn.news.pages import build_stream
from khcn.pages.page import declared_sources
from khcn.pages.provenance import Changes, describe, page_sources

JAN = datetime(2026, 1, 5, 3, 0, tzinfo=UTC)
MAR = datetime(2026, 3, 9, 20, 30, tzinfo=UTC)  # 10/03/2026 in Vietnam


def test_a_folder_changed_when_its_newest_file_did_and_a_draft_wins():
    changes = Changes({"data/tin-tuc/2021/a.md": JAN, "data/tin-tuc/2022/b.md": MAR, "data/chi-so.yaml": JAN})
    assert changes.of(["data/tin-tuc"]) == (MAR.astimezone(VIETNAM), False)
    assert changes.of(["data/chi-so.yaml", "data/tin-tuc/2021"]) == (JAN.astimezone(VIETNAM), False)
    assert changes.of(["data/khong-co.yaml"]) == (None, False)
    drafts = Changes({"data/tin-tuc/2021/a.md": JAN, "data/tin-tuc/2021/moi.md": None})
    assert drafts.of(["data/tin-tuc"]) == (None, True) and drafts.of(["data/tin-tuc/2021/a.md"])[1] is False


def test_edit_links_open_a_file_in_the_editor_and_a_folder_in_the_browser():
    changes = Changes({"data/van-ban.yaml": JAN})
    file = describe(["data/van-ban.yaml"], changes, "https://github.com/so-khcn/website/", "main")
    assert file.edit_url == "https://github.com/so-khcn/website/edit/main/data/van-ban.yaml"
    folder = describe(["data/tin-tuc"], changes, "https://github.com/so-khcn/website", "main")
    assert folder.is_folder and folder.edit_url == "https://github.com/so-khcn/website/tree/main/data/tin-tuc"
    assert describe(["data/van-ban.yaml"], None, "", "main").edit_url is None


def test_each_page_names_the_file_an_editor_opens_first():
    site = load_site_data(TINY_DATA)
    stream = build_stream(site)
    pages = ["tin-tuc/kiem-dinh-phuong-tien-do.md", "bao-cao/2021-6-thang.md", "van-ban/index.md",
             "thong-ke/chi-so/phuong-tien-do.md", "tin-tuc/nam/2021/index.md", "index.md", "gioi-thieu.md"]
    sources = page_sources(declared_sources(site_pages(site, stream)), pages)
    assert sources["tin-tuc/kiem-dinh-phuong-tien-do.md"] == ["data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"]
    assert sources["bao-cao/2021-6-thang.md"][:2] == ["data/bao-cao/2021-6-thang.yaml", "data/so-lieu/2021-H1.yaml"]
    assert sources["van-ban/index.md"][0] == "data/van-ban.yaml"
    # issue 13: a page of figures names the files that hold them, the latest period first, then the catalogue
    assert sources["thong-ke/chi-so/phuong-tien-do.md"] == ["data/so-lieu/2021-H1.yaml", "data/so-lieu/2020.yaml",
                                                           "data/so-lieu/2020-H1.yaml", "data/chi-so.yaml"]
    assert sources["tin-tuc/nam/2021/index.md"][0] == "data/tin-tuc"
    assert sources["gioi-thieu.md"] == ["docs/gioi-thieu.md"]


def test_a_page_of_figures_names_the_values_files_and_counts_the_others():
    site = load_site_data(TINY_DATA)
    sources = declared_sources(site_pages(site))
    for page in ("thong-ke/index.md", "thong-ke/linh-vuc/do-luong.md"):
        assert sources[page][0] == "data/so-lieu/2021-H1.yaml", page
        assert "data/so-lieu" not in sources[page] and "data/chi-so.yaml" in sources[page]
    overview = sources["thong-ke/index.md"]
    assert "data/so-lieu/2020-H1.yaml" in overview  # the same half-year a year before: the change shown
    assert "data/so-lieu/2020-H2.yaml" not in overview  # no figure of it on the overview
    changes = Changes({"data/so-lieu/2021-H1.yaml": JAN, "data/so-lieu/2020.yaml": MAR, "data/chi-so.yaml": JAN})
    line = describe(["data/so-lieu/2021-H1.yaml", "data/so-lieu/2020.yaml", "data/chi-so.yaml"], changes, "", "main")
    assert (line.path, line.others_text, line.changed) == ("data/so-lieu/2021-H1.yaml", "và 2 tệp khác",
                                                           MAR.astimezone(VIETNAM))
    assert describe(["data/tin-tuc", "data/bao-cao", "data/chuyen-muc.yaml"], None, "", "main").others_text == \
        "và 1 tệp, 1 thư mục khác"
    assert describe(["data/van-ban.yaml"], None, "", "main").others_text == ""


def _source_line(site: Path, page: str) -> BeautifulSoup:
    html = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    return html.select_one("aside.tq-source")


def test_pages_show_their_last_commit_and_drafts_say_so(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "Dữ liệu", when=JAN)
    bulletin = project / "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"
    bulletin.write_text(bulletin.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Sửa bài", when=MAR)
    assert run_build(project).returncode == 0
    line = _source_line(project / "site", "tin-tuc/kiem-dinh-phuong-tien-do")
    assert line.find("time")["datetime"] == "2026-03-10T03:30:00+07:00" and line.find("time").text == "10/03/2026"
    assert line.find("code").text == "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"
    assert _source_line(project / "site", "tin-tuc/thong-bao-de-xuat-nhiem-vu").find("time").text == "05/01/2026"
    assert _source_line(project / "site", "tin-tuc").find("time").text == "10/03/2026"  # the list changed too

    first = (project / "site/tin-tuc/kiem-dinh-phuong-tien-do/index.html").read_bytes()
    assert run_build(project).returncode == 0
    assert (project / "site/tin-tuc/kiem-dinh-phuong-tien-do/index.html").read_bytes() == first  # same commit

    bulletin.write_text(bulletin.read_text(encoding="utf-8") + "\nChưa lưu.\n", encoding="utf-8")
    assert run_build(project).returncode == 0
    assert "Bản nháp" in _source_line(project / "site", "tin-tuc/kiem-dinh-phuong-tien-do").text
    assert _source_line(project / "site", "tin-tuc/thong-bao-de-xuat-nhiem-vu").find("time").text == "05/01/2026"


def test_with_a_repository_address_the_file_is_a_link_to_its_editor(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    env_file = project / "mkdocs.yml"
    text = env_file.read_text(encoding="utf-8").replace('!ENV [REPO_URL, ""]', '"https://github.com/so-khcn/website"')
    env_file.write_text(text, encoding="utf-8")
    assert run_build(project).returncode == 0
    link = _source_line(project / "site", "bao-cao/2021-6-thang").find("a")
    assert link["href"] == "https://github.com/so-khcn/website/edit/main/data/bao-cao/2021-6-thang.yaml"
    assert _source_line(project / "site", "bao-cao/2021-6-thang").find("time") is None  # not under git: no date
    indicator = _source_line(project / "site", "thong-ke/chi-so/phuong-tien-do")  # issue 13: the values files
    assert indicator.find("a")["href"] == "https://github.com/so-khcn/website/edit/main/data/so-lieu/2021-H1.yaml"
    assert " ".join(indicator.text.split()) == "Nội dung: data/so-lieu/2021-H1.yaml và 3 tệp khác"
