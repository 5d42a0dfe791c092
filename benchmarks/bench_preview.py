"""Benchmark of the preview (`make bench-preview`): seconds from a saved file to the changed page being served.

A project (a copy of mkdocs.yml, hooks/, overrides/, docs/ and the repository's data/) gets --count synthetic
bulletins (benchmarks/generate_bulletins.py) in a temporary folder, committed into a new git repository over
--commits commits dated as the bulletins are (the provenance of each page is read from git, as on the real site).

1. The full build, cold (`python -m mkdocs build`, .cache/ deleted): seconds and ms per bulletin (target ≤ 10).
2. The preview (scripts/serve.py) started on the project: seconds until it answers its first page.
3. Each edit, made the way an editor saves a file, then the affected page asked for again and again (every 50 ms)
   until it shows the change; the time from the save to that answer is reported, with what the preview's build of
   the new files cost (its phases: data load and configuration, generated pages and files, Markdown, checks):
      a bulletin's text     data/tin-tuc/…/<newest>.md, a sentence added        → its page
      a bulletin's title    the same file's `tieu_de`                           → the home page (latest news)
      a values file         data/so-lieu/2021-H1.yaml, one indicator's value    → the report that quotes it
      a template of ours    hooks/khcn/templates/stream_meta.html.j2            → the bulletin's page
      a theme template      overrides/partials/copyright.html (every footer)    → the bulletin's page
      a style sheet         docs/assets/site.css                                → the style sheet
Target: ≤ 3 s for each at 5,000 bulletins (≤ 1 s on the default site: --count 1, its data and one bulletin).
Results go to benchmarks/results/bench-preview-latest.json and one line to benchmarks/history.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_bulletins import WITH_DATA, site_slugs  # noqa: E402
from benchkit import (  # noqa: E402
    BuildFailed,
    append_history,
    code_version,
    commit_history,
    copy_project,
    describe,
    machine,
    memory_kb,
    mkdocs_build,
    q,
    save_results,
    workspace,
)
from generate_bulletins import generate_posts, our_categories, write_ours  # noqa: E402
from khcn.core.clock import VIETNAM  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
from khcn.preview.server import PREFIX, strip_snippet  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "bench-preview-latest.json"
EPOCH = "1798761600"  # 2027-01-01 00:00 UTC: after every generated date (as bench-bulletins)
TARGET_S, TARGET_DEFAULT_S, TARGET_MS = 3.0, 1.0, 10.0
SMALL = 10  # at most this many bulletins: the default site's target
# A published value changed: the data layer wants a correction note (the repository has history).
CORRECTED = ("san-pham-duoc-bao-ho:\n  gia_tri: 201\n  dinh_chinh:\n    - ngay: 02/12/2026\n      gia_tri_cu: \"200\"\n"
             "      ly_do: Thử bản xem trước (benchmarks/bench_preview.py)\n")
REPORT_PAGE = "bao-cao/2021-6-thang-dau-nam/"  # quotes {{san-pham-duoc-bao-ho}} of data/so-lieu/2021-H1.yaml


# --- the project -------------------------------------------------------------------------------------------------

def make_project(work: Path, count: int, commits: int, seed: int):
    project = copy_project(work / "project", WITH_DATA)
    categories = our_categories(project / "data")
    posts = generate_posts(count, seed, site_slugs(project / "data"), [cid for cid, _ in categories])
    write_ours(posts, project / "data", categories)
    dated = sorted((f"data/tin-tuc/{p.published.year}/{p.slug}.md", p.published.replace(tzinfo=VIETNAM))
                   for p in posts)
    commit_history(project, sorted(dated, key=lambda item: item[1]), commits)  # a repository with real history
    return project, posts


# --- the preview -------------------------------------------------------------------------------------------------

def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:
            return strip_snippet(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return strip_snippet(error.read().decode("utf-8", "replace"))


def start_preview(project: Path, port: int, log: Path) -> tuple[subprocess.Popen, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH, KHCN_PREVIEW_NO_RESTART="1")
    start = time.perf_counter()
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--project", str(project),
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=env, stdout=log.open("wb"),
                              stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    while True:
        try:
            fetch(url)
            return server, time.perf_counter() - start
        except OSError:
            if server.poll() is not None:
                told = log.read_text(encoding="utf-8", errors="replace")
                raise BuildFailed(f"the preview stopped:\n{told}") from None
            time.sleep(0.2)


def state(url: str) -> dict:
    with urllib.request.urlopen(url + PREFIX.lstrip("/") + "dong-bo", timeout=600) as response:
        return json.load(response)


def wait_complete(url: str, limit: float = 600) -> float:
    """Seconds until the preview has settled: every page's HTML made and the garbage collected (in the background)."""
    start = time.perf_counter()
    while not state(url)["complete"]:
        if time.perf_counter() - start > limit:
            raise BuildFailed("the preview never completed its pages")
        time.sleep(0.2)
    return time.perf_counter() - start


