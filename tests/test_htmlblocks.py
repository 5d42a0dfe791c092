"""khcn/pages/htmlblocks.py: HTML blocks set aside before Markdown and put back after give the very same page."""

from __future__ import annotations

import sys
from datetime import date

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import ROOT, TINY_DATA, copy_tiny_data
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
    return whole, put_back(converter().convert(aside.markdown), aside.blocks, aside.elements), len(aside.blocks)


def generated_pages(data) -> dict[str, str]:
    """Path -> Markdown as MkDocs hands it to the hooks (the front matter read off)."""
    site = load_site_data(data, check_history=False, today=date(2027, 1, 1))  # the generated bulletins go to 2026
    return {page.path: get_data(page.content)[0] for page in site_pages(site)}


@pytest.fixture(scope="module")
def stats_data(tmp_path_factory):
    from generate_stats_data import generate
    return generate(tmp_path_factory.mktemp("stats") / "data", indicators=12, periods=6, projects=40, protections=10)


@pytest.fixture(scope="module")
def bulletins_data(tmp_path_factory):
    """The tiny site with 40 bulletins of the bench-bulletins generator (headings, lists, long paragraphs)."""
    import generate_bulletins as gen
    data = copy_tiny_data(tmp_path_factory.mktemp("bulletins"))
    categories = gen.our_categories(data)
    gen.write_ours(gen.generate_posts(40, 1, set(), [cid for cid, _ in categories]), data, categories)
    return data


@pytest.mark.parametrize("which", ["tiny", "default", "stats", "bulletins"])
def test_every_generated_page_comes_out_the_same(which, request):
    data = {"tiny": TINY_DATA, "default": ROOT / "data"}.get(which) or request.getfixturevalue(f"{which}_data")
    pages = generated_pages(data)
    set_aside_total = unwrapped = 0
    for path, text in pages.items():
        whole, fast, count = both_ways(text)
        assert fast == whole, path
        set_aside_total += count
        unwrapped += len(set_aside(text).elements)
    assert set_aside_total > len(pages) // 4  # blocks were set aside, not only left alone
    assert unwrapped >= {"tiny": 1, "bulletins": 40}.get(which, 0)  # the bulletins' bodies


def test_what_markdown_would_change_is_left_to_it():
    text = ('Intro\n<div class="a">\n\n*x*\n</div>\n\n<table><tr><td>1</td></tr></table> tail\n\n'
            '    <div>code</div>\n\n```\n\n<div>z</div>\n\n```\n\n<div>a\n</div>\nnext\n')
    html_inside = '\n<div class="b" markdown="1">\n\n<p>raw</p>\n\n</div>\n'
    for page in (text, text + html_inside, "<div>a</div>\n\n" + html_inside):
        aside = set_aside(page)
        assert aside.blocks == [] and aside.elements == [] and aside.markdown == page


def test_markdown_inside_an_element_is_unwrapped_and_comes_out_the_same():
    text = ('# T\n\n<p class="m">meta</p>\n\n<div class="tq-body" data-x="a &amp; b &#39;c&#39; &quot;d&quot;" '
            'markdown="1">\n\nFirst *para*.\n\n## Heading\n\n- one\n- two\n\n</div>\n\n<nav>n</nav>\n')
    whole, fast, count = both_ways(text)
    aside = set_aside(text)
    assert count == 2 and len(aside.elements) == 1 and "markdown=" not in aside.markdown
    assert fast == whole


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
