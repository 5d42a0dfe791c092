"""What an image file under docs/anh/ may be, judged by its content (issue 13), not by its name:

    JPEG, PNG, WebP   read by Pillow; at most MAX_BYTES and MAX_PIXELS (a small file can unpack into gigabytes)
    SVG               parsed with the standard library's XML parser; no script, no event handler (`onload=…`), no
                      `javascript:`, no reference outside the file (`href` other than `#…`, `url(…)`), no DOCTYPE

Its name's ending must say the same type: the web server tells browsers a file's type from its ending.
Plain functions of a path; the messages are the editors' (khcn.data.dataset.images places them in a file and line).
"""

from __future__ import annotations

import contextlib
import functools
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, UnidentifiedImageError

from khcn.core.formatting import file_size

MAX_BYTES = 20 * 1024 * 1024  # 20 MB: a phone's photo is 3-12 MB; more is a scan or a video frame sent by mistake
MAX_PIXELS = 50_000_000  # 50 megapixels: every phone camera's photo; a "decompression bomb" has far more
RASTER = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}  # Pillow's format -> our kind
ENDINGS = {"jpeg": (".jpg", ".jpeg"), "png": (".png",), "webp": (".webp",), "svg": (".svg",)}
ACCEPTED = "ảnh JPEG (.jpg), PNG (.png), WebP (.webp) hoặc SVG (.svg) không có mã chạy"
_SVG = "{http://www.w3.org/2000/svg}"
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")  # JPEG, PNG (WebP: RIFF….WEBP): a photo begins so
_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*")


@dataclass(frozen=True)
class ImageFacts:
    kind: str  # "jpeg", "png", "webp" or "svg"
    width: int | None  # as shown (EXIF orientation applied); an SVG's when it says, else None
    height: int | None


@dataclass(frozen=True)
class ImageProblem:
    found: str
    expected: str


DAMAGED = ImageProblem("tệp ảnh hỏng, không đọc được (có thể chép chưa hết)",
                       "lưu lại ảnh từ máy ảnh hay phần mềm sửa ảnh rồi chép lại")


def inspect(path: Path) -> ImageFacts | ImageProblem:
    """What the file at `path` is, or why it cannot be published as an image. Remembered per file and version."""
    stat = path.stat()
    return _inspect(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _inspect(path: Path, size: int, _mtime: int) -> ImageFacts | ImageProblem:
    if size > MAX_BYTES:
        return ImageProblem(f"tệp ảnh nặng {file_size(size)}",
                            f"tệp ảnh không quá {MAX_BYTES // 1024 // 1024} MB (chụp lại ở cỡ nhỏ hơn, hoặc lưu "
                            "lại dạng JPEG)")
    facts = _raster(path)
    if facts is None:
        head = path.read_bytes()
        if _looks_like_xml(head):
            facts = svg_facts(head)
        elif head.startswith(_SIGNATURES) or head[8:12] == b"WEBP":
            facts = DAMAGED
        else:
            facts = ImageProblem("tệp không phải ảnh (nội dung không phải JPEG, PNG, WebP hay SVG)", ACCEPTED)
    if isinstance(facts, ImageFacts) and path.suffix.lower() not in ENDINGS[facts.kind]:
        return ImageProblem(f"tệp `{path.name}` có đuôi `{path.suffix or '(không có)'}` nhưng là ảnh "
                            f"{facts.kind.upper()}", f"đổi đuôi tệp thành `{ENDINGS[facts.kind][0]}` (và sửa tên "
                            "tệp ở nơi dùng ảnh)")
    return facts


def _raster(path: Path) -> ImageFacts | ImageProblem | None:
    """A JPEG, PNG or WebP's kind and size; None when Pillow does not recognise it as one."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # the limit is ours, below
            with Image.open(path, formats=list(RASTER)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return ImageProblem(f"ảnh {width}×{height} điểm ảnh ({width * height / 1e6:.0f} triệu)",
                                        f"ảnh không quá {MAX_PIXELS // 1_000_000} triệu điểm ảnh")
                kind = RASTER[image.format]
                image.verify()  # PNG's checksums; a truncated file is found here or when resized
            with Image.open(path, formats=list(RASTER)) as image:  # verify() leaves an image unusable
                if _turned(image):  # shown a quarter turned: the build turns it (khcn.publish.images)
                    width, height = height, width
    except (UnidentifiedImageError, Image.DecompressionBombError):
        return None
    except (OSError, SyntaxError, ValueError):  # Pillow's words for a damaged file
        return DAMAGED
    return ImageFacts(kind, width, height)


def _turned(image: Image.Image) -> bool:
    """The photo is shown turned a quarter (EXIF orientation 5-8): its width and height swap."""
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)


def _looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def svg_facts(data: bytes) -> ImageFacts | ImageProblem:
    """An SVG with nothing that runs or loads: its size from `width`/`height` (else its viewBox), when it says."""
    if problem := svg_problem(data):
        return ImageProblem(problem, "ảnh SVG chỉ có hình vẽ: không có <script>, thuộc tính on…=, javascript:, "
                                     "liên kết ra ngoài tệp hay DOCTYPE (lưu lại từ phần mềm vẽ dạng \"Plain SVG\", "
                                     "hoặc dùng ảnh PNG)")
    root = ElementTree.fromstring(data)
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        with contextlib.suppress(ValueError):  # a viewBox that is no numbers: no size said
            width, height = round(float(box[2])), round(float(box[3]))
    return ImageFacts("svg", width, height)


def svg_problem(data: bytes) -> str | None:
    """Why an SVG may not be published, in an editor's words, or None. No DOCTYPE at all: entities are how an XML
    file makes the parser expand gigabytes or read another file."""
    upper = data.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        return "tệp SVG có khai báo DOCTYPE/ENTITY"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"tệp có dạng XML nhưng hỏng (dòng {exc.position[0]})"
    if root.tag != f"{_SVG}svg":
        return "tệp XML không phải ảnh SVG"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1].lower()
        if name in ("script", "foreignobject"):
            return f"ảnh SVG có thẻ <{name}>"
        for attribute, value in element.attrib.items():
            if problem := _attribute_problem(attribute.rsplit("}", 1)[-1].lower(), value):
                return problem
        if name == "style" and _outside_reference(element.text or ""):
            return "ảnh SVG có <style> lấy nội dung từ ngoài tệp"
    return None


def _attribute_problem(name: str, value: str) -> str | None:
    squeezed = re.sub(r"\s+", "", value).lower()
    if name.startswith("on"):
        return f"ảnh SVG có thuộc tính chạy mã `{name}`"
    if "javascript:" in squeezed:
        return "ảnh SVG có `javascript:`"
    if name == "href" and not value.strip().startswith("#"):
        return f"ảnh SVG có liên kết ra ngoài tệp `{value.strip()[:60]}`"
    if _outside_reference(value):
        return f"ảnh SVG có thuộc tính `{name}` lấy nội dung từ ngoài tệp"
    return None


def _outside_reference(css: str) -> bool:
    """`url(…)` to anything but a place in the same file, or `@import`."""
    squeezed = re.sub(r"\s+", "", css).lower()
    return "@import" in squeezed or any(not rest.lstrip("'\"").startswith("#")
                                        for rest in squeezed.split("url(")[1:])


def _length(text: str | None) -> int | None:
    match = _LENGTH.fullmatch(text or "")
    return round(float(match.group(1))) if match else None
