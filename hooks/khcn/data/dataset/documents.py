"""data/van-ban.yaml: the register of legal documents, by number; each number (and its page anchor) once."""

from __future__ import annotations

from khcn.core.errors import DataError
from khcn.core.slugs import document_anchor
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading
from khcn.data.kinds import DOCUMENTS
from khcn.data.models import LegalDocument


def read_documents(reading: Reading, failures: Failures) -> dict[str, LegalDocument]:
    doc = reading.read(DOCUMENTS.files)
    if doc is None:
        failures.file_failed(DOCUMENTS)
        return {}
    documents: dict[str, LegalDocument] = {}
    anchors: dict[str, str] = {}
    lines: dict[str, int] = {}
    for index, record in enumerate(reading.items(doc, (), doc.data, LegalDocument, "so_ky_hieu", failures)):
        line = doc.line_of((index, "so_ky_hieu"))
        anchor = document_anchor(record.number)
        if record.number in documents or anchor in anchors:
            first = anchors.get(anchor, record.number)
            reading.errors.append(DataError(doc.file, line, f"{index}.so_ky_hieu",
                                            f"văn bản `{record.number}` trùng với `{first}` đã có ở dòng "
                                            f"{lines[first]}", "mỗi văn bản ghi một lần"))
            continue
        documents[record.number] = record
        anchors[anchor] = record.number
        lines[record.number] = line
    return documents
