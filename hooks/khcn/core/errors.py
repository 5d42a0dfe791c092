"""Errors in editors' data, worded for editors."""

from __future__ import annotations

import dataclasses
from dataclasses import InitVar, dataclass

# Where a value is in a file, as the data has it: field names and list positions (counted from 0, as Python does).
Path = tuple[str | int, ...]

# The fields that name an entry of a list, tried in this order: a message says "mục thứ 9 (`12/KH-UBND`)". They are
# names of khcn.data.models' fields (core imports nothing of data: tests/test_errors.py checks that each still is one).
NAMING_FIELDS = ("so_ky_hieu", "ma_so", "ma", "ho_ten", "san_pham", "ten", "ngay")
_LONGEST_NAME = 60  # a longer value would drown the message: the entry is then known by its position alone
_MOST_STEPS = 6  # a path nested deeper (only a mistake makes one) is cut: its line says where it is


def field_path(path: Path, within: object = None) -> str:
    """`path` in an editor's words: `("chi_so", 0, "ten")` → "trường `chi_so`, mục thứ 1 (`cot-do`), trường `ten`".

    Positions count from 1, as an editor counts; names that follow each other join with dots (`xa-ap-dung.gia_tri`).
    `within` is the file's data: with it, an entry is also named by its number, code, name or date, which an editor
    can search for (position 9 of a long list is hard to count)."""
    words: list[str] = []
    names: list[str] = []
    node = within
    for index, part in enumerate(path):
        if isinstance(part, str):
            names.append(part)
            node = node.get(part) if isinstance(node, dict) else None
            continue
        if names:
            words.append(f"trường `{'.'.join(names)}`")
            names = []
        node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        name = _entry_name(node, path[index + 1:index + 2])
        words.append(f"mục thứ {part + 1}" + (f" (`{name}`)" if name else ""))
    if names:
        words.append(f"trường `{'.'.join(names)}`")
    return ", ".join(words[:_MOST_STEPS] + (["…"] if len(words) > _MOST_STEPS else []))


def _entry_name(entry: object, next_part: tuple) -> str:
    """What names `entry` (its number, its code…), unless the message is about that very field (it shows it)."""
    if not isinstance(entry, dict):
        return ""
    for key in NAMING_FIELDS:
        value = entry.get(key)
        if isinstance(value, str):
            value = value.strip()
            readable = value and len(value) <= _LONGEST_NAME and not any(c in value for c in "`\n\r")
            return value if readable and next_part != (key,) else ""
    return ""


@dataclass(frozen=True)
class DataError:
    """One problem: where it is, which field, what was found and what was expected.

    `path` is where in the file, as the data has it (a bare name is one field, "" none); `field` says it in an
    editor's words (`field_path`), naming entries from `within`, the file's data, when it is given."""

    file: str
    line: int
    path: Path | str
    found: str
    expected: str
    within: InitVar[object] = None
    field: str = dataclasses.field(init=False, default="")

    def __post_init__(self, within: object) -> None:
        path = (self.path,) if isinstance(self.path, str) else tuple(self.path)
        object.__setattr__(self, "path", tuple(part for part in path if part != ""))
        object.__setattr__(self, "field", field_path(self.path, within))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        field = f" — {self.field}" if self.field else ""
        return f"{where}{field}: gặp {self.found}; cần {self.expected}."

    def sort_key(self) -> tuple:
        return self.file, self.line, self.field, self.found, self.expected

    def as_errors(self) -> DataErrors:
        return DataErrors([self])

    @staticmethod
    def combine(errors: list[DataError]) -> DataErrors:
        return DataErrors(errors)


class DataErrors(Exception):
    """All the problems found in one run, sorted by file and line."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors), key=DataError.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"Dữ liệu có {count} lỗi, chưa xây dựng trang web. Sửa các lỗi sau rồi chạy lại:"
        return "\n".join([head, *(f"  • {error}" for error in self.errors)])
