"""What every benchmark does at its end: keep the figures, and remove (or keep) its temporary folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
