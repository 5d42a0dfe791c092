"""data/tin-tuc/<năm>/<đường-dẫn>.md: one bulletin per file; the file name is its address, /tin-tuc/<đường-dẫn>/."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from pydantic_core import PydanticCustomError

from khcn.addresses import RESERVED_BULLETIN_SLUGS
from khcn.core.errors import DataError
from khcn.data.bulletins import Bulletin, read_bulletin
from khcn.data.dataset.reading import Reading
from khcn.data.fields import VIETNAM, read_slug
from khcn.data.kinds import BULLETINS
from khcn.data.yamlsource import SourceDocument

# By content: a pure reading (the records are frozen), so the preview (khcn/preview), which loads data/ again after
# each saved file, reads again only the bulletins whose bytes changed.
_read_bulletin = functools.lru_cache(maxsize=16384)(read_bulletin)


def read_bulletins(reading: Reading) -> Iterator[tuple[Bulletin, SourceDocument]]:
    """Each bulletin that reads, with its front matter (for the lines of later messages), in file order: one at a
    time, so a site of thousands keeps no front matter it has checked."""
    seen = {}
    for path in sorted((reading.data_dir / BULLETINS.folder).rglob("*.md")):
        relative = path.relative_to(reading.data_dir).as_posix()
        if reading.is_refused(relative):
            continue
        slug = _slug(reading, path, relative, seen)
        if slug is None:
            continue
        bulletin, doc, errors = _read_bulletin(path.read_bytes(), reading.name(relative), slug)
        reading.errors.extend(errors)
        if bulletin is None:
            continue
        if bulletin.normalised:
            reading.normalised.append(f"{bulletin.file}:1")
        yield bulletin, doc


def check_publication_day(reading: Reading, doc: SourceDocument, bulletin: Bulletin) -> bool:
    """Whether the bulletin is published by this build. One dated after the build's day (in Vietnam; the same day at
    a later hour is today's news) is published only on its day, and only when `hen_dang: có` says so: a date in the
    future is otherwise a slip of the year or the month."""
    day = bulletin.meta.published.astimezone(VIETNAM).date()
    if day <= reading.build_day:
        return True
    if bulletin.meta.scheduled:
        reading.scheduled.append(f"{bulletin.file} ({day:%d/%m/%Y})")
        return False
    if day <= reading.today:  # today's bulletin, not committed yet: previewed
        return True
    reading.problem(doc, ("ngay_dang",), f"ngày đăng {day:%d/%m/%Y}, sau hôm nay ({reading.today:%d/%m/%Y})",
                    "ngày đăng đã đến; bài muốn đăng vào một ngày sau thì thêm dòng `hen_dang: có` (bài sẽ hiện "
                    "từ lần xây dựng đầu tiên vào hoặc sau ngày đó)")
    return False


def _slug(reading: Reading, path: Path, relative: str, seen: dict) -> str | None:
    """The file name is the address: /tin-tuc/<name>/. Two files of one name (in two year folders) would
    share it."""
    try:
        slug = read_slug(path.stem)
    except PydanticCustomError:
        reading.errors.append(DataError(reading.name(relative), 1, "tên tệp", f"tên tệp `{path.name}`",
                                        "tên tệp viết thường, không dấu, nối bằng `-`, ví dụ "
                                        "hoi-thao-che-shan-tuyet.md (tên tệp là đường dẫn của bài)"))
        return None
    if slug in RESERVED_BULLETIN_SLUGS:
        reading.errors.append(DataError(reading.name(relative), 1, "tên tệp", f"tên tệp `{path.name}` trùng đường "
                                        "dẫn của trang danh sách tin", "một tên khác, ví dụ thêm năm vào cuối tên"))
        return None
    if slug in seen:
        reading.errors.append(DataError(reading.name(relative), 1, "tên tệp",
                                        f"cùng đường dẫn /{BULLETINS.folder}/{slug}/ với tệp {seen[slug]}",
                                        "mỗi bài một tên tệp riêng: đổi tên một trong hai tệp (chưa đăng thì đổi "
                                        "được; bài đã đăng thì giữ tên để không hỏng liên kết)"))
        return None
    seen[slug] = reading.name(relative)
    return slug
