"""The Makefile finds a Python 3.11 or newer by itself (issue 13): make runs with a PATH that holds only fake
python3.X scripts (each says its version, and writes down that it was asked to make .venv), and the one that makes
.venv is the newest good one; PYTHON=… still chooses; none found is said in Vietnamese."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

TOOLS = ("sh", "cat", "cksum", "cut", "git", "test", "rm", "touch", "echo", "basename")
FAKE = """#!/bin/sh
if [ "$1" = -c ]; then {answer}; fi
echo "$(basename "$0") $*" >> "$LOG"
exit 3
"""


def _run(tmp_path: Path, pythons: dict[str, str | None], *args: str) -> tuple[subprocess.CompletedProcess, str]:
    """make build in a copy of the Makefile with no .venv; `pythons`: name -> version ("3 12"), None: broken."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        if found := shutil.which(tool):
            (bin_dir / tool).symlink_to(found)
    for name, version in pythons.items():
        answer = f'echo "{version}"; exit 0' if version else "exit 1"
        (bin_dir / name).write_text(FAKE.format(answer=answer), encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    log = tmp_path / "log"
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "LOG": str(log)}
    result = subprocess.run([shutil.which("make"), "--no-print-directory", "build", *args], cwd=project, env=env,
                            capture_output=True, text=True, timeout=60)
    return result, log.read_text(encoding="utf-8") if log.exists() else ""


@pytest.mark.parametrize(("pythons", "chosen"), [
    ({"python3.13": "3 13", "python3.12": "3 12", "python3.11": "3 11", "python3": "3 10"}, "python3.13"),
    ({"python3.12": "3 12", "python3": "3 9"}, "python3.12"),
    ({"python3.13": None, "python3.11": "3 11"}, "python3.11"),  # a broken python3.13 is passed over
    ({"python3": "3 14"}, "python3"),
    ({"python3.12": "2 7", "python3": "3 11"}, "python3"),  # a name is not a version
])
def test_the_newest_good_python_makes_the_venv(tmp_path, pythons, chosen):
    result, log = _run(tmp_path, pythons)
    assert result.returncode != 0  # the fake Python makes no .venv
    assert log.splitlines() == [f"{chosen} -m venv .venv"], result.stderr


def test_python_given_still_chooses(tmp_path):
    result, log = _run(tmp_path, {"python3.13": "3 13", "python3": "3 10"}, "PYTHON=python3")
    assert log.splitlines() == ["python3 -m venv .venv"], result.stderr


@pytest.mark.parametrize("pythons", [{}, {"python3": "3 10", "python3.10": "3 10"}])
def test_no_python_is_said_in_vietnamese(tmp_path, pythons):
    result, log = _run(tmp_path, pythons)
    assert result.returncode != 0 and log == ""
    assert "Không tìm thấy Python 3.11 trở lên" in result.stderr and "HUONG-DAN.md" in result.stderr, result.stderr
