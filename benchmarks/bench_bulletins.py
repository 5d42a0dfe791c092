"""Benchmark of the bulletin stream at scale: our site against Material's blog plugin (`make bench-bulletins`).

Synthetic bulletins (benchmarks/generate_bulletins.py: ~600 words of Vietnamese each, 8 categories, 12 years,
20 authors, 0–3 tags) are written into projects in a temporary folder, never into data/ or docs/ of the repository:

    OURS        a copy of the project (mkdocs.yml, hooks/, overrides/, docs/ and the repository's data/, the real
                default data) plus data/tin-tuc/<year>/<slug>.md × --count and an 8-category data/chuyen-muc.yaml,
                made a git repository with a real history (benchkit.commit_history: the project in a first commit,
                the bulletins oldest first over the next --commits − 1, each dated by its newest bulletin), since
                every page is dated by the last commit of its files
    OURS-0      the same copy with zero generated bulletins (same categories), in one commit: the fixed cost
    MATERIAL    a minimal project with Material's blog plugin and the same posts (the first --material-count of
                them): pagination, archive and categories as the plugin offers them, author pages switched on
                (ours has them), search, our markdown extensions
    MATERIAL-0  the same blog with no posts

Each is built with `python -m mkdocs build -q` (the venv's Python, NO_MKDOCS_2_WARNING=1, a fixed
SOURCE_DATE_EPOCH after every generated date, the hooks' .cache/ deleted first: a cold build, as on a fresh clone
or CI; not scripts/build_site.py, so data/ is not validated a second time). The kinds are built alternately
within one run (ours, Material, ours-0, Material-0; --repeat times), so they share the machine's state.

Per kind: wall seconds (best and median of --repeat), CPU seconds (user + system of the build and the processes
it waited for), ms per bulletin as total/N and as (total − fixed)/N (fixed = the same site with no bulletins), from
the median wall time and from the median CPU time (on a machine shared with other work the wall time includes
waiting for a core, the CPU time hardly: when the two part, trust CPU and rerun; the load average is noted), peak
memory, the size of site/, of site/search/search_index.json and the number of HTML files. Each generated
post's page is looked for in the output (/tin-tuc/<slug>/ for ours, /blog/<yyyy>/<mm>/<dd>/<slug>/ for Material).

Peak memory: that of the build's process tree, sampled from /proc every ~50 ms (benchmarks/benchkit.py says how and
why): the sum of Rss over the tree (an upper bound), the sum of Pss (the physical memory the tree holds) and the
largest single process. Targets: ours ≤ 10 ms per bulletin at 5,000 bulletins and ≤ 1 GiB peak. Results go to
benchmarks/results/bench-bulletins-latest.json (gitignored).

Search (after the timed builds, on our site as built): our build runs the Pagefind indexer
(hooks/khcn/publish/search.py) in `on_post_build`, so the times above include it; it is also run once more alone and
timed. Then each typical query of benchmarks/search_transfer.py is typed into our search page in Chromium from an
empty cache and the bytes of every /pagefind/ file it fetched are added up at the size they travel (gzip; see that
module), split into Pagefind's code, its page list (meta), index chunks and the fragments of the 10 results shown;
and the titles of 20 bulletins spread over the stream, typed without diacritics, must each bring their bulletin into
the first 10. Beside it, Material's lunr index for the same site: OURS-LUNR, the OURS project with Material's
`search` plugin switched back on, built once, and its search/search_index.json (loaded whole by every reader who
searches), raw and gzipped. Target: a typical query ≤ 300 KiB. `--no-search` skips all of this (it needs Debian's
chromium: `make browser-deps`).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import sys
import time
from datetime import timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_transfer  # noqa: E402
from benchkit import (  # noqa: E402
    COPY_IGNORE,
    MEMORY_KEYS,
    PROJECT_FOLDERS,
    BuildFailed,
    append_history,
    code_version,
    commit_history,
    copy_project,
    describe,
    machine,
    mkdocs_build,
    save_results,
    workspace,
)
from generate_bulletins import (  # noqa: E402
    AUTHORS,
    generate_posts,
    our_categories,
    our_markdown_extensions,
    write_material,
    write_ours,
)

sys.path.insert(0, str(ROOT / "hooks"))
from khcn.publish.search import index_site  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "bench-bulletins-latest.json"
EPOCH = "1798761600"  # 2027-01-01 00:00 UTC: fixed, and after every generated date (2015–2026)
TARGET_MS, TARGET_PEAK_MB = 10.0, 1024.0
TARGET_AT = 5000
TARGET_QUERY_KIB = 300
WITH_DATA = (*PROJECT_FOLDERS, "data")  # the site's code, templates and the repository's data/


# --- projects ---------------------------------------------------------------------------------------------------

def site_slugs(data_dir: Path) -> set[str]:
    """Slugs the stream already has: real bulletins and reports (generated slugs must not take them)."""
    return ({p.stem for p in (data_dir / "tin-tuc").rglob("*.md")} |
            {p.stem for p in (data_dir / "bao-cao").glob("*.yaml")})


def build(project: Path, out: Path, log: Path) -> dict:
    return mkdocs_build(project, out, log, EPOCH)  # cold: every data file read, as on a fresh clone


def output_size(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    index = site / "search" / "search_index.json"
    return {"site_files": len(files), "site_bytes": sum(p.stat().st_size for p in files),
            "html_files": sum(1 for p in files if p.suffix == ".html"),
            "search_index_bytes": index.stat().st_size if index.is_file() else None,
            "pagefind_bytes": sum(p.stat().st_size for p in files if "pagefind" in p.relative_to(site).parts[:1])
            or None}


def missing_pages(site: Path, pages: list[str]) -> list[str]:
    return [page for page in pages if not (site / page / "index.html").is_file()]


# --- report ----------------------------------------------------------------------------------------------------

def summarise(runs: list[dict], posts: int, size: dict, missing: list[str]) -> dict:
    seconds = [r["seconds"] for r in runs]
    return {"posts": posts, "seconds": seconds, "best_s": min(seconds), "median_s": statistics.median(seconds),
            "median_cpu_s": statistics.median(r["cpu_s"] for r in runs),
            **{key: max(r[key] for r in runs) for key in MEMORY_KEYS},
            **size, "pages_missing": len(missing), "pages_missing_examples": missing[:5]}


def per_post(builds: dict, kind: str, fixed: str) -> dict | None:
    """ms per post, total/N and (total − fixed)/N, from the medians and from the best runs."""
    main = builds.get(kind)
    if not main or not main.get("posts"):
        return None
    n, empty = main["posts"], builds.get(fixed)
    result = {"total_ms_median": main["median_s"] * 1000 / n, "total_ms_best": main["best_s"] * 1000 / n,
              "cpu_total_ms_median": main["median_cpu_s"] * 1000 / n}
    if empty:
        result["marginal_ms_median"] = (main["median_s"] - empty["median_s"]) * 1000 / n
        result["marginal_ms_best"] = (main["best_s"] - empty["best_s"]) * 1000 / n
        result["cpu_marginal_ms_median"] = (main["median_cpu_s"] - empty["median_cpu_s"]) * 1000 / n
    return result


LABELS = {"ours": "ours", "ours-0": "ours, 0", "material": "Material", "material-0": "Material, 0"}


def report(results: dict) -> None:
    d, builds = results["dataset"], results["builds"]
    head = [*describe(results),
            ("posts", f"~{d['words_mean']:.0f} words each; {d['categories']} categories, {d['years']} years, "
                      f"{d['authors']} authors; real bulletins/reports already in data/: {d['existing_slugs']}"),
            ("generated in", f"{d['generate_s']:.1f} s, our project's history {d.get('commits', 0)} commits"),
            ("load average", f"{results['load_average']['before'][0]:.2f} before the builds, "
                             f"{results['load_average']['after'][0]:.2f} after (1 min; other work skews the times)")]
    width = max(len(name) for name, _ in head)
    print("\n".join(f"{name:<{width}}  {text}" for name, text in head))
    kinds = [k for k in LABELS if k in builds]
    rows: list[tuple[str, list[str]]] = [("", [f"{LABELS[k]} ({builds[k]['posts']})" for k in kinds])]

    def row(label, fn):
        rows.append((label, [fn(builds[k], k) for k in kinds]))

    def mb(value):
        return f"{value / 1e6:.1f}" if value is not None else "–"

    row("wall s, best", lambda b, k: f"{b['best_s']:.1f}")
    row("wall s, median", lambda b, k: f"{b['median_s']:.1f}")
    row("CPU s, median", lambda b, k: f"{b['median_cpu_s']:.1f}")
    ms = results["per_post"]
    row("wall ms/post total/N",
        lambda b, k: f"{ms[k]['total_ms_median']:.1f}" if ms.get(k) else "–")
    row("wall ms/post (total−fixed)/N",
        lambda b, k: f"{ms[k]['marginal_ms_median']:.1f}" if ms.get(k) and "marginal_ms_median" in ms[k] else "–")
    row("CPU ms/post total/N",
        lambda b, k: f"{ms[k]['cpu_total_ms_median']:.1f}" if ms.get(k) else "–")
    row("CPU ms/post (total−fixed)/N",
        lambda b, k: f"{ms[k]['cpu_marginal_ms_median']:.1f}" if ms.get(k) and "marginal_ms_median" in ms[k] else "–")
    row("peak RSS tree, MB", lambda b, k: f"{b['peak_rss_tree_mb']:.0f}")
    row("peak PSS tree, MB", lambda b, k: f"{b['peak_pss_tree_mb']:.0f}")
    row("largest process RSS, MB", lambda b, k: f"{b['peak_rss_single_mb']:.0f}")
    row("processes (most at once)", lambda b, k: str(b["processes"]))
    row("site/, MB", lambda b, k: mb(b["site_bytes"]))
    row("files in site/", lambda b, k: str(b["site_files"]))
    row("HTML files", lambda b, k: str(b["html_files"]))
    row("lunr search index, MB", lambda b, k: mb(b["search_index_bytes"]))
    row("Pagefind index, MB", lambda b, k: mb(b["pagefind_bytes"]))
    row("post pages missing", lambda b, k: str(b["pages_missing"]))
    first = max(len(label) for label, _ in rows)
    widths = [max(len(cells[i]) for _, cells in rows) for i in range(len(kinds))]
    print()
    for label, cells in rows:
        print(f"{label:<{first}}  " + "  ".join(f"{cell:>{w}}" for cell, w in zip(cells, widths)))
    if results.get("search"):
        report_search(results["search"], d["ours"])
    print()
    for line in results["targets"]:
        print(line)
    for kind, error in results.get("failures", {}).items():
        print(f"\n{LABELS[kind]} FAILED:\n{error}")


def search_targets(search: dict) -> list[str]:
    if not search.get("queries"):
        return []
    worst = max(search["queries"], key=lambda q: q["bytes"])
    kib = worst["bytes"] / 1024
    lines = [f"target a typical query ≤ {TARGET_QUERY_KIB} KiB gzipped: at most {kib:.0f} KiB (`{worst['query']}`) "
             f"{'ok' if kib <= TARGET_QUERY_KIB else 'OVER'}"]
    if search.get("titles"):
        found = sum(t["found"] for t in search["titles"])
        lines.append(f"bulletins found by their title typed without diacritics: {found}/{len(search['titles'])} "
                     f"{'ok' if found == len(search['titles']) else 'MISSING'}")
    return lines


def targets(builds: dict, per: dict) -> list[str]:
    ours, ms = builds.get("ours"), per.get("ours")
    if not ours or not ms:
        return ["targets: our build did not run"]
    note = "" if ours["posts"] == TARGET_AT else f" (measured at {ours['posts']}, target stated at {TARGET_AT:,})"
    lines = []
    for label, total, marginal in (("wall", "total_ms_median", "marginal_ms_median"),
                                   ("CPU", "cpu_total_ms_median", "cpu_marginal_ms_median")):
        lines.append(f"target ours ≤ {TARGET_MS:g} ms/bulletin{note}, {label}: total/N {ms[total]:.1f} ms "
                     f"{'ok' if ms[total] <= TARGET_MS else 'OVER'}")
        if marginal in ms:
            lines[-1] += f", (total−fixed)/N {ms[marginal]:.1f} ms {'ok' if ms[marginal] <= TARGET_MS else 'OVER'}"
    lines.append(f"target ours peak ≤ 1 GiB: RSS tree {ours['peak_rss_tree_mb']:.0f} MB "
                 f"{'ok' if ours['peak_rss_tree_mb'] <= TARGET_PEAK_MB else 'OVER'}, PSS tree "
                 f"{ours['peak_pss_tree_mb']:.0f} MB {'ok' if ours['peak_pss_tree_mb'] <= TARGET_PEAK_MB else 'OVER'}")
    return lines


# --- search ------------------------------------------------------------------------------------------------------

def lunr_project(ours: Path, dest: Path) -> Path:
    """A copy of OURS with Material's search plugin switched back on (what the site used before Pagefind)."""
    shutil.copytree(ours, dest, ignore=COPY_IGNORE)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "\nplugins: []\n" not in text:
        raise BuildFailed("mkdocs.yml has no `plugins: []` line to switch Material's search plugin back on")
    config.write_text(text.replace("\nplugins: []\n", "\nplugins:\n  - search:\n      lang: vi\n"), encoding="utf-8")
    return dest


