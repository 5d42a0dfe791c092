"""`make bench-preview`'s parts: the git history it makes for the generated bulletins, and the line each run adds to
benchmarks/history.jsonl (no preview here: tests/test_preview.py runs one)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_preview  # noqa: E402
import benchkit  # noqa: E402
import generate_bulletins as gen  # noqa: E402


def test_the_bulletins_are_committed_over_the_commits_asked_dated_as_they_are(tmp_path):
    project = tmp_path / "project"
    (project / "mkdocs.yml").parent.mkdir()
    (project / "mkdocs.yml").write_text("site_name: x\n")
    posts = gen.generate_posts(7, 1)
    gen.write_ours(posts, project / "data", gen.CATEGORIES)
    bench_preview.commit_history(project, posts, commits=3)
    log = subprocess.run(["git", "-C", str(project), "log", "--format=%cI %s"], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert len(log) == 1 + 3  # the site's files, then the bulletins in three commits
    newest = max(p.published for p in posts)
    assert log[0].startswith(newest.isoformat()) and log[-1].endswith("Trang web")
    status = subprocess.run(["git", "-C", str(project), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""  # everything committed


def test_each_run_adds_one_line_with_the_commit_the_machine_and_the_figures(tmp_path):
    history = tmp_path / "history.jsonl"
    history.write_text('{"benchmark": "bench-stats"}\n')
    benchkit.append_history("bench-preview", {"edit_s.a style sheet": 0.01}, history)
    lines = history.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[0] == '{"benchmark": "bench-stats"}'
    line = json.loads(lines[1])
    assert line["benchmark"] == "bench-preview" and line["figures"] == {"edit_s.a style sheet": 0.01}
    assert {"commit", "hooks_modified", "date", "machine"} <= set(line) and line["machine"]["nproc"] >= 1
