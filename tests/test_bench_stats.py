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


def test_the_two_sites_may_differ_only_by_what_the_hooks_add(tmp_path):
    from bench_stats import differences

    plain = ('<html><head>\n<meta name="description" content="d">\n</head><body>\n'
             '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
             '<p>Nội dung<br />dòng hai</p>\n</body></html>\n')
    ours = ('<html><head>\n<meta name="description" content="d">\n<meta name="DC.title" content="T">\n'
            '<script type="application/ld+json">{"@graph":[]}</script>\n</head><body>\n'
            '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
            '<nav class="tq-breadcrumbs" aria-label="Đường dẫn"><ol><li>a</li></ol></nav>\n'
            '<p>Nội dung<br>dòng hai</p>\n<aside class="tq-source">\n<span>Nội dung: data/x.yaml</span>\n</aside>\n'
            '</body></html>\n')
    for side, page in (("ours", ours), ("plain", plain)):
        (tmp_path / side / "a").mkdir(parents=True)
        (tmp_path / side / "a" / "index.html").write_text(page, encoding="utf-8")
        (tmp_path / side / "same.css").write_text("p{}", encoding="utf-8")
        (tmp_path / side / "b.html").write_text(page.replace("Nội dung<", "Khác<" if side == "ours" else "Nội dung<"),
                                                encoding="utf-8")
    found = differences(tmp_path / "ours", tmp_path / "plain")
    assert found["same"] == 1
    assert set(found["explained"]) == {
        "theme fix (Material's toggles)", "metadata (Dublin Core, JSON-LD, modified time)",
        "breadcrumbs and current tab", "source line", "sanitiser's spelling (<br>, <line></line>, &nbsp;)"}
    assert found["unexplained"] == ["b.html"]  # its text differs: not something the hooks add
