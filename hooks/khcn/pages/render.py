"""The pages built from `data/`: each is Markdown rendered from a Jinja template in `templates/`."""

from __future__ import annotations

import posixpath
from datetime import date

from markupsafe import Markup
from markupsafe import escape as html_escape

from khcn.addresses import (
    ACCESS_PAGE,
    CONTACT_PAGE,
    DOCUMENTS_PAGE,
    REPORTS_INDEX,
    href,
    indicator_path,
    link,
    page_url,
    report_path,
)
from khcn.core import formatting
from khcn.core.slugs import document_anchor
from khcn.data.dataset import ReportPage, SiteData
from khcn.data.richtext import ChartRef, DocumentRef, Plain, TableRef, ValueRef
from khcn.pages.disclosure import published_categories
from khcn.pages.documents import browse, document_details  # issue 12b
from khcn.pages.notices import feedback_link, interruption_banner
from khcn.pages.page import DOCUMENTS, ORGANISATION, REPORTS, Page, report_sources
from khcn.pages.statistics import chart_groups
from khcn.rendering import ENV, render
from khcn.stats import frames as stats
from khcn.stats.charts import GAP_MARK, NO_FIGURE


def document_mention(document) -> str:
    """How official prose cites a document: `Kế hoạch số 26/KH-UBND ngày 04/02/2021`."""
    return f"{document.kind} số {document.number} ngày {formatting.official_day(document.issued)}"


def theme_context(site: SiteData, today: date | None = None) -> dict:
    """What the theme's templates show on every page (masthead, footer), as plain text: the theme needs no
    filter of ours, so the same templates also render in a plain MkDocs build (see benchmarks/). `today`: the
    build's date (khcn.build.today), which decides whether a planned interruption's banner shows."""
    org = site.organisation
    return {**_disclosure_context(site, today),
            "parent_body": org.parent_body, "name": org.name, "site_title": org.site_title,
            "responsible": f"{org.responsible.name} - {org.responsible.title}", "address": org.address,
            "phone": org.phone, "fax": org.fax or "",
            "licence": (f"{org.licence.number} ngày {formatting.official_day(org.licence.date)} "
                        f"của {org.licence.issuer}"),
            "reuse_notice": org.reuse_notice}


def _disclosure_context(site: SiteData, today: date | None) -> dict:
    """issue 12c: the interruption banner, the feedback link, the access-to-information page (or "")."""
    return {"interruption": interruption_banner(site, today), "feedback": feedback_link(site),
            "access": page_url(ACCESS_PAGE) if published_categories(site) else ""}


ENV.filters["mention"] = document_mention
ENV.globals["written_out"] = lambda segments, refs: Markup(write_out(segments, refs, escape=html_escape))


class Resolver:
    """Turns the references of one page's text into words and links."""

    def __init__(self, site: SiteData, page_path: str, period: str | None):
        self.site, self.page_path, self.period = site, page_path, period

    def value(self, ref: ValueRef) -> str:
        value = self.site.values[(ref.indicator, ref.period or self.period)]
        return formatting.value_in_prose(value, ref.component)

    def document(self, ref: DocumentRef) -> tuple[str, str]:
        document = self.site.documents[ref.number]
        return document_mention(document), link(self.page_path, DOCUMENTS_PAGE, document_anchor(document.number))

    def table(self, ref: TableRef) -> str:
        """A statistics table in a bulletin: one indicator's periods, or one period's indicators."""
        if ref.period is not None:
            period = self.site.periods[ref.period]
            return render("indicator_table.html.j2", period=period, groups=period_table(self.site, period.id),
                          no_figure=NO_FIGURE, gap_mark=GAP_MARK)
        indicator = self.site.indicators[ref.indicator]
        site = self.site
        return render("series_table.html.j2", indicator=indicator, measure=stats.measure(indicator),
                      rows=[(p, v, site.blanks.get((indicator.id, p.id))) for p, v in stats.gapped(site, indicator.id)],
                      no_figure=NO_FIGURE, gap_mark=GAP_MARK,
                      indicator_link=link(self.page_path, indicator_path(indicator.id)))

    def chart(self, ref: ChartRef) -> str:
        """An indicator's charts in a bulletin, drawn by its statistics page's own function from the same figures.
        Element ids carry the page and the reference's place in its text: two charts of one indicator on a page,
        or in the articles of one print edition, never share an id."""
        indicator = self.site.indicators[ref.indicator]
        suffix = f"-{posixpath.splitext(posixpath.basename(self.page_path))[0]}-{ref.offset}"
        return render("indicator_chart.html.j2", indicator=indicator, no_figure=NO_FIGURE, gap_mark=GAP_MARK,
                      groups=chart_groups(self.site, indicator, suffix),
                      indicator_href=href(self.page_path, indicator_path(indicator.id)))


