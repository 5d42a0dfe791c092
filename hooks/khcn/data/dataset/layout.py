"""Every file under data/ is of a known kind: another would be silently left out of the site. No file under data/
or docs/ is a symbolic link: the site is made only of files kept in the project."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from khcn.core.errors import DataError
from khcn.data.dataset.reading import Reading
from khcn.data.kinds import BULLETINS, EDITIONS, REPORTS, SINGLE_FILES, VALUES


def check_layout(reading: Reading) -> None:
    reading.refused.update(_links(reading, reading.data_dir, reading.name))
    if reading.docs_dir.is_dir():
        docs = PurePosixPath(reading.shown_as).parent / reading.docs_dir.name
        _links(reading, reading.docs_dir, lambda relative: (docs / relative).as_posix())
    known = set(SINGLE_FILES)
    for path in sorted(reading.data_dir.rglob("*")):
        relative = path.relative_to(reading.data_dir).as_posix()
        if path.is_dir() or any(part.startswith(".") for part in path.parts) or reading.is_refused(relative):
            continue
        folder = relative.rpartition("/")[0]
        if relative in known or (folder in (VALUES.folder, REPORTS.folder, EDITIONS.folder) and path.suffix == ".yaml"):
            continue
        if relative.startswith(BULLETINS.folder + "/") and path.suffix == ".md":
            continue
        hint = "đổi đuôi tệp thành `.yaml`" if path.suffix == ".yml" else (
            f"chỉ các tệp {', '.join(sorted(known))}, {VALUES.folder}/<kỳ>.yaml, {REPORTS.folder}/<tên>.yaml, "
            f"{EDITIONS.folder}/<năm>-<số>.yaml "
            f"và {BULLETINS.folder}/<năm>/<tên>.md (ảnh đặt trong docs/anh/)")
        reading.errors.append(DataError(reading.name(relative), 1, "", "một tệp không thuộc loại dữ liệu nào "
                                        "(tệp này sẽ bị bỏ qua)", hint))


LINK_EXPECTED = ("một tệp thật đặt ngay trong thư mục (chép tệp vào đây rồi xoá liên kết): trang web chỉ dùng các tệp "
                 "của dự án")


def _links(reading: Reading, top: Path, name) -> list[str]:
    """The symbolic links under `top` (files and folders, not followed), each refused by its name alone: what it
    points to is never read nor shown. Refused even when they point inside the project, whose folder also holds
    .git/, .venv/ and .cache/; git keeps a link as a path and no editor's tool makes one."""
    found = []
    for root, folders, files in os.walk(top, followlinks=False):
        for entry in sorted(folders + files):
            path = Path(root, entry)
            if path.is_symlink():
                relative = path.relative_to(top).as_posix()
                found.append(relative)
                reading.errors.append(DataError(name(relative), 1, "", "một liên kết (symlink), không phải một tệp "
                                                "thật; trang web không đọc nó", LINK_EXPECTED))
        folders.sort()
    return found
