"""What already failed and was told to the editor, so that a check depending on it says nothing more: one mistake,
one message (a text citing an indicator whose own entry is invalid is not also told the indicator is missing)."""

from __future__ import annotations

from khcn.data.kinds import Kind
from khcn.data.models import Area, Category, Indicator, LegalDocument


class Failures:
    def __init__(self):
        self._records: set[tuple[type, str]] = set()  # (model, id) of list items that failed their own checks
        self._values: set[tuple[str, str]] = set()  # (indicator id, period id)
        self._files: set[str] = set()  # names of the kinds whose file could not be read as a whole

    # --- recording --------------------------------------------------------------------------------------------

    def record_failed(self, model: type, record_id: str) -> None:
        self._records.add((model, record_id))

    def value_failed(self, indicator_id: str, period_id: str) -> None:
        self._values.add((indicator_id, period_id))

    def file_failed(self, kind: Kind) -> None:
        self._files.add(kind.name)

    # --- asking -----------------------------------------------------------------------------------------------

    def document(self, number: str) -> bool:
        return (LegalDocument, number) in self._records

    def area(self, area_id: str) -> bool:
        return (Area, area_id) in self._records

    def indicator(self, indicator_id: str) -> bool:
        return (Indicator, indicator_id) in self._records

    def category(self, category_id: str) -> bool:
        return (Category, category_id) in self._records

    def value(self, indicator_id: str, period_id: str) -> bool:
        return (indicator_id, period_id) in self._values

    def file(self, kind: Kind) -> bool:
        return kind.name in self._files
