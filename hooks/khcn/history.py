"""What was published before: main is the website, so every version of a file on main was once on the site.

Used to require a correction note (`dinh_chinh`) whenever a value readers have already seen is changed.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


@functools.lru_cache(maxsize=64)
def _work_tree(folder: Path) -> Path | None:
    top = _git(folder, "rev-parse", "--show-toplevel")
    return Path(top.strip()).resolve() if top else None


@functools.lru_cache(maxsize=64)
def _published_ref(root: Path) -> str:
    """What has been published: the remote's main once there is one (commits not pushed yet are still drafts),
    else this checkout's history."""
    remote = _git(root, "rev-parse", "--verify", "--quiet", "refs/remotes/origin/main")
    return "origin/main" if remote else "HEAD"


def published_versions(path: Path) -> list[tuple[str, str]]:
    """(commit, text) of every committed version of `path`, oldest first; [] when it is not under git."""
    path = path.resolve()
    root = _work_tree(path.parent)
    if root is None:
        return []
    relative = path.relative_to(root).as_posix()
    log = _git(root, "log", "--format=%H", _published_ref(root), "--", relative)
    versions = []
    for commit in reversed((log or "").split()):
        text = _git(root, "show", f"{commit}:{relative}")
        if text is not None:
            versions.append((commit, text))
    return versions
