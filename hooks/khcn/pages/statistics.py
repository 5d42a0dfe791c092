"""The statistics section (/thong-ke/), the registers' pages and the open-data files, from the same records.

    overview: key indicators, areas, downloads; one page per area (indicators × periods), one per indicator
    (definition, series, chart, notes, reports citing it); the registers; CSV, XLSX, JSON and datapackage.json.
    Their addresses are in khcn/addresses.py.
"""

from __future__ import annotations

import functools

from khcn.addresses import (
    ALL_VALUES,
    CATALOGUE_FILE,
    PACKAGE_FILE,
    STATISTICS_PAGE,
    area_path,
    area_stem,
    downloads,
    href,
    indicator_path,
    indicator_stem,
    link,
    register_stem,
    report_path,
)
from khcn.core import formatting
from khcn.core.background import split_map
from khcn.core.memory import no_garbage_collection
from khcn.core.periods import short_label
from khcn.data.dataset import SiteData
from khcn.data.registerkinds import REGISTER_KINDS, RegisterKind
from khcn.pages.page import CATALOGUE, Page, data, figures_sources
from khcn.rendering import render
from khcn.stats import frames as stats
from khcn.stats import registers
from khcn.stats.charts import GAP_MARK, MIN_FIGURES, NO_FIGURE, Point, bar_chart


def render_overview(site: SiteData) -> str:
    key_rows = [_latest_row(site, indicator) for indicator in site.catalogue.indicators if indicator.key]
    areas = [(area, [i for i in site.catalogue.indicators if i.area == area.id]) for area in site.catalogue.areas]
    return render("stats_overview.md.j2", page=STATISTICS_PAGE, key_rows=key_rows,
                  areas=[(a, inds, [_latest_row(site, i) for i in inds]) for a, inds in areas if inds],
                  area_path=area_path, indicator_path=indicator_path, href=href, link=link,
                  files={"all": ALL_VALUES, "catalogue": CATALOGUE_FILE, "package": PACKAGE_FILE})


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
                  indicator_path=indicator_path, downloads=downloads(area_stem(area.id)),
                  overview=STATISTICS_PAGE, no_figure=NO_FIGURE, gap_mark=GAP_MARK,
                  blanks=any(cell and cell["blank"] for row in rows for cell in row["cells"]))


def render_indicator(site: SiteData, indicator) -> str:
    path = indicator_path(indicator.id)
    measure = stats.measure(indicator)
    groups = chart_groups(site, indicator)
    corrections = [(p, c) for p, v in stats.series(site, indicator.id) for c in v.corrections]
    return render("stats_indicator.md.j2", page=path, indicator=indicator, area=site.areas[indicator.area],
                  groups=groups, corrections=corrections, counting=stats.COUNTING[indicator.counting],
                  measure=measure, no_figure=NO_FIGURE, gap_mark=GAP_MARK,
                  parent=site.indicators.get(indicator.part_of) if indicator.part_of else None,
                  register=_register_note(site, indicator),
                  reports=[(r, report_path(r.slug)) for r in stats.citing_reports(site, indicator.id)],
                  downloads=downloads(indicator_stem(indicator.id)), href=href, link=link, area_path=area_path,
                  indicator_path=indicator_path, overview=STATISTICS_PAGE)


def chart_groups(site: SiteData, indicator, id_suffix: str = "") -> list[dict]:
    """The indicator page's groups, one per kind of period, each with its chart (or None) and its table's rows: what
    the page shows, and what a bulletin's `{{bieu-do:…}}` draws. `id_suffix` keeps the charts' element ids unique
    where one page (or one print edition) holds the same indicator's charts twice."""
    measure = stats.measure(indicator)
    blanks = stats.blank_periods(site, indicator.id)
    return [_group(site, indicator, measure, kind, stats.with_gaps(points, blanks), id_suffix)
            for kind, points in stats.by_kind(stats.series(site, indicator.id)).items()]


def _group(site: SiteData, indicator, measure: stats.Measure, kind: str, points: list, id_suffix: str) -> dict:
    """One kind of period of the indicator page: its chart (from MIN_FIGURES figures on) and its table, gaps
    included."""
    notes = {p.id: site.blanks.get((indicator.id, p.id)) for p, v in points if v is None}
    figures = [p for p, v in points if v is not None]
    chart = bar_chart([_point(indicator, p, v, notes.get(p.id)) for p, v in points],
                      f"{indicator.name} ({stats.PERIOD_KINDS[kind]})", indicator.unit,
                      f"{indicator.id}-{kind}{id_suffix}", measure.caption) if len(figures) >= MIN_FIGURES else None
    rows = [{"period": p, "value": v, "change": None if v is None else stats.change(site, indicator, p),
             "note": notes.get(p.id)} for p, v in points]
    return {"kind": stats.PERIOD_KINDS[kind], "chart": chart, "rows": rows,
            "gaps": [p for p, v in points if v is None], "only": figures[0]}


def _point(indicator, period, value, note: str | None) -> Point:
    if value is None:
        return Point(short_label(period), None, GAP_MARK, note=note)
    return Point(short_label(period), float(stats.numeric(value)), formatting.value_in_table(value),
                 stats.spoken(indicator, value))


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
                  summary=summary, complete=register.complete_periods, downloads=downloads(register_stem(kind.id)),
                  href=href, link=link, page=kind.page)


def statistics_pages(site: SiteData) -> list[Page]:
    """Every page of the section. On a large site this is thousands of pages: half of them are rendered by a
    second process at the same time (see background.split_map)."""
    partial = functools.partial
    tasks = [(STATISTICS_PAGE, overview_sources(site), partial(render_overview, site))]
    tasks += [(area_path(a.id), area_sources(site, a.id), partial(render_area, site, a)) for a in site.catalogue.areas
              if any(i.area == a.id for i in site.catalogue.indicators)]
    tasks += [(indicator_path(i.id), indicator_sources(site, i), partial(render_indicator, site, i))
              for i in site.catalogue.indicators]
    tasks += [(kind.page, (data(kind.file),), partial(render_register, site, kind)) for kind in REGISTER_KINDS.values()]
    with no_garbage_collection():  # short-lived strings, no cycles
        return split_map(_render_task, tasks)


# The line under a page names the files its figures come from (issue 13): the values files of the periods shown.

def indicator_sources(site: SiteData, indicator) -> tuple[str, ...]:
    """Its whole series, its name and definition; the register that counts it, when one does."""
    register = (data(REGISTER_KINDS[indicator.counted_in].file),) if indicator.counted_in else ()
    return figures_sources([p for p, _ in stats.series(site, indicator.id)], CATALOGUE, *register)


def area_sources(site: SiteData, area_id: str) -> tuple[str, ...]:
    periods = [p for i in site.catalogue.indicators if i.area == area_id for p, _ in stats.series(site, i.id)]
    return figures_sources(periods, CATALOGUE)


def overview_sources(site: SiteData) -> tuple[str, ...]:
    """Each indicator's latest figure and the same period a year before (its change), and the registers' links."""
    periods = []
    for indicator in site.catalogue.indicators:
        if found := stats.latest(site, indicator.id):
            periods.append(found[0])
            before = stats.same_period_last_year(found[0])
            if (indicator.id, before) in site.values:
                periods.append(site.periods[before])
    return figures_sources(periods, CATALOGUE, *(data(kind.file) for kind in REGISTER_KINDS.values()))


def _render_task(task: tuple) -> Page:
    path, sources, render_page = task
    return Page(path, render_page(), sources)

