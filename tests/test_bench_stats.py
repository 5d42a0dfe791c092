"""`make bench-stats` still runs: its generated data loads, and the plain project it writes has a valid mkdocs.yml
(no build here: the benchmark itself is `make bench-stats`)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_stats import plain_project
from generate_stats_data import generate
from khcn.data.dataset import load_site_data


def test_generated_data_loads_and_the_plain_project_is_written(tmp_path: Path, monkeypatch):
    data = generate(tmp_path / "data", indicators=12, periods=3, projects=20, protections=5)
    site = load_site_data(data, check_history=False)
    assert len(site.catalogue.indicators) == 12 and len(site.periods) == 3
    pages, files = plain_project(tmp_path / "plain", site)
    assert pages > 12 and files > 0
    monkeypatch.syspath_prepend(tmp_path / "plain")  # its mkdocs.yml names the slug function copied beside it
    config = yaml.load((tmp_path / "plain/mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    assert "hooks" not in config and config["site_name"] == site.organisation.full_name
