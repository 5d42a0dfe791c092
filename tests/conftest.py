"""Shared fixtures: a throwaway copy of the project with fixture data, and the default site built once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TINY_DATA = FIXTURES / "tiny" / "data"
SEED = FIXTURES / "seeds" / "000_a20b92412dde2aed.txt"
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")
pytest_plugins = ["browsing"]  # Chromium and the served sites, for the browser tests


def make_project(dest: Path, data: Path) -> Path:
    """A copy of the site's code and templates around `data`: builds like the real site."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=_IGNORE)
    if data != dest / "data":
        shutil.copytree(data, dest / "data")
    if (data.parent / "docs").is_dir() and data.parent != dest:  # the fixture's own site files (attachments)
        shutil.copytree(data.parent / "docs", dest / "docs", dirs_exist_ok=True, ignore=_IGNORE)
    return dest


# issue 12c: the test builds' day (KHCN_TODAY), the epoch's: the tiny fixture's interruption banner shows
BUILD_DAY = "2021-10-01"


def run_build(project: Path, site_dir: Path | None = None, epoch: str = "1633083956",
              today: str = BUILD_DAY, engine: str = "mkdocs") -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--project", str(project), "--engine", engine]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch, "HOME": str(project), "KHCN_TODAY": today}
    return subprocess.run(command, capture_output=True, text=True, env=env)


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    """An editable copy of the tiny fixture data, with its site files beside it (tmp_path/docs: attachments)."""
    return copy_tiny_data(tmp_path)


def copy_tiny_data(folder: Path) -> Path:
    """The tiny fixture's data/ copied into `folder`, with its docs/ beside it (the documents' attachments)."""
    shutil.copytree(TINY_DATA.parent / "docs", folder / "docs", dirs_exist_ok=True)
    return Path(shutil.copytree(TINY_DATA, folder / "data"))


GIT_ENV = {"GIT_AUTHOR_NAME": "Biên tập", "GIT_AUTHOR_EMAIL": "bt@example.invalid", "GIT_COMMITTER_NAME": "Biên tập",
           "GIT_COMMITTER_EMAIL": "bt@example.invalid", "PATH": "/usr/bin:/bin"}


def git(folder: Path, *args: str, when=None) -> None:
    """Run git in `folder` as an editor would; `when` (a datetime) dates the commit."""
    env = dict(GIT_ENV)
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def published(tiny_data: Path) -> Path:
    """The tiny data committed once, as if published (main is the website)."""
    git(tiny_data.parent, "init", "-q")
    git(tiny_data.parent, "add", "data")
    git(tiny_data.parent, "commit", "-qm", "Công bố")
    return tiny_data


@pytest.fixture(scope="session")
def default_site(tmp_path_factory) -> Path:
    """The real site, from the repository's data, built once per test session."""
    site = tmp_path_factory.mktemp("default") / "site"
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def tiny_built(tmp_path_factory) -> Path:
    """The tiny fixture site, as it is, built once per test session (tests only read it)."""
    project = make_project(tmp_path_factory.mktemp("tiny") / "project", TINY_DATA)
    result = run_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def assert_golden(golden: Path, actual: str) -> None:
    """`actual` equals the golden file; with UPDATE_GOLDEN=1 the file is rewritten first (review the diff)."""
    import os

    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a fixture file by `new`; a fixture that changed under a test fails loudly."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
