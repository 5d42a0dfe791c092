"""The print editions of the bản tin (issue 15), one PDF beside each edition's page (`edition_pdf_path`).

Each checked edition (khcn.data.dataset.editions) and its articles as the web shows them (`edition_articles`) become
the print renderer's plain values (khcn.printing.edition), so the PDF and the page print the same words and the same
figures. What the renderer refuses (more than 64 pages, a character the fonts lack) is told as a data error at the
edition file's `bai` line: the build stops before the site changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from khcn.addresses import edition_pdf_path, page_url
from khcn.core.errors import DataError, DataErrors
from khcn.data.dataset import SiteData
from khcn.data.dataset.editions import ARTICLES, EditionPage
from khcn.news.editions import edition_articles, editors_note
from khcn.news.pages import Stream
from khcn.printing import edition as printed


def print_publication(site: SiteData) -> printed.Publication:
    publication = site.publication
    licence = publication.licence
    return printed.Publication(
        name=publication.name, agency=site.organisation.full_name, licence_number=licence.number,
        licence_date=licence.date, licence_issuer=licence.issuer, periodicity=publication.periodicity,
        print_run=publication.print_run, printer=publication.printer, responsible=publication.responsible,
        board=tuple((member.name, member.role) for member in publication.board))


def print_edition(site: SiteData, stream: Stream, edition: EditionPage) -> printed.Edition:
    record = edition.record
    articles = tuple(
        printed.Article(title=article.title, date=article.published.date(),
                        author=", ".join(article.authors) or None, markdown=article.markdown,
                        address="/" + page_url(article.path))
        for article in edition_articles(site, edition, stream))
    note = "\n\n".join(editors_note(site, edition)) or None
    return printed.Edition(
        publication=print_publication(site), number=record.number, year=record.year, release_date=record.released,
        editors_note_markdown=note, cover_image=Path(record.cover.lstrip("/")) if record.cover else None,
        cover_alt=record.cover_alt, articles=articles)


def print_files(site: SiteData, stream: Stream, docs_dir: Path) -> Iterator[tuple[str, bytes]]:
    """(path in the site, PDF bytes) of each edition, oldest first. Raises DataErrors (every edition is tried)."""
    from khcn.printing.pdf import PrintError, edition_pdf  # the engine loads only when an edition is printed

    errors = []
    for edition in reversed(site.editions):
        try:
            content = edition_pdf(print_edition(site, stream, edition), docs_dir)
        except PrintError as exc:
            errors.append(DataError(edition.file, edition.line, (ARTICLES,), str(exc).rstrip("."),
                                    "một bản in làm được: sửa theo lời giải thích bên cạnh"))
            continue
        yield edition_pdf_path(edition.record.year, edition.record.number), content
    if errors:
        raise DataErrors(errors)


def write_print_files(site: SiteData, stream: Stream, docs_dir: Path, root: Path) -> None:
    """Write each edition's PDF under `root` (the site being built). Raises DataErrors."""
    for path, content in print_files(site, stream, docs_dir):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
