"""Move pages exported from the old website into bulletins.

    scripts/import_legacy.py [--dry-run] [--bulletins DIR] [--reports DIR] [--chuyen-muc ID] PATH...

Each PATH is an exported page or a folder of them (every `*.txt` inside). A page becomes
data/tin-tuc/<year>/<slug>.md; a page imported before (same title and date-time) is rewritten in place, never a
second time; a page already kept as a report in data/bao-cao/ is skipped. A page that cannot be read is reported and
left out while the others are imported. Exit 0; 1 when a page could not be imported; 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pydantic_core import PydanticCustomError

from _project import ROOT, shown
from khcn.core.errors import DataErrors
from khcn.data.fields import read_datetime, read_slug, read_text
from khcn.data.kinds import CATEGORIES
from khcn.data.yamlsource import parse_yaml, read_yaml
from khcn.news.legacy import (
    LegacyPage,
    LegacyPageError,
    bulletin_file_text,
    category_for,
    front_matter,
    read_page,
    slug_for,
    title_key,
)

OUTCOMES = {"new": "mới", "updated": "cập nhật", "unchanged": "không đổi", "skipped": "bỏ qua", "failed": "lỗi"}


@dataclass
class Bulletins:
    """The bulletins under the folder: the file of each imported page's identity and the slugs in use."""

    root: Path
    by_key: dict[str, Path] = field(default_factory=dict)
    slugs: set[str] = field(default_factory=set)
    texts: dict[Path, str] = field(default_factory=dict)  # written in this run (or, in a dry run, to be written)

    @classmethod
    def scan(cls, root: Path) -> Bulletins:
        found = cls(root)
        for path in sorted(root.rglob("*.md")) if root.is_dir() else ():
            found.slugs.add(path.stem)
            key = _imported_key(path)
            if key is not None:
                found.by_key.setdefault(key, path)
        return found

    def text_of(self, path: Path) -> str:
        return self.texts[path] if path in self.texts else path.read_text(encoding="utf-8")

    def remember(self, key: str, path: Path, text: str) -> None:
        self.by_key[key], self.texts[path] = path, text
        self.slugs.add(path.stem)


def _imported_key(path: Path) -> str | None:
    """`trang_cu.ma` of a bulletin; None for one written by hand."""
    try:
        yaml_text = front_matter(path.read_text(encoding="utf-8"))
        data = parse_yaml(yaml_text, shown(path)).data if yaml_text is not None else None
    except (OSError, UnicodeDecodeError, DataErrors) as exc:
        _warn(f"không đọc được phần đầu của {shown(path)} ({_why(exc)}); nếu đó là một trang đã nhập, "
              "lần nhập này có thể tạo một tệp thứ hai cho cùng trang")
        return None
    origin = data.get("trang_cu") if isinstance(data, dict) else None
    key = origin.get("ma") if isinstance(origin, dict) else None
    return key if isinstance(key, str) else None


def _reports(folder: Path) -> dict[tuple[str, datetime], Path]:
    """The reports kept as data, by title and date-time: a page among them is already published."""
    found = {}
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        try:
            data = read_yaml(path, shown(path)).data
            found[(title_key(read_text(data["tieu_de"])), read_datetime(data["ngay_dang"]))] = path
        except (DataErrors, PydanticCustomError, KeyError, TypeError) as exc:
            _warn(f"không đọc được tiêu đề và ngày đăng của báo cáo {shown(path)} ({_why(exc)}); "
                  "một trang trùng với báo cáo này sẽ không được nhận ra")
    return found


