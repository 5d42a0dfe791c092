"""The address book: where every page, feed and download of the site lives, and how pages link to each other.

Like Pelican's `*_URL` / `*_SAVE_AS` settings, this is the one place that spells an address; every page producer,
the theme (through `theme_addresses`, set in `config.extra` by the hooks) and the checks of mkdocs.yml's `nav` read
it. Paths are under docs/ (`tin-tuc/index.md`); MkDocs serves `x/index.md` at `x/` and `x/y.md` at `x/y/`.

    index.md                                     home
    tin-tuc/index.md, tin-tuc/trang/<n>.md       the stream, paginated (every list pages the same way)
    tin-tuc/<slug>.md                            one bulletin
    tin-tuc/chuyen-muc/, nam/, tac-gia/          categories, years, authors: an index, then one list each
    tin-tuc/rss.xml, atom.xml, feed.json         feeds (also under each category's folder)
    bao-cao/index.md, bao-cao/<slug>.md          reports
    van-ban/, lien-he/, de-tai-du-an/, so-huu-tri-tue/   registers and contact
    van-ban/loai/<type>.md, van-ban/nam/<year>.md  the documents by type and by year (issue 12b)
    thu-tuc-hanh-chinh/index.md                  administrative procedures, when there are any (issue 12b)
    gioi-thieu/index.md, en/index.md             the introduction, and its English page (issue 12a)
    tiep-can-thong-tin/                          access to information (linked from the footer)
    thong-ke/index.md, linh-vuc/<area>.md, chi-so/<indicator>.md   statistics
    thong-ke/du-lieu/...                         downloads (stable addresses)
    ban-tin/index.md, ban-tin/<năm>-<số>.md      the bản tin's editions, when there are any (issue 15), each with
    ban-tin/<năm>-<số>/ban-tin-<năm>-<số>.pdf    its print edition beside its page
    anh/<...>.jpg, anh/<...>.<width>.jpg         images (written by editors) and their narrower renditions (issue 13)
    favicon.ico, assets/bieu-trung-<n>.png       the favicons, from the emblem (issue 13)
"""

from __future__ import annotations

import functools
import posixpath

HOME_PAGE = "index.md"
SEARCH_PAGE = "tim-kiem.md"  # written by hand (docs/)

NEWS = "tin-tuc"
NEWS_INDEX = f"{NEWS}/index.md"
PAGES_FOLDER = "trang"  # the second and later pages of a list
CATEGORIES = "chuyen-muc"
YEARS = "nam"
AUTHORS = "tac-gia"
CATEGORIES_INDEX = f"{NEWS}/{CATEGORIES}/index.md"
YEARS_INDEX = f"{NEWS}/{YEARS}/index.md"
AUTHORS_INDEX = f"{NEWS}/{AUTHORS}/index.md"
# Addresses under /tin-tuc/ that the stream's own pages use: no bulletin may take them.
RESERVED_BULLETIN_SLUGS = frozenset({PAGES_FOLDER, CATEGORIES, YEARS, AUTHORS, "index"})

REPORTS = "bao-cao"
REPORTS_INDEX = f"{REPORTS}/index.md"
# A report's file name is its address (bao-cao/<slug>.md): `index` would replace the reports' list.
RESERVED_REPORT_SLUGS = frozenset({REPORTS_INDEX.rpartition("/")[2].removesuffix(".md")})
DOCUMENTS_PAGE = "van-ban/index.md"
CONTACT_PAGE = "lien-he/index.md"
PROJECTS_PAGE = "de-tai-du-an/index.md"
PROTECTIONS_PAGE = "so-huu-tri-tue/index.md"
ACCESS_PAGE = "tiep-can-thong-tin/index.md"  # issue 12c: Chuyên mục tiếp cận thông tin (Nghị định 13/2018, điều 11)

# issue 12b: procedures; the documents by type and by year
PROCEDURES_PAGE = "thu-tuc-hanh-chinh/index.md"
DOCUMENTS_BY_KIND = "van-ban/loai"
DOCUMENTS_BY_YEAR = "van-ban/nam"
# issue 12a: the introduction and the English page, each the other's translation (hreflang)
INTRODUCTION_PAGE = "gioi-thieu/index.md"
ENGLISH_PAGE = "en/index.md"
LANGUAGE_PAGES = {"vi": INTRODUCTION_PAGE, "en": ENGLISH_PAGE}

# issue 15: the bản tin's editions (published only when data/ban-tin/ holds some)
EDITIONS = "ban-tin"
EDITIONS_INDEX = f"{EDITIONS}/index.md"
# issue 13: images, their renditions (khcn/publish/images.py) and the icons made from the emblem
IMAGES = "anh"  # editors' images: docs/anh/
ICON_SIZES = {"tab": 32, "home_screen": 180}  # pixels: the browser's tab; a phone's home screen (apple-touch-icon)
ICONS = {**{name: f"assets/bieu-trung-{size}.png" for name, size in ICON_SIZES.items()}, "ico": "favicon.ico"}


