"""The golden cases of the editors' messages, run by tests/test_messages.py and tests/test_guide.py: each file of
tests/messages/ is one mistake made in a copy of the tiny fixture data and the exact messages it brings (where, field,
found, expected), as the loader words them.

A case file:

    mistake: what the editor got wrong, in a few words
    file: the fixture file changed (under tests/fixtures/tiny/data/)
    old: the text replaced (its first occurrence) …
    new: … by this text
    messages:              # every message of the run, in the order the editor reads them
    - at: data/<file>:<line>
      field: the field named (left out when the message names none)
      found: what was found
      expected: what was expected

Instead of `old`/`new`: `text` writes the whole file (a new one, e.g. a bulletin), `rename_to` renames it,
`delete: true` removes it; a step's
`encoding` (e.g. `utf-16`) then saves the file in another encoding, as an editor's program may. Several changes:
`edits`, a list of such steps. `published: true`: the fixture's data had been published (it is the history the
corrections are checked against) before the mistake."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import ROOT, TINY_DATA, edit
from khcn.core.errors import DataError, DataErrors
from khcn.data.dataset import load_site_data

CASES = ROOT / "tests" / "messages"
STEP_KEYS = ("file", "old", "new", "text", "rename_to", "delete", "encoding")


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def read_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(case: dict) -> list[dict]:
    return case["edits"] if "edits" in case else [{key: case[key] for key in STEP_KEYS if key in case}]


def apply(step: dict, data: Path) -> None:
    path = data / step["file"]
    if "text" in step:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step["text"], encoding="utf-8")
    elif "rename_to" in step:
        path.rename(data / step["rename_to"])
    elif step.get("delete"):
        path.unlink()
        return
    elif "old" in step:
        edit(path, step["old"], step["new"])
    if "encoding" in step:
        path.write_bytes(path.read_text(encoding="utf-8").encode(step["encoding"]))


def run(case: dict, data: Path) -> list[DataError]:
    """Every message the loader gives for `data` once the case's mistake is made in it (none when it loads)."""
    for step in steps(case):
        apply(step, data)
    published = case.get("published", False)
    try:
        load_site_data(data, check_history=published, history=fixture_history(data))
    except DataErrors as caught:
        return caught.errors
    return []


def fixture_history(data: Path):
    """The fixture's own files as the one published version of each file of `data` (a copy of it)."""
    def versions(path: Path) -> list[tuple[str, str]]:
        original = TINY_DATA / path.resolve().relative_to(data.resolve())
        return [("fixture", original.read_text(encoding="utf-8"))] if original.is_file() else []

    return versions


def parts(error: DataError) -> dict:
    found = {"at": f"{error.file}:{error.line}", "field": error.field, "found": error.found,
             "expected": error.expected}
    return {key: value for key, value in found.items() if value != ""}
