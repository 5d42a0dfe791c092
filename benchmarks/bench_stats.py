"""Benchmark of the statistics layer at scale, on synthetic data in a temporary folder (`make bench-stats`).

    DATA LAYER   load_site_data(data/) and stats.values_frame(site), in-process (best and median of 3)
    HOOKS BUILD  `mkdocs build` of a project copy with the hooks (what `make build` does, minus validation)
    PLAIN BUILD  `mkdocs build` of the same pages written out as files, without hooks (`make generate`), then our
                 search step (the Pagefind index) on what it built, in the same process
                 (benchmarks/plain_build.py): what MkDocs and the search index alone cost

The two builds run alternately; the ratio hooks/plain is the hooks' overhead. Like with like: the two sites are
compared file by file, and every difference must be of a kind our hooks add on purpose (HOOK_MARKUP: the metadata
in the head, the source line, the breadcrumbs and the current tab; the theme fix, the sanitiser's spelling, the
sitemap's dates and order); any other is reported as unexplained. What each step of our build cost (load, pages,
downloads, provenance, search index…) is written by the build itself under KHCN_TIMINGS (khcn/core/timing.py) and
reported beside it.

Peak memory is that of the build's process tree, sampled from /proc (benchmarks/benchkit.py says how and why).
Nothing is written into data/ or docs/ of the repository; results go to benchmarks/results/bench-stats-latest.json
and one line to benchmarks/history.jsonl.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import re
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
    append_history,
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
from khcn.core import timing  # noqa: E402
from khcn.data.dataset import load_site_data  # noqa: E402
from khcn.data.fields import VIETNAM  # noqa: E402
from khcn.export import write_plain_project  # noqa: E402
from khcn.publish.themefix import valid_toggles  # noqa: E402
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


def build(project: Path, out: Path, log: Path, warm_cache: bool = False, plain: bool = False) -> dict:
    """One `mkdocs build` (benchkit.mkdocs_build), the plain one followed by our search step; a failed build ends
    the benchmark. With what each phase cost ("steps", khcn/core/timing.py)."""
    timings = log.with_suffix(".timings.jsonl")
    try:
        result = mkdocs_build(project, out, log, EPOCH, warm_cache, then_index=plain, timings=timings)
    except BuildFailed as exc:
        sys.exit(str(exc))
    return {**result, "steps": timing.summary(timings)}


# What our hooks add to a page on purpose, each a kind of difference from the plain build (overrides/main.html and
# its partials, khcn/publish/themefix.py): removed from both sides before pages are compared.
HOOK_MARKUP = {
    "metadata (Dublin Core, JSON-LD, modified time)": re.compile(
        r'<meta name="DC\.[^"]*" content="[^"]*">|<script type="application/ld\+json">.*?</script>'
        r'|<meta property="article:modified_time" content="[^"]*">', re.DOTALL),
    "source line": re.compile(r'<aside class="tq-source">.*?</aside>', re.DOTALL),
    "breadcrumbs and current tab": re.compile(
        r'<nav class="tq-breadcrumbs".*?</nav>| md-tabs__item--active| aria-current="(?:page|true)"', re.DOTALL),
}
_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")  # the sitemap: dated by each page's last change on our side
_URL = re.compile(r"<url>.*?</url>", re.DOTALL)
# How the sanitiser's serialiser spells what Python-Markdown wrote (khcn/publish/sanitize.py): the same document.
_SPELLING = [(re.compile(r"<br />"), "<br>"), (re.compile(r"<(line|rect|circle|path|polyline)( [^>]*?)/>"),
                                               r"<\1\2></\1>"), (re.compile("\u00a0"), "&nbsp;")]


def _lines(text: str) -> list[str]:
    """The text's non-blank lines, stripped: what a removed block leaves around it is not a difference."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _sitemap_entries(text: str) -> list[str]:
    return sorted(" ".join(_lines(_LASTMOD.sub("", entry))) for entry in _URL.findall(text))


def _respelled(html: str) -> str:
    for pattern, spelling in _SPELLING:
        html = pattern.sub(spelling, html)
    return html


def explain(name: str, ours: bytes, plain: bytes) -> list[str]:
    """The kinds of HOOK_MARKUP that make file `name` differ between the two sites, or [] when something else
    differs too (or it is neither a page nor the sitemap)."""
    if name in ("sitemap.xml", "sitemap.xml.gz"):
        one, other = ((gzip.decompress(x) if name.endswith(".gz") else x).decode("utf-8") for x in (ours, plain))
        return ["sitemap: dates, order"] if _sitemap_entries(one) == _sitemap_entries(other) else []
    if not name.endswith(".html"):
        return []
    one, other = ours.decode("utf-8"), plain.decode("utf-8")
    kinds = []
    if valid_toggles(other) != other:
        kinds.append("theme fix (Material's toggles)")
        other = valid_toggles(other)
    for kind, pattern in HOOK_MARKUP.items():
        if pattern.findall(one) != pattern.findall(other):
            kinds.append(kind)
        one, other = pattern.sub("", one), pattern.sub("", other)
    if _lines(one) == _lines(other):
        return kinds
    if _lines(_respelled(one)) == _lines(_respelled(other)):
        return [*kinds, "sanitiser's spelling (<br>, <line></line>, &nbsp;)"]
    return []


