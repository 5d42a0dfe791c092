"""Errors in editors' data, worded for editors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem: where it is, which field, what was found and what was expected."""

    file: str
    line: int
    field: str
    found: str
    expected: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        field = f" — trường `{self.field}`" if self.field else ""
        return f"{where}{field}: gặp {self.found}; cần {self.expected}."

    def as_errors(self) -> DataErrors:
        return DataErrors([self])

    @staticmethod
    def combine(errors: list[DataError]) -> DataErrors:
        return DataErrors(errors)


class DataErrors(Exception):
    """All the problems found in one run, sorted by file and line."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"Dữ liệu có {count} lỗi, chưa xây dựng trang web. Sửa các lỗi sau rồi chạy lại:"
        return "\n".join([head, *(f"  • {error}" for error in self.errors)])