@dataclass
class Run:
    bulletins: Bulletins
    reports: dict[tuple[str, datetime], Path]
    category: str | None
    dry_run: bool

    def import_page(self, source: Path) -> str:
        """Import one page; its outcome (a key of OUTCOMES)."""
        try:
            page = read_page(source.read_bytes(), shown(source))
        except OSError as exc:
            print(f"{shown(source)}: lỗi — không đọc được tệp ({exc.strerror})", file=sys.stderr)
            return "failed"
        except LegacyPageError as exc:
            print(exc, file=sys.stderr)
            return "failed"
        report = self.reports.get((title_key(page.title), page.published))
        if report is not None:
            print(f"{shown(source)}: bỏ qua — đã đăng thành báo cáo {shown(report)} "
                  "(cùng tiêu đề, cùng ngày giờ đăng)")
            return "skipped"
        category = self.category or category_for(page.title)
        return self._place(source, page, category, bulletin_file_text(page, source.name, category))

    def _place(self, source: Path, page: LegacyPage, category: str, text: str) -> str:
        target = self.bulletins.by_key.get(page.key)
        if target is None:
            slug = slug_for(page.title, self.bulletins.slugs)
            target, outcome, old = self.bulletins.root / str(page.published.year) / f"{slug}.md", "new", ""
        else:
            old = self.bulletins.text_of(target)
            outcome = "unchanged" if old == text else "updated"
        print(f"{shown(source)} → {shown(target)}: {OUTCOMES[outcome]} (chuyên mục `{category}`)")
        if self.dry_run:
            _preview(outcome, old, text)
        elif outcome != "unchanged":
            _write(target, text)
        self.bulletins.remember(page.key, target, text)
        return outcome


def _preview(outcome: str, old: str, new: str) -> None:
    if outcome == "new":
        print(new, end="" if new.endswith("\n") else "\n")
    elif outcome == "updated":
        diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "hiện có", "sẽ ghi", n=0, lineterm=""))
        changes = [line[0] for line in diff[2:] if not line.startswith("@@")]  # past the two file-name lines
        added, removed = changes.count("+"), changes.count("-")
        print(f"  thay đổi: thêm {added} dòng, bỏ {removed} dòng")
        print("\n".join(diff))


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8", newline="\n")
    partial.replace(target)  # never a half-written bulletin for the site to read


def _page_files(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
        else:
            files.append(path)
    return files



def _why(exc: Exception) -> str:
    if isinstance(exc, DataErrors):
        return "; ".join(str(error) for error in exc.errors)
    if isinstance(exc, PydanticCustomError):
        return f"gặp {exc.context['found']}"
    if isinstance(exc, KeyError):
        return f"thiếu trường `{exc.args[0]}`"
    return getattr(exc, "strerror", None) or str(exc)


def _warn(message: str) -> None:
    print(f"Cảnh báo: {message}.", file=sys.stderr)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Chuyển các trang xuất từ trang tin cũ thành tin bài (Markdown).")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="tệp trang cũ (.txt) hoặc thư mục chứa chúng")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in những gì sẽ ghi, không ghi tệp nào")
    parser.add_argument("--bulletins", type=Path, default=ROOT / "data" / "tin-tuc", metavar="DIR",
                        help="thư mục tin bài (mặc định data/tin-tuc)")
    parser.add_argument("--reports", type=Path, default=ROOT / "data" / "bao-cao", metavar="DIR",
                        help="thư mục báo cáo; trang trùng một báo cáo thì bỏ qua (mặc định data/bao-cao)")
    parser.add_argument("--chuyen-muc", dest="category", metavar="ID",
                        help="mã chuyên mục cho mọi trang (mặc định: theo tiêu đề)")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.exists():
            parser.error(f"không có tệp hay thư mục `{path}`")
    if args.category is not None:
        problem = _category_problem(args.category, args.bulletins.parent / CATEGORIES.files)
        if problem:
            parser.error(f"--chuyen-muc: {problem}")
    return args


def _category_problem(category: str, declared_in: Path) -> str | None:
    try:
        read_slug(category)
    except PydanticCustomError as exc:
        return f"gặp {exc.context['found']}; cần {exc.context['expected']}"
    if not declared_in.is_file():  # a bulletins folder outside data/: nothing to check against
        return None
    try:
        entries = read_yaml(declared_in, shown(declared_in)).data["chuyen_muc"]
        known = [entry["ma"] for entry in entries]
    except (DataErrors, KeyError, TypeError):
        return None  # the build reports a broken categories file; the import need not
    if category not in known:
        return f"chuyên mục `{category}` chưa khai báo trong {shown(declared_in)}; dùng một trong: {', '.join(known)}"
    return None


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    reports = _reports(args.reports)
    bulletins = Bulletins.scan(args.bulletins)
    run = Run(bulletins, reports, args.category, args.dry_run)
    counts = Counter(run.import_page(source) for source in _page_files(args.paths))
    summary = ", ".join(f"{counts[outcome]} {word}" for outcome, word in OUTCOMES.items())
    print(f"Tổng kết: {summary}." + (" Chạy thử: chưa ghi tệp nào." if args.dry_run else ""))
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
