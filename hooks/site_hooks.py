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
from khcn.publish.images import responsive_images
from khcn.publish.search import SearchIndexError

log = logging.getLogger("mkdocs.hooks.khcn")
SITE_DATA = "khcn_site_data"
DOWNLOADS = build.DOWNLOADS
PROVENANCE = "khcn_provenance"
GENERATED = "khcn_generated"
TRAILS = "khcn_trails"
FACTS = "khcn_metadata_facts"
HTML_BLOCKS = "khcn_html_blocks"
PRINT = "khcn_print_editions"
IMAGES = "khcn_images"
IMAGES_JOB = "khcn_images_job"


class WrittenBySite(File):
    """An image MkDocs knows (links to it are checked) but does not copy: the images job writes what readers get
    in its place, resized and without its metadata (khcn/publish/images.py)."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class RenderedWhenRead(File):
    """A page made from data whose Markdown the preview renders only when MkDocs reads it (khcn/rendering.py
    `Later`); meanwhile `later.key` stands for it (khcn/preview/engine.py looks the page's HTML up by it)."""

    later = None

    @classmethod
    def of(cls, config, path: str, later) -> File:
        file = cls.generated(config, path, content="")
        file.later = later
        return file

    def _text(self) -> str:
        if self.later is not None:
            self._content, self.later = self.later.text(), None
        return self._content

    def _set(self, value: str | bytes) -> None:
        self.later, self._content, self.abs_src_path = None, value, None

    content_string = property(_text, _set)
    content_bytes = property(lambda self: self._text().encode(), _set)


def _generated(config, path: str, content) -> File:
    if isinstance(content, str | bytes):
        return File.generated(config, path, content=content)
    return RenderedWhenRead.of(config, path, content)


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
    config[IMAGES] = build.site_images(Path(config.docs_dir))  # issue 13: photos resized, the emblem
    config.extra["organisation"]["emblem"] = build.emblem(site, config[IMAGES])
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    return config


def on_files(files, config):
    site = config[SITE_DATA]
    stream = build.stream(site)
    pages = build.site_pages(site, stream)
    config[GENERATED] = frozenset(page.path for page in pages)
    config[HTML_BLOCKS] = {}  # page -> its HTML blocks set aside, from on_page_markdown to on_page_content
    for path, content in [*pages, *build.feeds(site, stream, config.site_url or "/")]:
        files.append(_generated(config, path, content))
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
    config[PRINT] = build.print_editions(site, stream, Path(config.docs_dir), Path(config.site_dir))
    for image in config[IMAGES].values():  # issue 13: the photos are written by the images job, not copied
        if image.resized and (file := files.get_file_from_path(image.source)) is not None:
            files.remove(file)
            files.append(WrittenBySite(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls))
    config[IMAGES_JOB] = build.images(site, config[IMAGES], Path(config.config_file_path).parent,
                                      Path(config.docs_dir), Path(config.site_dir))
    return files


def on_page_markdown(markdown, page, config, files):
    """A page made from data/: its finished HTML blocks set aside from Markdown (khcn/pages/htmlblocks.py)."""
    if page.file.src_uri not in config[GENERATED]:
        return markdown
    aside = config[HTML_BLOCKS][page.file.src_uri] = build.html_set_aside(markdown)
    return aside.markdown


def on_page_content(html, page, config, files):
    """The HTML of a page made from data/, its blocks put back, cleaned against an allowlist
    (khcn/publish/sanitize.py). MkDocs checks links to anchors against the ids it saw: those of the blocks too.
    Then every page's images get their sizes and renditions (issue 13)."""
    if page.file.src_uri in config[GENERATED]:
        aside = config[HTML_BLOCKS].pop(page.file.src_uri)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | aside.anchor_ids()
        html = build.generated_html(html, aside)
    return responsive_images(html, page.url, config[IMAGES])


def on_page_context(context, page, config, nav):
    source = config[PROVENANCE].get(page.file.src_uri)
    page.meta["khcn_source"] = source  # shown by partials/source-file.html
    page.meta["khcn_trail"] = config[TRAILS].get(page.file.src_uri)  # partials/tabs-item.html, breadcrumbs.html
    site = config[SITE_DATA]  # the name as data says it (config.site_name is escaped for the theme)
    title = site.organisation.full_name if page.is_homepage or not page.title else Markup(page.title).striptags()
    page.meta["khcn_metadata"] = build.metadata(  # Dublin Core and JSON-LD, printed by main.html
        site, config[FACTS].get(page.file.src_uri), title,
        page.meta.get("description") or config.site_description or "", page.canonical_url, config.site_url, source,
        config.extra["organisation"]["emblem"])
    return context


def on_post_page(output, page, config):
    return build.page_output(output)  # Material's markup that no override reaches; no control characters


def on_post_template(output_content, template_name, config):
    return build.page_output(output_content)  # 404.html: a theme template, not a page


def on_post_build(config):
    # The search index is made from the built pages, so it comes last; the second processes, which write only data
    # files, images and PDFs (nothing the index reads), finish meanwhile.
    try:
        summary = build.search(Path(config.site_dir))
    except SearchIndexError as exc:
        for job in (config[DOWNLOADS], config[IMAGES_JOB], config[PRINT]):
            if job is not None:
                job.cancel()
        raise PluginError(f"Không lập được chỉ mục tìm kiếm:\n{exc}") from None
    for job, failed in ((config[DOWNLOADS], "Không ghi được các tệp dữ liệu tải về"),
                        (config[IMAGES_JOB], "Không ghi được ảnh"),
                        (config[PRINT], "Không làm được bản in của bản tin")):
        try:
            if job is not None:
                build.wait_for(job)
        except BackgroundError as exc:
            raise PluginError(f"{failed}:\n{exc}") from None
    log.info("Chỉ mục tìm kiếm: %d trang, %d từ.", summary.pages, summary.words)
