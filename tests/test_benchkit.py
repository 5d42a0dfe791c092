"""benchkit.append_history: one JSON line per benchmark run in benchmarks/history.jsonl, in a fixed format."""

from __future__ import annotations

import json
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from benchkit import HISTORY, append_history


def test_each_run_appends_one_line_of_the_documented_format(tmp_path):
    path = tmp_path / "history.jsonl"
    append_history("bench-x", {"ms_per_bulletin": 7.5, "peak_mb": 640}, {"count": 100}, path=path)
    append_history("bench-y", {"seconds": 1.0}, path=path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert list(first) == ["benchmark", "commit", "dirty", "date", "machine", "arguments", "figures"]
    assert first["benchmark"] == "bench-x" and second["benchmark"] == "bench-y"
    assert len(first["commit"]) == 40 and int(first["commit"], 16) >= 0
    assert isinstance(first["dirty"], bool)
    assert first["date"].endswith("+00:00") and first["date"][:2] == "20"
    machine = first["machine"]
    assert set(machine) == {"cpu", "cores", "memory_gb", "python", "load_average"}
    assert machine["cores"] >= 1 and machine["memory_gb"] > 0 and len(machine["load_average"]) == 3
    assert first["arguments"] == {"count": 100} and isinstance(second["arguments"], list)  # the command line
    assert first["figures"] == {"ms_per_bulletin": 7.5, "peak_mb": 640}


def test_the_kept_history_is_one_json_object_per_line():
    if not HISTORY.exists():
        return
    for number, line in enumerate(HISTORY.read_text(encoding="utf-8").splitlines(), 1):
        entry = json.loads(line)
        assert {"benchmark", "commit", "dirty", "date", "machine", "figures"} <= set(entry), f"line {number}"


def test_a_generated_project_gets_a_history_its_pages_are_dated_by(tmp_path):
    from datetime import UTC, datetime

    from benchkit import commit_history
    from khcn.core.history import last_changes

    project = tmp_path / "project"
    (project / "data" / "tin-tuc").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    later = []
    for day in range(1, 6):
        path = f"data/tin-tuc/bai-{day}.md"
        (project / path).write_text(f"bài {day}\n", encoding="utf-8")
        later.append((path, datetime(2024, 1, day, 8, tzinfo=UTC)))
    assert commit_history(project, later, commits=3) == 3
    dates = last_changes(project)
    assert dates["data/tin-tuc/bai-1.md"] == datetime(2024, 1, 2, 8, tzinfo=UTC)  # its batch (1, 2): the newest
    assert dates["data/tin-tuc/bai-5.md"] == datetime(2024, 1, 5, 8, tzinfo=UTC)
    assert None not in dates.values()  # nothing left uncommitted
