"""Loading `data/` into checked records: every file read, every reference resolved, every total added up.

Layout (README explains each kind to editors; khcn.data.kinds names the files):
    data/to-chuc.yaml              the organisation
    data/van-ban.yaml              the register of legal documents
    data/chi-so.yaml               areas and the indicator catalogue
    data/so-lieu/<kỳ>.yaml         the indicators' values of one period, e.g. so-lieu/2021-H1.yaml
    data/bao-cao/<đường-dẫn>.yaml  one report; the file name is its address, e.g. /bao-cao/2021-6-thang-dau-nam/
    data/de-tai-du-an.yaml, data/bao-ho.yaml   the registers (optional)
    data/chuyen-muc.yaml           the categories of the bulletin stream
    data/tin-tuc/<năm>/<đường-dẫn>.md   one bulletin (Markdown); the file name is its address, /tin-tuc/<đường-dẫn>/
    data/gioi-thieu.yaml           the introduction (optional): functions, structure, leaders, history
    data/ngay-nghi.yaml, data/tam-ngung.yaml   public holidays and a planned interruption (optional)
    data/ban-tin.yaml, data/ban-tin/<năm>-<số>.yaml   the bản tin and its editions (optional, issue 15)

One module reads each kind; one module makes each check across files. `_load` calls them in order. Every problem
goes to `Reading.errors`; what failed goes to `Failures`, so a later check keeps quiet about it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from khcn.core.errors import DataErrors
from khcn.core.history import published_versions
from khcn.core.memory import no_garbage_collection
from khcn.core.periods import Period
from khcn.data.bulletins import Bulletin
from khcn.data.dataset.bulletins import check_publication_day, read_bulletins
from khcn.data.dataset.catalogue import read_catalogue
from khcn.data.dataset.categories import REPORTS_CATEGORY, check_category, read_categories
from khcn.data.dataset.corrections import History, check_corrections
from khcn.data.dataset.counts import check_register_counts
from khcn.data.dataset.deadlines import check_deadline  # issue 12b
from khcn.data.dataset.documentlinks import check_document_links  # issue 12b
from khcn.data.dataset.documents import read_documents_file
from khcn.data.dataset.editions import EditionPage, edition_files, read_editions, read_publication  # issue 15
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.images import check_image, check_image_folder
from khcn.data.dataset.interruption import read_holidays, read_interruption
from khcn.data.dataset.introduction import read_introduction  # issue 12a
from khcn.data.dataset.introductioncheck import check_introduction  # issue 12a
from khcn.data.dataset.layout import check_layout
from khcn.data.dataset.links import check_links, site_addresses  # issue 13
from khcn.data.dataset.organisation import read_organisation
from khcn.data.dataset.procedures import read_procedures  # issue 12b
from khcn.data.dataset.reading import Reading
from khcn.data.dataset.references import Citable, check_bulletin_references, check_report_references
from khcn.data.dataset.registers import read_registers
from khcn.data.dataset.reportcheck import check_reports  # issue 13
from khcn.data.dataset.reports import ReportPage, read_reports
from khcn.data.dataset.sums import check_sums
from khcn.data.dataset.values import read_values
from khcn.data.models import (
    Catalogue,
    Category,
    Holiday,
    Indicator,
    Interruption,
    Introduction,
    LegalDocument,
    Organisation,
    Procedures,  # issue 12b
    ProjectRegister,
    ProtectionRegister,
    Publication,  # issue 15
    Value,
)
from khcn.data.registerkinds import PROJECTS, PROTECTIONS
from khcn.data.yamlsource import prune_cache

__all__ = ["REPORTS_CATEGORY", "History", "ReportPage", "SiteData", "load_site_data"]


@dataclass
class SiteData:
    organisation: Organisation
    documents: dict[str, LegalDocument]
    catalogue: Catalogue
    values: dict[tuple[str, str], Value]  # (indicator id, period id) -> value
    periods: dict[str, Period]
    reports: list[ReportPage]  # newest first
    projects: ProjectRegister = field(default_factory=ProjectRegister)
    protections: ProtectionRegister = field(default_factory=ProtectionRegister)
    categories: dict[str, Category] = field(default_factory=dict)  # in the editors' order
    bulletins: list[Bulletin] = field(default_factory=list)  # in file order
    normalised: list[str] = field(default_factory=list)  # "file:line" where text was turned into NFC
    # issue 12b
    procedures: Procedures = field(default_factory=Procedures)  # empty when data/thu-tuc.yaml is absent
    attachment_sizes: dict[str, int] = field(default_factory=dict)  # "/van-ban/…" -> bytes
    scheduled: list[str] = field(default_factory=list)  # bulletins left out until their day: "file (dd/mm/yyyy)"
    # issue 12a
    introduction: Introduction | None = None  # data/gioi-thieu.yaml, None when the file is absent
    # issue 12c: a planned interruption (data/tam-ngung.yaml) and the public holidays (data/ngay-nghi.yaml; None
    # when the file is absent)
    interruption: Interruption | None = None
    holidays: tuple[Holiday, ...] | None = None
    # issue 13: the pages' addresses editors wrote as a browser shows them (`/van-ban/#vb-…`) -> the page's file
    # (`/van-ban/index.md#vb-…`), which MkDocs resolves (khcn.data.dataset.links.file_addresses)
    links: dict[str, str] = field(default_factory=dict)
    # issue 15: the bản tin (data/ban-tin.yaml) and its editions (data/ban-tin/), newest first; None and [] without
    publication: Publication | None = None
    editions: list[EditionPage] = field(default_factory=list)
    # issue 13: periods an indicator has no figure for, with the reason the values file gives (`khong_co_so_lieu`)
    blanks: dict[tuple[str, str], str] = field(default_factory=dict)  # (indicator id, period id) -> reason

    # Indexes, built once: pages look values up per indicator and per period thousands of times.
    @functools.cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.catalogue.indicators}

    @functools.cached_property
    def areas(self) -> dict:
        return {area.id: area for area in self.catalogue.areas}

    @functools.cached_property
    def series_by_indicator(self) -> dict[str, list[tuple[Period, Value]]]:
        """Each indicator's values, oldest period first."""
        index: dict[str, list] = {}
        for (indicator, period), value in self.values.items():
            index.setdefault(indicator, []).append((self.periods[period], value))
        return {indicator: sorted(points, key=lambda item: item[0]) for indicator, points in index.items()}

    @functools.cached_property
    def _by_period(self) -> dict[str, dict[str, Value]]:
        index: dict[str, dict] = {}
        for (indicator, period), value in self.values.items():
            index.setdefault(period, {})[indicator] = value
        return index

    @functools.cached_property
    def edition_of(self) -> dict[str, EditionPage]:
        """A bulletin's page (`tin-tuc/<slug>.md`) -> the edition it was printed in (issue 15)."""
        return {path: edition for edition in self.editions for path in edition.articles}

    def period_values(self, period_id: str) -> dict[str, Value]:
        return self._by_period.get(period_id, {})