def image_rendition(source: str, width: int) -> str:
    """A narrower copy of an image, beside it: `anh/2026/hoi-thao.jpg`, 480 -> `anh/2026/hoi-thao.480.jpg`."""
    stem, ending = posixpath.splitext(source)
    return f"{stem}.{width}{ending}"


STATISTICS = "thong-ke"
STATISTICS_PAGE = f"{STATISTICS}/index.md"
DATA = f"{STATISTICS}/du-lieu"  # the downloads

FEED_FILES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}


# --- pages -------------------------------------------------------------------------------------------------------

def bulletin_path(slug: str) -> str:
    return f"{NEWS}/{slug}.md"


def report_path(slug: str) -> str:
    return f"{REPORTS}/{slug}.md"


def category_base(category_id: str) -> str:
    return f"{NEWS}/{CATEGORIES}/{category_id}"


def year_base(year: int) -> str:
    return f"{NEWS}/{YEARS}/{year}"


def author_base(author_slug: str) -> str:
    return f"{NEWS}/{AUTHORS}/{author_slug}"


def list_index(base: str) -> str:
    """The first page of the list whose folder is `base`."""
    return f"{base}/index.md"


def list_page(base: str, number: int) -> str:
    """Page `number` (1-based) of the list whose folder is `base`."""
    return list_index(base) if number == 1 else f"{base}/{PAGES_FOLDER}/{number}.md"


def category_page(category_id: str) -> str:
    return list_index(category_base(category_id))


def documents_kind_path(kind_slug: str) -> str:  # issue 12b
    return f"{DOCUMENTS_BY_KIND}/{kind_slug}.md"


def documents_year_path(year: int) -> str:  # issue 12b
    return f"{DOCUMENTS_BY_YEAR}/{year}.md"


def edition_path(year: int, number: int) -> str:  # issue 15
    """One edition's page: `ban-tin/2021-2.md`, served at /ban-tin/2021-2/."""
    return f"{EDITIONS}/{year}-{number}.md"


def edition_pdf_path(year: int, number: int) -> str:  # issue 15
    """One edition's print edition (PDF), in its page's folder: `ban-tin/2021-2/ban-tin-2021-2.pdf`."""
    return f"{EDITIONS}/{year}-{number}/{EDITIONS}-{year}-{number}.pdf"


def area_path(area_id: str) -> str:
    return f"{STATISTICS}/linh-vuc/{area_id}.md"


def indicator_path(indicator_id: str) -> str:
    return f"{STATISTICS}/chi-so/{indicator_id}.md"


# --- feeds -------------------------------------------------------------------------------------------------------

def feed_paths(folder: str) -> dict[str, str]:
    """The three feeds of a list page's folder, by format."""
    return {kind: f"{folder}/{name}" for kind, name in FEED_FILES.items()}


NEWS_FEEDS = feed_paths(NEWS)


def category_feeds(category_id: str) -> dict[str, str]:
    return feed_paths(category_base(category_id))


# --- downloads ---------------------------------------------------------------------------------------------------

def download_stem(*parts: str) -> str:
    """A download's path without its extension: `download_stem("chi-so", "can")` -> thong-ke/du-lieu/chi-so/can."""
    return "/".join([DATA, *parts])


def downloads(stem: str) -> dict[str, str]:
    """The CSV and XLSX of one table."""
    return {"csv": f"{stem}.csv", "xlsx": f"{stem}.xlsx"}


def area_stem(area_id: str) -> str:
    return download_stem("linh-vuc", area_id)


def indicator_stem(indicator_id: str) -> str:
    return download_stem("chi-so", indicator_id)


def register_stem(register_id: str) -> str:
    return download_stem(register_id)


VALUES_STEM = download_stem("gia-tri")  # every value: also as JSON
ALL_VALUES = {**downloads(VALUES_STEM), "json": f"{VALUES_STEM}.json"}
CATALOGUE_FILE = download_stem("chi-so.csv")
PACKAGE_FILE = download_stem("datapackage.json")  # describes the CSV files


# --- links -------------------------------------------------------------------------------------------------------

def page_url(path: str) -> str:
    """The URL folder MkDocs gives a page (`use_directory_urls`), or a file's own path."""
    if not path.endswith(".md"):
        return path
    return path[: -len("index.md")] if path.endswith("index.md") else path[:-3] + "/"