def measure_search(site: Path, posts: list, work: Path, projects: dict, lunr: bool) -> dict:
    start = time.perf_counter()
    summary = index_site(site)  # the same index the build wrote, made again alone to time it
    indexer_s = time.perf_counter() - start
    step = max(1, len(posts) // 20)
    sample = [(f"/tin-tuc/{post.slug}/", post.title) for post in posts[::step]]
    measured = search_transfer.measure(site, search_transfer.QUERIES, sample)
    result = {"indexer_s": indexer_s, "indexed_pages": summary.pages, "indexed_words": summary.words, **measured}
    if lunr:
        project = lunr_project(projects["ours"], work / "ours-lunr")
        print("build: ours with Material's search plugin (its lunr index, for comparison)…", end=" ", flush=True)
        build(project, work / "site-ours-lunr", work / "build-ours-lunr.log")
        index = (work / "site-ours-lunr" / "search" / "search_index.json").read_bytes()
        result["lunr_index_bytes"] = len(index)
        result["lunr_index_gzip_bytes"] = len(gzip.compress(index, 9, mtime=0))
        print(f"{len(index) / 1e6:.1f} MB", flush=True)
    return result


def report_search(search: dict, posts: int) -> None:
    if "error" in search:
        print(f"\nsearch not measured: {search['error']}")
        return
    kib = lambda n: f"{n / 1024:.1f}"  # noqa: E731
    print(f"\nsearch at {posts:,} bulletins: Pagefind index {search['index_bytes'] / 1e6:.1f} MB in "
          f"{search['index_files']} files ({search['indexed_pages']} pages indexed), indexer alone "
          f"{search['indexer_s']:.1f} s ({search['indexer_s'] * 1000 / max(posts, 1):.1f} ms per bulletin)")
    if "lunr_index_bytes" in search:
        print(f"Material's lunr index of the same site: {search['lunr_index_bytes'] / 1e6:.1f} MB, "
              f"{search['lunr_index_gzip_bytes'] / 1e6:.2f} MB gzipped, loaded whole by every search")
    rows = [("query", "results", "KiB gz", "code", "meta", "index", "fragments", "files")]
    for q in search["queries"]:
        k = q["by_kind"]
        rows.append((q["query"], f"{q['results']:,}".replace(",", "."), kib(q["bytes"]), kib(k["code"]),
                     kib(k["meta"]), kib(k["index"]), kib(k["fragments"]), str(q["files"])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = (cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        print("  " + "  ".join(cells))
    script = max(q["script_bytes"] for q in search["queries"])
    hosts = sorted({h for q in search["queries"] for h in q["hosts"]})
    found = sum(t["found"] for t in search["titles"])
    print(f"(plus our search script {kib(script)} KiB; hosts asked: {', '.join(hosts)}; titles typed without "
          f"diacritics: {found}/{len(search['titles'])} bulletins in the first 10 results)")


# --- main --------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000, help="bulletins on our site (default 5000)")
    parser.add_argument("--material-count", type=int, default=1000,
                        help="posts on the Material blog (default 1000; 0 skips Material; 5000 takes ~9 minutes)")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind, alternating (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commits", type=int, default=50,
                        help="commits the bulletins are spread over in our project's git history (default 50)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR (new or empty) and keep it")
    parser.add_argument("--no-search", action="store_true",
                        help="skip the search measurement (Chromium) and the build with Material's lunr index")
    parser.add_argument("--no-lunr", action="store_true", help="skip the build with Material's lunr index")
    args = parser.parse_args(argv)
    if args.count < 1 or args.repeat < 1 or args.material_count < 0:
        parser.error("--count and --repeat must be at least 1, --material-count at least 0")

    if args.keep:
        keep = args.keep.resolve()
        if keep.is_relative_to(ROOT):
            parser.error(f"{keep} is inside the repository: synthetic data lives outside it")
        if keep.exists() and any(keep.iterdir()):
            parser.error(f"{keep} is not empty")
    with workspace("bench-bulletins-", keep=args.keep) as work:
        version = code_version()  # taken with the copy: hooks/ may change while the benchmark runs
        start = time.perf_counter()
        projects = {"ours": copy_project(work / "ours", WITH_DATA), "ours-0": copy_project(work / "ours-0", WITH_DATA)}
        categories = our_categories(projects["ours"] / "data")
        ids = [cid for cid, _ in categories]
        taken = site_slugs(projects["ours"] / "data")
        posts = generate_posts(args.count, args.seed, taken, ids)
        write_ours(posts, projects["ours"] / "data", categories)
        write_ours([], projects["ours-0"] / "data", categories)
        # a repository with real history, as a department's is: the pages' dates come from one `git log`
        vietnam = timezone(timedelta(hours=7))
        dated = sorted((f"data/tin-tuc/{p.published.year}/{p.slug}.md", p.published.replace(tzinfo=vietnam))
                       for p in posts)
        commits = commit_history(projects["ours"], sorted(dated, key=lambda item: item[1]), args.commits)
        commit_history(projects["ours-0"], [])
        pages = {"ours": [f"tin-tuc/{p.slug}" for p in posts], "ours-0": []}
        extensions = our_markdown_extensions(ROOT / "mkdocs.yml")
        if args.material_count:
            material_posts = generate_posts(args.material_count, args.seed, taken, ids)  # the first of the same
            projects["material"] = write_material(material_posts, work / "material", extensions, categories)
            projects["material-0"] = write_material([], work / "material-0", extensions, categories)
            pages["material"] = [f"blog/{p.published:%Y/%m/%d}/{p.slug}" for p in material_posts]
            pages["material-0"] = []
        generate_s = time.perf_counter() - start
        counts = {"ours": len(posts), "ours-0": 0, "material": args.material_count, "material-0": 0}
        print(f"{len(posts)} bulletins (Material: {args.material_count}) generated in {work} in {generate_s:.1f} s",
              flush=True)

        runs: dict[str, list[dict]] = {kind: [] for kind in projects}
        load_before = os.getloadavg()  # other work on the machine skews the times: noted with the results
        failures: dict[str, str] = {}
        for run in range(args.repeat):
            for kind in ("ours", "material", "ours-0", "material-0"):
                if kind not in projects or kind in failures:
                    continue
                print(f"build {run + 1}/{args.repeat}: {LABELS[kind]} ({counts[kind]})…", end=" ", flush=True)
                try:
                    result = build(projects[kind], work / f"site-{kind}", work / f"build-{kind}.log")
                except BuildFailed as exc:
                    failures[kind] = str(exc)
                    print("FAILED", flush=True)
                    continue
                runs[kind].append(result)
                print(f"{result['seconds']:.1f} s, peak RSS tree {result['peak_rss_tree_mb']:.0f} MB", flush=True)

        builds = {}
        for kind, found in runs.items():
            if found:
                site = work / f"site-{kind}"
                builds[kind] = summarise(found, counts[kind], output_size(site), missing_pages(site, pages[kind]))
        per = {kind: per_post(builds, kind, f"{kind}-0") for kind in ("ours", "material")}
        search: dict = {}
        if not args.no_search and "ours" in builds:
            try:
                search = measure_search(work / "site-ours", posts, work, projects, lunr=not args.no_lunr)
            except Exception as exc:  # no Chromium, a failed build…: reported, the build figures still stand
                search = {"error": f"{type(exc).__name__}: {exc}"}
        results = {
            "machine": machine(),
            "load_average": {"before": load_before, "after": os.getloadavg()},
            "code": version,
            "arguments": {key: str(value) if isinstance(value, Path) else value for key, value in vars(args).items()},
            "epoch": int(EPOCH),
            "dataset": {"ours": len(posts), "material": args.material_count, "categories": len(categories),
                        "years": len({p.published.year for p in posts}), "authors": len(AUTHORS),
                        "words_mean": statistics.mean(p.words for p in posts),
                        "existing_slugs": len(taken), "generate_s": generate_s, "commits": commits},
            "builds": builds,
            "per_post": per,
            "search": search,
            "targets": targets(builds, per) + search_targets(search),
            "failures": failures,
        }
        print()
        report(results)
        save_results(results, RESULTS)
        append_history("bench-bulletins", history_figures(builds, per, search), arguments={
            key: getattr(args, key) for key in ("count", "material_count", "repeat", "commits", "no_search")},
            code=version)
    return 1 if failures else 0


def history_figures(builds: dict, per: dict, search: dict) -> dict:
    """The key figures of a run, for benchmarks/history.jsonl."""
    figures = {}
    for kind in ("ours", "ours-0", "material"):
        if kind in builds:
            b = builds[kind]
            figures[kind] = {"median_s": round(b["median_s"], 2), "cpu_s": round(b["median_cpu_s"], 2),
                             "peak_rss_tree_mb": round(b["peak_rss_tree_mb"]),
                             "peak_pss_tree_mb": round(b["peak_pss_tree_mb"])}
            if per.get(kind):
                figures[kind].update({key: round(value, 2) for key, value in per[kind].items()
                                      if key in ("total_ms_median", "marginal_ms_median", "cpu_total_ms_median")})
    if search.get("queries"):
        figures["search_worst_query_kib"] = round(max(q["bytes"] for q in search["queries"]) / 1024, 1)
        figures["search_indexer_s"] = round(search["indexer_s"], 2)
    return figures


if __name__ == "__main__":
    sys.exit(main())
