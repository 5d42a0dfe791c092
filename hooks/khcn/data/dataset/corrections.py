"""Corrections against history: a value readers have seen (any published version of its file) changes only with a
correction note (`dinh_chinh`) naming the value it replaces.

Where the published versions come from is a parameter (`History`): git for the site, the real files' history for the
Excel importer, which checks a copy of data/.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic_core import PydanticCustomError

from khcn.core.errors import DataErrors
from khcn.core.formatting import value_in_table
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading
from khcn.data.dataset.values import PeriodValues, Values
from khcn.data.fields import read_count, read_percentage
from khcn.data.models import BOUND_WORDS, IndicatorKind
from khcn.data.validation import validate
from khcn.data.yamlsource import parse_yaml

History = Callable[[Path], list[tuple[str, str]]]  # a file -> (commit, text) of each published version, oldest first


def check_corrections(reading: Reading, failures: Failures, read: Values, indicators: dict,
                      history: History) -> None:
    for file in read.files.values():
        _check_file(reading, failures, file, indicators, history)


def _check_file(reading: Reading, failures: Failures, file: PeriodValues, indicators: dict,
                history: History) -> None:
    """A value readers have seen (any committed version) may change only with a correction note."""
    doc, path, current = file.doc, file.path, file.values
    versions = [_published(text, doc.file, indicators) for _, text in history(path)]
    for indicator_id in sorted({i for version in versions for i in version} - set(current)):
        if indicator_id in indicators and not failures.value(indicator_id, path.stem):
            reading.problem(doc, (), f"giá trị đã công bố của `{indicator_id}` bị xoá khỏi tệp",
                            "giữ lại giá trị đã công bố; nếu sai, sửa giá trị và ghi `dinh_chinh`")
    for indicator_id, value in current.items():
        seen = [version[indicator_id] for version in versions if indicator_id in version] + [value]
        for old, new in zip(seen, seen[1:]):
            if essence(old) == essence(new):
                continue
            kind = indicators[indicator_id].kind
            if any(names_published(kind, note.previous, old) for note in value.corrections):
                continue
            # a note naming no published value was meant for this change: its old value is wrong, not missing
            stray = [note for note in value.corrections
                     if not any(names_published(kind, note.previous, before) for before in seen[:-1])]
            if stray:
                written = ", ".join(f"`{note.previous}`" for note in stray)
                reading.problem(doc, (indicator_id, "dinh_chinh"),
                                f"`gia_tri_cu` {written} không khớp giá trị đã công bố {value_in_table(old)}",
                                f"`gia_tri_cu: {value_in_table(old)}` (giá trị bạn đọc đã thấy trước khi sửa)")
            else:
                reading.problem(doc, (indicator_id,), f"{_change(old, new)} mà không có ghi chú đính chính",
                                f"thêm vào `{indicator_id}` một mục `dinh_chinh` với `ngay`, "
                                f"`gia_tri_cu: {value_in_table(old)}` và `ly_do`")


def _published(text: str, name: str, indicators: dict) -> dict:
    """The values of one committed version (a version that did not validate was never published)."""
    try:
        doc = parse_yaml(text, name)
    except DataErrors:
        return {}
    version = {}
    for indicator_id, raw in (doc.data.items() if isinstance(doc.data, dict) else ()):
        if indicator_id in indicators:
            value, errors = validate(indicators[indicator_id].kind.model, raw, doc, (indicator_id,))
            if value is not None:
                version[indicator_id] = value
    return version


def _change(old, new) -> str:
    """What changed in a published value, in an editor's words."""
    if value_in_table(old) != value_in_table(new):
        return f"giá trị đã công bố {value_in_table(old)} nay là {value_in_table(new)}"
    before, after = getattr(old, "components", {}), getattr(new, "components", {})
    parts = [f"`{c}` {before.get(c, 'trống')} nay là {after.get(c, 'trống')}"
             for c in dict.fromkeys([*before, *after]) if before.get(c) != after.get(c)]
    return f"giá trị đã công bố {value_in_table(old)} có thành phần đổi: {', '.join(parts)}"


def essence(value) -> dict:
    """A value without its correction notes: what readers see of it."""
    return value.model_dump(exclude={"corrections"})


def names_published(kind: IndicatorKind, text: str, old) -> bool:
    """Does an editor's `gia_tri_cu` name the value that was published?"""
    try:
        if kind is IndicatorKind.COUNT:
            for word in BOUND_WORDS.values():
                text = text.removeprefix(word)
            return read_count(text) == old.value
        if kind is IndicatorKind.RATIO:
            numerator, _, denominator = text.partition("(")[0].partition("/")
            return (read_count(numerator), read_count(denominator)) == (old.numerator, old.denominator)
        return read_percentage(text) == old.value
    except PydanticCustomError:
        return False
