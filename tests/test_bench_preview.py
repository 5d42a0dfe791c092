"""`make bench-preview`'s project: the generated bulletins in a git repository with real history (the line each run
adds to benchmarks/history.jsonl is tested in tests/test_benchkit.py; a preview runs in tests/test_preview.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_preview  # noqa: E402


def test_the_bulletins_are_committed_over_the_commits_asked_dated_as_they_are(tmp_path):
    project, posts = bench_preview.make_project(tmp_path, count=7, commits=3, seed=1)
    log = subprocess.run(["git", "-C", str(project), "log", "--format=%cI %s"], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert len(log) == 3  # the site's files, then the bulletins over the two other commits
    newest = max(p.published for p in posts)
    assert log[0].startswith(newest.isoformat())
    status = subprocess.run(["git", "-C", str(project), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""  # everything committed
