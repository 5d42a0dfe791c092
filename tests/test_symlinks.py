"""Symbolic links under data/ and docs/ are refused by name: what they point to is neither read, shown nor
published (a link in docs/anh/ to /etc/passwd was published; a refused linked data file printed its target)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import make_project, run_build
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data

SECRET = "bí-mật-không-được-lộ: root:x:0:0"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project, holding a secret in a file of each kind."""
    folder = tmp_path / "ngoai"
    folder.mkdir()
    for name in ("bi-mat.yaml", "bi-mat.md", "bi-mat.jpg"):
        (folder / name).write_text(f"{SECRET}\n", encoding="utf-8")
    return folder


def _errors(data: Path) -> DataErrors:
    with pytest.raises(DataErrors) as caught:
        load_site_data(data, check_history=False)
    return caught.value


def _assert_named_not_shown(report: str, name: str, outside: Path) -> None:
    assert f"{name}:1" in report and "symlink" in report
    assert SECRET not in report and str(outside) not in report and "bi-mat" not in report


@pytest.mark.parametrize("link, target", [
    ("so-lieu/2019-H1.yaml", "bi-mat.yaml"),
    ("to-chuc.yaml", "bi-mat.yaml"),
    ("bao-cao/bao-cao-moi.yaml", "bi-mat.yaml"),
    ("tin-tuc/2021/bai-moi.md", "bi-mat.md"),
    ("tin-tuc/2022", "."),  # a folder
])
def test_a_link_in_data_is_refused_by_name(tiny_data, outside, link, target):
    path = tiny_data / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.symlink_to(outside / target)
    caught = _errors(tiny_data)
    _assert_named_not_shown(caught.report(), f"data/{link}", outside)
    assert [e.file for e in caught.errors if e.file.startswith(f"data/{link}")] == [f"data/{link}"]


def test_a_link_pointing_inside_is_refused_too(tiny_data):
    (tiny_data / "so-lieu" / "2019-H1.yaml").symlink_to(tiny_data / "so-lieu" / "2020-H1.yaml")
    assert [e.file for e in _errors(tiny_data).errors] == ["data/so-lieu/2019-H1.yaml"]


def test_a_link_in_docs_is_refused(tiny_data, outside):
    docs = tiny_data.parent / "docs" / "anh"
    docs.mkdir(parents=True)
    (docs / "anh-moi.jpg").symlink_to(outside / "bi-mat.jpg")
    caught = _errors(tiny_data)
    _assert_named_not_shown(caught.report(), "docs/anh/anh-moi.jpg", outside)


def test_the_build_publishes_no_linked_file(tmp_path, tiny_data, outside):
    project = make_project(tmp_path / "du-an", tiny_data)
    (project / "docs" / "anh").mkdir(exist_ok=True)
    (project / "docs" / "anh" / "passwd.jpg").symlink_to(outside / "bi-mat.jpg")
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode != 0
    assert "docs/anh/passwd.jpg:1" in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not site.exists()
    shutil.rmtree(project)
