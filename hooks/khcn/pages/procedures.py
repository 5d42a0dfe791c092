"""The administrative procedures' page (issue 12b): /thu-tuc-hanh-chinh/, grouped by field, each procedure with its
anchor and its link to the public-service portal. Not published when data/thu-tuc.yaml has no procedure."""

from __future__ import annotations

from khcn.addresses import PROCEDURES_PAGE
from khcn.core.slugs import slug
from khcn.data import kinds
from khcn.data.dataset import SiteData
from khcn.data.models import PROCEDURE_LEVELS
from khcn.pages.page import Page, data
from khcn.rendering import ENV, render

PROCEDURES = (data(kinds.PROCEDURES.files),)


def procedure_anchor(code: str) -> str:
    """`1.004619` -> `tt-1-004619`: a procedure's anchor on the page."""
    return "tt-" + slug(code)


ENV.filters["procedure_anchor"] = procedure_anchor


def field_groups(site: SiteData) -> list[dict]:
    """The fields in the file's order, each with its procedures in the file's order; a field without any is left
    out (the site publishes no empty section)."""
    groups = []
    for field in site.procedures.fields:
        entries = [p for p in site.procedures.entries if p.field == field.id]
        if entries:
            groups.append({"field": field, "procedures": entries})
    return groups


def render_procedures(site: SiteData) -> str:
    return render("procedures.md.j2", groups=field_groups(site), levels=PROCEDURE_LEVELS,
                  count=len(site.procedures.entries), organisation=site.organisation)


def procedure_pages(site: SiteData) -> list[Page]:
    if not site.procedures.entries:
        return []
    return [Page(PROCEDURES_PAGE, render_procedures(site), PROCEDURES)]
