"""One build of the preview ("an epoch"): the phases of a full MkDocs build, in its order and with its events, up to
the pages' Markdown; then each output file made when it is asked for, by MkDocs' own function for it.

Why the preview equals a full build: `prepare` runs what `mkdocs.commands.build.build` runs before it writes
anything (on_config, on_pre_build, get_files, on_files, the navigation, on_nav, every page's on_pre_page,
read_source, on_page_markdown, Markdown, on_page_content, on_env, the anchor check), on a configuration loaded afresh
from mkdocs.yml, into an empty folder of its own. An output is then made by the same function the full build calls
(`_build_page`, `_build_theme_template`, `File.copy_file`, `on_post_build`), on that state, into that folder. A full
build makes the outputs one after another from the same state; none of them reads another's output except the
search index (made last, from every page: asking for it makes every page first).

What is kept between epochs, and by what key (DEVELOPING.md, "The preview", lists the rest: renders of generated pages,
cleaned HTML, bulletin readings): a page's Markdown turned into HTML (`Page.render`, the costly part), by everything
`render` reads: the page's address, its Markdown as read (on_page_markdown is a function of it), the address of every
file of the site (links are resolved against them) and the Markdown settings of mkdocs.yml. The warnings it logged are
kept with it and logged again, so `strict` stops a preview as it stops a build. The theme's Jinja environment and the
list of its static files, while the theme's files keep their names. Everything else is made again each epoch; a page's
final HTML is made again the first time it is asked for in an epoch.

Each page's Markdown is turned into HTML independently of the others (MkDocs' `_populate_page`, our on_page_content),
so when many changed (EAGER_PAGES) the pages outside the navigation are turned when asked for or in the background;
what reads every page (the anchor check, the sitemap, the search index) waits for all of them. A page made from data
(khcn/rendering.py `Later`: the bulletins and the lists) is looked up by what its Markdown is made of, without making
it; outside the navigation it is read (its Markdown made) and turned only when asked for or in the background.

Engine specifics (module names of MkDocs or ProperDocs, its private build functions) stay in this module.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from khcn.build import DOWNLOADS, keep_pages
from khcn.core.background import BackgroundError
from khcn.publish.sanitize import keep_cleaned
from khcn.publish.search import BUNDLE
from khcn.rendering import keep_renders

GIVE_WAY_SECONDS = 0.005
EAGER_PAGES = 50  # more pages than this whose Markdown changed: turned into HTML when asked for, or in the background


class PreviewError(Exception):
    """A build the full build would refuse: the message is the editor's (Vietnamese, from the hooks) or MkDocs'."""


class Engine:
    """The modules of the program that builds: MkDocs, or ProperDocs (the same layout under another name)."""

    def __init__(self, name: str = "mkdocs"):
        self.name = name
        if name != "mkdocs":  # ProperDocs: `mkdocs.*` (our hooks' imports) made its own modules, as its command does;
            importlib.import_module(f"{name}.replacement")  # before anything imported mkdocs (scripts/serve.py)
            logging.getLogger("mkdocs").parent = logging.getLogger(name)  # the hooks' messages count in strict mode
        self.build = importlib.import_module(f"{name}.commands.build")
        self.load_config = importlib.import_module(f"{name}.config").load_config
        self.logger = logging.getLogger(name)
        keep_pages(True)  # generated pages' HTML blocks set aside and put back, by content (khcn/build.py)
        keep_cleaned(True)  # pages cleaned by content (khcn/publish/sanitize.py)
        keep_renders(True)  # pages generated from data: kept between epochs by their context (khcn/rendering.py)


@dataclass
class Rendered:
    """What `Page.render` leaves on a page, kept to be put back on the same page of a later epoch."""

    content: str
    toc: object
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # src_uri of the linked file → {anchor: link}
    warnings: list[logging.LogRecord]


@dataclass
class MarkdownCache:
    """What epochs keep for the next: pages' HTML from Markdown, and the theme's static files (see `_theme_files`)."""

    entries: dict[tuple, Rendered] = field(default_factory=dict)
    theme: dict[tuple, list[tuple[str, str]]] = field(default_factory=dict)
    env: dict[tuple, object] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0

    def keep_only(self, used: set[tuple]) -> None:
        """Entries of the last epoch only: an edited page's old HTML is not kept for ever."""
        self.entries = {key: value for key, value in self.entries.items() if key in used}


