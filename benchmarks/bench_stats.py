"""Benchmark of the statistics layer at scale, on synthetic data in a temporary folder (`make bench-stats`).

    DATA LAYER   load_site_data(data/) and stats.values_frame(site), in-process (best and median of 3)
    HOOKS BUILD  `mkdocs build` of a project copy with the hooks (what `make build` does, minus validation)
    PLAIN BUILD  `mkdocs build` of the same pages written out as files, without hooks: what MkDocs alone costs

The two builds run alternately; the ratio hooks/plain is the hooks' overhead. Nothing is written into data/ or
docs/ of the repository; results go to benchmarks/results/bench-stats-latest.json.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchio import clean_up, save_results  # noqa: E402
from generate_stats_data import generate  # noqa: E402
from khcn.addresses import theme_addresses  # noqa: E402
from khcn.build import site_pages  # noqa: E402
from khcn.core.slugs import heading_slug  # noqa: E402
from khcn.data.dataset import load_site_data  # noqa: E402
from khcn.pages.render import theme_context  # noqa: E402
from khcn.pages.statistics import data_files  # noqa: E402
from khcn.stats import frames as stats  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "bench-stats-latest.json"
EPOCH = "1609459200"  # 2021-01-01: fixed, so every build writes the same dates
TARGET_DATA_S, TARGET_OVERHEAD = 2.0, 15.0
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def copy_project(dest: Path, folders=("hooks", "overrides", "docs")) -> Path:
    """Like tests/conftest.py make_project: the site's code and templates, without data/."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in folders:
        shutil.copytree(ROOT / folder, dest / folder, ignore=_IGNORE)
    return dest


def plain_project(dest: Path, site) -> tuple[int, int]:
    """The generated pages and files written into docs/, and a mkdocs.yml without hooks: (pages, data files).

    What on_config sets goes into mkdocs.yml instead: site_name, extra.organisation and the toc's slugify (as
    `!!python/name:khcn.core.slugs.heading_slug`, importable through PYTHONPATH=hooks/: hooks/ is a plain library
    here)."""
    copy_project(dest)
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))  # resolves !ENV like MkDocs does
    config.pop("hooks", None)
    config["watch"] = [path for path in config.get("watch", []) if (dest / path).exists()]  # no data/
    config["site_name"] = site.organisation.full_name
    config.setdefault("extra", {}).update(organisation=theme_context(site), addresses=theme_addresses())
    extensions = config["markdown_extensions"]
    toc = next((e for e in extensions if isinstance(e, dict) and "toc" in e), None)
    if toc is None:
        extensions.append(toc := {"toc": {}})
    toc["toc"] = dict(toc["toc"] or {}, slugify=heading_slug)
    (dest / "mkdocs.yml").write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    pages, files = site_pages(site), data_files(site)
    for path, content in [*pages, *files]:
        target = dest / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return len(pages), len(files)


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def summary(samples: list[float]) -> dict:
    return {"best": min(samples), "median": statistics.median(samples), "runs": samples}


def data_layer(data_dir: Path, runs: int = 3, cache: Path | None = None) -> tuple[dict, object]:
    """Cold (`cache` None: every file parsed) or warm (readings cached by an earlier build, as in `make serve`
    or a second `make build`)."""
    if cache is not None:
        load_site_data(data_dir, cache=cache)  # primes the cache, untimed
    load, frames, site = [], [], None
    for _ in range(runs):
        site = None  # each run starts like a fresh build: the previous records gone (the GC's heap is smaller)
        gc.collect()
        seconds, site = timed(lambda: load_site_data(data_dir, cache=cache))
        load.append(seconds)
        seconds, _ = timed(stats.values_frame, site)
        frames.append(seconds)
    both = [a + b for a, b in zip(load, frames)]
    return {"load_site_data": summary(load), "values_frame": summary(frames), "together": summary(both)}, site


def build(project: Path, out: Path, log: Path, warm_cache: bool = False) -> dict:
    """One `mkdocs build` in a child process: wall time, CPU time (user + system, with the processes it started)
    and peak RSS (of the largest single process, not a sum).

    The peak comes from /usr/bin/time -v when there is one: the rusage of our own child (os.wait4) would start at
    this process's size, which Linux carries over the child's exec, and this process holds the whole dataset."""
    shutil.rmtree(out, ignore_errors=True)
    if not warm_cache:  # the hooks' cache of data-file readings (.cache/): read data/ as a fresh clone does
        shutil.rmtree(project / ".cache", ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(project / "hooks"))
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    gnu_time = Path("/usr/bin/time").is_file()
    if gnu_time:
        command = ["/usr/bin/time", "-v", "-o", str(log.with_suffix(".time")), *command]
    with log.open("wb") as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"mkdocs build of {project} failed ({child.returncode}):\n{log.read_text(errors='replace')[-4000:]}")
    peak_kb = usage.ru_maxrss
    if gnu_time:
        peak_kb = next(int(line.rsplit(":", 1)[1]) for line in log.with_suffix(".time").read_text().splitlines()
                       if "Maximum resident set size" in line)
    return {"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": peak_kb / 1024}


