"""Benchmark of the print edition of a Bản tin (`make bench-print`): a synthetic 64-page edition made into PDF by
each engine measured, in a temporary folder (never into data/ or docs/ of the repository).

    .venv/bin/python benchmarks/bench_print.py [--engines weasyprint,chromium] [--pages 64] [--repeat 2] [--keep DIR]

The edition: articles of ~600 words of plausible Vietnamese (benchmarks/generate_bulletins.py), each with one bar
chart (khcn/stats/charts.py) and one table in the markup of templates/series_table.html.j2, an editor's note and a
cover photograph (a generated 1600 × 1000 JPEG); as many articles as make at most --pages pages with WeasyPrint
(counted by rendering, then the same edition goes to every engine).

Engines:
    weasyprint  khcn.printing.pdf.edition_pdf, as the build calls it (one pass: `target-counter()` gives the contents'
                page numbers)
    chromium    Debian's /usr/bin/chromium --headless --print-to-pdf on the same HTML and CSS (fonts by file URL).
                Chromium has no `target-counter()`, `leader()` nor `string-set`: two passes, the first to find on
                which page each article starts (pypdf), the second with those numbers written into the contents.

Each engine runs in its own process (`--worker`), --repeat times; per engine: wall seconds (best, median), CPU
seconds (of the worker and the processes it waited for: on a shared machine trust these more than wall time), the
load average, peak memory of the process tree (benchmarks/benchkit.py TreeMemory: sum of Rss, sum of Pss, largest
process), PDF size, page count and size in mm, whether the runs gave the same bytes (and the PDF's CreationDate,
ModDate and ID), whether each contents entry names the page where its article really starts, whether the first
sentence of every article extracts intact (pypdf, NFC, letters compared without white space), and the fonts embedded.
Results go to benchmarks/results/bench-print-latest.json.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import unicodedata
from datetime import date
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import ROOT, TreeMemory, code_version, describe, machine, save_results, workspace
from generate_bulletins import generate_posts

sys.path.insert(0, str(ROOT / "hooks"))
from khcn.core.formatting import number, official_day
from khcn.data.models import CountValue, IndicatorKind
from khcn.printing import engine, fonts, pdf
from khcn.printing.document import edition_html
from khcn.printing.edition import Article, Edition, Publication
from khcn.rendering import render
from khcn.stats.charts import GAP_MARK, NO_FIGURE, Point, bar_chart
from khcn.stats.frames import measure as table_measure

ENGINES = ("weasyprint", "chromium")
EPOCH = "1633083956"
CHROMIUM = "/usr/bin/chromium"
MM = 72 / 25.4


# --- the synthetic edition ---------------------------------------------------------------------------------------

PUBLICATION = Publication(
    name="Bản tin Khoa học và Công nghệ Tuyên Quang", agency="Sở Khoa học và Công nghệ tỉnh Tuyên Quang",
    licence_number="01/GP-TTĐT", licence_date=date(2020, 1, 2), licence_issuer="Sở Thông tin và Truyền thông",
    periodicity="3 tháng/số", print_run=1000, printer="Công ty In", responsible="Người chịu trách nhiệm",
    board=(("Thành viên một", "Trưởng ban"), ("Thành viên hai", "Ủy viên")))


def _figures(rng: random.Random, index: int) -> str:
    years = range(2016, 2022)
    values = [rng.randint(5, 400) for _ in years]
    points = [Point(f"Năm {y}", float(v), number(v)) for y, v in zip(years, values, strict=True)]
    chart = bar_chart(points, f"Số sản phẩm của chương trình {index}", "sản phẩm", f"bieu-do-{index}")
    indicator = SimpleNamespace(name=f"Sản phẩm của chương trình {index}", denominator=None, unit="sản phẩm",
                                kind=IndicatorKind.COUNT)
    rows = [(SimpleNamespace(label=f"Năm {y}"), CountValue(gia_tri=str(v)), None)
            for y, v in zip(years, values, strict=True)]
    table = render("series_table.html.j2", indicator=indicator, measure=table_measure(indicator), rows=rows,
                   no_figure=NO_FIGURE, gap_mark=GAP_MARK, indicator_link=f"/thong-ke/chi-so/{index}/")
    return f"{chart}\n\n{table}"


def synthetic_edition(articles: int, seed: int = 1) -> Edition:
    rng = random.Random(seed)
    posts = generate_posts(articles, seed=seed)
    items = tuple(Article(title=post.title, date=date(2021, 6, 1 + n % 28), author=post.authors[0],
                          markdown="\n\n".join([post.lead, *post.rest, _figures(rng, n)]),
                          address=f"/tin-tuc/{post.slug}/")
                  for n, post in enumerate(posts, start=1))
    return Edition(publication=PUBLICATION, number=2, year=2021, release_date=date(2021, 7, 15),
                   editors_note_markdown="Kính gửi bạn đọc số bản tin mới. " * 12,
                   cover_image=Path("/anh/2021/bia.jpg"), cover_alt="Ảnh bìa", articles=items)


def make_docs(folder: Path) -> Path:
    from PIL import Image
    rng = random.Random(7)
    image = Image.new("RGB", (1600, 1000))
    image.putdata([(x * 255 // 1600, y * 255 // 1000, rng.randrange(256)) for y in range(1000) for x in range(1600)])
    (folder / "anh" / "2021").mkdir(parents=True, exist_ok=True)
    image.save(folder / "anh" / "2021" / "bia.jpg", quality=85)
    return folder


def fit(pages: int, docs: Path) -> int:
    """The number of articles whose edition has at most `pages` pages with WeasyPrint (and the most such)."""
    def count(n: int) -> int:
        fetcher = engine.LocalFetcher(docs, fonts.FONTS)
        return len(engine.render(edition_html(synthetic_edition(n)), docs, fetcher).pages)
    sample = 6
    per_article = (count(sample) - 2) / sample
    n = max(1, int((pages - 2) / per_article))
    while count(n) > pages:
        n -= 1
    while count(n + 1) <= pages:
        n += 1
    return n


# --- the engines, each in its own process ------------------------------------------------------------------------

def weasyprint_pdf(edition: Edition, docs: Path, work: Path) -> bytes:
    return pdf.edition_pdf(edition, docs)


def _chromium_html(edition: Edition, docs: Path, pages: dict[str, int] | None) -> str:
    css = engine.STYLESHEET.read_text(encoding="utf-8").replace("url(fonts/", f"url({fonts.FONTS.as_uri()}/")
    html = edition_html(edition).replace("</head>", f"<base href=\"{docs.resolve().as_uri()}/\">\n<style>{css}</style>"
                                                    "\n</head>")
    for key, page in (pages or {}).items():  # "Title … 7": after the entry's words, before its </a>
        start = html.index(f'href="#{key}">')
        end = html.index("</a>", start)
        html = f"{html[:end]} … {page}{html[end:]}"
    return html


def _chromium_print(html: str, work: Path) -> bytes:
    source, out = work / "edition.html", work / "edition.pdf"
    source.write_text(html, encoding="utf-8")
    out.unlink(missing_ok=True)
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--allow-file-access-from-files", f"--user-data-dir={work / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={out}", source.as_uri()], check=True, capture_output=True, timeout=600)
    return out.read_bytes()


def chromium_pdf(edition: Edition, docs: Path, work: Path) -> bytes:
    first = _chromium_print(_chromium_html(edition, docs, None), work)
    texts = page_texts(first)
    starts = {f"bai-{n}": article_start(texts, article)
              for n, article in enumerate(edition.articles, start=1)}
    return _chromium_print(_chromium_html(edition, docs, starts), work)


def worker(engine: str, articles: int, docs: Path, out: Path) -> None:
    edition = synthetic_edition(articles)
    build = weasyprint_pdf if engine == "weasyprint" else chromium_pdf
    out.write_bytes(build(edition, docs, out.parent))


# --- reading a PDF back ------------------------------------------------------------------------------------------

def page_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader
    return [unicodedata.normalize("NFC", re.sub(r"\s+", " ", page.extract_text() or ""))
            for page in PdfReader(io.BytesIO(data)).pages]


def article_start(texts: list[str], article: Article) -> int | None:
    """The page that shows the article's title followed by its date line (the contents show the title alone)."""
    heading = re.sub(r"\s+", " ", f"{article.title} {official_day(article.date)}")
    return next((n for n, text in enumerate(texts, start=1) if heading in text), None)


