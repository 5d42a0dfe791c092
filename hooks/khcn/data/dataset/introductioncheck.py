"""data/gioi-thieu.yaml against the other files (issue 12a): its texts cite documents of the register (the functions
name the document that sets them), its leaders' photos are files under docs/anh/, and a leader who holds the title of
the person responsible in data/to-chuc.yaml is that person: one name for one office across the site."""

from __future__ import annotations

from khcn.core.errors import DataError
from khcn.data.dataset.images import check_picture
from khcn.data.dataset.reading import Reading
from khcn.data.dataset.references import Citable
from khcn.data.kinds import DOCUMENTS, ORGANISATION
from khcn.data.models import Introduction, Organisation
from khcn.data.richtext import DocumentRef, Malformed, parse_text, references
from khcn.data.yamlsource import SourceDocument

FUNCTIONS = "chuc_nang_nhiem_vu"
CITATION_EXAMPLE = "Theo [[15/2019/QĐ-UBND]], Sở là cơ quan chuyên môn thuộc Uỷ ban nhân dân tỉnh …"


def introduction_texts(intro: Introduction):
    """(path in the file, text) of every text of the introduction that may cite a document."""
    functions = intro.functions
    if functions is None:
        return
    yield (FUNCTIONS, "chuc_nang"), functions.text
    if functions.text_en:
        yield (FUNCTIONS, "chuc_nang_en"), functions.text_en
    for key, duties in (("nhiem_vu", functions.duties), ("nhiem_vu_en", functions.duties_en)):
        for index, text in enumerate(duties):
            yield (FUNCTIONS, key, index), text


def check_introduction(reading: Reading, doc: SourceDocument, intro: Introduction, citable: Citable,
                       organisation: Organisation | None) -> None:
    _check_citations(reading, doc, intro, citable)
    for index, leader in enumerate(intro.leaders):
        check_picture(reading, doc, ("lanh_dao", index), leader.photo, leader.photo_alt,
                      example="/anh/lanh-dao/giam-doc.jpg")
    if organisation is not None:
        _check_responsible(reading, doc, intro, organisation)


def _check_citations(reading: Reading, doc: SourceDocument, intro: Introduction, citable: Citable) -> None:
    cited = False
    for path, text in introduction_texts(intro):
        for ref in references(parse_text(text)):
            if isinstance(ref, DocumentRef):
                cited = True
                problem = citable.problem(ref, None)
            elif isinstance(ref, Malformed):
                problem = ref.found, ref.expected
            else:
                problem = ("một tham chiếu số liệu trong phần giới thiệu",
                           "chỉ nêu văn bản bằng `[[số ký hiệu]]`; số liệu viết trong báo cáo hoặc bản tin")
            if problem:
                line = doc.line_in_text(path, ref.offset, text)
                reading.errors.append(DataError(doc.file, line, path, *problem, doc.data))
    if intro.functions is not None and not cited:
        reading.problem(doc, (FUNCTIONS, "chuc_nang"), "chức năng, nhiệm vụ không nêu văn bản quy định",
                        f"văn bản quy định chức năng, nhiệm vụ, nêu bằng `[[số ký hiệu]]` của một văn bản trong "
                        f"{DOCUMENTS.files}, ví dụ {CITATION_EXAMPLE}")


def _check_responsible(reading: Reading, doc: SourceDocument, intro: Introduction, org: Organisation) -> None:
    responsible = org.responsible
    for index, leader in enumerate(intro.leaders):
        if leader.title.casefold() == responsible.title.casefold() and leader.name != responsible.name:
            reading.problem(doc, ("lanh_dao", index, "ho_ten"),
                            f"{leader.title} `{leader.name}`, mà {ORGANISATION.files} (chiu_trach_nhiem) ghi "
                            f"{responsible.title} là `{responsible.name}`",
                            f"cùng một người ở hai tệp: sửa `ho_ten` ở đây hoặc `chiu_trach_nhiem` ở "
                            f"{ORGANISATION.files}")
