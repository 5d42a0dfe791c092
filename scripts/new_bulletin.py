"""Start a bulletin: `make bulletin TITLE="Hội thảo …"` writes data/tin-tuc/<năm>/<đường-dẫn>.md with its front
matter filled in (title, the current date and time in Vietnam, author, category) and prints where it is.

The address comes from the title (`Hội thảo đổi mới` → hoi-thao-doi-moi) and never changes after: editing the title
later keeps the link. An address already in use is refused rather than overwritten.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from pydantic_core import PydanticCustomError

from _project import ROOT
from khcn.addresses import RESERVED_BULLETIN_SLUGS
from khcn.core.slugs import title_slug
from khcn.data.fields import VIETNAM, read_datetime, read_slug
from khcn.data.kinds import BULLETINS, CATEGORIES
from khcn.data.yamlsource import read_yaml
from khcn.rendering import render

DEFAULT_CATEGORY = "tin-hoat-dong"


def existing(bulletins: Path, slug: str) -> Path | None:
    return next(iter(sorted(bulletins.rglob(f"{slug}.md"))), None) if bulletins.is_dir() else None


def categories(data_dir: Path) -> list[str]:
    doc = read_yaml(data_dir / CATEGORIES.files)
    return [item.get("ma") for item in (doc.data or {}).get("chuyen_muc", []) if isinstance(item, dict)]


def create(data_dir: Path, title: str, category: str, author: str | None, now: datetime, chosen: str | None) -> Path:
    """The new file; ValueError says, in Vietnamese, why none was written."""
    title = " ".join(title.split())
    if not title:
        raise ValueError('Thiếu tiêu đề: make bulletin TITLE="Tiêu đề bài"')
    known = categories(data_dir)
    if category not in known:
        raise ValueError(f"Chuyên mục `{category}` chưa có trong data/{CATEGORIES.files}; "
                         f"dùng một trong: {', '.join(known)}")
    slug = chosen or title_slug(title)
    try:
        read_slug(slug)
    except PydanticCustomError:
        raise ValueError(f"Đường dẫn `{slug}` không hợp lệ: viết thường, không dấu, nối bằng `-`") from None
    bulletins = data_dir / BULLETINS.folder
    if slug in RESERVED_BULLETIN_SLUGS or (taken := existing(bulletins, slug)) is not None:
        reserved = slug in RESERVED_BULLETIN_SLUGS
        where = "trang danh sách tin" if reserved else taken.relative_to(data_dir.parent).as_posix()
        raise ValueError(f"Đường dẫn /tin-tuc/{slug}/ đã dùng cho {where}. Đặt đường dẫn khác: "
                         f'make bulletin TITLE="…" SLUG={slug}-{now.year}')
    target = bulletins / str(now.year) / f"{slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = render("new_bulletin.md.j2", title=title, slug=slug, now=now.strftime("%d/%m/%Y %H:%M"), author=author,
                  category=category, categories=known, year=now.year)
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--title", default=os.environ.get("TITLE", ""))
    parser.add_argument("--category", default=os.environ.get("CATEGORY") or DEFAULT_CATEGORY)
    parser.add_argument("--author", default=os.environ.get("AUTHOR") or None)
    parser.add_argument("--slug", default=os.environ.get("SLUG") or None)
    parser.add_argument("--now", help="ngày giờ đăng, ví dụ 25/11/2026 08:30 (mặc định: bây giờ)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    now = read_datetime(args.now) if args.now else datetime.now(VIETNAM).replace(second=0, microsecond=0)
    try:
        path = create(args.data_dir, args.title, args.category, args.author, now, args.slug)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Đã tạo {path.relative_to(args.data_dir.parent).as_posix()}: viết nội dung rồi chạy `make serve` để xem.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
