"""Where things are, for the scripts: the project root and the `khcn` package under hooks/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

# Used when the project is not a git checkout (a copied folder): still one fixed date, so builds stay identical.
FALLBACK_EPOCH = "315532800"  # 1980-01-01


def source_date_epoch(root: Path) -> str:
    """The last commit's time: the build date MkDocs writes into the sitemap, identical for every build of a commit."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                             check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    return out or FALLBACK_EPOCH


def shown(path: Path) -> str:
    """A path as the person at the terminal typed it: relative to where they stand when it is below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
