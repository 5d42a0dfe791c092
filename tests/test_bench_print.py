"""`make bench-print` still runs and its checks can tell a right PDF from a wrong one (the benchmark itself, 64 pages
and Chromium, is `make bench-print`)."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_print import check, fit, make_docs, synthetic_edition, weasyprint_pdf


def test_a_small_synthetic_edition_is_fitted_printed_and_checked(tmp_path):
    docs = make_docs(tmp_path / "docs")
    articles = fit(8, docs)
    edition = synthetic_edition(articles)
    figures = check(weasyprint_pdf(edition, docs, tmp_path), edition)
    assert 1 <= articles < 8 and 3 <= figures["pages"] <= 8
    assert figures["mm"] == "190.0 × 270.0"
    assert figures["toc_correct"] == figures["vietnamese_intact"] == f"{articles}/{articles}"
    assert all(not name.endswith("(NOT embedded)") for name in figures["fonts"])
    other = check(weasyprint_pdf(synthetic_edition(articles, seed=2), docs, tmp_path), edition)  # another edition
    assert other["toc_correct"] == other["vietnamese_intact"] == f"0/{articles}"
