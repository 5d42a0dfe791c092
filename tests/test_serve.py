"""`make serve`: the preview follows a saved data file, bulletin or template (tests/test_preview.py: byte for byte)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import TINY_DATA, make_project, run_build
from previewing import fetch, page_text, preview, sync, without_snippet

PAGE = "tin-tuc/kiem-dinh-phuong-tien-do/"


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    """The page as a browser asks for it, until it shows `text`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = page_text(url)
        if text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared at {url}")


@pytest.fixture
def served(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    with preview(project) as url:
        yield project, url


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_saving_a_bulletin_a_values_file_and_a_template_rebuilds_the_preview(served):
    project, url = served
    _wait_for(url + PAGE, "Kiểm định phương tiện đo")
    _replace(project / "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md", "Kiểm định tại chỗ", "Kiểm định lưu động")
    _wait_for(url + PAGE, "Kiểm định lưu động")
    _replace(project / "data/so-lieu/2021-H1.yaml", "gia_tri: 1234", "gia_tri: 1235")
    _replace(project / "data/so-lieu/2021-H1.yaml", "cot-do: 1226", "cot-do: 1227")
    _wait_for(url + PAGE, "đã kiểm định 1.235 phương tiện đo")
    _replace(project / "hooks/khcn/templates/stream_meta.html.j2", "phút đọc", "phút để đọc")
    _wait_for(url + PAGE, "phút để đọc")


def test_the_preview_runs_with_properdocs_too(tmp_path):
    """ENGINE=properdocs: its modules stand for MkDocs' (as its own command arranges); the pages of its full build."""
    project = make_project(tmp_path / "project", TINY_DATA)
    result = run_build(project, tmp_path / "site", engine="properdocs")
    assert result.returncode == 0, result.stderr
    with preview(project, engine="properdocs") as url:
        assert sync(url)["error"] is None
        for page in (PAGE + "index.html", "index.html", "thong-ke/index.html"):
            assert without_snippet(fetch(url + page)[1], page) == (tmp_path / "site" / page).read_bytes(), page


@pytest.mark.browser
def test_an_open_page_reloads_by_itself_and_shows_the_banner_then_loses_it(served, browser):
    """What the editor sees: the page open in Chromium follows a saved file with no click (the live reload script),
    bad data puts the message on it, mending the data takes it away."""
    project, url = served
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    try:
        page.goto(url + PAGE)
        bulletin = project / "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"
        _replace(bulletin, "Kiểm định tại chỗ", "Kiểm định lưu động")
        page.wait_for_function("document.body.innerText.includes('Kiểm định lưu động')", timeout=30_000)
        values = project / "data/so-lieu/2021-H1.yaml"
        _replace(values, "gia_tri: 1234", "gia_tri: <b>abc</b>")
        banner = page.locator(".khcn-xem-truoc-loi")
        banner.wait_for(timeout=30_000)
        assert "Bản xem trước chưa cập nhật được" in banner.inner_text() and "2021-H1.yaml" in banner.inner_text()
        assert "Kiểm định lưu động" in page.inner_text("body")  # the last good page, under the banner
        _replace(values, "gia_tri: <b>abc</b>", "gia_tri: 1234")
        banner.wait_for(state="detached", timeout=30_000)
        assert hosts == {url.split("/")[2]}  # nothing from another host
    finally:
        context.close()
