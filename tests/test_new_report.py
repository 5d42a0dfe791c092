"""`make report KY=…` (issue 13): a new report for a period lists, as `{{mã}}` references, every indicator with a
value in that period; a period without a values file, or with a report already, is refused in Vietnamese."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TINY_DATA, edit, make_project
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from test_make_recipes import MARK, PAYLOADS


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = make_project(tmp_path / "project", TINY_DATA)
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, folder / name)
    shutil.copytree(ROOT / "scripts", folder / "scripts", ignore=shutil.ignore_patterns("node", "__pycache__"))
    (folder / ".venv").symlink_to((ROOT / ".venv").resolve(), target_is_directory=True)
    return folder


def _make(project: Path, *args: str) -> subprocess.CompletedProcess:
    stamp = subprocess.run("cat requirements.txt | cksum | cut -d' ' -f1", shell=True, cwd=project, text=True,
                           capture_output=True, check=True).stdout.strip()
    env = {"PATH": os.environ["PATH"], "HOME": str(project)}
    return subprocess.run(["make", "--no-print-directory", "-o", f".venv/.installed-{stamp}", *args], cwd=project,
                          env=env, capture_output=True, text=True, timeout=120)


def _reports(project: Path) -> set[str]:
    return {path.name for path in (project / "data" / "bao-cao").glob("*.yaml")}


def test_a_new_report_lists_the_indicators_with_values(project):
    before = _reports(project)
    result = _make(project, "report", "KY=2020-H2")
    assert result.returncode == 0, result.stderr
    [name] = _reports(project) - before
    assert name == "6-thang-cuoi-nam-2020.yaml" and f"data/bao-cao/{name}" in result.stdout
    path = project / "data" / "bao-cao" / name
    text = path.read_text(encoding="utf-8")
    values = yaml.safe_load((project / "data" / "so-lieu" / "2020-H2.yaml").read_text(encoding="utf-8"))
    for code, value in values.items():
        figure = value.get("gia_tri") if isinstance(value, dict) else value
        assert (f"{{{{{code}}}}}" in text) == (figure not in (None, "-")), code
        for part in (value.get("thanh_phan") or {}) if isinstance(value, dict) else {}:
            assert f"{{{{{code}.{part}}}}}" in text
    report = yaml.safe_load(text)
    assert report["ky"] == "2020-H2" and "2020" in report["tieu_de"]
    # what the editor still has to write is named by the check, not filled in with words that would be published
    with pytest.raises(DataErrors) as caught:
        load_site_data(project / "data", check_history=False)
    assert {error.path for error in caught.value.errors} == {("tac_gia",), ("mo_dau",)}
    edit(path, "# tac_gia: Họ và tên", "tac_gia: Trần Thị B")
    edit(path, "# mo_dau: |\n#   Đoạn mở đầu.", "mo_dau: Mở đầu.")
    site = load_site_data(project / "data", check_history=False)
    page = next(page for page in site.reports if page.file == f"data/bao-cao/{name}")
    assert page.record.period.id == "2020-H2"


def test_a_period_with_a_report_is_refused(project):
    before = {path: path.read_bytes() for path in (project / "data" / "bao-cao").glob("*.yaml")}
    result = _make(project, "report", "KY=2021-H1")
    assert result.returncode != 0
    assert "Kỳ 2021-H1 đã có báo cáo: data/bao-cao/2021-6-thang.yaml" in result.stderr
    assert {path: path.read_bytes() for path in (project / "data" / "bao-cao").glob("*.yaml")} == before


@pytest.mark.parametrize(("period", "message"), [
    ("2023-H1", "Kỳ 2023-H1 chưa có số liệu: chưa có tệp data/so-lieu/2023-H1.yaml"),
    ("2023-X", "`2023-X` không phải một kỳ"),
    ("", "Thiếu kỳ báo cáo: make report KY=2022-H1"),
])
def test_a_period_without_values_is_refused(project, period, message):
    before = _reports(project)
    result = _make(project, "report", f"KY={period}")
    assert result.returncode != 0 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and _reports(project) == before


@pytest.mark.parametrize("value", PAYLOADS)
def test_a_period_is_data(project, value):
    result = _make(project, "report", f"KY={value}")
    assert not (project / MARK).exists() and value in result.stderr, result.stderr
