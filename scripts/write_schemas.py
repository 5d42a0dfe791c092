"""Write the JSON Schemas of the data files to .vscode/schemas/ from the models (`make schemas`; see khcn.data.schemas).

It also opens every YAML file under data/ that lacks it with the comment naming its schema, so that VS Code's YAML
extension checks a file an editor has just added; the rest of the file is left byte for byte.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from _project import ROOT
from khcn.data.schemas import SCHEMA_DIR, rendered, schema_line

MODELINE = b"# yaml-language-server:"
BOM = b"\xef\xbb\xbf"


def write_schemas(folder: Path) -> list[str]:
    """Names of the schema files written or removed (a kind no longer kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts, changed = rendered(), []
    for name, text in texts.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            changed.append(name)
    for path in sorted(folder.glob("*.schema.json")):
        if path.name not in texts:
            path.unlink()
            changed.append(path.name)
    return changed


def name_schemas(data_dir: Path) -> list[str]:
    """Paths (under data/) of the files given their schema line."""
    changed = []
    for path in sorted(data_dir.rglob("*.yaml")):
        relative = path.relative_to(data_dir).as_posix()
        line = schema_line(relative)
        raw = path.read_bytes()
        if line is not None and (updated := with_schema_line(raw, line.encode())) != raw:
            path.write_bytes(updated)
            changed.append(relative)
    return changed


def with_schema_line(raw: bytes, line: bytes) -> bytes:
    """`raw` opening with `line`: an older schema line is replaced, else `line` goes above the first line."""
    bom = BOM if raw.startswith(BOM) else b""
    first, _, rest = raw[len(bom):].partition(b"\n")
    newline = b"\r\n" if first.endswith(b"\r") else b"\n"  # the file's own line ends
    if first.startswith(MODELINE):
        return bom + line + newline + rest
    return bom + line + newline + raw[len(bom):]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT / "data")
    data_dir = parser.parse_args(argv).data_dir
    for name in write_schemas(ROOT / SCHEMA_DIR):
        print(f"Đã cập nhật {SCHEMA_DIR}/{name}")
    for relative in name_schemas(data_dir):
        print(f"Đã thêm dòng lược đồ vào đầu tệp {data_dir.name}/{relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
