"""Issue 12c: what a department's website must publish (the access-to-information page, `make checklist`), the
feedback link, the planned-interruption banner counted in working days, and the metadata (Dublin Core, JSON-LD)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, edit, make_project, run_build
from khcn import build
from khcn.core.errors import DataErrors
from khcn.core.workdays import banner_shows, days_off, notice_deadline, working_days_between
from khcn.data.dataset import load_site_data
from khcn.publish.metadata import script_json
from sitecheck import soup

TET_2021 = days_off([(date(2021, 2, 10), date(2021, 2, 16))])
NATIONAL_DAY_2021 = days_off([(date(2021, 9, 2), date(2021, 9, 3))])


# --- working days ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("start, holidays, deadline", [
    (date(2021, 10, 11), frozenset(), date(2021, 9, 30)),  # a Monday: two weekends back
    (date(2026, 12, 21), frozenset(), date(2026, 12, 10)),
    (date(2021, 10, 16), frozenset(), date(2021, 10, 7)),  # a Saturday start
    (date(2021, 2, 18), TET_2021, date(2021, 2, 2)),  # Tết: seven days off, then a weekend
    (date(2021, 9, 7), NATIONAL_DAY_2021, date(2021, 8, 25)),  # Quốc khánh on a Thursday and Friday
    (date(2021, 9, 7), frozenset(), date(2021, 8, 27)),  # the same start without the holidays: two days later
])
def test_the_notice_deadline_counts_seven_working_days_without_weekends_and_holidays(start, holidays, deadline):
    assert notice_deadline(start, holidays) == deadline
    assert working_days_between(deadline, start, holidays) == 7


def test_a_holiday_range_is_every_day_of_it():
    assert sorted(TET_2021) == [date(2021, 2, day) for day in range(10, 17)]
    assert days_off([(date(2021, 1, 1), None)]) == {date(2021, 1, 1)}


@pytest.mark.parametrize("today, shows", [
    (date(2021, 9, 29), False),  # the day before the deadline
    (date(2021, 9, 30), True),  # 7 working days before the start
    (date(2021, 10, 11), True),  # the day it starts
    (date(2021, 10, 12), True),  # the day the site is expected back
    (date(2021, 10, 13), False),
])
def test_the_banner_shows_from_the_deadline_until_the_expected_return(today, shows):
    assert banner_shows(today, date(2021, 10, 11), date(2021, 10, 12), date(2021, 9, 27), False, frozenset()) is shows


def test_a_force_majeure_banner_shows_from_its_announcement():
    start, end, announced = date(2021, 10, 11), date(2021, 10, 12), date(2021, 10, 10)
    assert banner_shows(date(2021, 10, 10), start, end, announced, True, frozenset())
    assert not banner_shows(date(2021, 10, 13), start, end, announced, True, frozenset())


# --- the data ------------------------------------------------------------------------------------------------------

def test_a_late_notice_is_refused_unless_force_majeure(tiny_data):
    """The refusal's exact words are the golden case tests/messages/interruption-announced-too-late.yaml."""
    notice = tiny_data / "tam-ngung.yaml"
    edit(notice, "ngay_thong_bao: 27/09/2021", "ngay_thong_bao: 01/10/2021")
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False)
    [error] = caught.value.errors
    assert (error.file, error.line, error.path) == ("data/tam-ngung.yaml", 5, ("ngay_thong_bao",))
    assert "chậm nhất ngày 30/9/2021" in error.expected
    notice.write_text(notice.read_text(encoding="utf-8") + "bat_kha_khang: có\n", encoding="utf-8")
    assert load_site_data(tiny_data, check_history=False).interruption.force_majeure


def test_the_interruption_and_holidays_are_optional(tiny_data):
    (tiny_data / "tam-ngung.yaml").unlink()
    (tiny_data / "ngay-nghi.yaml").unlink()
    site = load_site_data(tiny_data, check_history=False)
    assert site.interruption is None and site.holidays is None


def test_the_build_day_comes_from_khcn_today_or_the_date_in_vietnam(monkeypatch):
    monkeypatch.setenv(build.TODAY, "2021-10-01")
    assert build.today() == date(2021, 10, 1)
    monkeypatch.setenv(build.TODAY, "01/10/2021")
    with pytest.raises(build.BuildSettingError, match="KHCN_TODAY = `01/10/2021` không phải một ngày"):
        build.today()
    monkeypatch.delenv(build.TODAY)
    assert abs((build.today() - date.today()).days) <= 1


def test_script_json_cannot_close_its_element():
    text = script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


