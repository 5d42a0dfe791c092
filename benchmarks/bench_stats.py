"""Benchmark of the statistics layer at scale, on synthetic data in a temporary folder (`make bench-stats`).

    DATA LAYER   load_site_data(data/) and stats.values_frame(site), in-process (best and median of 3)
    HOOKS BUILD  `mkdocs build` of a project copy with the hooks (what `make build` does, minus validation)
    PLAIN BUILD  `mkdocs build` of the same pages written out as files, without hooks (`make generate`): what
                 MkDocs alone costs

The two builds run alternately; the ratio hooks/plain is the hooks' overhead. Peak memory is that of the build's
process tree, sampled from /proc (benchmarks/benchkit.py says how and why). Nothing is written into data/ or docs/
of the repository; results go to benchmarks/results/bench-stats-latest.json.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import (  # noqa: E402
    MEMORY_KEYS,
    BuildFailed,
    code_version,
    copy_project,
    describe,
    folder_size,
    machine,
    mkdocs_build,
    save_results,
    workspace,
)
from generate_stats_data import generate  # noqa: E402
from khcn.data.dataset import load_site_data  # noqa: E402
from khcn.data.fields import VIETNAM  # noqa: E402
from khcn.export import write_plain_project  # noqa: E402
from khcn.stats import frames as stats  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "bench-stats-latest.json"
EPOCH = "1609459200"  # 2021-01-01: fixed, so every build writes the same dates
TARGET_DATA_S, TARGET_OVERHEAD = 2.0, 15.0


def plain_project(dest: Path, site) -> tuple[int, int]:
    """The plain project (`make generate`, khcn/export.py): every generated page, feed and download written into
    docs/ and a mkdocs.yml without hooks; (pages, data files)."""
    exported = write_plain_project(ROOT, dest, site, updated=datetime.fromtimestamp(int(EPOCH), VIETNAM))
    return exported.pages, exported.data_files


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
    """One `mkdocs build` (benchkit.mkdocs_build); a failed build ends the benchmark."""
    try:
        return mkdocs_build(project, out, log, EPOCH, warm_cache)
    except BuildFailed as exc:
        sys.exit(str(exc))


ORDER_ONLY = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}  # list pages in another order


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ between the two builds (beyond page order): should be none."""
    def listing(folder):
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    names = listing(one) | listing(other)
    return sorted(n for n in names - ORDER_ONLY if not ((one / n).is_file() and (other / n).is_file()
                                                          and (one / n).read_bytes() == (other / n).read_bytes()))


def report(results: dict) -> None:
    d, layer, builds = results["dataset"], results["data_layer"], results["builds"]
    rows = [
        *describe(results),
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
                                      f"peak RSS tree {b['peak_rss_tree_mb']:.0f} MB, PSS tree "
                                      f"{b['peak_pss_tree_mb']:.0f} MB, largest process "
                                      f"{b['peak_rss_single_mb']:.0f} MB"))
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

    with workspace("bench-stats-", keep=bool(args.keep)) as tmp:
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
                         **{key: max(r[key] for r in found) for key in MEMORY_KEYS}}
                  for kind, found in runs.items()}
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
