"""`make bulletin TITLE="…"`: a new bulletin file with its address, the date and time, and its front matter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data

SCRIPT = ROOT / "scripts" / "new_bulletin.py"


def scaffold(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--data-dir", str(data), "--now", "25/11/2026 08:30", *args],
                          capture_output=True, text=True, env={**os.environ, **env})


def test_a_new_bulletin_has_its_address_date_and_front_matter(tiny_data):
    result = scaffold(tiny_data, AUTHOR="Lê Thúy Phượng", CATEGORY="thong-bao",
                      TITLE='Thông báo "khẩn": Hội đồng đánh giá đề tài Đồng Văn')
    assert result.returncode == 0, result.stderr
    path = tiny_data / "tin-tuc/2026/thong-bao-khan-hoi-dong-danh-gia-de-tai-dong-van.md"
    assert f"Đã tạo data/{path.relative_to(tiny_data).as_posix()}" in result.stdout
    with path.open("a", encoding="utf-8") as file:
        file.write("Hội đồng họp ngày 01/12/2026.\n")
    [bulletin] = [b for b in load_site_data(tiny_data).bulletins if b.slug.startswith("thong-bao-khan")]
    meta = bulletin.meta
    assert meta.title == 'Thông báo "khẩn": Hội đồng đánh giá đề tài Đồng Văn'
    assert meta.published.isoformat() == "2026-11-25T08:30:00+07:00"
    assert (meta.authors, meta.category) == (("Lê Thúy Phượng",), "thong-bao")


def test_a_bulletin_left_empty_does_not_publish(tiny_data):
    assert scaffold(tiny_data, TITLE="Bài chưa viết").returncode == 0
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data)
    assert "data/tin-tuc/2026/bai-chua-viet.md" in str(caught.value) and "bài chưa có nội dung" in str(caught.value)


@pytest.mark.parametrize("env, words", [
    ({"TITLE": "Kiểm định phương tiện đo"}, "đã dùng cho data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"),
    ({"TITLE": "Trang"}, "trang danh sách tin"),
    ({"TITLE": "Bài mới", "CATEGORY": "su-kien"}, "Chuyên mục `su-kien` chưa có"),
    ({"TITLE": "  "}, "Thiếu tiêu đề"),
    ({"TITLE": "Bài mới", "SLUG": "Bai Moi"}, "không hợp lệ"),
])
def test_refusals_write_nothing(tiny_data, env, words):
    before = sorted(p.as_posix() for p in tiny_data.rglob("*"))
    result = scaffold(tiny_data, **env)
    assert result.returncode == 1 and words in result.stderr
    assert sorted(p.as_posix() for p in tiny_data.rglob("*")) == before


def test_make_passes_the_title_through_the_environment():
    dry = subprocess.run(["make", "-n", "bulletin", 'TITLE=Hội thảo "A" & B'], cwd=ROOT, capture_output=True, text=True)
    assert "scripts/new_bulletin.py" in dry.stdout and "Hội thảo" not in dry.stdout  # not pasted into a shell line
