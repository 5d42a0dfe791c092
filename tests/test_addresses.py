"""The address book (hooks/khcn/addresses.py) is the one place that spells an address."""

from __future__ import annotations

import pytest
from mkdocs.utils.yaml import yaml_load

from conftest import ROOT
from khcn import addresses
from khcn.addresses import href, list_page, page_url


@pytest.fixture(scope="module")
def mkdocs_yml() -> dict:
    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_the_navigation_of_mkdocs_yml_is_the_address_books(mkdocs_yml):
    """MkDocs reads `nav` before any hook, and the hook-free builds read mkdocs.yml alone: it keeps a copy."""
    assert [next(iter(item.items())) for item in mkdocs_yml["nav"]] == list(addresses.NAV.items())
    assert mkdocs_yml["not_in_nav"].split() == addresses.NOT_IN_NAV


def test_the_stream_reserves_the_addresses_of_its_own_pages():
    for reserved in addresses.RESERVED_BULLETIN_SLUGS - {"index"}:
        assert list_page(f"{addresses.NEWS}/{reserved}", 1).startswith(f"{addresses.NEWS}/{reserved}/")
    for path in [addresses.CATEGORIES_INDEX, addresses.YEARS_INDEX, addresses.AUTHORS_INDEX,
                 list_page(addresses.NEWS, 2)]:
        assert path.split("/")[1] in addresses.RESERVED_BULLETIN_SLUGS


def test_pages_are_served_in_folders_and_linked_relatively():
    assert page_url(addresses.HOME_PAGE) == "" and page_url(addresses.report_path("q1")) == "bao-cao/q1/"
    assert page_url(addresses.ALL_VALUES["csv"]) == "thong-ke/du-lieu/gia-tri.csv"
    assert href(addresses.indicator_path("can"), addresses.area_path("x")) == "../../linh-vuc/x/"
    assert href(addresses.HOME_PAGE, addresses.NEWS_FEEDS["rss"]) == "tin-tuc/rss.xml"
    assert addresses.theme_addresses()["feeds"] == {"rss": "tin-tuc/rss.xml", "atom": "tin-tuc/atom.xml",
                                                    "json": "tin-tuc/feed.json"}
