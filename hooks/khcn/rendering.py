"""The one Jinja environment of khcn: every page, feed, chart, imported bulletin and XLSX part is rendered from
`templates/` through it.

One setting per environment, so every template lives with the same rules: HTML escaping on (editors' text may hold
`<` or `&`; Markdown shows entities as the characters) except for the templates in `UNESCAPED`, which escape with
their own filters; undefined names are errors; block tags take their line with them. Filters shared by the pages are
here; a module whose templates need a filter of its own adds it to `ENV` beside the function that renders them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path

import jinja2
from jinja2 import meta
from markupsafe import Markup
from pydantic import BaseModel

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


# --- renders kept between builds of one process (the preview, khcn/preview) ------------------------------------------
# A page generated from data is a pure function of its template files and its context. The preview builds the site
# again after every saved file; the thousands of pages whose context did not change are then taken from here, and a
# page is rendered only when the preview reads it (`Later`): an edited template changes thousands of bulletins, and
# a reader looks at one. Off in a full build (each page is rendered once there): `keep_renders(True)` turns it on.

_KEPT: dict[Hashed, str] = {}
_TRIED: set[tuple] = set()  # the template versions rendered at least once
_INCLUDES: dict[jinja2.Template, tuple[str, ...]] = {}
_KEEPING = [False]
MAX_KEPT = 50_000  # renders; past it the store starts again empty (a preview running for days)
_IMMUTABLE = (str, int, float, bool, type(None), date, datetime, Decimal, Enum)
_PLAIN = frozenset({str, Markup, int, float, bool, type(None)})


def keep_renders(on: bool) -> None:
    _KEEPING[0] = on
    _KEPT.clear()
    _TRIED.clear()


class Hashed:
    """A key hashed once: a render's key holds its whole context, and is looked up several times a build."""

    __slots__ = ("value", "_hash")

    def __init__(self, value: tuple):
        self.value, self._hash = value, hash(value)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hashed) and self._hash == other._hash and self.value == other.value


class Later:
    """A page's Markdown that the preview makes only when the page is read (khcn/preview/engine.py): `key` stands
    for the text before it is made (equal keys, equal texts), so the preview can look up the page's HTML by it."""

    __slots__ = ("key", "_make")

    def __init__(self, key: Hashed, make: Callable[[], str]):
        self.key, self._make = key, make

    def text(self) -> str:
        return self._make()

    def then(self, function: Callable[[str, object], str], argument: object, argument_key: object) -> Later:
        """`function(text, argument)`, made as late; `argument_key` stands for `argument` (`_value`)."""
        return Later(Hashed((self.key, function.__module__, function.__qualname__, argument_key)),
                     lambda: function(self.text(), argument))


def render_later(template: str, **context) -> str | Later:
    """`render(template, **context)`; in the preview, a `Later` kept under the context's value and the versions of
    the template and of the templates it includes (Jinja loads a template file again when it changed: a new
    version, a new key). The first render of each version is made at once, so that an error in an edited template
    stops the preview's build as it stops a full one. A context holding anything whose value cannot be read as
    immutable (a function, a mutable object) is rendered at once."""
    if not _KEEPING[0]:
        return render(template, **context)
    try:
        versions = _versions(template)
        key = Hashed((versions, _value(context)))
    except TypeError:
        return render(template, **context)
    later = Later(key, lambda: _kept(key, template, context))
    if versions not in _TRIED:
        _TRIED.add(versions)
        later.text()
    return later


def _kept(key: Hashed, template: str, context: dict) -> str:
    if (text := _KEPT.get(key)) is None:
        if len(_KEPT) >= MAX_KEPT:
            _KEPT.clear()
        text = _KEPT[key] = render(template, **context)
    return text


def text_of(content: str | Later) -> str:
    return content if isinstance(content, str) else content.text()


def each_then(contents: list[str | Later], function: Callable[[str, object], str],
              argument: object) -> list[str | Later]:
    """`function(content, argument)` of each content, at once or as late as the content is made. In the preview,
    `argument` must be readable by value (`_value`)."""
    key = _value(argument) if any(isinstance(content, Later) for content in contents) else None
    return [function(content, argument) if isinstance(content, str) else content.then(function, argument, key)
            for content in contents]


def _value(value):
    """A hashable stand-in holding all of `value`, or TypeError. (The values of a list or dict that are plain strings
    or numbers are taken as they are without a call: a list page's context holds thousands.)"""
    kind = type(value)
    if kind in _PLAIN or isinstance(value, _IMMUTABLE):
        return value
    if kind is dict:
        return (dict, tuple((k, v if type(v) in _PLAIN else _value(v)) for k, v in value.items()))
    if kind is list or kind is tuple:
        return (kind, tuple(v if type(v) in _PLAIN else _value(v) for v in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and value.__dataclass_params__.frozen:
        return _whole(value) or (kind, tuple(_value(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, BaseModel) and value.model_config.get("frozen"):
        return _whole(value) or (kind, tuple((n, _value(getattr(value, n))) for n in kind.model_fields))
    raise TypeError(f"not kept: {kind.__name__}")


def _whole(record):
    """A frozen record whose fields all hash (compared by value): itself; None when a field is a list or a dict."""
    try:
        hash(record)
    except TypeError:
        return None
    return record


def _versions(name: str) -> tuple:
    template = ENV.get_template(name)
    if template not in _INCLUDES:
        source = Path(template.filename).read_text(encoding="utf-8")
        _INCLUDES[template] = tuple(n for n in meta.find_referenced_templates(ENV.parse(source)) if n)
    return (template, *(v for included in _INCLUDES[template] for v in _versions(included)))


def render_fragment(template: str, **context) -> str:
    """A piece inlined into other markup (an SVG chart, an XML part): without the newline that ends the file."""
    return render(template, **context).removesuffix("\n")
