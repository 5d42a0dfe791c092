"""Build the site into a temporary folder beside `site/` and swap it in only when the build succeeded.

A failed build (bad data, a broken template, a broken link under `strict`) leaves an existing `site/` exactly
as it was. (`make build`, or `make build ENGINE=properdocs` for ProperDocs, the maintained fork of MkDocs 1.x)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _project import ROOT, source_date_epoch
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
    if subprocess.run(command, env=env, cwd=project).returncode != 0:
        shutil.rmtree(staging)
        print(f"Xây dựng thất bại: {site_dir} giữ nguyên như cũ.", file=sys.stderr)
        return 1
    _swap(staging, site_dir)
    print(f"Đã xây dựng trang web vào {site_dir}.")
    return 0


def _swap(staging: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".site-old-{staging.name}")
        site_dir.rename(old)
    staging.rename(site_dir)
    if old is not None:
        shutil.rmtree(old)


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
