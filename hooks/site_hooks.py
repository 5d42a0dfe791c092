"""MkDocs hooks: wire build events to the phases of `khcn.build`; no logic lives here.

Data is loaded and checked in `on_config`, before MkDocs cleans `site/`, so bad data stops the build with the
editor's messages and an existing site untouched. Per-build state lives on the config, never in module globals:
`mkdocs serve` keeps this module loaded across rebuilds.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from khcn import build
from khcn.addresses import theme_addresses
from khcn.core.background import BackgroundError
from khcn.core.errors import DataErrors
from khcn.core.slugs import heading_slug
from khcn.pages.render import theme_context
from khcn.publish.sanitize import clean_html, strip_controls
from khcn.publish.search import SearchIndexError
from khcn.publish.themefix import valid_toggles

log = logging.getLogger("mkdocs.hooks.khcn")
SITE_DATA = "khcn_site_data"
DOWNLOADS = build.DOWNLOADS
PROVENANCE = "khcn_provenance"
GENERATED = "khcn_generated"
TRAILS = "khcn_trails"
FACTS = "khcn_metadata_facts"


def on_config(config):
    project = Path(config.config_file_path).parent
    try:
        site = build.load(project)
        today = build.today()
    except DataErrors as exc:
        raise PluginError(exc.report()) from None
    except build.BuildSettingError as exc:
        raise PluginError(str(exc)) from None
    for where in site.normalised:
        log.info("Đã chuẩn hoá chữ tiếng Việt sang dạng NFC: %s", where)
    for bulletin in site.scheduled:
        log.info("Bài hẹn đăng, chưa đến ngày nên chưa đăng: %s", bulletin)
    config[SITE_DATA] = site
    gc.freeze()  # the loaded records live as long as the build: the collector need not scan them again
    # Escaped once here: Material's own partials (nav.html) print the site's name raw, ours and `| e` leave it as is.
    config.site_name = escape(site.organisation.full_name)
    config.extra["organisation"] = theme_context(site, today)
    config.extra["addresses"] = theme_addresses()  # the theme's links (overrides/) from the address book
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    return config


def on_files(files, config):
    site = config[SITE_DATA]
    stream = build.stream(site)
    pages = build.site_pages(site, stream)
    config[GENERATED] = frozenset(page.path for page in pages)
    for path, content in [*pages, *build.feeds(site, stream, config.site_url or "/")]:
        files.append(File.generated(config, path, content=content))
    source = config.extra.get("source") or {}
    every_page = [f.src_uri for f in files.documentation_pages()]
    config[TRAILS] = build.page_trails(pages, every_page)
    config[PROVENANCE] = build.page_provenance(pages, every_page,
                                               Path(config.config_file_path).parent, source.get("repo_url") or "",
                                               source.get("branch") or "main")
    config[FACTS] = build.metadata_facts(site, stream)
    # The downloads (CSV, XLSX, JSON) are written straight into the site by a second process while MkDocs
    # renders the pages; `site_dir` has been cleaned by now. Pages link them with plain HTML links.
    config[DOWNLOADS] = build.downloads(site, Path(config.site_dir))
    return files


def on_page_content(html, page, config, files):
    """The HTML of a page made from data/, cleaned against an allowlist (khcn/publish/sanitize.py)."""
    return clean_html(html) if page.file.src_uri in config[GENERATED] else html


def on_page_context(context, page, config, nav):
    source = config[PROVENANCE].get(page.file.src_uri)
    page.meta["khcn_source"] = source  # shown by partials/source-file.html
    page.meta["khcn_trail"] = config[TRAILS].get(page.file.src_uri)  # partials/tabs-item.html, breadcrumbs.html
    site = config[SITE_DATA]  # the name as data says it (config.site_name is escaped for the theme)
    title = site.organisation.full_name if page.is_homepage or not page.title else Markup(page.title).striptags()
    page.meta["khcn_metadata"] = build.metadata(  # Dublin Core and JSON-LD, printed by main.html
        site, config[FACTS].get(page.file.src_uri), title,
        page.meta.get("description") or config.site_description or "", page.canonical_url, config.site_url, source)
    return context


def on_post_page(output, page, config):
    # Material's base.html markup that no override reaches (see khcn/publish/themefix.py); no control characters
    return strip_controls(valid_toggles(output))


def on_post_template(output_content, template_name, config):
    return strip_controls(valid_toggles(output_content))  # 404.html: a theme template, not a page


def on_post_build(config):
    try:
        config[DOWNLOADS].wait()
    except BackgroundError as exc:
        raise PluginError(f"Không ghi được các tệp dữ liệu tải về:\n{exc}") from None
    # The search index is made from the built pages, so it comes last.
    try:
        summary = build.search(Path(config.site_dir))
    except SearchIndexError as exc:
        raise PluginError(f"Không lập được chỉ mục tìm kiếm:\n{exc}") from None
    log.info("Chỉ mục tìm kiếm: %d trang, %d từ.", summary.pages, summary.words)
