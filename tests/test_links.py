"""Links and images in editors' text (issue 13, point 1): checked when data is loaded against the pages, anchors and
files the build will make (khcn/data/dataset/links.py); what passes builds. The refusals' exact words are golden
cases in tests/messages/ (bulletin-link-*.yaml, report-link-to-missing-page.yaml)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from conftest import ROOT, TINY_DATA, edit, make_project, run_build
from khcn.build import site_pages
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from khcn.data.dataset.links import (
    BrokenLink,
    SiteAddresses,
    file_addresses,
    link_problem,
    mkdocs_broken_link,
    site_addresses,
)

BULLETIN = "tin-tuc/2021/kiem-dinh-phuong-tien-do.md"
CITATION = "theo [[12/KH-UBND]]."
# A 1×1 PNG: an image file the build copies as it is.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJ"
                       "RU5ErkJggg==")
# Pages as a browser shows their address and as their file, anchors, an attachment, an image, another site.
GOOD_LINKS = ("theo [[12/KH-UBND]], xem [số liệu](/thong-ke/chi-so/phuong-tien-do/), "
              "[bảng](/thong-ke/chi-so/phuong-tien-do.md), [kế hoạch](/van-ban/#vb-12-kh-ubnd), "
              "[sổ](/van-ban/index.md#vb-8-tb-stn), [các bài](/tin-tuc/), [trang chủ](/), "
              "[mục số liệu](/tin-tuc/kiem-dinh-phuong-tien-do/#so-lieu-qua-cac-ky), "
              "[lĩnh vực](/thong-ke/linh-vuc/do-luong/), "
              "[quyết định](/van-ban/5-2021-qd-ubnd.pdf), [Sở](https://example.invalid/), [báo cáo][tham chiếu].\n\n"
              "![Cân kiểm định tại chỗ](/anh/2021/can.png)\n\n[tham chiếu]: /bao-cao/2021-6-thang/")


def _with_image(data: Path) -> None:
    image = data.parent / "docs" / "anh" / "2021" / "can.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(PNG)


def _messages(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_site_data(data, check_history=False)
    return [str(error) for error in caught.value.errors]


@pytest.mark.parametrize("link, words", [
    ("/thong-ke/chi-so/phuong-tien/", ["kiem-dinh-phuong-tien-do.md:8", "không có trang",
                                       "có phải `/thong-ke/chi-so/phuong-tien-do/`?"]),
    ("/thong-ke/chi-so/phuong-tien.md", ["không có trang", "có phải `/thong-ke/chi-so/phuong-tien-do/`?"]),
    ("/van-ban/#vb-26-kh-ubnd", ["kiem-dinh-phuong-tien-do.md:8", "mục `#vb-26-kh-ubnd` không có trong sổ văn bản",
                                 "có phải `/van-ban/#vb-12-kh-ubnd`?"]),
    ("/van-ban/index.md#vb-26-kh-ubnd", ["mục `#vb-26-kh-ubnd`", "có phải `/van-ban/#vb-12-kh-ubnd`?"]),
    ("/anh/2021/can-kiem-dinh.png", ["kiem-dinh-phuong-tien-do.md:8", "không có tệp docs/anh/2021/can-kiem-dinh.png",
                                     "có phải `/anh/2021/can.png`?"]),
    ("/tin-tuc/kiem-dinh-phuong-tien-do/#so-lieu-qua-ky", ["mục `#so-lieu-qua-ky` không có",
                                                           "`/tin-tuc/kiem-dinh-phuong-tien-do/#so-lieu-qua-cac-ky`"]),
    ("/tin-tuc/cong-khai/", ["không có trang", "có phải `/tin-tuc/cong-khai-du-toan-ngan-sach-2021/`?"]),
])
def test_a_link_to_nothing_the_build_makes_is_refused_at_its_line(tiny_data, link, words):
    _with_image(tiny_data)
    image = link.startswith("/anh/")
    edit(tiny_data / BULLETIN, CITATION, f"theo [[12/KH-UBND]] {'!' if image else ''}[xem]({link}).")
    messages = _messages(tiny_data)
    assert len(messages) == 1, messages
    for word in words:
        assert word in messages[0]


def test_links_to_what_exists_load_and_build(tmp_path, tiny_data):
    _with_image(tiny_data)
    edit(tiny_data / BULLETIN, CITATION, GOOD_LINKS)
    edit(tiny_data / "gioi-thieu.yaml", "trên địa bàn tỉnh.", "trên địa bàn tỉnh ([liên hệ](/lien-he/)).")
    load_site_data(tiny_data, check_history=False)
    project = make_project(tmp_path / "project", tiny_data)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site/tin-tuc/kiem-dinh-phuong-tien-do/index.html").read_text(encoding="utf-8")
    for href in ("../../thong-ke/chi-so/phuong-tien-do/", "../../van-ban/#vb-12-kh-ubnd", "../../van-ban/#vb-8-tb-stn",
                 "../", "../../", "./#so-lieu-qua-cac-ky", "../../thong-ke/linh-vuc/do-luong/",
                 "../../van-ban/5-2021-qd-ubnd.pdf", "../../bao-cao/2021-6-thang/"):
        assert f'href="{href}"' in page, href
    introduction = (project / "site/gioi-thieu/index.html").read_text(encoding="utf-8")
    assert 'href="../lien-he/"' in introduction
    assert (project / "site/anh/2021/can.png").is_file()


def test_every_page_the_check_accepts_is_a_page_the_build_makes():
    """The address book and the loaded data give the pages without MkDocs; each is one the build really makes (a
    page missing from the check's set is only refused, a page too many would reach MkDocs' own check)."""
    site = load_site_data(TINY_DATA, check_history=False)
    made = {page.path for page in site_pages(site)} | {"tim-kiem.md"}  # docs/: written by hand
    known = site_addresses(Path("/nonexistent"), site.documents, site.catalogue,
                           [(report, None) for report in site.reports], site.categories, site.bulletins,
                           site.procedures, site.introduction)
    assert known.pages <= made, sorted(known.pages - made)
    # every kind of page an editor links to is known
    for page in ("van-ban/index.md", "thong-ke/chi-so/phuong-tien-do.md", "tin-tuc/kiem-dinh-phuong-tien-do.md",
                 "bao-cao/2021-6-thang.md", "thong-ke/linh-vuc/do-luong.md", "gioi-thieu/index.md"):
        assert page in known.pages


@pytest.mark.parametrize("address", ["https://example.invalid/x", "mailto:a@b.vn", "tel:0207", "#muc", "//cdn.x/y",
                                     "/van-ban/index.md", "/index.md"])
def test_addresses_the_check_lets_through(address):
    known = SiteAddresses(pages={"index.md", "van-ban/index.md"})
    assert link_problem(address, known) is None


def test_an_address_without_a_slash_is_refused_with_the_page_suggested():
    known = SiteAddresses(pages={"index.md", "van-ban/index.md"})
    found, expected = link_problem("van-ban/index.md", known)
    assert "không bắt đầu bằng /" in found and "có phải `/van-ban/`?" in expected


def test_a_browser_address_is_written_as_the_page_file_for_mkdocs():
    known = SiteAddresses(pages={"index.md", "van-ban/index.md", "tin-tuc/bai.md"},
                          anchors={"van-ban/index.md": {"vb-1"}})
    for address in ("/van-ban/#vb-1", "/tin-tuc/bai/", "/", "/van-ban/index.md"):
        assert link_problem(address, known) is None
    assert known.rewrites == {"/van-ban/#vb-1": "/van-ban/index.md#vb-1", "/tin-tuc/bai/": "/tin-tuc/bai.md",
                              "/": "/index.md"}
    text = "[a](/van-ban/#vb-1) [b](/tin-tuc/bai/ \"x\") [c](/van-ban/#vb-10) `/tin-tuc/bai/`\n[d]: /tin-tuc/bai/\n"
    assert file_addresses(text, known.rewrites) == ("[a](/van-ban/index.md#vb-1) [b](/tin-tuc/bai.md \"x\") "
                                                    "[c](/van-ban/#vb-10) `/tin-tuc/bai/`\n[d]: /tin-tuc/bai.md\n")


def test_the_guides_example_is_what_the_loader_says(tiny_data):
    """HUONG-DAN mục 2a quotes the message of a typo in an indicator's address: the words the loader says now."""
    edit(tiny_data / BULLETIN, CITATION, "theo [[12/KH-UBND]], xem [số liệu](/thong-ke/chi-so/phuong-tien/).")
    message = _messages(tiny_data)[0]
    guide = (ROOT / "HUONG-DAN.md").read_text(encoding="utf-8")
    assert f"```text\n{message}\n```" in guide.split("### 2a.")[1].split("\n### ")[0]


