"""What the benchmarks share: the machine and code measured, a throwaway project copy, one timed and
memory-sampled `mkdocs build`, and at the end the figures saved and the temporary folder removed (or kept).

Peak memory, one way for every benchmark: every ~50 ms the build process and all its descendants (our build forks
helper processes, found through /proc/<pid>/task/*/children) are read from /proc. Three figures, each the largest
seen in any sample:
    peak RSS (tree)   the sum of Rss over the tree: a page shared by a parent and its forked child counts twice,
                      so this is an upper bound; the targets are checked against it
    peak PSS (tree)   the sum of Pss over the tree: shared pages split between the processes that share them,
                      i.e. the physical memory the tree holds
    largest process   the largest Rss of a single process
(Rss and Pss of a process are read together from /proc/<pid>/smaps_rollup; VmRSS of /proc/<pid>/status as both
where there is none.) A process that lives less than ~50 ms between two samples is missed.

Why sampling and not the rusage of the child (os.wait4, or /usr/bin/time -v, which reports the same ru_maxrss):
ru_maxrss is the peak of ONE process, never of the tree, and Linux carries a process's peak over fork and exec, so
the child starts at this benchmark's own size (which holds the whole generated dataset). /proc holds the current
Rss/Pss of every process of the tree at once, with nothing inherited; its only fault is the sampling interval.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FOLDERS = ("hooks", "overrides", "docs")
COPY_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".cache")
TIMINGS_ENV = "KHCN_TIMINGS"  # khcn/core/timing.py: where a build writes what each phase cost


# --- machine and code --------------------------------------------------------------------------------------------

def machine() -> dict:
    """The machine measured: CPUs usable and in all, model, memory, Python, platform, date."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": len(os.sched_getaffinity(0)), "cpu_count": os.cpu_count(), "cpu": cpu,
            "memory_gb": round(mem_kb / 1024 ** 2, 1), "python": platform.python_version(),
            "platform": platform.platform(), "date": datetime.now(UTC).isoformat(timespec="seconds")}


def code_version() -> dict:
    """The commit measured, and whether what a build runs (hooks/, overrides/, mkdocs.yml) had uncommitted changes
    (other work in progress). Take it when copying the project: the files may change while the benchmark runs."""
    def git(*args):
        result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else None
    return {"commit": git("rev-parse", "--short", "HEAD"), "full_commit": git("rev-parse", "HEAD"),
            "hooks_modified": bool(git("status", "--porcelain", "hooks", "overrides", "mkdocs.yml")),
            "dirty": _dirty()}


def describe(results: dict) -> list[tuple[str, str]]:
    """The report's first rows: the machine and the code."""
    m, code = results["machine"], results["code"]
    return [("machine", f"{m['nproc']} CPU ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, {m['date']}"),
            ("code", f"commit {code['commit']}" + (" + uncommitted changes in hooks/, overrides/ or mkdocs.yml"
                                                   if code["hooks_modified"] else ""))]


# --- generated data ----------------------------------------------------------------------------------------------

def q(value) -> str:
    """A YAML double-quoted scalar, or a flow list of them (JSON is valid YAML): for the generated data files."""
    return json.dumps(value, ensure_ascii=False)


# --- the work folder and the project copy ------------------------------------------------------------------------

def inside_git(folder: Path) -> bool:
    result = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True)
    return result.returncode == 0


@contextmanager
def workspace(prefix: str, keep: Path | bool | None = None):
    """A folder outside any git checkout for the synthetic projects: `keep` (a folder, made if new) or a new
    temporary one; removed at the end unless `keep` is set."""
    work = keep.resolve() if isinstance(keep, Path) else Path(tempfile.mkdtemp(prefix=prefix))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if inside_git(work):
            sys.exit(f"{work} is inside a git repository: set TMPDIR (or --keep) to a folder outside any checkout")
        yield work
    finally:
        clean_up(work, bool(keep))


