"""Import a workbook filled by editors (made by `make xlsx-template`) into data/so-lieu/<kỳ>.yaml.

    scripts/import_xlsx.py FILE [--period P] [--dry-run] [--data DIR]

The period is the workbook's own (cell B1), or P. The file is written in the editors' style and checked like all
data (sums, fractions, parts, published values and their correction notes) before anything is written. Prints what
changed per indicator; with any problem, prints every problem with its sheet and cell and writes nothing.
Exit 0; 1 when there were problems; 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _project import ROOT, shown
from khcn.excel.importer import Outcome, import_workbook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Nhập bảng Excel số liệu của một kỳ vào data/so-lieu/<kỳ>.yaml.")
    parser.add_argument("file", type=Path, metavar="FILE", help="bảng Excel (.xlsx) đã điền")
    parser.add_argument("--period", metavar="P", help="kỳ báo cáo, khi bảng không ghi kỳ (ô B1)")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in những gì thay đổi, không ghi tệp nào")
    parser.add_argument("--data", type=Path, default=ROOT / "data", metavar="DIR",
                        help="thư mục dữ liệu (mặc định data/)")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        parser.error(f"không có tệp `{args.file}`")
    outcome = import_workbook(args.file, args.data, args.period, args.dry_run, shown_as=shown(args.data))
    report(outcome, args.file, args.dry_run)
    return 1 if outcome.problems else 0


def report(outcome: Outcome, file: Path, dry_run: bool) -> None:
    if outcome.text is not None:
        state = "tệp đã có" if outcome.existed else "tệp mới"
        print(f"Số liệu kỳ {outcome.period.id} ({outcome.period.label}) từ {file.name} → {outcome.target} ({state}):")
        print("\n".join(outcome.changes))
    for warning in outcome.warnings:
        print(f"Cảnh báo: {warning}.", file=sys.stderr)
    if outcome.problems:
        print(f"Có {len(outcome.problems)} lỗi, chưa ghi tệp nào. Sửa các lỗi sau rồi nhập lại:",
              file=sys.stderr)
        print("\n".join(f"  • {problem}" for problem in outcome.problems), file=sys.stderr)
    elif dry_run:
        print(f"Chạy thử (--dry-run): chưa ghi {outcome.target}.")
    elif outcome.written:
        print(f"Đã ghi {outcome.target}. Kiểm tra: make validate; xem trước: make serve.")
    else:
        print(f"{outcome.target} đã đúng như bảng: không ghi lại.")



if __name__ == "__main__":
    sys.exit(main())
