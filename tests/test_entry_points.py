"""scripts/lenh.py (issue 13): the editors' commands without `make`, for Windows, run the same scripts as the
Makefile's recipes, in the project's .venv."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TINY_DATA, make_project

_SPEC = importlib.util.spec_from_file_location("lenh", ROOT / "scripts" / "lenh.py")
entry = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(entry)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = make_project(tmp_path_factory.mktemp("entry") / "project", TINY_DATA)
    shutil.copy2(ROOT / "requirements.txt", folder / "requirements.txt")
    shutil.copytree(ROOT / "scripts", folder / "scripts", ignore=shutil.ignore_patterns("node", "__pycache__"))
    (folder / ".venv").symlink_to((ROOT / ".venv").resolve(), target_is_directory=True)
    return folder


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ["PATH"], "HOME": str(project), "KHCN_NO_INSTALL": "1"}
    return subprocess.run([sys.executable, str(project / "scripts" / "lenh.py"), *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_commands_run_the_makefiles_scripts():
    python = Path("py")
    assert entry.command_line("validate", [], python) == ["py", str(ROOT / "scripts/validate.py")]
    assert entry.command_line("report", ["2022-H1"], python) == ["py", str(ROOT / "scripts/new_report.py"),
                                                                 "--period", "2022-H1"]
    assert entry.command_line("bulletin", ["Hội thảo", "--category", "thong-bao"], python)[2:] == [
        "--title", "Hội thảo", "--category", "thong-bao"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for name, (_, target, _) in entry.COMMANDS.items():
        assert f"\n{name}: " in makefile and " ".join(target[-1:]).split("/")[-1] in makefile, name


def test_validate_and_report_without_make(project):
    result = _run(project, "validate")
    assert result.returncode == 0 and "Dữ liệu hợp lệ" in result.stdout, result.stderr
    result = _run(project, "report", "2020-H2")
    assert result.returncode == 0 and (project / "data/bao-cao/6-thang-cuoi-nam-2020.yaml").is_file(), result.stderr
    result = _run(project, "report", "2021-H1")
    assert result.returncode == 1 and "Kỳ 2021-H1 đã có báo cáo" in result.stderr


def test_an_unknown_command_is_said_in_vietnamese(project):
    result = _run(project, "xay-dung")
    assert result.returncode == 2 and "Không có lệnh `xay-dung`" in result.stderr and "validate" in result.stderr