def differences(ours: Path, plain: Path) -> dict:
    """The two sites compared file by file: {"same": n, "explained": {kind: files}, "unexplained": [paths]}
    (a file on one side only is unexplained)."""
    def listing(folder):
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    found: dict = {"same": 0, "explained": {}, "unexplained": []}
    for name in sorted(listing(ours) | listing(plain)):
        one, other = ours / name, plain / name
        if not (one.is_file() and other.is_file()):
            found["unexplained"].append(name)
            continue
        a, b = one.read_bytes(), other.read_bytes()
        if a == b:
            found["same"] += 1
            continue
        kinds = explain(name, a, b)
        if not kinds:
            found["unexplained"].append(name)
        for kind in kinds:
            found["explained"][kind] = found["explained"].get(kind, 0) + 1
    return found


def steps(runs: list[dict]) -> dict[str, float]:
    """Median seconds of each phase over the runs; "MkDocs and the rest": the wall time outside our phases (the
    build's own process only: the second process's work overlaps with it)."""
    names = list(dict.fromkeys(name for run in runs for name in run["steps"]))
    table = {name: statistics.median(run["steps"].get(name, {}).get("seconds", 0.0) for run in runs)
             for name in names}
    rest = [run["seconds"] - sum(v["seconds"] for v in run["steps"].values() if v["process"] == "main")
            for run in runs]
    table["MkDocs and the rest"] = statistics.median(rest)
    return table


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
    same = results["comparison"]
    explained = ", ".join(f"{kind} {n}" for kind, n in same["explained"].items()) or "none"
    odd = same["unexplained"]
    rows.append(("same outputs", f"{same['same']} files identical; differing by what our hooks add: {explained}; "
                                 f"unexplained: {len(odd)} {'ok' if not odd else 'DIFFERENT: ' + ', '.join(odd[:5])}"))
    width = max(len(name) for name, _ in rows)
    print("\n".join(f"{name:<{width}}  {text}" for name, text in rows))
    print("\nsteps, median seconds (cold hooks build; the second process works beside the first):")
    table = results["steps"]
    names = list(dict.fromkeys([*table["hooks"], *table["plain"]]))
    width = max(len(name) for name in names)
    print(f"  {'':<{width}}  {'hooks':>7}  {'hooks-warm':>10}  {'plain':>7}")
    for name in names:
        cells = [f"{table[k][name]:.2f}" if name in table[k] else "–" for k in ("hooks", "hooks-warm", "plain")]
        print(f"  {name:<{width}}  {cells[0]:>7}  {cells[1]:>10}  {cells[2]:>7}")


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
                runs[kind].append(build(project, site_dir, tmp / f"build-{kind}.log", kind == "hooks-warm",
                                        plain=kind == "plain"))
        site_files, site_bytes = folder_size(tmp / "site-hooks")
        comparison = differences(tmp / "site-hooks", tmp / "site-plain")
        if comparison["unexplained"]:
            print(f"warning: the plain build differs from the hooks build in {len(comparison['unexplained'])} files "
                  f"beyond what the hooks add, e.g. {comparison['unexplained'][:3]}", file=sys.stderr)

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
            "steps": {kind: steps(found) for kind, found in runs.items()},
            "comparison": comparison,
        }
        print()
        report(results)
        save_results(results, RESULTS)
        append_history("bench-stats", {
            "hooks_s": builds["hooks"]["median_s"], "hooks_warm_s": builds["hooks-warm"]["median_s"],
            "plain_s": builds["plain"]["median_s"], "ratio": round(builds["ratio"], 3),
            "ratio_warm": round(builds["ratio_warm"], 3), "hooks_cpu_s": builds["hooks"]["median_cpu_s"],
            "plain_cpu_s": builds["plain"]["median_cpu_s"], "peak_rss_tree_mb": builds["hooks"]["peak_rss_tree_mb"],
            "data_layer_cold_s": layer["together"]["median"], "data_layer_warm_s": layer_warm["together"]["median"],
            "unexplained_differences": len(comparison["unexplained"]),
            "steps_s": {name: round(value, 2) for name, value in results["steps"]["hooks"].items()}},
            arguments={key: getattr(args, key) for key in ("indicators", "periods", "projects", "runs")},
            code=version)
    return 1 if comparison["unexplained"] else 0  # not like with like: the ratio above compares other work


if __name__ == "__main__":
    sys.exit(main())
