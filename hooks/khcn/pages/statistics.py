"""The statistics section (/thong-ke/), the registers' pages and the open-data files, from the same records.

    thong-ke/index.md                       overview: key indicators, areas, downloads
    thong-ke/linh-vuc/<area>.md             indicators × periods of one area
    thong-ke/chi-so/<indicator>.md          definition, series, chart, notes, reports citing it
    thong-ke/du-lieu/...                    CSV, XLSX, JSON and datapackage.json (stable addresses)
    de-tai-du-an/index.md, so-huu-tri-tue/index.md   the registers
"""

from __future__ import annotations

import functools
from pathlib import Path

from khcn.core import formatting
from khcn.core.background import split_map
from khcn.core.memory import no_garbage_collection
from khcn.core.periods import short_label
from khcn.data.dataset import SiteData
from khcn.data.registerkinds import PROJECTS, PROTECTIONS, REGISTER_KINDS, RegisterKind
from khcn.pages.render import STATISTICS_PAGE, link, render, report_path
from khcn.stats import downloads as opendata_files
from khcn.stats import frames as stats
from khcn.stats import registers
from khcn.stats.charts import Point, bar_chart

OVERVIEW = STATISTICS_PAGE
DOWNLOADS_FOLDER = "thong-ke/du-lieu"  # the open-data files
PROJECTS_PAGE = PROJECTS.page
PROTECTIONS_PAGE = PROTECTIONS.page


def area_path(area_id: str) -> str:
    return f"thong-ke/linh-vuc/{area_id}.md"


def indicator_path(indicator_id: str) -> str:
    return f"thong-ke/chi-so/{indicator_id}.md"


def page_url(path: str) -> str:
    """The URL folder MkDocs gives a page (`use_directory_urls`), or a file's own path."""
    if not path.endswith(".md"):
        return path
    return path[: -len("index.md")] if path.endswith("index.md") else path[:-3] + "/"


def href(from_page: str, to: str) -> str:
    """A relative address for raw HTML, where MkDocs does not rewrite `.md` links. Pure string work (no
    `posixpath.relpath`, which asks the file system for the current folder): list pages hold hundreds of links."""
    here, target = page_url(from_page), page_url(to)
    base = here.split("/")[:-1]  # the folders of the page's URL
    parts = target.split("/")
    common = 0
    while common < min(len(base), len(parts) - 1) and base[common] == parts[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + parts[common:])
    return relative or "./"


def _downloads(stem: str) -> dict[str, str]:
    return {"csv": f"{stem}.csv", "xlsx": f"{stem}.xlsx"}


def render_overview(site: SiteData) -> str:
    key_rows = [_latest_row(site, indicator) for indicator in site.catalogue.indicators if indicator.key]
    areas = [(area, [i for i in site.catalogue.indicators if i.area == area.id]) for area in site.catalogue.areas]
    return render("stats_overview.md.j2", page=OVERVIEW, key_rows=key_rows,
                  areas=[(a, inds, [_latest_row(site, i) for i in inds]) for a, inds in areas if inds],
                  area_path=area_path, indicator_path=indicator_path, href=href, link=link, data=DOWNLOADS_FOLDER)


def _latest_row(site: SiteData, indicator) -> dict:
    found = stats.latest(site, indicator.id)
    if found is None:
        return {"indicator": indicator, "period": None, "value": None, "change": None}
    period, value = found
    return {"indicator": indicator, "period": period, "value": value, "change": stats.change(site, indicator, period)}


def render_area(site: SiteData, area) -> str:
    periods, rows = stats.area_table(site, area.id)
    path = area_path(area.id)
    return render("stats_area.md.j2", page=path, area=area, periods=periods, rows=rows, href=href, link=link,
                  indicator_path=indicator_path, downloads=_downloads(f"{DOWNLOADS_FOLDER}/linh-vuc/{area.id}"),
                  overview=OVERVIEW)


def render_indicator(site: SiteData, indicator) -> str:
    path = indicator_path(indicator.id)
    groups = []
    for kind, points in stats.by_kind(stats.series(site, indicator.id)).items():
        chart = bar_chart([Point(short_label(p), float(stats.numeric(v)), formatting.value_in_table(v))
                           for p, v in points], f"{indicator.name} ({stats.PERIOD_KINDS[kind]})",
                          indicator.unit, f"{indicator.id}-{kind}") if len(points) > 1 else None
        rows = [{"period": p, "value": v, "change": stats.change(site, indicator, p)} for p, v in points]
        groups.append({"kind": stats.PERIOD_KINDS[kind], "chart": chart, "rows": rows})
    corrections = [(p, c) for p, v in stats.series(site, indicator.id) for c in v.corrections]
    return render("stats_indicator.md.j2", page=path, indicator=indicator, area=site.areas[indicator.area],
                  groups=groups, corrections=corrections, counting=stats.COUNTING[indicator.counting],
                  parent=site.indicators.get(indicator.part_of) if indicator.part_of else None,
                  register=_register_note(site, indicator),
                  reports=[(r, report_path(r)) for r in stats.citing_reports(site, indicator.id)],
                  downloads=_downloads(f"{DOWNLOADS_FOLDER}/chi-so/{indicator.id}"), href=href, link=link,
                  area_path=area_path, indicator_path=indicator_path, overview=OVERVIEW)


def _register_note(site: SiteData, indicator) -> dict | None:
    """What the register says about this indicator: checked periods, or that it is not complete yet."""
    if indicator.counted_in is None:
        return None
    kind = REGISTER_KINDS[indicator.counted_in]
    checked = [p for p in kind.of(site).complete_periods if (indicator.id, p.id) in site.values]
    return {"page": kind.page, "checked": checked, "name": kind.label}


def render_register(site: SiteData, kind: RegisterKind) -> str:
    register = kind.of(site)
    summary = registers.counts_by_year(registers.register_frame(kind, register), kind.id)
    return render(kind.template, entries=register.entries, categories=kind.categories, statuses=kind.statuses,
                  summary=summary, complete=register.complete_periods,
                  downloads=_downloads(f"{DOWNLOADS_FOLDER}/{kind.id}"), href=href, link=link, page=kind.page)


def statistics_pages(site: SiteData) -> list[tuple[str, str]]:
    """(path, Markdown) of every page of the section. On a large site this is thousands of pages: half of them
    are rendered by a second process at the same time (see background.split_map)."""
    partial = functools.partial
    tasks = [(OVERVIEW, partial(render_overview, site))]
    tasks += [(area_path(a.id), partial(render_area, site, a)) for a in site.catalogue.areas
              if any(i.area == a.id for i in site.catalogue.indicators)]
    tasks += [(indicator_path(i.id), partial(render_indicator, site, i)) for i in site.catalogue.indicators]
    tasks += [(kind.page, partial(render_register, site, kind)) for kind in REGISTER_KINDS.values()]
    with no_garbage_collection():  # short-lived strings, no cycles
        return split_map(_render_task, tasks)


def _render_task(task: tuple) -> tuple[str, str]:
    path, render_page = task
    return path, render_page()


def data_files(site: SiteData) -> list[tuple[str, bytes]]:
    """Every download, at a stable address, with the package that describes them."""
    return opendata_files.data_files(site, DOWNLOADS_FOLDER)


def write_data_files(site: SiteData, site_dir: Path) -> None:
    opendata_files.write_data_files(site, DOWNLOADS_FOLDER, site_dir)
