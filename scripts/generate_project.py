"""Write the site as a plain MkDocs project, without hooks, into a new or empty folder (`make generate OUT=DIR`).

The data are loaded and checked as `make build` does; the folder then holds mkdocs.yml, docs/ (with every page,
feed and download generated from data/), overrides/ and the toc's slug function. Build it inside that folder with
`python -m mkdocs build` (or properdocs, or zensical). What such a build lacks is listed in ENGINES.md.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from _project import ROOT, shown, source_date_epoch
from khcn.build import BuildSettingError, today
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from khcn.data.fields import VIETNAM
from khcn.export import write_plain_project


def generate(project: Path, out: Path) -> int:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"Chưa tạo: {shown(out)} đã có nội dung; hãy chọn một thư mục mới hoặc rỗng.", file=sys.stderr)
        return 1
    data_dir = project / "data"
    try:
        today()  # a KHCN_TODAY given wrong stops here, before anything is written
    except BuildSettingError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        site = load_site_data(data_dir, shown_as=shown(data_dir), cache=project / ".cache" / "khcn")
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        print(f"Chưa tạo: {shown(out)} giữ nguyên như cũ.", file=sys.stderr)
        return 1
    # the build date of `make build`: it dates an empty feed, the same for every run on a commit
    updated = datetime.fromtimestamp(int(source_date_epoch(project)), VIETNAM)
    exported = write_plain_project(project, out, site, updated)
    print(f"Đã tạo dự án MkDocs không cần hooks tại {shown(out)}: {exported.pages} trang, {exported.feeds} "
          f"tệp tin (RSS, Atom, JSON, robots.txt), {exported.data_files} tệp dữ liệu. Xây dựng: "
          f"cd {shown(out)} && python -m mkdocs build")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the folder to write (new or empty)")
    parser.add_argument("--project", type=Path, default=ROOT, help="folder holding mkdocs.yml and data/")
    args = parser.parse_args(argv)
    return generate(args.project.resolve(), args.out)


if __name__ == "__main__":
    sys.exit(main())
