"""`make serve`: the preview follows a saved data file, bulletin or template (tests/test_preview.py: byte for byte)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import TINY_DATA, make_project
from previewing import page_text, preview

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
