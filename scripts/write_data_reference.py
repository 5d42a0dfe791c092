"""Write the generated parts of the editors' data reference, DU-LIEU.md, from the models (`make data-reference`;
see khcn.data.reference). The hand-written text around them is kept byte for byte; a missing file is started anew.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _project import ROOT, shown
from khcn.data.reference import REFERENCE_FILE, update

HEADER = "# Dữ liệu của trang: các tệp trong `data/` và các trường của chúng\n"


def write_reference(path: Path) -> bool:
    """Whether `path` changed."""
    old = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    new = update(old)
    if path.is_file() and new == old:
        return False
    path.write_text(new, encoding="utf-8", newline="\n")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / REFERENCE_FILE)
    path = parser.parse_args(argv).out
    if write_reference(path):
        print(f"Đã cập nhật {shown(path)}")
    else:
        print(f"{shown(path)} đã đúng với mã nguồn, không cần cập nhật")
    return 0


if __name__ == "__main__":
    sys.exit(main())
