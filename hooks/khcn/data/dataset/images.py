"""Images: a bulletin's picture is a file under docs/anh/, described for readers who cannot see it."""

from __future__ import annotations

from khcn.data.dataset.reading import Reading
from khcn.data.markup import image_alt_problem, image_source_problem
from khcn.data.models import BulletinMeta
from khcn.data.yamlsource import SourceDocument


def check_image(reading: Reading, doc: SourceDocument, meta: BulletinMeta) -> None:
    if meta.image is None:
        return
    _check_file(reading, doc, meta.image)
    if meta.image_alt is not None and (problem := image_alt_problem(meta.image_alt)):
        reading.problem(doc, ("anh_mo_ta",), problem.found, problem.expected)  # written into ![…](…) on the page
    if meta.image_alt is None:
        reading.problem(doc, ("anh",), "`anh` mà không có `anh_mo_ta`",
                        "`anh_mo_ta`: một câu tả ảnh cho người không xem được ảnh (trình đọc màn hình)")


def _check_file(reading: Reading, doc: SourceDocument, image: str) -> None:
    expected = "đường dẫn một ảnh trong thư mục docs/anh/, ví dụ /anh/2026/hoi-thao.jpg"
    target = (reading.docs_dir / image.lstrip("/")).resolve()
    if not image.startswith("/anh/") or reading.docs_dir.resolve() not in target.parents:
        reading.problem(doc, ("anh",), f"`{image}`", expected)
    elif problem := image_source_problem(image):  # written into ![…](…) on the page: nothing that ends it
        reading.problem(doc, ("anh",), problem.found, problem.expected)
    elif not target.is_file():
        reading.problem(doc, ("anh",), f"không có tệp ảnh docs{image}", expected)
