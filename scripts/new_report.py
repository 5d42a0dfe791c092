"""Start a report for a period: `make report KY=2022-H1` writes data/bao-cao/<đường-dẫn>.yaml with its title, period,
date and one result per indicator that has a value in data/so-lieu/<kỳ>.yaml, written as a `{{mã}}` reference (the
page shows the figure), and prints where it is. The editor then writes the texts around the references.

Refused, with a Vietnamese message, when the period is not a period, has no values file, or already has a report.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from _project import ROOT
from khcn.core.errors import DataErrors
from khcn.core.periods import parse_period
from khcn.core.slugs import title_slug
from khcn.data.fields import VIETNAM
from khcn.data.kinds import CATALOGUE, REPORTS, VALUES
from khcn.data.yamlsource import read_yaml
from khcn.rendering import render

BLANK = "-"  # a period left blank in a values file (no figure): not listed


def _catalogue(data_dir: Path) -> dict[str, dict]:
    doc = read_yaml(data_dir / CATALOGUE.files, f"data/{CATALOGUE.files}")
    entries = (doc.data or {}).get("chi_so", []) if isinstance(doc.data, dict) else []
    return {entry["ma"]: entry for entry in entries if isinstance(entry, dict) and "ma" in entry}


def _has_value(value: object) -> bool:
    figure = value.get("gia_tri") if isinstance(value, dict) else value
    return figure is not None and str(figure).strip() != BLANK


def _references(values: dict, catalogue: dict) -> list[dict]:
    """One result per indicator with a value, in the order of the values file: its name, unit and references."""
    results = []
    for code, value in values.items():
        if not _has_value(value):
            continue
        entry = catalogue.get(code, {})
        components = value.get("thanh_phan") if isinstance(value, dict) else None
        names = {part.get("ma"): part.get("ten") for part in entry.get("thanh_phan") or [] if isinstance(part, dict)}
        results.append({"code": str(code), "name": str(entry.get("ten", code)), "unit": str(entry.get("don_vi", "")),
                        "components": [(str(part), str(names.get(part) or part)) for part in (components or {})]})
    return results


def existing_report(data_dir: Path, period_id: str) -> Path | None:
    """The report already written for the period, if any."""
    for path in sorted((data_dir / REPORTS.folder).glob("*.yaml")):
        try:
            data = read_yaml(path).data
        except DataErrors:
            continue
        if isinstance(data, dict) and str(data.get("ky", "")).strip() == period_id:
            return path
    return None


def create(data_dir: Path, period_text: str, now: datetime) -> Path:
    """The new file; ValueError says, in Vietnamese, why none was written."""
    period_text = period_text.strip()
    if not period_text:
        raise ValueError("Thiếu kỳ báo cáo: make report KY=2022-H1")
    period = parse_period(period_text)
    if period is None:
        raise ValueError(f"`{period_text}` không phải một kỳ: viết ví dụ 2022-H1 (6 tháng đầu năm), 2022-H2, "
                         "2022-9T (9 tháng), 2022-Q3 (quý III) hoặc 2022 (cả năm)")
    values_file = data_dir / VALUES.folder / f"{period.id}.yaml"
    if not values_file.is_file():
        raise ValueError(f"Kỳ {period.id} chưa có số liệu: chưa có tệp data/{VALUES.folder}/{period.id}.yaml. "
                         f"Nhập số liệu trước (make xlsx-template PERIOD={period.id}, điền, rồi make xlsx-import "
                         f"FILE=…), sau đó chạy lại make report KY={period.id}")
    if (taken := existing_report(data_dir, period.id)) is not None:
        raise ValueError(f"Kỳ {period.id} đã có báo cáo: data/{REPORTS.folder}/{taken.name}. Mỗi kỳ một báo cáo: "
                         "sửa báo cáo đó thay vì viết báo cáo mới")
    slug = title_slug(period.label)
    target = data_dir / REPORTS.folder / f"{slug}.yaml"
    if target.exists():
        raise ValueError(f"Tệp data/{REPORTS.folder}/{target.name} đã có (một báo cáo của kỳ khác): đổi tên tệp đó "
                         "hoặc xoá nó rồi chạy lại")
    values = read_yaml(values_file, f"data/{VALUES.folder}/{values_file.name}").data
    results = _references(values if isinstance(values, dict) else {}, _catalogue(data_dir))
    target.parent.mkdir(parents=True, exist_ok=True)
    text = render("new_report.yaml.j2", label=period.label, period=period.id, slug=slug, results=results,
                  now=now.strftime("%d/%m/%Y %H:%M"), values_file=f"data/{VALUES.folder}/{values_file.name}")
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--period", default=os.environ.get("KY", ""))
    parser.add_argument("--now", help="ngày giờ đăng, ví dụ 25/11/2026 08:30 (mặc định: bây giờ)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    now = (datetime.strptime(args.now, "%d/%m/%Y %H:%M") if args.now
           else datetime.now(VIETNAM).replace(second=0, microsecond=0))
    try:
        path = create(args.data_dir, args.period, now)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã tạo {path.relative_to(args.data_dir.parent).as_posix()}: viết các đoạn văn quanh các số liệu "
          "{{…}}, xoá những mục không dùng, rồi chạy make validate và make serve để xem trước.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
