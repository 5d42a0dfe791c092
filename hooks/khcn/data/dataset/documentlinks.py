"""Documents that point elsewhere (issue 12b): a replaced document names its replacement in the register, related
documents are in the register, attachments are files under docs/van-ban/ (their sizes are kept for the page)."""

from __future__ import annotations

from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading, one_of
from khcn.data.kinds import DOCUMENTS
from khcn.data.models import REPLACED, LegalDocument
from khcn.data.yamlsource import SourceDocument

ATTACHMENTS_FOLDER = "van-ban"  # under docs/: served at /van-ban/<file>, beside the register's page
ATTACHMENT_EXPECTED = (f"đường dẫn một tệp trong thư mục docs/{ATTACHMENTS_FOLDER}/, "
                       f"ví dụ /{ATTACHMENTS_FOLDER}/26-kh-ubnd.pdf")


def check_document_links(reading: Reading, failures: Failures, documents: dict[str, LegalDocument],
                         doc: SourceDocument | None, places: dict[str, int]) -> dict[str, int]:
    """Every attachment's size in bytes, by its path (`/van-ban/…`)."""
    sizes: dict[str, int] = {}
    if doc is None:
        return sizes
    for number, document in documents.items():
        index = places[number]
        if document.status == REPLACED and document.replaced_by is None:
            reading.problem(doc, (index, "tinh_trang"), "`bi-thay-the` mà không ghi văn bản thay thế",
                            "`thay_the_boi`: số, ký hiệu của văn bản thay thế, có trong sổ")
        if document.replaced_by is not None:
            if document.status != REPLACED:
                reading.problem(doc, (index, "thay_the_boi"),
                                f"`thay_the_boi` mà tình trạng là `{document.status or 'chưa ghi'}`",
                                f"`tinh_trang: {REPLACED}` khi văn bản bị thay thế, hoặc bỏ `thay_the_boi`")
            _reference(reading, failures, documents, doc, (index, "thay_the_boi"), number, document.replaced_by)
        for position, other in enumerate(document.related):
            _reference(reading, failures, documents, doc, (index, "lien_quan", position), number, other)
        for position, attachment in enumerate(document.attachments):
            size = _attachment(reading, doc, (index, "tep_dinh_kem", position), attachment)
            if size is not None:
                sizes[attachment] = size
    return sizes


def _reference(reading: Reading, failures: Failures, documents: dict, doc: SourceDocument, path: tuple,
               own: str, other: str) -> None:
    if other == own:
        reading.problem(doc, path, f"văn bản `{other}` nêu chính nó", "số, ký hiệu của một văn bản khác trong sổ")
    elif other not in documents and not failures.document(other):
        reading.problem(doc, path, f"văn bản `{other}` chưa có trong sổ {DOCUMENTS.files}",
                        one_of(other, list(documents), f"số, ký hiệu của một văn bản trong {DOCUMENTS.files}"))


def _attachment(reading: Reading, doc: SourceDocument, path: tuple, attachment: str) -> int | None:
    folder = (reading.docs_dir / ATTACHMENTS_FOLDER).resolve()
    target = (reading.docs_dir / attachment.lstrip("/")).resolve()
    if not attachment.startswith(f"/{ATTACHMENTS_FOLDER}/") or folder not in target.parents:
        reading.problem(doc, path, f"`{attachment}`", ATTACHMENT_EXPECTED)
    elif not target.is_file():
        reading.problem(doc, path, f"không có tệp docs{attachment}", ATTACHMENT_EXPECTED)
    else:
        return target.stat().st_size
    return None
