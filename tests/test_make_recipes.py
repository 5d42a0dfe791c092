"""`make` never lets a value reach the shell as code: each variable a user gives gets values that would run a command
(a quote and `;`, `$(shell …)`, a backquote, `$(…)`), in a copy of the project; nothing runs (no marker file), and
the script sees the value as data (it quotes it back, or writes it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TINY_DATA, make_project

MARK = "pwned"
PAYLOADS = [f'x"; touch {MARK}; "', f"x'; touch {MARK}; '", f"$(shell touch {MARK})", f"`touch {MARK}`",
            f"$$(touch {MARK})x"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = make_project(tmp_path_factory.mktemp("make") / "project", TINY_DATA)
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, folder / name)
    shutil.copytree(ROOT / "scripts", folder / "scripts", ignore=shutil.ignore_patterns("node", "__pycache__"))
    (folder / ".venv").symlink_to((ROOT / ".venv").resolve(), target_is_directory=True)
    return folder


def _make(project: Path, *args: str) -> subprocess.CompletedProcess:
    stamp = subprocess.run("cat requirements.txt | cksum | cut -d' ' -f1", shell=True, cwd=project, text=True,
                           capture_output=True, check=True).stdout.strip()
    env = {"PATH": os.environ["PATH"], "HOME": str(project)}
    result = subprocess.run(["make", "--no-print-directory", "-o", f".venv/.installed-{stamp}", *args], cwd=project,
                            env=env, capture_output=True, text=True, timeout=120)
    assert not (project / MARK).exists(), f"a command ran: make {' '.join(args)}\n{result.stdout}{result.stderr}"
    return result


def _quoted_back(value: str, result: subprocess.CompletedProcess) -> None:
    assert value in result.stdout + result.stderr, result.stdout + result.stderr


@pytest.mark.parametrize("value", PAYLOADS)
def test_a_file_name_is_data(project, value):
    result = _make(project, "xlsx-import", f"FILE={value}")
    assert result.returncode != 0
    _quoted_back(f"không có tệp `{value}`", result)


@pytest.mark.parametrize("value", PAYLOADS)
def test_dry_run_is_data(project, value):
    result = _make(project, "xlsx-import", "FILE=khong-co.xlsx", f"DRY_RUN={value}")
    _quoted_back("không có tệp `khong-co.xlsx`", result)


@pytest.mark.parametrize("value", PAYLOADS)
def test_a_period_is_data(project, value):
    result = _make(project, "xlsx-template", f"PERIOD={value}")
    assert result.returncode != 0
    _quoted_back(f"gặp `{value}`", result)


@pytest.mark.parametrize("value", PAYLOADS)
def test_an_output_file_is_data(project, value):
    result = _make(project, "xlsx-template", "PERIOD=2021-H2", f"OUT={value}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / value).is_file()  # the workbook, under the very name given
    (project / value).unlink()


@pytest.mark.parametrize("value", PAYLOADS)
def test_an_engine_is_data(project, value):
    result = _make(project, "build", f"ENGINE={value}", f"SOURCE_DATE_EPOCH={value}")
    assert result.returncode != 0
    _quoted_back(value, result)


@pytest.mark.parametrize("value", PAYLOADS[:3])
def test_benchmark_arguments_are_words_not_commands(project, value):
    if not (project / "benchmarks").exists():
        shutil.copytree(ROOT / "benchmarks", project / "benchmarks", ignore=shutil.ignore_patterns("__pycache__"))
    result = _make(project, "bench-stats", f"ARGS=--khong-co {value}")
    assert result.returncode != 0
    assert "--khong-co" in result.stderr


@pytest.mark.parametrize("value", PAYLOADS)
def test_a_bulletin_title_and_author_are_data(project, value):
    before = set((project / "data" / "tin-tuc").rglob("*.md"))
    result = _make(project, "bulletin", f"TITLE=Hội thảo {value}", f"AUTHOR={value}", f"UNKNOWN_NAME={value}")
    created = set((project / "data" / "tin-tuc").rglob("*.md")) - before
    try:
        assert result.returncode == 0, result.stdout + result.stderr
        (new,) = created
        lines = new.read_text(encoding="utf-8").splitlines()
        meta = yaml.safe_load("\n".join(lines[1:lines.index("---", 1)]))
        assert meta["tieu_de"] == f"Hội thảo {value}" and meta["tac_gia"] == value
    finally:
        for path in created:
            path.unlink()


@pytest.mark.parametrize("variable", ["CATEGORY", "SLUG"])
@pytest.mark.parametrize("value", PAYLOADS)
def test_a_bulletin_category_and_slug_are_data(project, variable, value):
    result = _make(project, "bulletin", "TITLE=Hội thảo", f"{variable}={value}")
    assert result.returncode != 0
    _quoted_back(value, result)


def test_generate_writes_into_the_folder_named(project):
    value = PAYLOADS[0]
    result = _make(project, "generate", f"OUT={value}")
    assert (project / value / "mkdocs.yml").is_file(), result.stdout + result.stderr