class Asked:
    """How many requests are being answered. The background work gives way to them: Python's locks are not fair, and
    a thread that turns pages one after another under the epoch's lock would keep a reader's page waiting for
    seconds (and a garbage collection holds every thread)."""

    def __init__(self):
        self._count, self._lock = 0, threading.Lock()

    def __enter__(self) -> None:
        with self._lock:
            self._count += 1

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._count -= 1

    def give_way(self, stop) -> None:
        """Wait while a request waits (or until `stop()`)."""
        while self._count and not stop():
            time.sleep(GIVE_WAY_SECONDS)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def warning_text(records: list[logging.LogRecord]) -> list[str]:
    return [record.getMessage() for record in records]


class Epoch:
    """The state of one preview build and the outputs made from it so far (in `site_dir`, its own folder)."""

    def __init__(self, engine: Engine, config_file: Path, cache: MarkdownCache, number: int,
                 eager_pages: int = EAGER_PAGES):
        self.engine, self.number, self.eager_pages = engine, number, eager_pages
        self.site_dir = Path(tempfile.mkdtemp(prefix="khcn-preview-"))
        self.lock = threading.RLock()
        self.made: set[str] = set()
        self.finished = False
        self.late_warnings: list[str] = []  # logged while making an output: `mkdocs build --strict` would stop
        self.late_error: str | None = None
        self.deferred: dict[int, tuple] = {}  # id(page) → (page, its cache key, not read yet): not HTML yet
        self.checked = False  # the links to anchors checked (once every page is HTML)
        self.discarded = False
        self.held = False
        self.timings: dict[str, float] = {}  # seconds of each phase (the benchmark reports them)
        self._clock = time.perf_counter()
        try:
            self._prepare(config_file, cache)
        except BaseException:
            self.discard()
            raise

    # --- the phases before anything is written (mkdocs/commands/build.py, `build`) ----------------------------

    def _prepare(self, config_file: Path, cache: MarkdownCache) -> None:
        b, collect = self.engine.build, _Collect()
        self.engine.logger.addHandler(collect)
        try:
            config = self.engine.load_config(config_file=str(config_file), site_dir=str(self.site_dir))
            config.plugins.on_startup(command="build", dirty=False)
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            self._lap("config")
            files = b.get_files(config)
            env = self._theme_env(config, cache)
            self._add_theme_files(files, env, config, cache)
            files = config.plugins.on_files(files, config=config)
            b.set_exclusions(files, config)
            self._lap("files")
            nav = b.get_navigation(files, config)
            nav = config.plugins.on_nav(nav, config=config, files=files)
            self.config, self.files, self.nav = config, files, nav
            self._populate_all(cache)
            self.env = config.plugins.on_env(env, config=config, files=files)
            self._lap("markdown")
            self.doc_files = files.documentation_pages(inclusion=b.InclusionLevel.is_included)
            if not self.deferred:
                for file in self.doc_files:
                    file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
                self.checked = True
        except Exception as exc:
            raise PreviewError(_message(exc)) from exc
        finally:
            self.engine.logger.removeHandler(collect)
        if config.strict and collect.records:
            raise PreviewError("\n".join(warning_text(collect.records)))
        self.producers = self._producers()
        self._lap("checks")

    def _lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.timings[phase] = now - self._clock
        self._clock = now

    def _theme_key(self, config) -> tuple:
        """The theme's folders, and the names of the files in those inside the project (overrides/): Material's own
        never change while the preview runs."""
        project = Path(config.config_file_path).parent.resolve()
        inside = [d for d in config.theme.dirs if Path(d).resolve().is_relative_to(project)]
        return (tuple(config.theme.dirs), config.theme.locale, *(_names(Path(d)) for d in inside))

    def _theme_env(self, config, cache: MarkdownCache):
        """`config.theme.get_env()`, kept while the theme's files keep their names, so that Jinja compiles Material's
        templates once, not on every saved file. Jinja reads a template again when its file changed (auto_reload,
        which MkDocs turns off for a build that lasts seconds)."""
        key = self._theme_key(config)
        if key not in cache.env:
            env = config.theme.get_env()
            env.auto_reload = True
            cache.env = {key: env}
        return cache.env[key]

    def _add_theme_files(self, files, env, config, cache: MarkdownCache) -> None:
        """`Files.add_files_from_theme`, with the listing of the theme's folders kept (Material's holds thousands of
        icons: listing them takes longer than the rest of a small site's preview)."""
        key = (self._theme_key(config), tuple(config.theme.static_templates), tuple(config.markdown_extensions))
        if key not in cache.theme:
            probe = self.engine.build.Files([])
            probe.add_files_from_theme(env, config)
            cache.theme = {key: [(f.src_uri, f.src_dir) for f in probe]}
        for path, folder in cache.theme[key]:
            if files.get_file_from_path(path) is None:  # theme files do not override docs_dir files
                files.append(self.engine.build.File(path, folder, config.site_dir, config.use_directory_urls))

    def _populate_all(self, cache: MarkdownCache) -> None:
        """Every page read and its Markdown looked up; the pages not in the cache turned into HTML now when they are
        few, else when asked for (`_complete`): a template of ours edited changes thousands of bulletins. A page made
        from data (khcn/rendering.py `Later`) is looked up by what its Markdown is made of, without making it; outside
        the navigation, it is read and turned when asked for, even when its HTML is kept."""
        b, config, files = self.engine.build, self.config, self.files
        self.signature = _digest(Path(config.config_file_path).read_text(encoding="utf-8"),
                                 repr(config.markdown_extensions), repr(config.mdx_configs),
                                 *(f"{f.src_uri}\t{f.dest_uri}\t{f.url}\t{f.inclusion}" for f in files))
        used, missing = set(), []
        for file in files.documentation_pages(inclusion=b.InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                b.Page(None, file, config)
            page, later = file.page, getattr(file, "later", None)
            if later is None:
                self._read(page)
            key = self._key(page, page.markdown if later is None else ("later", later.key))
            used.add(key)
            if key not in cache.entries:
                missing.append((page, key, later is not None))
            elif later is None or not file.inclusion.is_not_in_nav():
                self._convert(page, key, cache, unread=later is not None)
            else:
                self.deferred[id(page)] = (page, key, True)
        cache.keep_only(used)
        self.cache = cache
        eager = len(missing) <= self.eager_pages
        for page, key, unread in missing:
            if eager or not page.file.inclusion.is_not_in_nav():  # the navigation's pages: always (their titles)
                self._convert(page, key, cache, unread)
            else:
                self.deferred[id(page)] = (page, key, unread)

    def _read(self, page) -> None:
        """`_populate_page` of MkDocs up to reading the Markdown (a page made from data: rendered now)."""
        config, files = self.config, self.files
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
        except Exception as exc:
            raise PreviewError(f"Lỗi khi đọc trang '{page.file.src_uri}': {_message(exc)}") from exc
        finally:
            config._current_page = None

    def _key(self, page, made_of: str | tuple) -> tuple:
        """The cache's key of the HTML `page` makes: it holds the Markdown as read (or what it is made of), as
        on_page_markdown (ours sets HTML blocks aside) is a function of it and of the page's address while the
        program runs (an edit of the hooks restarts it). on_page_markdown runs in `_convert`, just before Markdown,
        as in MkDocs' `_populate_page`: pages turned later pay for it later."""
        return page.file.src_uri, page.file.url, page.file.dest_uri, made_of, self.signature

    def _convert(self, page, key: tuple, cache: MarkdownCache, unread: bool = False) -> None:
        """The rest of `_populate_page`: `page.render` (or what the cache kept of it), then on_page_content."""
        if unread:
            self._read(page)
        config, files = self.config, self.files
        config._current_page = page
        try:
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            if (kept := cache.entries.get(key)) is not None:
                cache.hits += 1
                self._restore(page, kept)
            else:
                cache.misses += 1
                cache.entries[key] = self._render(page)
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        except Exception as exc:
            raise PreviewError(f"Lỗi khi đọc trang '{page.file.src_uri}': {_message(exc)}") from exc
        finally:
            config._current_page = None

    def _populated(self, page) -> None:
        if (deferred := self.deferred.pop(id(page), None)) is not None:
            _, key, unread = deferred
            try:
                self._convert(page, key, self.cache, unread)
            except PreviewError as exc:  # the full build stops on it: every page says so (the banner)
                self.late_error = self.late_error or str(exc)
                raise

    def _complete(self) -> None:
        """Every deferred page turned into HTML, then the check of links to anchors (it reads every page's)."""
        with self.lock:
            if self.checked:
                return
            collect = _Collect()
            self.engine.logger.addHandler(collect)
            try:
                for page, *_ in list(self.deferred.values()):
                    try:
                        self._populated(page)
                    except PreviewError:
                        continue  # kept in late_error
                for file in self.doc_files:
                    file.page.validate_anchor_links(files=self.files, log_level=self.config.validation.links.anchors)
            finally:
                self.engine.logger.removeHandler(collect)
            if self.config.strict:
                self.late_warnings += warning_text(collect.records)
            self.checked = True

    def complete_in_background(self, then, asked: Asked) -> None:
        """`_complete`, a page at a time, in a thread, giving way to the requests being answered (`asked`); `then()`
        once done. Stops when the epoch is discarded or held (`hold`: a newer one is being prepared)."""
        self.held = False

        def run():
            for page, *_ in list(self.deferred.values()):
                asked.give_way(lambda: self.discarded or self.held)
                if self.discarded or self.held:
                    return
                with self.lock:
                    if not self.discarded:
                        try:
                            self._populated(page)
                        except PreviewError:
                            continue  # kept in late_error
            asked.give_way(lambda: self.discarded or self.held)
            if not (self.discarded or self.held):
                self._complete()
                then()
        threading.Thread(target=run, daemon=True).start()

    def hold(self) -> None:
        """The pages still to turn in the background wait (`complete_in_background` again goes on)."""
        self.held = True

    def _render(self, page) -> Rendered:
        collect = _Collect()
        self.engine.logger.addHandler(collect)
        try:
            page.render(self.config, self.files)
        finally:
            self.engine.logger.removeHandler(collect)
        links = page.links_to_anchors
        return Rendered(page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                        {f.src_uri: dict(v) for f, v in links.items()} if links is not None else None,
                        collect.records)

    def _restore(self, page, kept: Rendered) -> None:
        page.content, page.toc, page._title_from_render = kept.content, kept.toc, kept.title
        page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
        if kept.links is not None:
            page.links_to_anchors = {self.files.get_file_from_path(uri): dict(v) for uri, v in kept.links.items()}
        for record in kept.warnings:
            logging.getLogger(record.name).handle(record)

    # --- outputs, made on request -------------------------------------------------------------------------------

    def _producers(self) -> dict[str, object]:
        """Each output's path → the function that makes it, in the order a full build writes them (a later one of
        the same path wins, as in the full build)."""
        b, config, files = self.engine.build, self.config, self.files
        made: dict[str, object] = {}
        for file in files:
            if not file.is_documentation_page() and b.InclusionLevel.is_included(file.inclusion):
                made[file.dest_uri] = file.copy_file
        for name in config.theme.static_templates:  # 404.html, sitemap.xml: they may read every page
            made[name] = lambda name=name: (self._complete(), b._build_theme_template(name, self.env, files, config,
                                                                                      self.nav))
            if name == "sitemap.xml":
                made[name + ".gz"] = made[name]
        for name in config.extra_templates:
            made[name] = lambda name=name: (self._complete(), b._build_extra_template(name, files, config, self.nav))
        for file in self.doc_files:
            made[file.dest_uri] = lambda page=file.page: (self._populated(page), b._build_page(
                page, config, self.doc_files, self.nav, self.env))
        return made

    def output(self, path: str) -> Path | None:
        """The file at `path` (relative to the site) as the full build would write it, made now if need be."""
        with self.lock:
            if self.discarded:
                return None
            if (make := self.producers.get(path)) is not None:
                self._make(make)
            elif path.split("/", 1)[0] == BUNDLE:
                self.finish()  # the search index is made from every built page
            else:
                self._wait_downloads()  # CSV, XLSX, JSON: written by a second process since on_files
            found = self.site_dir / path
            return found if found.is_file() else None

    def _make(self, make) -> None:
        if make in self.made:
            return
        collect = _Collect()
        self.engine.logger.addHandler(collect)
        try:
            make()
        except Exception as exc:
            self.late_error = self.late_error or _message(exc)
            raise PreviewError(_message(exc)) from exc
        finally:
            self.engine.logger.removeHandler(collect)
            self.made.add(make)
        if self.config.strict:
            self.late_warnings += warning_text(collect.records)

    def _wait_downloads(self) -> None:
        job = self.config.get(DOWNLOADS)
        if job is None:
            return
        try:
            job.wait()
        except BackgroundError as exc:
            self.late_error = self.late_error or f"Không ghi được các tệp dữ liệu tải về:\n{exc}"

    def finish(self) -> None:
        """Every output, then on_post_build (the downloads waited for, the search index): the whole build."""
        with self.lock:
            if self.finished:
                return
            self._complete()
            for make in dict.fromkeys(self.producers.values()):
                self._make(make)
            try:
                self.config.plugins.on_post_build(config=self.config)
            except Exception as exc:
                self.late_error = self.late_error or _message(exc)
            self.finished = True

    def problem(self) -> str | None:
        """What a full build of these files would have stopped on, found while making outputs."""
        if self.late_error:
            return self.late_error
        return "\n".join(self.late_warnings) or None

    def discard(self) -> None:
        self.discarded = True
        job = getattr(self, "config", None) and self.config.get(DOWNLOADS)
        if job is not None:
            job.cancel()
        shutil.rmtree(self.site_dir, ignore_errors=True)


def _names(folder: Path) -> tuple[str, ...]:
    return tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()))


def _message(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