def load_site_data(data_dir: Path, shown_as: str = "data", check_history: bool = True,
                   cache: Path | None = None, history: History = published_versions,
                   today: date | None = None) -> SiteData:
    """Read and check everything under `data_dir`; raise DataErrors listing every problem found.

    With `check_history`, values already published may change only with a correction note; `history` gives the
    published versions of a file (by default its commits in git). With `cache` (a folder), files read before with
    the same bytes are not parsed again. `today`: the build's day (by default from SOURCE_DATE_EPOCH, else now): a
    period that has not ended by then is refused."""
    reading = Reading(Path(data_dir), shown_as, cache, today)
    with no_garbage_collection():
        site = _load(reading, Failures(), history if check_history else None)
    if cache is not None:
        prune_cache(cache)
    if reading.errors:
        raise DataErrors(reading.errors)
    return site


def _load(reading: Reading, failures: Failures, history: History | None) -> SiteData | None:
    check_layout(reading)
    organisation = read_organisation(reading)
    documents, documents_doc, document_places = read_documents_file(reading, failures)
    catalogue = read_catalogue(reading, failures)
    indicators = {i.id: i for i in catalogue.indicators} if catalogue else {}
    values = read_values(reading, failures, indicators)
    check_sums(reading, failures, values, indicators)
    if history is not None:
        check_corrections(reading, failures, values, indicators, history)
    citable = Citable(indicators, documents, values.values, values.periods, failures, values.blanks)
    reports = read_reports(reading)
    check_reports(reading, reports)  # issue 13
    check_report_references(reading, reports, citable)
    registers = read_registers(reading)
    check_register_counts(reading, registers, indicators, values)
    categories = read_categories(reading, failures, has_reports=bool(reports))
    bulletins = []
    for bulletin, doc in read_bulletins(reading):
        check_category(reading, failures, doc, bulletin.meta.category, categories)
        check_image(reading, doc, bulletin.meta)
        check_deadline(reading, doc, bulletin.meta)  # issue 12b
        check_bulletin_references(reading, bulletin, citable)
        if check_publication_day(reading, doc, bulletin):
            bulletins.append(bulletin)
    # issue 12b
    procedures = read_procedures(reading)
    attachment_sizes = check_document_links(reading, failures, documents, documents_doc, document_places)
    # issue 12a: the introduction
    introduction = read_introduction(reading, failures)
    if introduction is not None:
        check_introduction(reading, introduction[1], introduction[0], citable, organisation)
    # end of issue 12a
    # issue 12c: public holidays, then the planned interruption counted in working days
    holidays = read_holidays(reading, failures)
    interruption = read_interruption(reading, failures, holidays)
    # issue 15: the bản tin and its editions, whose articles are the bulletins above
    files = edition_files(reading)
    publication = read_publication(reading, failures, has_editions=bool(files))
    editions = read_editions(reading, files, bulletins, citable)
    # issue 13: every link and image of editors' text names a page, an anchor or a file the build will make
    known = site_addresses(reading.docs_dir, documents, catalogue, reports, categories, bulletins, procedures,
                           introduction[0] if introduction else None, editions)
    links = check_links(reading, known, bulletins)
    check_image_folder(reading)  # after every use of an image was checked at its line
    if reading.errors:
        return None
    return SiteData(organisation, documents, catalogue, values.values, values.periods, [page for page, _ in reports],
                    registers[PROJECTS.id], registers[PROTECTIONS.id], categories, bulletins, reading.normalised,
                    procedures, attachment_sizes, reading.scheduled,
                    introduction=introduction[0] if introduction else None,
                    interruption=interruption, holidays=holidays, links=links,
                    publication=publication, editions=editions, blanks=values.blanks)
