"""khcn/pages/htmlblocks.py: HTML blocks set aside before Markdown and put back after give the very same page."""

from __future__ import annotations

import sys

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import ROOT, TINY_DATA
from khcn.build import site_pages
from khcn.core.slugs import heading_slug
from khcn.data.dataset import load_site_data
from khcn.pages.htmlblocks import put_back, set_aside

sys.path.insert(0, str(ROOT / "benchmarks"))


def converter():
    """Python-Markdown with mkdocs.yml's extensions and the toc's slugify that on_config sets."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        settings[name] = {} if isinstance(entry, str) else dict(entry[name] or {})
    settings["toc"] = {"permalink": False, "slugify": heading_slug}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def both_ways(text: str) -> tuple[str, str, int]:
    whole = converter().convert(text)
    aside = set_aside(text)
    return whole, put_back(converter().convert(aside.markdown), aside.blocks), len(aside.blocks)


def generated_pages(data) -> dict[str, str]:
    """Path -> Markdown as MkDocs hands it to the hooks (the front matter read off)."""
    return {page.path: get_data(page.content)[0] for page in site_pages(load_site_data(data, check_history=False))}


@pytest.fixture(scope="module")
def stats_data(tmp_path_factory):
    from generate_stats_data import generate
    return generate(tmp_path_factory.mktemp("stats") / "data", indicators=12, periods=6, projects=40, protections=10)


@pytest.mark.parametrize("which", ["tiny", "default", "stats"])
def test_every_generated_page_comes_out_the_same(which, request):
    data = {"tiny": TINY_DATA, "default": ROOT / "data"}.get(which) or request.getfixturevalue("stats_data")
    pages = generated_pages(data)
    set_aside_total = 0
    for path, text in pages.items():
        whole, fast, count = both_ways(text)
        assert fast == whole, path
        set_aside_total += count
    assert set_aside_total > len(pages) // 4  # blocks were set aside, not only left alone


def test_what_markdown_would_change_is_left_to_it():
    text = ('Intro\n<div class="a">\n\n*x*\n</div>\n\n<table><tr><td>1</td></tr></table> tail\n\n'
            '    <div>code</div>\n\n```\n\n<div>z</div>\n\n```\n\n<div>a\n</div>\nnext\n')
    for page in (text, text + '\n<div markdown="1">\n*y*\n</div>\n'):
        aside = set_aside(page)
        assert aside.blocks == [] and aside.markdown == page


def test_nested_blocks_are_one_block_and_ids_are_kept_for_anchor_checks():
    text = '# T\n\n<div id="a"><div>\n<table id="b"><tr><td>1</td></tr></table>\n</div></div>\n\nAfter *this*.\n'
    whole, fast, count = both_ways(text)
    assert count == 1 and fast == whole
    assert set_aside(text).anchor_ids() == {"a", "b"}


def test_a_page_that_spells_the_placeholder_is_left_alone():
    text = "khcnhtmlblock00000x\n\n<div>a</div>\n"
    assert set_aside(text).blocks == []


def test_a_lost_placeholder_is_an_error_not_a_silent_drop():
    with pytest.raises(ValueError):
        put_back("<p>nothing</p>", ["<div>a</div>"])
