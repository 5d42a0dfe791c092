"""One period's values file, data/so-lieu/<kỳ>.yaml, as the Excel tools read and write it.

Written in the editors' own style (see data/so-lieu/2021-H1.yaml): a comment line on top, the indicators grouped by
area under a `# <lĩnh vực>` line in catalogue order, one line per indicator where the shorthand allows it (`42`,
`109/138`, `86,96`), a breakdown under `thanh_phan`, correction notes under `dinh_chinh`. Everything here is plain
data: the checks are khcn.data.dataset's, run on the text written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from khcn.core.errors import DataErrors
from khcn.core.history import published_versions
from khcn.data.kinds import CATALOGUE, VALUES
from khcn.data.models import BLANK_FIELD, BOUND_WORDS, BlankValue, Catalogue, CountValue, Indicator, RatioValue, Value
from khcn.data.validation import validate
from khcn.data.yamlsource import parse_yaml, read_yaml, yaml_quoted
from khcn.excel.cells import percent

RawValue = dict  # one indicator's raw YAML data, long form: {"gia_tri": "42", "thanh_phan": {...}, "dinh_chinh": [...]}


@dataclass
class PeriodFile:
    """What the values file of a period holds now (the working copy, published or not)."""

    path: Path
    exists: bool = False
    text: str = ""
    raw: dict = field(default_factory=dict)  # indicator id -> raw YAML data
    values: dict[str, Value] = field(default_factory=dict)  # the entries that read as values of the catalogue
    notes: dict[str, list] = field(default_factory=dict)  # indicator id -> its `dinh_chinh` entries, as typed
    unreadable: list[str] = field(default_factory=list)  # ids of entries that do not read as a value
    blanks: dict[str, RawValue] = field(default_factory=dict)  # `khong_co_so_lieu` entries, as typed: `-` keeps them

    def header(self, catalogue: Catalogue) -> list[str]:
        """The comment lines at the top of the file, before any blank line or area line: kept when it is written."""
        areas = {f"# {area.name}" for area in catalogue.areas}
        lines = []
        for line in self.text.splitlines():
            if not line.startswith("#") or line.strip() in areas:
                break
            lines.append(line)
        return lines


def read_catalogue(data_dir: Path, shown_as: str = "data") -> Catalogue:
    doc = read_yaml(data_dir / CATALOGUE.files, f"{shown_as}/{CATALOGUE.files}")
    catalogue, errors = validate(Catalogue, doc.data, doc)
    if errors:
        raise DataErrors(errors)
    return catalogue


def values_path(data_dir: Path, period_id: str) -> Path:
    return data_dir / VALUES.folder / f"{period_id}.yaml"


def read_period_file(path: Path, catalogue: Catalogue, shown: str) -> PeriodFile:
    """The file as it is; DataErrors when it is not YAML one can read."""
    if not path.is_file():
        return PeriodFile(path)
    doc = read_yaml(path, shown)
    current = PeriodFile(path, True, doc.text, doc.data if isinstance(doc.data, dict) else {})
    current.blanks = {i: raw for i, raw in current.raw.items() if is_blank(raw, doc)}
    current.values = _values({i: raw for i, raw in current.raw.items() if i not in current.blanks}, catalogue, doc,
                             current.unreadable)
    for indicator_id, raw in current.raw.items():
        if isinstance(raw, dict) and isinstance(raw.get("dinh_chinh"), list):
            current.notes[indicator_id] = raw["dinh_chinh"]
    return current


def is_blank(raw: object, doc) -> bool:
    """Does an entry say, readably, that its indicator has no figure this period (`khong_co_so_lieu: <lý do>`)?"""
    if not isinstance(raw, dict) or BLANK_FIELD not in raw:
        return False
    blank, _ = validate(BlankValue, raw, doc, ())
    return blank is not None and all(isinstance(v, str) for v in raw.values())


def latest_published(path: Path, catalogue: Catalogue) -> dict[str, Value]:
    """The values readers see now: the last published version of the file (git history; none when not under git)."""
    versions = published_versions(path)
    if not versions:
        return {}
    try:
        doc = parse_yaml(versions[-1][1], str(path))
    except DataErrors:
        return {}
    return _values(doc.data if isinstance(doc.data, dict) else {}, catalogue, doc, [])


def _values(raw: dict, catalogue: Catalogue, doc, unreadable: list) -> dict[str, Value]:
    kinds = {indicator.id: indicator.kind for indicator in catalogue.indicators}
    values = {}
    for indicator_id, data in raw.items():
        value = None
        if indicator_id in kinds:
            value, _ = validate(kinds[indicator_id].model, data, doc, (indicator_id,))
        if value is None:
            unreadable.append(indicator_id)
        else:
            values[indicator_id] = value
    return values


# --- values as editors write them --------------------------------------------------------------------------------

def editor_text(value: Value) -> str:
    """`42`, `trên 60`, `109/138`, `86,96`: a value as an editor types it (and as `gia_tri_cu` names it)."""
    if isinstance(value, CountValue):
        bound = BOUND_WORDS[value.bound] + " " if value.bound else ""
        return f"{bound}{value.value}"
    if isinstance(value, RatioValue):
        return f"{value.numerator}/{value.denominator}"
    return percent(Decimal(value.value))


def described(value: Value) -> str:
    """A value with its breakdown, for the list of changes: `1234 (cot-do 1226, can 8)`, `86,96%`."""
    text = editor_text(value) + ("" if isinstance(value, (CountValue, RatioValue)) else "%")
    parts = getattr(value, "components", {})
    return text + (f" ({', '.join(f'{c} {n}' for c, n in parts.items())})" if parts else "")


def entry_of(value: Value) -> RawValue:
    """The long form of a value, without its notes."""
    if isinstance(value, RatioValue):
        return {"tu_so": str(value.numerator), "mau_so": str(value.denominator)}
    if not isinstance(value, CountValue):
        return {"gia_tri": percent(Decimal(value.value))}
    entry: RawValue = {"gia_tri": str(value.value)}
    if value.bound:
        entry["so_sanh"] = value.bound
    if value.components:
        entry["thanh_phan"] = {c: str(n) for c, n in value.components.items()}
    return entry


# --- writing -----------------------------------------------------------------------------------------------------

def period_text(catalogue: Catalogue, entries: dict[str, RawValue], header: list[str]) -> str:
    """The file: `header` (comment lines), then each area's indicators under a `# <lĩnh vực>` line."""
    lines = list(header)
    for area in catalogue.areas:
        indicators = [i for i in catalogue.indicators if i.area == area.id and i.id in entries]
        if indicators:
            lines += ["", f"# {area.name}"]
            for indicator in indicators:
                lines += _entry_lines(indicator, entries[indicator.id])
    return "\n".join(lines).lstrip("\n") + "\n"