@functools.lru_cache(maxsize=1 << 18)
def href(from_page: str, to: str) -> str:
    """A relative address for raw HTML, where MkDocs does not rewrite `.md` links. Pure string work (no
    `posixpath.relpath`, which asks the file system for the current folder): list pages hold hundreds of links, and
    the preview asks the same again after every saved file (kept: a pure function of two strings)."""
    here, target = page_url(from_page), page_url(to)
    base = here.split("/")[:-1]  # the folders of the page's URL
    parts = target.split("/")
    common = 0
    while common < min(len(base), len(parts) - 1) and base[common] == parts[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + parts[common:])
    return relative or "./"


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative Markdown link between two generated pages; MkDocs turns it into the page's URL."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return target + (f"#{anchor}" if anchor else "")


# --- the theme and the navigation --------------------------------------------------------------------------------

# The top navigation (mkdocs.yml `nav`): MkDocs reads it before any hook runs, so mkdocs.yml keeps its own copy and
# tests/test_addresses.py checks that the two agree.
NAV = {"Trang chủ": HOME_PAGE,
       "Giới thiệu": INTRODUCTION_PAGE,  # issue 12a
       "Tin tức": NEWS_INDEX, "Báo cáo": REPORTS_INDEX, "Thống kê": STATISTICS_PAGE,
       "Văn bản": DOCUMENTS_PAGE, "Đề tài, dự án": PROJECTS_PAGE, "Sở hữu trí tuệ": PROTECTIONS_PAGE,
       "Liên hệ": CONTACT_PAGE}
# The pages reached from lists, not from the navigation (mkdocs.yml `not_in_nav`).
NOT_IN_NAV = [f"/{SEARCH_PAGE}", f"/{NEWS}/**", f"/{REPORTS}/*.md", f"/{STATISTICS}/chi-so/*.md",
              f"/{STATISTICS}/linh-vuc/*.md",
              # issue 12b: published only when data/thu-tuc.yaml has procedures, so not a tab of the static nav;
              # linked from the documents' page (and the access-to-information page)
              f"/{PROCEDURES_PAGE}", f"/{DOCUMENTS_BY_KIND}/*.md", f"/{DOCUMENTS_BY_YEAR}/*.md",
              f"/{ENGLISH_PAGE}",  # issue 12a: reached by the language link of every page
              f"/{ACCESS_PAGE}",  # issue 12c: linked from every page's footer, present only when it has content
              # issue 15: published only when data/ban-tin/ has editions, so not a tab; linked from the news
              # section and from each article printed in an edition, and marked as the news tab's
              f"/{EDITIONS}/**"]
# Folders without a tab of their own whose pages belong to another tab's section.
SECTION_FOLDERS = {EDITIONS: NEWS_INDEX}  # issue 15


def theme_addresses() -> dict:
    """The addresses the theme's templates link to (overrides/), as plain values a mkdocs.yml could hold too."""
    return {"news": page_url(NEWS_INDEX), "contact": page_url(CONTACT_PAGE), "search": page_url(SEARCH_PAGE),
            "feeds": dict(NEWS_FEEDS), "articles": [NEWS, REPORTS],
            # issue 12a: the language link and hreflang (lang -> the page's URL)
            "languages": {lang: page_url(path) for lang, path in LANGUAGE_PAGES.items()},
            "icons": dict(ICONS), "icon_sizes": dict(ICON_SIZES)}  # issue 13: favicons (main.html)


def section_of(path: str) -> str:
    """The navigation's tab that a page belongs to: the tab itself, the tab of the folder that holds it
    (`tin-tuc/chuyen-muc/thong-bao/index.md` -> tin-tuc/index.md), or the home page (`tim-kiem.md`)."""
    tabs = list(NAV.values())
    if path in tabs:
        return path
    folder = path.split("/")[0]
    if folder in SECTION_FOLDERS:
        return SECTION_FOLDERS[folder]
    return next((tab for tab in tabs if tab != HOME_PAGE and tab.split("/")[0] == folder), HOME_PAGE)


def parents(path: str, pages: set[str] | frozenset[str]) -> list[str]:
    """The index pages above `path`, from the home page down to the nearest, those of `pages` only:
    `tin-tuc/chuyen-muc/thong-bao/trang/2.md` -> index.md, tin-tuc/index.md, tin-tuc/chuyen-muc/index.md,
    tin-tuc/chuyen-muc/thong-bao/index.md. A tab's parents are the home page; the home page has none."""
    if path == HOME_PAGE:
        return []
    folders = path.split("/")[:-1]
    if path.endswith("/index.md"):
        folders = folders[:-1]
    found = [list_index("/".join(folders[:depth])) if depth else HOME_PAGE for depth in range(len(folders) + 1)]
    return [page for page in found if page in pages]