ORDER_ONLY = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}  # list pages in another order


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ between the two builds (beyond page order): should be none."""
    def listing(folder):
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    names = listing(one) | listing(other)
    return sorted(n for n in names - ORDER_ONLY if not ((one / n).is_file() and (other / n).is_file()
                                                          and (one / n).read_bytes() == (other / n).read_bytes()))


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": cpu, "memory_gb": round(mem_kb / 1024 ** 2, 1),
            "python": platform.python_version()}


def code_version() -> dict:
    """The commit measured, and whether hooks/ had uncommitted changes (other work in progress)."""
    def git(*args):
        result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else None
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "hooks_modified": bool(git("status", "--porcelain", "hooks"))}


def inside_git(folder: Path) -> bool:
    result = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True)
    return result.returncode == 0


def report(results: dict) -> None:
    m, d, layer, builds = results["machine"], results["dataset"], results["data_layer"], results["builds"]
    code = results["code"]
    rows = [
        ("machine", f"{m['nproc']} CPU ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}"),
        ("code", f"commit {code['commit']}" + (" + uncommitted changes in hooks/" if code["hooks_modified"] else "")),
        ("dataset", f"{d['indicators']} indicators × {d['periods']} periods = {d['values']} values, "
                    f"{d['projects']} projects, {d['protections']} protections"),
        ("site", f"{d['pages']} pages, {d['data_files']} data files; site/ {d['site_files']} files, "
                 f"{d['site_bytes'] / 1e6:.1f} MB"),
    ]
    for label, found in (("cold", layer), ("warm", results["data_layer_warm"])):
        for name in ("load_site_data", "values_frame", "together"):
            rows.append((f"data ({label}): {name}",
                         f"best {found[name]['best']:.2f} s, median {found[name]['median']:.2f} s"))
        rows[-1] = (rows[-1][0], rows[-1][1] + f"   (target ≤ {TARGET_DATA_S:g} s: "
                                               f"{'ok' if found['together']['median'] <= TARGET_DATA_S else 'OVER'})")
    for kind in ("hooks", "hooks-warm", "plain"):
        b = builds[kind]
        rows.append((f"{kind} build", f"median {b['median_s']:.1f} s (runs: "
                                      f"{', '.join(f'{s:.1f}' for s in b['seconds'])}), CPU {b['median_cpu_s']:.1f} s, "
                                      f"peak RSS {b['peak_rss_mb']:.0f} MB"))
    for label, ratio, over in (("hooks / plain", builds["ratio"], builds["overhead_percent"]),
                               ("hooks-warm / plain", builds["ratio_warm"], builds["overhead_warm_percent"])):
        rows.append((label, f"{ratio:.2f} (overhead {over:+.0f} %; target ≤ {TARGET_OVERHEAD:g} %: "
                            f"{'ok' if over <= TARGET_OVERHEAD else 'OVER'})"))
    width = max(len(name) for name, _ in rows)
    print("\n".join(f"{name:<{width}}  {text}" for name, text in rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=2000)
    parser.add_argument("--periods", type=int, default=40)
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind, alternating (default 3)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench-stats-"))
    try:
        if inside_git(tmp):
            sys.exit(f"{tmp} is inside a git repository: set TMPDIR to a folder outside any checkout")
        version = code_version()  # taken with the copy: hooks/ may change while the benchmark runs
        hooks_project = copy_project(tmp / "hooks-project")
        data_dir = generate(hooks_project / "data", args.indicators, args.periods, args.projects)
        print(f"data generated in {tmp}; timing the data layer…", flush=True)
        layer, site = data_layer(data_dir)
        layer_warm, _ = data_layer(data_dir, cache=tmp / "data-layer-cache")

        print("writing the plain project…", flush=True)
        plain = tmp / "plain-project"
        pages, files = plain_project(plain, site)

        # cold: the hooks read every data file (a fresh clone, CI); warm: readings cached by the build before
        runs = {"hooks": [], "hooks-warm": [], "plain": []}
        for run in range(args.runs):
            for kind, project in (("hooks", hooks_project), ("hooks-warm", hooks_project), ("plain", plain)):
                print(f"build {run + 1}/{args.runs}: {kind}…", flush=True)
                site_dir = tmp / ("site-plain" if kind == "plain" else "site-hooks")
                runs[kind].append(build(project, site_dir, tmp / f"build-{kind}.log", kind == "hooks-warm"))
        site_files, site_bytes = folder_size(tmp / "site-hooks")
        differing = differences(tmp / "site-hooks", tmp / "site-plain")
        if differing:
            print(f"warning: the plain build differs from the hooks build in {len(differing)} files, "
                  f"e.g. {differing[:3]}", file=sys.stderr)

        builds = {kind: {"seconds": [r["seconds"] for r in found],
                         "median_s": statistics.median(r["seconds"] for r in found),
                         "median_cpu_s": statistics.median(r["cpu_s"] for r in found),
                         "peak_rss_mb": max(r["peak_rss_mb"] for r in found)} for kind, found in runs.items()}
        builds["ratio"] = builds["hooks"]["median_s"] / builds["plain"]["median_s"]
        builds["overhead_percent"] = (builds["ratio"] - 1) * 100
        builds["ratio_warm"] = builds["hooks-warm"]["median_s"] / builds["plain"]["median_s"]
        builds["overhead_warm_percent"] = (builds["ratio_warm"] - 1) * 100
        results = {
            "machine": machine(),
            "code": version,
            "arguments": vars(args),
            "dataset": {"indicators": len(site.catalogue.indicators), "periods": len(site.periods),
                        "values": len(site.values), "projects": len(site.projects.entries),
                        "protections": len(site.protections.entries), "pages": pages, "data_files": files,
                        "site_files": site_files, "site_bytes": site_bytes},
            "data_layer": layer,
            "data_layer_warm": layer_warm,
            "builds": builds,
            "plain_differs_in": differing,
        }
        print()
        report(results)
        save_results(results, RESULTS)
    finally:
        clean_up(tmp, bool(args.keep))
    return 0


if __name__ == "__main__":
    sys.exit(main())
