"""The site as a plain MkDocs project: every page, feed and download that the hooks generate, written out as files,
and a `mkdocs.yml` that runs no hooks (`make generate OUT=DIR`).

For engines that run no `hooks:` (Zensical, MkDocs 2) and for measuring what MkDocs alone costs
(benchmarks/bench_stats.py). What a build of it lacks next to the hooks build (the pages' source footers, the search
index, the theme's markup fixes) is listed in ENGINES.md and checked by tests/test_generate.py.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml
import yaml_env_tag

from khcn.addresses import theme_addresses
from khcn.build import emblem, emblem_image, robots_txt, site_feeds, site_images, site_pages, today
from khcn.core import slugs
from khcn.data.dataset import SiteData
from khcn.news.editionprint import print_files
from khcn.news.pages import build_stream
from khcn.pages.render import theme_context
from khcn.publish.images import write_images
from khcn.stats.downloads import data_files

COPIED = ("docs", "overrides")  # the hand-written pages and assets, and the theme's overrides
DROPPED_WATCH = ("data", "hooks")  # not in the plain project
# The toc's slugify, which on_config sets: a copy of khcn/core/slugs.py beside mkdocs.yml, importable when the engine
# runs there (`python -m mkdocs` puts the current folder on the path) or with PYTHONPATH set to the project.
SLUG_MODULE = "khcn_slugs"
HEADER = "# Written by `make generate` from data/ (hooks/khcn/export.py): regenerate it rather than edit it.\n"


@dataclass(frozen=True)
class Exported:
    pages: int  # Markdown pages generated from data/
    feeds: int  # RSS, Atom and JSON feeds, and robots.txt
    data_files: int  # CSV, XLSX and JSON downloads


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as MkDocs reads it: `!ENV` values resolved from the environment."""
    loader = yaml_env_tag.add_env_tag(type("EnvLoader", (yaml.SafeLoader,), {}))
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=loader)


def plain_config(config: dict, site: SiteData, images: dict | None = None) -> dict:
    """The project's configuration without hooks, with what on_config sets written in; `images`: docs/anh/'s
    (khcn.build.site_images), for the emblem."""
    config = dict(config)
    config.pop("hooks", None)
    config["watch"] = [path for path in config.get("watch", []) if path not in DROPPED_WATCH]
    config["site_name"] = site.organisation.full_name
    organisation = dict(theme_context(site, today()), emblem=emblem(site, images or {}))  # as on_config sets it
    config["extra"] = dict(config.get("extra") or {}, organisation=organisation, addresses=theme_addresses())
    extensions = list(config.get("markdown_extensions") or [])
    at = next((i for i, e in enumerate(extensions) if e == "toc" or isinstance(e, dict) and "toc" in e), None)
    toc = dict(extensions[at]["toc"] or {}) if at is not None and isinstance(extensions[at], dict) else {}
    toc["slugify"] = _PythonName(f"{SLUG_MODULE}.{slugs.heading_slug.__name__}")
    if at is None:
        extensions.append({"toc": toc})
    else:
        extensions[at] = {"toc": toc}
    config["markdown_extensions"] = extensions
    return config


def generated_files(site: SiteData, site_url: str, updated: datetime | None,
                    docs_dir: Path | None = None) -> tuple[list, list, list]:
    """(pages, feeds, downloads) as (path under docs/, str or bytes): what the hooks add to a build. The print
    editions (PDF) are among the downloads when `docs_dir` (their images) is given."""
    stream = build_stream(site)
    feeds = [*site_feeds(site, stream, site_url, updated), ("robots.txt", robots_txt(site_url))]
    prints = list(print_files(site, stream, docs_dir)) if docs_dir is not None else []
    return site_pages(site, stream), feeds, [*data_files(site), *prints]


def write_plain_project(project: Path, dest: Path, site: SiteData, updated: datetime | None = None) -> Exported:
    """Write into `dest` (new or empty) the plain project of `project` (its mkdocs.yml, docs/ and overrides/)
    around `site`; `updated` dates an empty feed, as the build date does in the hooks."""
    config = read_config(project / "mkdocs.yml")
    dest.mkdir(parents=True, exist_ok=True)
    for folder in COPIED:
        shutil.copytree(project / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    images = site_images(dest / config.get("docs_dir", "docs"))
    text = yaml.dump(plain_config(config, site, images), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    (dest / "mkdocs.yml").write_text(HEADER + text, encoding="utf-8")
    (dest / f"{SLUG_MODULE}.py").write_text(_copied_note(slugs.__file__) + Path(slugs.__file__).read_text(
        encoding="utf-8"), encoding="utf-8")
    pages, feeds, downloads = generated_files(site, config.get("site_url") or "/", updated,
                                              project / config.get("docs_dir", "docs"))
    for path, content in [*pages, *feeds, *downloads]:
        target = dest / config.get("docs_dir", "docs") / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    # issue 13: the photos resized over their originals (no metadata), and the favicons
    write_images(list(images.values()), emblem_image(site, images), dest / config.get("docs_dir", "docs"),
                 dest / config.get("docs_dir", "docs"))
    return Exported(pages=len(pages), feeds=len(feeds), data_files=len(downloads))


def _copied_note(source: str) -> str:
    return f"# A copy of hooks/khcn/core/{Path(source).name}, written by `make generate` (the toc's slugify).\n"


class _PythonName(str):
    """A `!!python/name:` reference in the written YAML (how MkDocs names a function in mkdocs.yml)."""


class _Dumper(yaml.SafeDumper):
    def represent_str(self, text: str) -> yaml.ScalarNode:
        """Lines stay lines (not_in_nav)."""
        return self.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _Dumper.represent_str)

_Dumper.add_representer(
    _PythonName, lambda dumper, name: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{name}", ""))
