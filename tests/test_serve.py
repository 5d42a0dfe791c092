"""`make serve`: the preview rebuilds when an editor saves a data file, a bulletin or a template."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import TINY_DATA, make_project

PAGE = "tin-tuc/kiem-dinh-phuong-tien-do/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _fetch(url)
        if text in page:
            return page
        time.sleep(0.5)
    raise AssertionError(f"{text!r} never appeared at {url}")


@pytest.fixture
def preview(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1633083956"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(1.1)  # a later modification time than the build's
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_saving_a_bulletin_a_values_file_and_a_template_rebuilds_the_preview(preview):
    project, url = preview
    _wait_for(url + PAGE, "Kiểm định phương tiện đo")
    _replace(project / "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md", "Kiểm định tại chỗ", "Kiểm định lưu động")
    _wait_for(url + PAGE, "Kiểm định lưu động")
    _replace(project / "data/so-lieu/2021-H1.yaml", "gia_tri: 1234", "gia_tri: 1235")
    _replace(project / "data/so-lieu/2021-H1.yaml", "cot-do: 1226", "cot-do: 1227")
    _wait_for(url + PAGE, "đã kiểm định 1.235 phương tiện đo")
    _replace(project / "hooks/khcn/templates/stream_meta.html.j2", "phút đọc", "phút để đọc")
    _wait_for(url + PAGE, "phút để đọc")