def _entry_lines(indicator: Indicator, entry: RawValue) -> list[str]:
    short = _shorthand(entry)
    if short is not None:
        return [f"{indicator.id}: {scalar(short)}"]
    lines = [f"{indicator.id}:"]
    for key, item in entry.items():
        if key == "thanh_phan":
            lines += ["  thanh_phan:", *(f"    {c}: {scalar(n)}" for c, n in item.items())]
        elif key == "dinh_chinh":
            lines.append("  dinh_chinh:")
            for note in item:
                lines += [f"    {'- ' if i == 0 else '  '}{k}: {scalar(v)}" for i, (k, v) in enumerate(note.items())]
        else:
            lines.append(f"  {key}: {scalar(item)}")
    return lines


def _shorthand(entry: RawValue) -> str | None:
    """`42`, `86,96` or `109/138` when the value needs nothing else (no bound, breakdown or note)."""
    if set(entry) == {"gia_tri"}:
        return entry["gia_tri"]
    if set(entry) == {"tu_so", "mau_so"}:
        return f"{entry['tu_so']}/{entry['mau_so']}"
    return None


_PLAIN = re.compile(r"^[^\W_][\w ,./%()–-]*(?<! )$")
_NULL_WORDS = {"null", "Null", "NULL"}


def scalar(text: str | None) -> str:
    """A value as editors would type it: plain when it reads back as the same text, else double-quoted."""
    if text is None:
        return ""
    return text if _PLAIN.match(text) and text not in _NULL_WORDS else yaml_quoted(text)


def keepable(note: object) -> bool:
    """Can a `dinh_chinh` entry be written back as it was (a group of plain fields)?"""
    return isinstance(note, dict) and all(isinstance(v, str) or v is None for v in note.values())


def lost_comments(old: str, new: str, catalogue: Catalogue) -> list[str]:
    """Comments of the old text the new one does not have (`dòng 7: # …`); an area's line is ours, not a loss."""
    kept = {line.strip() for line in new.splitlines()} | {f"# {area.name}" for area in catalogue.areas}
    lost = []
    for number, line in enumerate(old.splitlines(), 1):
        comment = _comment(line)
        if comment is not None and (comment != line.strip() or comment not in kept):
            lost.append(f"dòng {number}: {comment}")
    return lost


def _comment(line: str) -> str | None:
    """The comment on a line (whole-line or after a value), outside a quoted value."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'" and _opens_value(line[:index]):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[index:].strip() if line[:index].strip() else line.strip()
    return None


def _opens_value(before: str) -> bool:
    """Is a quote after `before` the start of a quoted value (an apostrophe inside plain text is not)?"""
    before = before.rstrip()
    return not before or before.endswith((":", "-"))
