"""Images: a bulletin's or a leader's picture is a file under docs/anh/, described for readers who cannot see it."""

from __future__ import annotations

from khcn.data.dataset.reading import Reading
from khcn.data.markup import image_alt_problem, image_source_problem
from khcn.data.models import BulletinMeta
from khcn.data.yamlsource import SourceDocument


def check_image(reading: Reading, doc: SourceDocument, meta: BulletinMeta) -> None:
    check_picture(reading, doc, (), meta.image, meta.image_alt)


def check_picture(reading: Reading, doc: SourceDocument, where: tuple, image: str | None, alt: str | None,
                  example: str = "/anh/2026/hoi-thao.jpg", keys: tuple[str, str] = ("anh", "anh_mo_ta")) -> None:
    """A record's `anh` and `anh_mo_ta` at `where` (the record's path in its file: () for a bulletin's front
    matter, ("lanh_dao", 0) for a leader); `keys`: the two fields' names when they are others (an edition's
    `anh_bia`, `anh_bia_mo_ta`)."""
    if image is None:
        return
    image_key, alt_key = keys
    _check_file(reading, doc, where + (image_key,), image, example)
    if alt is not None and (problem := image_alt_problem(alt)):
        reading.problem(doc, where + (alt_key,), problem.found, problem.expected)  # written into ![…](…)
    if alt is None:
        reading.problem(doc, where + (image_key,), f"`{image_key}` mà không có `{alt_key}`",
                        f"`{alt_key}`: một câu tả ảnh cho người không xem được ảnh (trình đọc màn hình)")


def _check_file(reading: Reading, doc: SourceDocument, path: tuple, image: str, example: str) -> None:
    expected = f"đường dẫn một ảnh trong thư mục docs/anh/, ví dụ {example}"
    target = (reading.docs_dir / image.lstrip("/")).resolve()
    if not image.startswith("/anh/") or reading.docs_dir.resolve() not in target.parents:
        reading.problem(doc, path, f"`{image}`", expected)
    elif problem := image_source_problem(image):  # written into ![…](…) on the page: nothing that ends it
        reading.problem(doc, path, problem.found, problem.expected)
    elif not target.is_file():
        reading.problem(doc, path, f"không có tệp ảnh docs{image}", expected)
