"""Check `data/` and say, in Vietnamese, everything that is wrong. Exit 1 when anything is. (`make validate`)"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _project import ROOT, shown
from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data


def validate(data_dir: Path) -> int:
    try:
        site = load_site_data(data_dir, shown_as=shown(data_dir), cache=data_dir.resolve().parent / ".cache" / "khcn")
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for where in site.normalised:
        print(f"Ghi chú: đã chuẩn hoá chữ tiếng Việt sang dạng NFC ở {where}.")
    print(f"Dữ liệu hợp lệ: {len(site.documents)} văn bản, {len(site.indicators)} chỉ số, "
          f"{len(site.values)} giá trị trong {len(site.periods)} kỳ, {len(site.reports)} báo cáo, "
          f"{len(site.projects.entries)} đề tài, dự án, {len(site.protections.entries)} mục bảo hộ, "
          f"{len(site.bulletins)} bản tin.")
    return 0



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT / "data")
    return validate(parser.parse_args(argv).data_dir)


if __name__ == "__main__":
    sys.exit(main())
