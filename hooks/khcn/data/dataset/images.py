"""Images: a bulletin's or a leader's picture, the department's emblem, is a file under docs/anh/, described for
readers who cannot see it, and an image by its content (khcn.data.imagefiles, issue 13)."""

from __future__ import annotations

from khcn.addresses import IMAGES
from khcn.core.errors import DataError
from khcn.data.dataset.reading import Reading
from khcn.data.imagefiles import ImageFacts, inspect
from khcn.data.markup import image_alt_problem, image_source_problem
from khcn.data.models import BulletinMeta
from khcn.data.yamlsource import SourceDocument


def check_image(reading: Reading, doc: SourceDocument, meta: BulletinMeta) -> None:
    check_picture(reading, doc, (), meta.image, meta.image_alt)


def check_picture(reading: Reading, doc: SourceDocument, where: tuple, image: str | None, alt: str | None,
                  example: str = "/anh/2026/hoi-thao.jpg", fields: tuple[str, str] = ("anh", "anh_mo_ta")
                  ) -> ImageFacts | None:
    """A record's `anh` and `anh_mo_ta` (or the two `fields` named) at `where` (the record's path in its file: ()
    for a bulletin's front matter, ("lanh_dao", 0) for a leader); the image's facts when it is one."""
    if image is None:
        return None
    facts = _check_file(reading, doc, where + (fields[0],), image, example)
    if alt is not None and (problem := image_alt_problem(alt)):
        reading.problem(doc, where + (fields[1],), problem.found, problem.expected)  # written into ![…](…)
    if alt is None:
        reading.problem(doc, where + (fields[0],), f"`{fields[0]}` mà không có `{fields[1]}`",
                        f"`{fields[1]}`: một câu tả ảnh cho người không xem được ảnh (trình đọc màn hình)")
    return facts


def _check_file(reading: Reading, doc: SourceDocument, path: tuple, image: str, example: str) -> ImageFacts | None:
    expected = f"đường dẫn một ảnh trong thư mục docs/anh/, ví dụ {example}"
    target = (reading.docs_dir / image.lstrip("/")).resolve()
    if not image.startswith("/anh/") or reading.docs_dir.resolve() not in target.parents:
        reading.problem(doc, path, f"`{image}`", expected)
    elif problem := image_source_problem(image):  # written into ![…](…) on the page: nothing that ends it
        reading.problem(doc, path, problem.found, problem.expected)
    elif not target.is_file():
        reading.problem(doc, path, f"không có tệp ảnh docs{image}", expected)
    elif not isinstance(facts := inspect(target), ImageFacts):
        reading.problem(doc, path, f"docs{image}: {facts.found}", facts.expected)
    else:
        return facts
    return None


def check_image_folder(reading: Reading) -> None:
    """Every file under docs/anh/ is published, used or not: each must be an image. One used by a bulletin or a
    record was reported where it is used (that message names the line), so it is not reported again here."""
    folder = reading.docs_dir / IMAGES
    reported = {error.found.partition(":")[0] for error in reading.errors}
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        shown = f"docs/{path.relative_to(reading.docs_dir).as_posix()}"
        if (path.is_file() and not path.is_symlink() and shown not in reported
                and not isinstance(facts := inspect(path), ImageFacts)):
            reading.errors.append(DataError(shown, 1, "", facts.found, facts.expected))