def write_out(segments, refs: Resolver, plain: bool = False, escape=str) -> str:
    """A text with every reference replaced by its words, link, table or chart; `plain`: words only (summaries).
    `escape`: for HTML (a report's template), the editors' words and the references' words; a bulletin's body is
    Markdown and stays as typed. Tables and charts are our markup: never escaped."""
    parts = []
    for segment in segments:
        if isinstance(segment, Plain):
            parts.append(escape(segment.text))
        elif isinstance(segment, ValueRef):
            parts.append(escape(refs.value(segment)))
        elif isinstance(segment, DocumentRef):
            mention, target = refs.document(segment)
            parts.append(escape(mention) if plain else f"[{escape(mention)}]({escape(target)})")
        elif isinstance(segment, TableRef) and not plain:
            parts.append(refs.table(segment).strip("\n"))
        elif isinstance(segment, ChartRef) and not plain:
            parts.append(refs.chart(segment).strip("\n"))
    return "".join(parts)


def period_table(site: SiteData, period_id: str) -> list[dict]:
    """Rows of the period's indicators grouped by area, in catalogue order: (indicator, value, None), or (indicator,
    None, reason) for one the values file says has no figure this period."""
    values = site.period_values(period_id)
    groups = []
    for area in site.catalogue.areas:
        rows = [(indicator, values.get(indicator.id), site.blanks.get((indicator.id, period_id)))
                for indicator in site.catalogue.indicators if indicator.area == area.id
                and (indicator.id in values or (indicator.id, period_id) in site.blanks)]
        if rows:
            groups.append({"area": area, "rows": rows})
    return groups


def render_report(site: SiteData, report: ReportPage, stream_footer: dict) -> str:
    """`stream_footer`: the report's place in the bulletin stream (category, previous and next)."""
    path = report_path(report.slug)
    period = report.record.period
    return render("report.md.j2", report=report, record=report.record, period=period,
                   refs=Resolver(site, path, period.id), groups=period_table(site, period.id),
                   organisation=site.organisation, footer=stream_footer, no_figure=NO_FIGURE, gap_mark=GAP_MARK)


def render_reports_index(site: SiteData) -> str:
    return render("reports_index.md.j2", reports=[(report, link(REPORTS_INDEX, report_path(report.slug)))
                                                   for report in site.reports])


def render_documents(site: SiteData) -> str:
    citations = _citations(site)
    documents = sorted(site.documents.values(), key=lambda d: (d.issued, d.number), reverse=True)
    entries = [(document, [(r.record.title, link(DOCUMENTS_PAGE, report_path(r.slug)))
                           for r in citations[document.number]]) for document in documents]
    return render("documents.md.j2", entries=entries, details=document_details(site, DOCUMENTS_PAGE),
                  browse=browse(site, DOCUMENTS_PAGE))  # issue 12b


def _citations(site: SiteData) -> dict[str, list[ReportPage]]:
    """The reports that mention each document, newest first."""
    cited: dict[str, list[ReportPage]] = {number: [] for number in site.documents}
    for report in site.reports:
        for segment in report.segments():
            if isinstance(segment, DocumentRef) and report not in cited[segment.number]:
                cited[segment.number].append(report)
    return cited


def render_contact(site: SiteData) -> str:
    return render("contact.md.j2", organisation=site.organisation)


def generated_pages(site: SiteData, stream_footers: dict[str, dict]) -> list[Page]:
    """The registers' and reports' pages, in a fixed order. `stream_footers`: page path -> the report's place in
    the bulletin stream (see news.pages.footers)."""
    pages = [Page(REPORTS_INDEX, render_reports_index(site), REPORTS),
             Page(DOCUMENTS_PAGE, render_documents(site), DOCUMENTS),
             Page(CONTACT_PAGE, render_contact(site), ORGANISATION)]
    for report in site.reports:
        path = report_path(report.slug)
        pages.append(Page(path, render_report(site, report, stream_footers[path]),
                          report_sources(report.file, report.record.period.id)))
    return pages
