"""data/gioi-thieu.yaml (issue 12a): the introduction, one optional record: functions, structure, leaders, history.
Without the file the introduction is None and /gioi-thieu/ shows only what data/to-chuc.yaml holds."""

from __future__ import annotations

from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading
from khcn.data.kinds import INTRODUCTION
from khcn.data.models import Introduction
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument

UNITS = "co_cau_to_chuc"  # the key of the structure, whose `ma` are unique


def read_introduction(reading: Reading, failures: Failures) -> tuple[Introduction, SourceDocument] | None:
    if not (reading.data_dir / INTRODUCTION.files).is_file():
        return None
    doc = reading.read(INTRODUCTION.files)
    if doc is None:
        failures.file_failed(INTRODUCTION)
        return None
    if isinstance(doc.data, dict):
        reading.unique(doc, (UNITS,), doc.data.get(UNITS))
    record, errors = validate(Introduction, doc.data, doc)
    reading.errors.extend(errors)
    if record is None:
        failures.file_failed(INTRODUCTION)
        return None
    return record, doc