def check(data: bytes, edition: Edition) -> dict:
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(data))
    texts = page_texts(data)
    contents = " ".join(texts[1:4])  # the contents of 30 articles fill pages 2 and 3
    toc_ok = 0
    for article in edition.articles:
        listed = re.search(re.escape(article.title) + r"[ .…]*?(\d+)(?: |$)", contents)
        toc_ok += bool(listed) and int(listed.group(1)) == article_start(texts, article)
    body = "".join(re.sub(r"\s", "", text) for text in texts)  # a line may break after "2021–": compare letters
    leads = [re.sub(r"\s", "", unicodedata.normalize("NFC", a.markdown.split("\n\n")[0].split(". ")[0]))
             for a in edition.articles]
    seen_fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            inner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = inner["/FontDescriptor"].get_object()
            embedded = bool({"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor))
            name = re.sub(r"^/([A-Z]{6}[+])?", "", str(font["/BaseFont"]))
            seen_fonts.add(name if embedded else f"{name} (NOT embedded)")
    info = reader.metadata or {}
    box = reader.pages[0].mediabox
    return {"pages": len(reader.pages), "mm": f"{float(box.width) / MM:.1f} × {float(box.height) / MM:.1f}",
            "toc_correct": f"{toc_ok}/{len(edition.articles)}",
            "vietnamese_intact": f"{sum(lead in body for lead in leads)}/{len(leads)}",
            "fonts": sorted(seen_fonts), "creation_date": str(info.get("/CreationDate")),
            "mod_date": str(info.get("/ModDate")), "id": str(reader.trailer.get("/ID"))}


# --- measuring ---------------------------------------------------------------------------------------------------

def run_worker(engine: str, articles: int, docs: Path, out: Path) -> dict:
    out.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, __file__, "--worker", engine, "--articles", str(articles), "--docs", str(docs),
               "--out", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, env={"SOURCE_DATE_EPOCH": EPOCH, "PATH": "/usr/bin:/bin",
                                             "HOME": str(out.parent)}, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    memory.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    memory.stop()
    if process.returncode:
        raise SystemExit(f"{engine} failed:\n{stderr}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the worker and every process it waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"seconds": seconds, "cpu_s": cpu, "load": os.getloadavg()[0], **memory.figures()}


def measure(engine: str, articles: int, docs: Path, work: Path, repeat: int) -> dict:
    runs = [run_worker(engine, articles, docs, work / engine / f"run-{n}" / "edition.pdf") for n in range(repeat)]
    outputs = [(work / engine / f"run-{n}" / "edition.pdf").read_bytes() for n in range(repeat)]
    seconds = [r["seconds"] for r in runs]
    return {"best_s": min(seconds), "median_s": statistics.median(seconds),
            "cpu_s": statistics.median(r["cpu_s"] for r in runs), "load": max(r["load"] for r in runs),
            "peak_rss_tree_mb": max(r["peak_rss_tree_mb"] for r in runs),
            "peak_pss_tree_mb": max(r["peak_pss_tree_mb"] for r in runs),
            "peak_rss_single_mb": max(r["peak_rss_single_mb"] for r in runs),
            "processes": max(r["processes"] for r in runs),
            "pdf_mb": len(outputs[0]) / 1e6, "identical_bytes": len(set(outputs)) == 1,
            **check(outputs[0], synthetic_edition(articles))}


def report(results: dict) -> None:
    rows = describe(results)
    for name, figures in results["engines"].items():
        rows.append((name, f"{figures['best_s']:.2f} s best, {figures['median_s']:.2f} s median, "
                           f"{figures['cpu_s']:.2f} s CPU (load {figures['load']:.1f}); "
                           f"peak {figures['peak_rss_tree_mb']:.0f} MB Rss / {figures['peak_pss_tree_mb']:.0f} MB Pss "
                           f"({figures['processes']} processes); {figures['pdf_mb']:.2f} MB; {figures['pages']} pages "
                           f"{figures['mm']} mm; same bytes: {figures['identical_bytes']}; contents right: "
                           f"{figures['toc_correct']}; Vietnamese intact: {figures['vietnamese_intact']}"))
        rows.append(("", f"fonts {', '.join(figures['fonts'])}; CreationDate {figures['creation_date']}, "
                         f"ModDate {figures['mod_date']}"))
    width = max(len(name) for name, _ in rows)
    for name, text in rows:
        print(f"{name:<{width}}  {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--pages", type=int, default=pdf.MAX_PAGES)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker, args.articles, args.docs, args.out)
    engines = [name for name in args.engines.split(",") if name]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engine {', '.join(sorted(unknown))}: choose among {', '.join(ENGINES)}")
    results = {"machine": machine(), "code": code_version(), "engines": {}}
    with workspace("bench-print-", args.keep) as work:
        docs = make_docs(work / "docs")
        articles = fit(args.pages, docs)
        results["articles"] = articles
        for engine in engines:
            results["engines"][engine] = measure(engine, articles, docs, work, args.repeat)
    report(results)
    save_results(results, ROOT / "benchmarks" / "results" / "bench-print-latest.json")
    print(json.dumps({"articles": results["articles"]}))


if __name__ == "__main__":
    main()
