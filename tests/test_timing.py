"""khcn/core/timing.py: the phases of a build timed under KHCN_TIMINGS, nothing measured without it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT
from khcn.core import timing


def test_without_the_variable_a_phase_is_the_function_itself(monkeypatch):
    monkeypatch.delenv(timing.ENV, raising=False)

    def work():
        return 1
    assert timing.phase("x")(work) is work


def test_a_build_process_and_its_forked_child_write_what_each_phase_cost(tmp_path):
    script = textwrap.dedent("""
        import os, sys, time
        sys.path.insert(0, sys.argv[1])
        from khcn.core import timing
        from khcn.core.background import BackgroundJob

        @timing.phase("load")
        def load():
            time.sleep(0.05)

        @timing.phase("downloads (second process)")
        def downloads():
            time.sleep(0.02)

        load(); load()
        BackgroundJob(downloads).wait()
    """)
    target = tmp_path / "timings.jsonl"
    env = {"PATH": "/usr/bin:/bin", timing.ENV: str(target)}
    subprocess.run([sys.executable, "-c", script, str(ROOT / "hooks")], check=True, env=env)
    found = timing.summary(target)
    assert set(found) == {"load", "downloads (second process)"}
    assert found["load"]["calls"] == 2 and found["load"]["seconds"] >= 0.1 and found["load"]["process"] == "main"
    child = found["downloads (second process)"]
    assert child["calls"] == 1 and child["seconds"] >= 0.02 and child["process"] == "child"


def test_no_file_no_steps(tmp_path):
    assert timing.summary(tmp_path / "none.jsonl") == {}