def timed_edit(url: str, path: Path, old: str, new: str, page: str, shows: str, limit: float = 120) -> dict:
    """Save the edit, then ask for `page` until it holds `shows`: seconds from the save to that answer. Then the
    seconds from the save until the preview has settled (the next edit is measured from a quiet state)."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise BuildFailed(f"{path}: {old!r} not found (the data changed: update the benchmark)")
    start = time.perf_counter()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    asked = 0
    while True:
        asked += 1
        if shows in fetch(url + page):
            seconds = time.perf_counter() - start
            break
        if time.perf_counter() - start > limit:
            raise BuildFailed(f"{page} never showed {shows!r}")
        time.sleep(0.05)
    after = state(url)
    if after["error"]:
        raise BuildFailed(f"the preview refused the edit:\n{after['error']}")
    wait_complete(url)
    return {"seconds": seconds, "asked": asked, "phases": after["timings"], "complete_s": time.perf_counter() - start}


def edits(project: Path, posts: list) -> list[tuple[str, Path, str, str, str, str]]:
    """(kind, file, old, new, page asked for, text it must show) for each kind of edit."""
    newest = max(posts, key=lambda p: p.published)
    bulletin = project / "data" / "tin-tuc" / str(newest.published.year) / f"{newest.slug}.md"
    slug, lead, title = newest.slug, newest.lead, newest.title
    title_old, title_new = f"tieu_de: {q(title)}", f"tieu_de: {q(title + ' (đã sửa)')}"
    page = f"tin-tuc/{slug}/"
    added = " Câu thêm để thử bản xem trước."
    return [
        ("a bulletin's text", bulletin, lead, lead + added, page, added.strip()),
        ("a bulletin's title", bulletin, title_old, title_new, "", "(đã sửa)"),
        ("a values file", project / "data/so-lieu/2021-H1.yaml", "san-pham-duoc-bao-ho: 200\n", CORRECTED,
         REPORT_PAGE, "201 sản phẩm được bảo hộ"),
        ("a template of ours", project / "hooks/khcn/templates/stream_meta.html.j2", "phút đọc", "phút để đọc",
         page, "phút để đọc"),
        ("a theme template", project / "overrides/partials/copyright.html", "Chịu trách nhiệm:",
         "Người chịu trách nhiệm:", page, "Người chịu trách nhiệm:"),
        ("a style sheet", project / "docs/assets/site.css", "/* issue 12c:", "/* bản xem trước */\n/* issue 12c:",
         "assets/site.css", "/* bản xem trước */"),
    ]


# --- main --------------------------------------------------------------------------------------------------------

def report(results: dict) -> None:
    rows = [*describe(results), ("bulletins", f"{results['count']:,} in a git repository of "
                                              f"{results['commits']} commits (+1 for the site's files)"),
            ("full build", f"{results['full_build']['seconds']:.1f} s, CPU {results['full_build']['cpu_s']:.1f} s, "
                           f"peak RSS tree {results['full_build']['peak_rss_tree_mb']:.0f} MB" +
             f", {results['ms_per_bulletin']:.1f} ms per bulletin"),
            ("preview start", f"{results['start_s']:.1f} s until the first page, {results['complete_s']:.1f} s until "
                              "the preview settled (every page's HTML made, garbage collected: in the background)"),
            ("preview memory", f"{results['preview_rss_mb']:.0f} MB resident after the edits"),
            ("load average", f"{results['load_average'][0]:.2f} (1 min, at the end; other work skews the times)")]
    width = max(len(name) for name, _ in rows)
    print("\n".join(f"{name:<{width}}  {text}" for name, text in rows))
    print(f"\n{'edit':<22}  {'served s':>8}  {'all ready s':>11}  the preview's build: phases (s)")
    for kind, edit in results["edits"].items():
        phases = ", ".join(f"{name} {s:.2f}" for name, s in edit["phases"].items())
        print(f"{kind:<22}  {edit['seconds']:>8.2f}  {edit['complete_s']:>11.2f}  {phases}")
    print()
    for line in results["targets"]:
        print(line)


def targets(results: dict) -> list[str]:
    target = TARGET_S if results["count"] > SMALL else TARGET_DEFAULT_S
    worst = max(results["edits"].items(), key=lambda item: item[1]["seconds"])
    lines = [f"target each edit served ≤ {target:g} s at {results['count']:,} bulletins: at most "
             f"{worst[1]['seconds']:.2f} s ({worst[0]}) {'ok' if worst[1]['seconds'] <= target else 'OVER'}"]
    if results["count"] > SMALL:
        ms = results["ms_per_bulletin"]
        lines.append(f"target full build ≤ {TARGET_MS:g} ms per bulletin: {ms:.1f} ms "
                     f"{'ok' if ms <= TARGET_MS else 'OVER'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000, help="bulletins generated (default 5000; 1: the default "
                                                                   "site's target)")
    parser.add_argument("--commits", type=int, default=50, help="commits they are added in (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR (new or empty) and keep it")
    args = parser.parse_args(argv)
    if args.count < 1 or args.commits < 1:
        parser.error("--count and --commits must be at least 1")
    with workspace("bench-preview-", keep=args.keep) as work:
        version = code_version()
        project, posts = make_project(work, args.count, args.commits, args.seed)
        print(f"{len(posts)} bulletins generated and committed in {work}", flush=True)
        print("full build…", end=" ", flush=True)
        full = mkdocs_build(project, work / "site", work / "build.log", EPOCH)
        print(f"{full['seconds']:.1f} s", flush=True)
        print("preview…", end=" ", flush=True)
        server, start_s = start_preview(project, args.port, work / "preview.log")
        url = f"http://127.0.0.1:{args.port}/"
        complete_s = start_s + wait_complete(url)
        print(f"first page after {start_s:.1f} s, every page ready after {complete_s:.1f} s", flush=True)
        measured = {}
        try:
            for kind, path, old, new, page, shows in edits(project, posts):
                measured[kind] = timed_edit(url, path, old, new, page, shows)
                print(f"  {kind}: {measured[kind]['seconds']:.2f} s", flush=True)
            preview_mb = memory_kb(server.pid)[0] / 1024  # it keeps every page's HTML between builds
        finally:
            server.terminate()
            server.wait(timeout=60)
        results = {"machine": machine(), "code": version, "load_average": os.getloadavg(), "preview_rss_mb": preview_mb,
                   "count": len(posts), "commits": args.commits, "full_build": full,
                   "ms_per_bulletin": full["seconds"] * 1000 / len(posts),
                   "start_s": start_s, "complete_s": complete_s, "edits": measured}
        results["targets"] = targets(results)
        print()
        report(results)
        save_results(results, RESULTS)
        append_history("bench-preview", {
            "bulletins": len(posts), "full_build_s": round(full["seconds"], 2),
            "full_build_ms_per_bulletin": round(results["ms_per_bulletin"], 2),
            "peak_rss_tree_mb": round(full["peak_rss_tree_mb"]), "preview_start_s": round(start_s, 2),
            "preview_complete_s": round(complete_s, 2), "preview_rss_mb": round(preview_mb),
            "load_average_1min": round(results["load_average"][0], 2),
            **{f"edit_s.{kind}": round(edit["seconds"], 2) for kind, edit in measured.items()}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
