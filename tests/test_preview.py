"""The preview (`make serve`, khcn/preview) serves exactly what a full build makes of the same files.

One preview of a copy of the tiny fixture; after each kind of edit (a bulletin's text, its title, a values file, a
report, a template of ours, a theme template, a style sheet, mkdocs.yml) every file of a full build of the same files
(scripts/build_site.py, same SOURCE_DATE_EPOCH and KHCN_TODAY) is asked of the preview and compared byte for byte,
less the snippet the preview adds to a page (its live reload). Then bad data: the message in every page, escaped, the
last good pages still served; the data mended: the banner gone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TINY_DATA, edit, make_project, run_build
from previewing import fetch, page_text, preview, sync, without_snippet

BULLETIN = "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"
PAGE = "tin-tuc/kiem-dinh-phuong-tien-do/"

EDITS = [  # (what is edited, file, old text, new text)
    ("a bulletin's text", BULLETIN, "Kiểm định tại chỗ", "Kiểm định lưu động"),
    ("a bulletin's title", BULLETIN, 'tieu_de: "Kiểm định phương tiện đo', 'tieu_de: "Kiểm tra phương tiện đo'),
    ("a values file", "data/so-lieu/2021-H1.yaml", "gia_tri: 1234\n", "gia_tri: 1235\n"),
    ("a values file's part", "data/so-lieu/2021-H1.yaml", "cot-do: 1226", "cot-do: 1227"),
    ("a report", "data/bao-cao/2021-6-thang.yaml", "tieu_de: Kết quả 6 tháng đầu năm 2021",
     "tieu_de: Kết quả sáu tháng đầu năm 2021"),
    ("a template of ours", "hooks/khcn/templates/stream_meta.html.j2", "phút đọc", "phút để đọc"),
    ("a theme template", "overrides/partials/copyright.html", "Chịu trách nhiệm:", "Người chịu trách nhiệm:"),
    ("a style sheet", "docs/assets/site.css", ".md-banner .tq-interruption { margin: 0;",
     ".md-banner .tq-interruption { margin: 0 0 .1rem;"),
    ("mkdocs.yml", "mkdocs.yml", "site_description: >-\n", "site_description: >-\n  Xem trước:\n"),
]


@pytest.fixture(scope="module", params=[0, 50], ids=["pages made when asked for", "pages made at once"])
def served(request, tmp_path_factory):
    """The preview as on a large site (every changed page made when asked for) and as on a small one."""
    project = make_project(tmp_path_factory.mktemp("preview") / "project", TINY_DATA)
    with preview(project, eager_pages=request.param) as url:
        yield project, url


def _same_as_full_build(project: Path, url: str, site: Path, full_build_ok: bool = True) -> None:
    result = run_build(project, site)
    if not full_build_ok:  # an edit half made (a sum and not yet its parts): the preview says what the build says
        assert result.returncode != 0 and sync(url)["error"]
        return
    assert result.returncode == 0, result.stdout + result.stderr
    assert sync(url)["error"] is None
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert any(name.startswith("pagefind/") for name in files) and "sitemap.xml.gz" in files
    differ = []
    for name in files:
        status, body = fetch(url + name)
        if status != 200 or without_snippet(body, name) != (site / name).read_bytes():
            differ.append(f"{name} ({status})")
    assert not differ, f"{len(differ)} of {len(files)} files differ from the full build: {differ[:10]}"


def test_the_preview_equals_a_full_build_before_any_edit(served, tmp_path):
    project, url = served
    _same_as_full_build(project, url, tmp_path / "site")


@pytest.mark.parametrize(("kind", "path", "old", "new"), EDITS, ids=[e[0] for e in EDITS])
def test_after_each_kind_of_edit_the_preview_equals_a_full_build(served, tmp_path, kind, path, old, new):
    project, url = served
    before = page_text(url + PAGE)
    edit(project / path, old, new)
    _same_as_full_build(project, url, tmp_path / "site", full_build_ok=kind != "a values file")
    if path.startswith(("data/tin-tuc", "hooks/", "overrides/")) or kind == "a values file's part":
        assert page_text(url + PAGE) != before, f"{kind}: the page did not follow"


def test_bad_data_shows_the_message_in_every_page_and_keeps_the_last_good_pages(served):
    project, url = served
    good = without_snippet(fetch(url + PAGE)[1], "index.html")
    values = project / "data/so-lieu/2021-H1.yaml"
    text = values.read_text(encoding="utf-8")
    edit(values, "gia_tri: 1235", 'gia_tri: "<b>một nghìn</b>"')
    try:
        state = sync(url)
        assert state["error"] and "2021-H1.yaml" in state["error"]
        for page in (PAGE, "", "thong-ke/"):
            status, body = fetch(url + page)
            html = body.decode("utf-8")
            assert status == 200 and "Bản xem trước chưa cập nhật được" in html and "2021-H1.yaml" in html, page
            assert "&lt;b&gt;một nghìn&lt;/b&gt;" in html and "<b>một nghìn</b>" not in html, page
        assert without_snippet(fetch(url + PAGE)[1], "index.html") == good  # the last good page, unchanged
    finally:
        values.write_text(text, encoding="utf-8")
    assert sync(url)["error"] is None
    assert "Bản xem trước chưa cập nhật được" not in page_text(url + PAGE)


def test_a_template_of_ours_that_fails_is_told_and_the_last_good_pages_stay(served):
    """A template's error stops the preview's build as it stops a full one, though the preview makes a bulletin's
    Markdown only when the page is read (khcn/rendering.py `render_later`): no page in the navigation uses it."""
    project, url = served
    good = without_snippet(fetch(url + PAGE)[1], "index.html")
    template = project / "hooks/khcn/templates/bulletin.md.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("# {{ entry.title }}", "# {{ entry.title }} {{ khong_co_ten_nay }}", 1),
                        encoding="utf-8")
    try:
        state = sync(url)
        assert state["error"] and "khong_co_ten_nay" in state["error"]
        assert without_snippet(fetch(url + PAGE)[1], "index.html") == good
        assert "khong_co_ten_nay" in page_text(url + PAGE)  # the banner
    finally:
        template.write_text(text, encoding="utf-8")
    assert sync(url)["error"] is None
