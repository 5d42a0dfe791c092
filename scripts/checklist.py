"""Print every item a department's website must publish (Nghị định 224/2026/NĐ-CP, điều 9, 10, 13; Luật Tiếp cận
thông tin, điều 17) with ✔ or ✘, where this site publishes it, the date of its latest item and of its file's last
change, and for a ✘ the file to fill in. (`make checklist`; `make checklist STRICT=1` exits 1 when an item is
missing, so a department may enforce it in CI.) The table is khcn/pages/disclosure.py's, the one the
access-to-information page reads.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from _project import ROOT, shown
from khcn.addresses import page_url
from khcn.core.errors import DataErrors
from khcn.core.formatting import official_day
from khcn.core.history import last_changes
from khcn.data.dataset import load_site_data
from khcn.pages.disclosure import checklist
from khcn.pages.provenance import Changes

STRICT = "STRICT"  # the environment variable `make checklist STRICT=1` sets


def lines(site, changes: Changes | None) -> tuple[list[str], int]:
    """The printed lines and the number of items missing."""
    out, missing = [], 0
    for item, found in checklist(site):
        out.append(f"{'✔' if found else '✘'} {item.name}")
        out.append(f"    căn cứ: {item.basis}")
        if found:
            places = ", ".join(f"{place.label} (/{page_url(place.page)})" for place in found.places)
            out.append(f"    đăng tại: {places}")
            latest = official_day(found.latest) if found.latest else "—"
            changed, draft = changes.of([item.fill]) if changes else (None, False)
            when = "chưa lưu vào kho (git)" if draft else (official_day(changed.date()) if changed else "—")
            out.append(f"    mục mới nhất: {latest}; {item.fill} thay đổi lần cuối: {when}")
        else:
            missing += 1
            out.append(f"    cần điền: {item.fill}" + (f" ({item.hint})" if item.hint else ""))
    return out, missing


def run(project: Path, strict: bool) -> int:
    data_dir = project / "data"
    try:
        site = load_site_data(data_dir, shown_as=shown(data_dir), cache=project / ".cache" / "khcn")
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    files = last_changes(project)
    printed, missing = lines(site, Changes(files) if files is not None else None)
    print("\n".join(printed))
    total = len(checklist(site))
    print(f"\nĐã có {total - missing}/{total} mục; còn thiếu {missing} mục." if missing else
          f"\nĐã có đủ {total}/{total} mục.")
    if missing and strict:
        print(f"Còn thiếu {missing} mục ({STRICT}=1): điền các tệp ghi ở \"cần điền\".", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--project", type=Path, default=ROOT, help="folder holding data/ (default: this project)")
    parser.add_argument("--strict", action="store_true", help=f"exit 1 when an item is missing (or {STRICT}=1)")
    args = parser.parse_args(argv)
    strict = args.strict or os.environ.get(STRICT, "").strip() not in ("", "0")
    return run(args.project.resolve(), strict)


if __name__ == "__main__":
    sys.exit(main())
