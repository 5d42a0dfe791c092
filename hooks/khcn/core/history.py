"""What was published before: main is the website, so every version of a file on main was once on the site.

Used to require a correction note (`dinh_chinh`) whenever a value readers have already seen is changed, and to
date every page by the last commit that changed its content.
"""

from __future__ import annotations

import functools
import subprocess
from datetime import UTC, datetime
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


def last_changes(project: Path, folders: tuple[str, ...] = ("data", "docs")) -> dict[str, datetime | None] | None:
    """Project-relative file -> the time of the last commit that changed it, for every file under `folders`;
    None for a file with changes not committed yet (a draft). None when the project is not under git.

    One `git log` over the whole history (not one per file: a site has thousands of bulletins); the result depends
    only on the commits, so every build of a commit shows the same dates."""
    project = project.resolve()
    root = _work_tree(project)
    if root is None:
        return None
    prefix = project.relative_to(root).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    scopes = [prefix + folder for folder in folders]
    changes: dict[str, datetime | None] = {}
    moment = None
    for line in (_git(root, "log", "--format=%x00%ct", "--name-only", "HEAD", "--", *scopes) or "").splitlines():
        if line.startswith("\0"):
            moment = datetime.fromtimestamp(int(line[1:]), UTC)
        elif line and moment is not None:
            changes.setdefault(line.removeprefix(prefix), moment)
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *scopes) or ""
    for line in status.splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')
        changes[path.removeprefix(prefix)] = None
    return changes
