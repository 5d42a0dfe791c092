"""Every file under data/ is of a known kind: another would be silently left out of the site."""

from __future__ import annotations

from khcn.core.errors import DataError
from khcn.data.dataset.reading import Reading
from khcn.data.kinds import BULLETINS, REPORTS, SINGLE_FILES, VALUES


def check_layout(reading: Reading) -> None:
    known = set(SINGLE_FILES)
    for path in sorted(reading.data_dir.rglob("*")):
        relative = path.relative_to(reading.data_dir).as_posix()
        if path.is_dir() or any(part.startswith(".") for part in path.parts):
            continue
        folder = relative.rpartition("/")[0]
        if relative in known or (folder in (VALUES.folder, REPORTS.folder) and path.suffix == ".yaml"):
            continue
        if relative.startswith(BULLETINS.folder + "/") and path.suffix == ".md":
            continue
        hint = "đổi đuôi tệp thành `.yaml`" if path.suffix == ".yml" else (
            f"chỉ các tệp {', '.join(sorted(known))}, {VALUES.folder}/<kỳ>.yaml, {REPORTS.folder}/<tên>.yaml "
            f"và {BULLETINS.folder}/<năm>/<tên>.md (ảnh đặt trong docs/anh/)")
        reading.errors.append(DataError(reading.name(relative), 1, "", "một tệp không thuộc loại dữ liệu nào "
                                        "(tệp này sẽ bị bỏ qua)", hint))
