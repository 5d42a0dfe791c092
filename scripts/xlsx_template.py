"""An Excel workbook in which editors fill one period's figures: `make xlsx-template PERIOD=2021-H2`.

    scripts/xlsx_template.py PERIOD [--out FILE] [--data DIR]

Writes so-lieu-<PERIOD>.xlsx (or FILE) and prints where. Every indicator of data/chi-so.yaml has its row, grouped by
area; when data/so-lieu/<PERIOD>.yaml exists its figures are filled in, so that a correction is a round trip. An
existing workbook is never overwritten: it may hold an editor's work. Fill it, then import it with
scripts/import_xlsx.py. Exit 0; 1 when nothing was written; 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _project import ROOT, shown
from khcn.core.errors import DataErrors
from khcn.core.periods import EXAMPLES, parse_period
from khcn.excel.workbook import save_workbook, template


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo bảng Excel để nhập số liệu của một kỳ.")
    parser.add_argument("period", nargs="?", metavar="PERIOD", help=f"kỳ báo cáo: {EXAMPLES}")
    parser.add_argument("--out", type=Path, metavar="FILE", help="tệp sẽ ghi (mặc định so-lieu-<kỳ>.xlsx)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", metavar="DIR",
                        help="thư mục dữ liệu (mặc định data/)")
    args = parser.parse_args(argv)
    period = parse_period(args.period or "")
    if period is None:
        parser.error(f"cần kỳ báo cáo, ví dụ make xlsx-template PERIOD=2021-H2 ({EXAMPLES}); gặp `{args.period or ''}`")
    out = args.out or Path(f"so-lieu-{period.id}.xlsx")
    if out.exists():
        print(f"Đã có tệp {out}; không ghi đè (có thể đang chứa số liệu đã điền). Xoá hoặc đổi tên tệp đó, "
              "hoặc ghi ra tệp khác: --out <tệp> (make xlsx-template PERIOD=… OUT=<tệp>).", file=sys.stderr)
        return 1
    try:
        book, warnings = template(args.data, period, shown(args.data))
    except DataErrors as exc:
        print(f"Dữ liệu có {len(exc.errors)} lỗi, chưa tạo bảng. Sửa các lỗi sau rồi chạy lại:", file=sys.stderr)
        print("\n".join(f"  • {error}" for error in exc.errors), file=sys.stderr)
        return 1
    for warning in warnings:
        print(f"Cảnh báo: {warning}.", file=sys.stderr)
    save_workbook(book, out)
    print(f"Đã tạo {out.resolve()}: bảng số liệu kỳ {period.id} ({period.label}). Điền các ô trắng rồi nhập: "
          f"make xlsx-import FILE={out}")
    return 0



if __name__ == "__main__":
    sys.exit(main())
