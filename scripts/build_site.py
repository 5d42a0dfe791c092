"""Build the site into a temporary folder beside `site/` and swap it in only when the build succeeded.

A failed build (bad data, a broken template, a broken link under `strict`) leaves an existing `site/` exactly
as it was. (`make build`, or `make build ENGINE=properdocs` for ProperDocs, the maintained fork of MkDocs 1.x)
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _project import ROOT, source_date_epoch
from khcn.data.dataset.links import BrokenLink, explain_broken_link, mkdocs_broken_link
from validate import validate

ENGINES = ("mkdocs", "properdocs")  # both read mkdocs.yml and run the same hooks and Material theme


def build(project: Path, site_dir: Path, engine: str = "mkdocs") -> int:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    if validate(project / "data") != 0:
        print(f"Chưa xây dựng: {site_dir} giữ nguyên như cũ.", file=sys.stderr)
        return 1
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch(project), NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", engine, "build", "-f", str(project / "mkdocs.yml"), "-d", str(staging)]
    returncode, broken = _run_engine(command, env, project)
    if returncode != 0:
        shutil.rmtree(staging)
        _explain_links(project, broken)
        print(f"Xây dựng thất bại: {site_dir} giữ nguyên như cũ.", file=sys.stderr)
        return 1
    install(staging, site_dir)
    print(f"Đã xây dựng trang web vào {site_dir}.")
    return 0


def _run_engine(command: list[str], env: dict, project: Path) -> tuple[int, list[BrokenLink]]:
    """Run MkDocs, its messages shown as they come; the link warnings of its `strict` check are kept (issue 13)."""
    broken = []
    with subprocess.Popen(command, env=env, cwd=project, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                          errors="replace") as process:
        for line in process.stderr:
            sys.stderr.write(line)
            if (link := mkdocs_broken_link(line)) is not None:
                broken.append(link)
    return process.returncode, broken


def _explain_links(project: Path, broken: list[BrokenLink]) -> None:
    """MkDocs' link warnings, told again with the data file and line (the loader's check should leave none)."""
    if not broken:
        return
    from khcn.build import load, site_pages  # the pages' data files: only when a link is broken

    try:
        sources = {page.path: page.sources[0] for page in site_pages(load(project)) if page.sources}
    except Exception:  # only an explanation: MkDocs' own words were shown already
        sources = {}
    print("Liên kết hỏng trong dữ liệu (HUONG-DAN mục 2a):", file=sys.stderr)
    for link in broken:
        source = sources.get(link.page)
        print("  • " + explain_broken_link(link, project / source if source else None, source or ""), file=sys.stderr)


def install(staging: Path, site_dir: Path) -> None:
    """Put the built `staging` at `site_dir`, then remove the old site. Once the new site is in place the build has
    succeeded: an old copy that cannot be removed is only a warning (the next build removes it again)."""
    old = _swap(staging, site_dir)
    if old is None:
        return
    try:
        shutil.rmtree(old)
    except OSError as exc:
        print(f"Cảnh báo: trang web mới đã ở {site_dir}, nhưng không xoá được bản cũ {old} ({exc.strerror or exc}); "
              "có thể xoá tay thư mục đó.", file=sys.stderr)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 with RENAME_EXCHANGE); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without renameat2
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # an old kernel, or a file system that cannot
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _swap(staging: Path, site_dir: Path) -> Path | None:
    """Make `staging` the site; return where the old site now is (None when there was none).

    At every instant either the old site or the new one is at `site_dir`: the two folders are exchanged in one
    system call. Where that call is missing, the old site is moved aside and moved back if the new one cannot
    take its place."""
    if not site_dir.exists():
        staging.rename(site_dir)  # one rename: atomic
        return None
    if _exchange(staging, site_dir):
        return staging  # which now holds the old site
    old = site_dir.with_name(f".site-old-{staging.name}")
    site_dir.rename(old)
    try:
        staging.rename(site_dir)
    except OSError:
        old.rename(site_dir)
        raise
    return old


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--project", type=Path, default=ROOT, help="folder holding mkdocs.yml and data/")
    parser.add_argument("--site-dir", type=Path, default=None, help="output folder (default: <project>/site)")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="the program that builds (default: mkdocs)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    return build(project, (args.site_dir or project / "site").resolve(), args.engine)


if __name__ == "__main__":
    sys.exit(main())
