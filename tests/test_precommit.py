"""The checks before each commit (.pre-commit-config.yaml, .yamllint.yaml): a valid configuration of local hooks only,
yamllint that accepts every data file we have and refuses the editors' usual traps, and pre-commit itself running the
hooks offline in a throwaway git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".pre-commit-config.yaml"
YAMLLINT = ROOT / ".yamllint.yaml"
DATA_YAML = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests/fixtures/tiny/data").rglob("*.yaml"))


def _yamllint(*paths: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "yamllint", "-c", str(YAMLLINT), "--strict", "-f", "parsable",
                           *map(str, paths)], capture_output=True, text=True, cwd=cwd)


def test_the_configuration_is_valid_for_pre_commit():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(CONFIG)],
                            capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_every_hook_is_local_and_runs_what_is_pinned_in_the_venv():
    """Nothing to download when the hooks are installed or run."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    assert set(hooks) == {"yamllint-data", "validate-data"}
    for hook in hooks.values():
        assert hook["language"] == "system" and hook["entry"].startswith(".venv/bin/")
    assert hooks["yamllint-data"]["entry"].split()[1:] == ["-c", ".yamllint.yaml", "--strict"]
    validate = hooks["validate-data"]
    assert validate["entry"] == ".venv/bin/python scripts/validate.py"
    assert validate["pass_filenames"] is False and validate["files"] == "^data/"


def test_yamllint_accepts_every_data_file_we_have():
    assert len(DATA_YAML) > 10
    result = _yamllint(*DATA_YAML)
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize("text, rule", [
    ("ten: Sở Khoa học và Công nghệ\nten: Sở KH&CN\n", "key-duplicates"),
    ("giay_phep:\n\tso: 25/GP-TTĐT\n", "syntax"),                     # a tab
    ("noi_bat: yes\n", "truthy"),
    ("noi_bat: no\n", "truthy"),
    ("linh_vuc:\n  - ma: a\n    ten: A\nchi_so:\n- ma: b\n  ten: B\n", "indentation"),
])
def test_yamllint_refuses_the_traps(tmp_path, text, rule):
    path = tmp_path / "trap.yaml"
    path.write_text(text, encoding="utf-8")
    result = _yamllint(path)
    assert result.returncode != 0 and f"({rule})" in result.stdout, result.stdout


def test_yamllint_allows_a_long_vietnamese_paragraph_and_no_document_start(tmp_path):
    path = tmp_path / "long.yaml"
    paragraph = " ".join(["Được sự quan tâm chỉ đạo của Tỉnh ủy, UBND tỉnh."] * 20)
    path.write_text(f"mo_dau: {paragraph}\nnoi_bat: có\n", encoding="utf-8")
    assert _yamllint(path).returncode == 0


# --- pre-commit itself, offline, in a throwaway repository ----------------------------------------------------------

BULLETIN = """---
tieu_de: "Hội thảo khoa học về chè Shan tuyết Na Hang"
ngay_dang: "25/11/2026 08:30"
chuyen_muc: tin-hoat-dong
---
Đến hết 6 tháng đầu năm 2021, tỉnh có {{san-pham-duoc-bao-ho@2021-H1}} sản phẩm được bảo hộ.
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the project's data, scripts and hook configuration, with our .venv beside it."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("data", "hooks", "scripts"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in (".pre-commit-config.yaml", ".yamllint.yaml"):
        shutil.copy2(ROOT / name, repo / name)
    (repo / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    git = ["git", "-c", "user.name=Kiểm tra", "-c", "user.email=kiem-tra@example.invalid", "-C", str(repo)]
    env = _env(tmp_path)
    for command in (["init", "-q"], ["add", "data", "hooks", "scripts", ".pre-commit-config.yaml", ".yamllint.yaml"],
                    ["commit", "-q", "-m", "dữ liệu"]):
        subprocess.run(git + command, check=True, capture_output=True, env=env)
    return repo


def _env(tmp_path: Path) -> dict[str, str]:
    """No network needed: local hooks only. pre-commit's cache in the test's folder; no git variables of a caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), HOME=str(tmp_path), NO_COLOR="1")
    return env


def _pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--color", "never", "--files", *files],
                          capture_output=True, text=True, cwd=repo, env=_env(repo.parent))


def test_pre_commit_passes_real_data_and_a_good_bulletin(repo):
    bulletin = repo / "data/tin-tuc/2026/hoi-thao-che-shan-tuyet.md"
    bulletin.parent.mkdir(parents=True)
    bulletin.write_text(BULLETIN, encoding="utf-8")
    result = _pre_commit(repo, "data/chi-so.yaml", "data/tin-tuc/2026/hoi-thao-che-shan-tuyet.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "yamllint (data/*.yaml)" in result.stdout and "Kiểm tra dữ liệu" in result.stdout


def test_pre_commit_stops_a_duplicated_key_with_both_checks(repo):
    path = repo / "data/to-chuc.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "ten: Sở KH&CN\n", encoding="utf-8")
    result = _pre_commit(repo, "data/to-chuc.yaml")
    assert result.returncode == 1
    assert "(key-duplicates)" in result.stdout
    assert "data/to-chuc.yaml:" in result.stdout and "Dữ liệu có 1 lỗi" in result.stdout


def test_pre_commit_stops_a_broken_bulletin(repo):
    """Markdown bulletins are checked by the validator: an unknown figure, with its file and line."""
    bulletin = repo / "data/tin-tuc/2026/hoi-thao-che-shan-tuyet.md"
    bulletin.parent.mkdir(parents=True)
    bulletin.write_text(BULLETIN.replace("san-pham-duoc-bao-ho@", "san-pham-khong-co@"), encoding="utf-8")
    result = _pre_commit(repo, "data/tin-tuc/2026/hoi-thao-che-shan-tuyet.md")
    assert result.returncode == 1
    assert "yamllint (data/*.yaml)" in result.stdout and "(no files to check)Skipped" in result.stdout
    assert "data/tin-tuc/2026/hoi-thao-che-shan-tuyet.md:6" in result.stdout, result.stdout


def test_an_installed_hook_refuses_a_commit_with_a_problem(repo):
    """What an editor sees after `.venv/bin/pre-commit install`: the commit stops, nothing is committed."""
    env = _env(repo.parent)
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], capture_output=True, text=True, cwd=repo,
                             env=env)
    assert install.returncode == 0, install.stdout + install.stderr
    git = ["git", "-c", "user.name=Biên tập", "-c", "user.email=bien-tap@example.invalid", "-c", "color.ui=never"]
    path = repo / "data/so-lieu/2021-H1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("taximet: 36", "taximet: 35"), encoding="utf-8")
    subprocess.run(git + ["add", "data"], cwd=repo, env=env, check=True)
    refused = subprocess.run(git + ["commit", "-m", "sửa số liệu"], capture_output=True, text=True, cwd=repo, env=env)
    said = refused.stdout + refused.stderr
    assert refused.returncode == 1 and "data/so-lieu/2021-H1.yaml:35 — " in said, said
    log = subprocess.run(git + ["log", "--oneline"], capture_output=True, text=True, cwd=repo, env=env).stdout
    assert len(log.splitlines()) == 1
