"""The one Jinja environment of khcn: every page, feed, chart, imported bulletin and XLSX part is rendered from
`templates/` through it.

One setting per environment, so every template lives with the same rules: HTML escaping on (editors' text may hold
`<` or `&`; Markdown shows entities as the characters) except for the templates in `UNESCAPED`, which escape with
their own filters; undefined names are errors; block tags take their line with them. Filters shared by the pages are
here; a module whose templates need a filter of its own adds it to `ENV` beside the function that renders them.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from khcn.core import formatting
from khcn.core.slugs import document_anchor
from khcn.data.yamlsource import yaml_quoted

TEMPLATES = Path(__file__).parent / "templates"
UNESCAPED = frozenset({"legacy_bulletin.md.j2"})  # Markdown and YAML: its filters escape for each (news/legacy.py)


def _escaped(name: str | None) -> bool:
    return name not in UNESCAPED


ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=_escaped,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters.update(
    day=formatting.day,
    official_day=formatting.official_day,
    clock=formatting.clock,
    iso=formatting.iso,
    value_in_table=formatting.value_in_table,
    number=formatting.number,
    anchor=document_anchor,
    yaml_text=lambda text: Markup(yaml_quoted(text)),  # YAML, not HTML: no entities
)


def render(template: str, **context) -> str:
    return ENV.get_template(template).render(**context)


def render_fragment(template: str, **context) -> str:
    """A piece inlined into other markup (an SVG chart, an XML part): without the newline that ends the file."""
    return render(template, **context).removesuffix("\n")