# --- the built sites -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny fixture built on 01/10/2021, inside its interruption's notice period; a bulletin's title holds the
    characters that would break out of the JSON-LD if they were written as they are (markup itself is refused at
    validation, khcn.data.markup; script_json's own test above tries `</script>`)."""
    from conftest import TINY_DATA

    root = tmp_path_factory.mktemp("disclosure")
    project = make_project(root / "project", TINY_DATA)
    edit(project / "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md", "tieu_de: ", "tieu_de: a < /script > & b > c ")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.name != "404.html")


def json_ld(page) -> dict:
    [script] = page.select('script[type="application/ld+json"]')
    graph = json.loads(script.string)["@graph"]
    return {node["@type"]: node for node in graph}


def dublin_core(page) -> dict:
    return {tag["name"]: tag["content"] for tag in page.select('meta[name^="DC."]')}


def test_every_page_has_the_banner_the_footer_links_and_metadata(tiny_site):
    for path in html_pages(tiny_site):
        page = soup(path)
        banner = page.select_one(".md-banner .tq-interruption")
        assert banner is not None, path
        assert "từ 22:00 ngày 11/10/2021 đến 06:00 ngày 12/10/2021" in banner.get_text()
        assert '<vanphong@thu-nghiem.example.vn> & "Văn phòng"' in banner.get_text()  # escaped, shown as typed
        links = {a.get_text(): a["href"] for a in page.select(".tq-footer__links a")}
        assert links["Góp ý, đánh giá mức độ hài lòng"] == "https://thu-nghiem.example.vn/gop-y"
        here = path.parent.relative_to(tiny_site).as_posix()
        assert links["Tiếp cận thông tin"] == ("./" if here == "tiep-can-thong-tin" else
                                               "../" * (here.count("/") + 1) * (here != ".") + "tiep-can-thong-tin/")
        organisation = json_ld(page)["GovernmentOrganization"]
        assert organisation["name"] == "Sở Thử Nghiệm tỉnh Thử Nghiệm" and organisation["telephone"]
        core = dublin_core(page)
        assert {"DC.title", "DC.creator", "DC.publisher", "DC.language", "DC.identifier", "DC.type"} <= set(core)
        assert core["DC.language"] == "vi" and core["DC.publisher"] == "Sở Thử Nghiệm tỉnh Thử Nghiệm"


@pytest.mark.parametrize("path, kind, required", [
    ("bao-cao/2021-6-thang/index.html", "Report", {"headline", "datePublished", "author", "publisher", "url"}),
    ("tin-tuc/kiem-dinh-phuong-tien-do/index.html", "NewsArticle",
     {"headline", "datePublished", "author", "publisher", "mainEntityOfPage"}),
    ("thong-ke/index.html", "Dataset", {"name", "description", "distribution", "creator", "url"}),
    ("thong-ke/chi-so/phuong-tien-do/index.html", "Dataset", {"name", "description", "distribution"}),
    ("de-tai-du-an/index.html", "Dataset", {"name", "description", "distribution"}),
    ("tiep-can-thong-tin/index.html", "WebPage", {"name", "url", "publisher", "inLanguage"}),
    ("index.html", "WebPage", {"name", "url", "publisher"}),
])
def test_each_page_type_describes_itself_in_json_ld(tiny_site, path, kind, required):
    page = soup(tiny_site / path)
    node = json_ld(page)[kind]
    assert required <= set(node), required - set(node)
    assert node["publisher"] == {"@id": json_ld(page)["GovernmentOrganization"]["@id"]}
    if kind == "Dataset":
        assert all(d["contentUrl"].startswith("https://") and d["encodingFormat"] for d in node["distribution"])
    assert dublin_core(page)["DC.type"] == ("Dataset" if kind == "Dataset" else "Text")


def test_a_title_cannot_break_out_of_the_json_ld(tiny_site):
    raw = (tiny_site / "tin-tuc/kiem-dinh-phuong-tien-do/index.html").read_text(encoding="utf-8")
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script
    article = json.loads(script)["@graph"][1]
    assert article["headline"].startswith("a < /script > & b > c ")
    assert "a < /script >" not in raw  # nowhere in the page unescaped


def test_the_access_page_lists_what_is_published_and_the_contact_point(tiny_site):
    page = soup(tiny_site / "tiep-can-thong-tin/index.html")
    rows = {row.th.get_text(): row for row in page.select("table.tq-access tbody tr")}
    assert list(rows) == ["Văn bản quy phạm pháp luật, văn bản hành chính có giá trị áp dụng chung, thủ tục hành chính",
                          "Chiến lược, chương trình, dự án, đề án, kế hoạch",
                          "Dự toán, quyết toán ngân sách nhà nước", "Đầu tư công, mua sắm công, đấu thầu",
                          "Báo cáo công tác định kỳ, báo cáo tài chính năm", "Thông tin thống kê về ngành, lĩnh vực",
                          "Tuyển dụng cán bộ, công chức, viên chức",
                          "Danh mục và kết quả chương trình, đề tài, dự án khoa học và công nghệ"]
    reports = rows["Báo cáo công tác định kỳ, báo cáo tài chính năm"]
    assert reports.a["href"] == "../bao-cao/" and reports.time["datetime"] == "2021-10-01"
    contact = page.find(id="dau-moi").find_next("ul").get_text()
    assert "(0200) 1234568" in contact and "vanphong@thu-nghiem.example.vn" in contact


