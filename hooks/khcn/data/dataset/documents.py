"""data/van-ban.yaml: the register of legal documents, by number; each number (and its page anchor) once."""

from __future__ import annotations

from khcn.core.errors import DataError
from khcn.core.slugs import document_anchor
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading
from khcn.data.kinds import DOCUMENTS
from khcn.data.models import LegalDocument
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument


def read_documents(reading: Reading, failures: Failures) -> dict[str, LegalDocument]:
    return read_documents_file(reading, failures)[0]


def read_documents_file(reading: Reading, failures: Failures) -> tuple[dict[str, LegalDocument],
                                                                         SourceDocument | None, dict[str, int]]:
    """The register, its file (for the lines of later checks) and each document's place in the list."""
    doc = reading.read(DOCUMENTS.files)
    if doc is None:
        failures.file_failed(DOCUMENTS)
        return {}, None, {}
    documents: dict[str, LegalDocument] = {}
    anchors: dict[str, str] = {}
    lines: dict[str, int] = {}
    places: dict[str, int] = {}
    positions = _valid_positions(doc.data, reading, doc, failures)
    for index, record in positions:
        line = doc.line_of((index, "so_ky_hieu"))
        anchor = document_anchor(record.number)
        if record.number in documents or anchor in anchors:
            first = anchors.get(anchor, record.number)
            reading.errors.append(DataError(doc.file, line, (index, "so_ky_hieu"),
                                            f"văn bản `{record.number}` trùng với `{first}` đã có ở dòng "
                                            f"{lines[first]}", "mỗi văn bản ghi một lần"))
            continue
        documents[record.number] = record
        anchors[anchor] = record.number
        lines[record.number] = line
        places[record.number] = index
    return documents, doc, places


def _valid_positions(data, reading: Reading, doc: SourceDocument, failures: Failures) -> list[tuple[int, object]]:
    """(index in the file, record) of the items that validate, each checked on its own (as `Reading.items`): the
    index gives a later message its line."""
    if not isinstance(data, list):
        reading.items(doc, (), data, LegalDocument, "so_ky_hieu", failures)  # the message about the shape
        return []
    found = []
    for index, item in enumerate(data):
        record, errors = validate(LegalDocument, item, doc, (index,))
        reading.errors.extend(errors)
        if record is not None:
            found.append((index, record))
        elif isinstance(item, dict) and isinstance(item.get("so_ky_hieu"), str):
            failures.record_failed(LegalDocument, item["so_ky_hieu"].strip())
    return found