def copy_project(dest: Path, folders: tuple[str, ...] = PROJECT_FOLDERS) -> Path:
    """Like tests/conftest.py make_project: mkdocs.yml and `folders` of the repository (add "data" for its data)."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in folders:
        shutil.copytree(ROOT / folder, dest / folder, ignore=COPY_IGNORE)
    return dest


# --- a project with a history -----------------------------------------------------------------------------------

def _git(project: Path, *args: str, when: datetime | None = None, paths: list[str] | None = None) -> None:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when.isoformat()
    stdin = "\0".join(paths).encode() if paths is not None else None
    subprocess.run(["git", "-C", str(project), "-c", "user.name=Benchmark", "-c", "user.email=bench@example.invalid",
                    *args], input=stdin, env=env, check=True, capture_output=True)


def commit_history(project: Path, later: list[tuple[str, datetime]], commits: int = 50) -> int:
    """Make `project` a git repository with a real history, as a department's would be: every file but those of
    `later` (project-relative paths, each with the date it was written, oldest first) in a first commit, then
    `later` spread over the other `commits` − 1 commits, each dated by its newest file. The build dates each page
    by its files' last commit (khcn/core/history.py: one `git log` over the history). Returns the commits made."""
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    batches = max(1, min(commits - 1, len(later)))
    if later:
        _git(project, "rm", "-q", "--cached", "--pathspec-from-file=-", "--pathspec-file-nul",
             paths=[path for path, _ in later])
    first = later[0][1] if later else datetime(2020, 1, 1, tzinfo=UTC)
    _git(project, "commit", "-q", "-m", "Trang web và dữ liệu ban đầu", when=first)
    made = 1
    for number in range(batches if later else 0):
        batch = later[number * len(later) // batches:(number + 1) * len(later) // batches]
        _git(project, "add", "--pathspec-from-file=-", "--pathspec-file-nul", paths=[path for path, _ in batch])
        _git(project, "commit", "-q", "-m", f"Đăng {len(batch)} tin bài", when=batch[-1][1])
        made += 1
    return made


# --- peak memory of a process tree (see the module's docstring) --------------------------------------------------

def _descendants(root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    todo.extend(int(child) for child in f.read().split())
        except OSError:  # ended meanwhile
            continue
    return found


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB, read together from smaps_rollup (VmRSS alone where there is none)."""
    found = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(("Rss:", "Pss:")):
                    found[line[:3]] = int(line.split()[1])
    except OSError:
        try:
            with open(f"/proc/{pid}/status") as f:
                rss = next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            return rss, rss
        except OSError:  # ended meanwhile
            return 0, 0
    return found.get("Rss", 0), found.get("Pss", 0)


class TreeMemory(threading.Thread):
    """Samples the memory of `pid` and its descendants until stop()."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.rss_kb = self.pss_kb = self.single_kb = self.processes = self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def sample(self) -> None:
        readings = [memory_kb(pid) for pid in _descendants(self.pid)]
        rss = [r for r, _ in readings]
        self.rss_kb, self.pss_kb = max(self.rss_kb, sum(rss)), max(self.pss_kb, sum(p for _, p in readings))
        self.single_kb, self.processes = max(self.single_kb, max(rss)), max(self.processes, sum(1 for r in rss if r))
        self.samples += 1

    def stop(self) -> None:
        self._stop_event.set()
        self.join()

    def figures(self) -> dict:
        return {"peak_rss_tree_mb": self.rss_kb / 1024, "peak_pss_tree_mb": self.pss_kb / 1024,
                "peak_rss_single_mb": self.single_kb / 1024, "processes": self.processes,
                "memory_samples": self.samples}


MEMORY_KEYS = ("peak_rss_tree_mb", "peak_pss_tree_mb", "peak_rss_single_mb", "processes")


# --- one build ---------------------------------------------------------------------------------------------------

class BuildFailed(RuntimeError):
    pass


def mkdocs_build(project: Path, out: Path, log: Path, epoch: str, warm_cache: bool = False,
                 then_index: bool = False, timings: Path | None = None) -> dict:
    """One `python -m mkdocs build -q` of `project` into `out` in a child process, its output in `log`: wall
    seconds, CPU seconds (user + system of the build and the processes it waited for) and the peak memory of its
    process tree. Cold unless `warm_cache`: the hooks' cache of data-file readings (.cache/) deleted first, so
    data/ is read as on a fresh clone or CI. hooks/ of the project and the repository's are on PYTHONPATH, and the
    project itself (a plain project's mkdocs.yml names the slug function copied beside it, khcn.export).
    `then_index`: the build followed by our Pagefind step in the same process (benchmarks/plain_build.py), for a
    project without hooks. `timings`: the file where the build writes what each phase cost (khcn/core/timing.py)."""
    shutil.rmtree(out, ignore_errors=True)
    if not warm_cache:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    path = os.pathsep.join([str(project / "hooks"), str(project), str(ROOT / "hooks")])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, PYTHONPATH=path)
    env.pop(TIMINGS_ENV, None)
    if timings is not None:
        timings.unlink(missing_ok=True)
        env[TIMINGS_ENV] = str(timings)
    runner = [str(ROOT / "benchmarks" / "plain_build.py")] if then_index else ["-m", "mkdocs", "build", "-q"]
    command = [sys.executable, *runner, "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    with log.open("wb") as output:
        start = time.perf_counter()
        # Popen returns once the child has exec'd mkdocs: the first sample is the build, not a fork of this process
        child = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        memory = TreeMemory(child.pid)
        memory.start()
        _, status, usage = os.wait4(child.pid, 0)  # sampled until the build and its children ended
        seconds = time.perf_counter() - start
        memory.stop()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise BuildFailed(f"mkdocs build of {project.name} failed (exit {code}):\n"
                          f"{log.read_text(encoding='utf-8', errors='replace')[-6000:]}")
    return {"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime, **memory.figures()}


def folder_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


# --- the end -----------------------------------------------------------------------------------------------------

HISTORY = ROOT / "benchmarks" / "history.jsonl"  # kept in the repository: one line per run of any benchmark


def _dirty() -> bool:
    """Whether the checkout has changes not committed (the history file itself, which every run changes, aside)."""
    result = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                            capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if not line.endswith("benchmarks/history.jsonl")]
    return result.returncode != 0 or bool(lines)


def history_line(name: str, figures: dict, arguments: dict | list | None = None, code: dict | None = None) -> dict:
    """One run of benchmark `name`: the commit and whether the checkout had uncommitted changes (`code`, taken by
    code_version() when the project was copied; now when None), the date, the machine (CPU model, cores usable,
    RAM, load average), the size arguments and the key figures."""
    m, code = machine(), code or code_version()
    return {"benchmark": name, "commit": code["full_commit"], "dirty": code["dirty"], "date": m["date"],
            "machine": {"cpu": m["cpu"], "cores": m["nproc"], "memory_gb": m["memory_gb"], "python": m["python"],
                        "load_average": [round(x, 2) for x in os.getloadavg()]},
            "arguments": sys.argv[1:] if arguments is None else arguments, "figures": figures}


def append_history(name: str, figures: dict, arguments: dict | list | None = None, path: Path = HISTORY,
                   code: dict | None = None) -> dict:
    """Append one line (history_line) to benchmarks/history.jsonl, committed with the code it measured, so a
    regression shows in review. `arguments`: the benchmark's size arguments (its command line when None); `code`:
    code_version() taken when the benchmark copied the project (the files may have changed since)."""
    line = history_line(name, figures, arguments, code)
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False, sort_keys=False, separators=(",", ":")) + "\n")
    print(f"history: one line added to {path.name}")
    return line

def save_results(results: dict, path: Path) -> None:
    """The figures as JSON under benchmarks/results/ (gitignored), beside the table printed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults: {path.relative_to(ROOT)}")


def clean_up(folder: Path, keep: bool) -> None:
    if keep:
        print(f"kept: {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