def test_a_link_the_check_lets_through_is_told_with_its_data_file_and_line(tmp_path, tiny_data):
    """Anchors of the statistics pages are not known to the loader: MkDocs' `strict` check stops the build, and the
    editor reads the data file, the line and what to write, in Vietnamese."""
    edit(tiny_data / BULLETIN, CITATION, "theo [[12/KH-UBND]], xem [số liệu](/thong-ke/#khong-co-muc-nay).")
    load_site_data(tiny_data, check_history=False)
    result = run_build(make_project(tmp_path / "project", tiny_data))
    assert result.returncode == 1
    assert ("data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md:8 — liên kết `/thong-ke/#khong-co-muc-nay` tới "
            "một mục `#…` mà trang đó không có; cần địa chỉ một trang của web") in result.stderr, result.stderr


def test_mkdocs_link_warnings_are_read():
    not_found = mkdocs_broken_link("WARNING -  Doc file 'tin-tuc/a.md' contains a link '/x/', but the target 'x' is "
                                   "not found among documentation files.")
    assert not_found == BrokenLink("tin-tuc/a.md", "/x/", False)
    anchor = mkdocs_broken_link("WARNING -  Doc file 'tin-tuc/a.md' contains a link '/van-ban/index.md#vb-9', but "
                                "the doc 'van-ban/index.md' does not contain an anchor '#vb-9'")
    assert anchor == BrokenLink("tin-tuc/a.md", "/van-ban/index.md#vb-9", True)
    assert mkdocs_broken_link("INFO    -  Cleaning site directory") is None