def test_no_banner_before_the_notice_period(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    assert run_build(project, today="2021-09-29").returncode == 0
    assert soup(project / "site/index.html").select_one(".md-banner") is None


def test_a_wrong_build_day_stops_the_build_with_a_message(tmp_path, tiny_data):
    project = make_project(tmp_path / "project", tiny_data)
    result = run_build(project, today="hôm nay")
    assert result.returncode == 1
    assert "KHCN_TODAY = `hôm nay` không phải một ngày" in result.stderr and "Traceback" not in result.stderr


def test_the_default_site_has_no_feedback_link_and_no_contact_point(default_site):
    home = soup(default_site / "index.html")
    assert [a.get_text() for a in home.select(".tq-footer__links a")] == ["Tiếp cận thông tin"]
    assert home.select_one(".md-banner") is None
    access = soup(default_site / "tiep-can-thong-tin/index.html")
    assert access.find(id="dau-moi") is None
    assert "Văn bản" in access.select_one("table.tq-access").get_text()


# --- make checklist ------------------------------------------------------------------------------------------------

def checklist(project: Path, strict: str = "") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(project), "STRICT": strict}
    return subprocess.run([sys.executable, str(ROOT / "scripts/checklist.py"), "--project", str(project)],
                          capture_output=True, text=True, env=env, cwd=project)


def test_checklist_of_the_default_data_lists_what_is_missing_with_the_file_to_fill():
    result = checklist(ROOT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "✔ Thông tin thống kê về ngành, lĩnh vực\n" in out and "đăng tại: Thống kê (/thong-ke/)" in out
    for missing, fill in [("Góp ý, đánh giá sự hài lòng trực tuyến", "data/to-chuc.yaml (trường `kenh_gop_y`)"),
                          ("Danh mục thông tin phải công khai; đầu mối tiếp nhận yêu cầu cung cấp thông tin",
                           "data/to-chuc.yaml (trường `dau_moi_cung_cap_thong_tin`)"),
                          ("Thông báo tạm ngừng hoạt động trước 7 ngày làm việc", "data/ngay-nghi.yaml"),
                          ("Tuyển dụng cán bộ, công chức, viên chức", "data/tin-tuc"),
                          ("Thủ tục hành chính, dịch vụ công trực tuyến", "data/thu-tuc.yaml"),
                          ("Tóm lược lịch sử hình thành và phát triển", "data/gioi-thieu.yaml")]:
        block = out.split(f"✘ {missing}\n", 1)[1].split("\n✔")[0].split("\n✘")[0]
        assert f"cần điền: {fill}" in block, missing
    strict = checklist(ROOT, strict="1")
    assert strict.returncode == 1 and "Còn thiếu" in strict.stderr


def test_checklist_of_the_tiny_department_has_every_item_of_this_part(tmp_path, tiny_data):
    result = checklist(tiny_data.parent)
    assert result.returncode == 0, result.stderr
    for item in ["Danh mục thông tin phải công khai; đầu mối tiếp nhận yêu cầu cung cấp thông tin",
                 "Góp ý, đánh giá sự hài lòng trực tuyến", "Thông báo tạm ngừng hoạt động trước 7 ngày làm việc",
                 "Danh mục và kết quả chương trình, đề tài, dự án khoa học và công nghệ",
                 "Báo cáo công tác định kỳ, báo cáo tài chính năm"]:
        assert f"✔ {item}\n" in result.stdout, item


def test_checklist_of_bad_data_prints_the_editors_messages(tiny_data):
    edit(tiny_data / "tam-ngung.yaml", "ngay_thong_bao: 27/09/2021", "ngay_thong_bao: 01/10/2021")
    result = checklist(tiny_data.parent)
    assert result.returncode == 1 and "data/tam-ngung.yaml:5" in result.stderr and "Traceback" not in result.stderr


def test_make_passes_strict_through_the_environment():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nchecklist:", 1)[1].split("\n\n", 1)[0]
    assert "$(PY) scripts/checklist.py" in recipe and "STRICT" not in recipe.split("\n", 1)[1]
    assert os.environ.get("STRICT") in (None, "")  # (tests run without it)
