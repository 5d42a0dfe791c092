"""The editors' messages as golden cases: each file of tests/messages/ is one mistake made in a copy of the tiny
fixture data and the exact messages it brings (where, field, found, expected), as the loader words them.

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
`delete: true` removes it. Several
changes: `edits`, a list of such steps. With UPDATE_GOLDEN=1 the `messages` of every case are rewritten from what the
code says now (review the diff)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, assert_golden, edit
from khcn.core.errors import DataError, DataErrors
from khcn.data.dataset import load_site_data

CASES = ROOT / "tests" / "messages"
STEP_KEYS = ("file", "old", "new", "text", "rename_to", "delete")


def case_files() -> list[Path]:
    return sorted(CASES.glob("*.yaml"))


def steps(case: dict) -> list[dict]:
    return case.get("edits") or [{key: case[key] for key in STEP_KEYS if key in case}]


def apply(step: dict, data: Path) -> None:
    path = data / step["file"]
    if "text" in step:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(step["text"], encoding="utf-8")
    elif "rename_to" in step:
        path.rename(data / step["rename_to"])
    elif step.get("delete"):
        path.unlink()
    else:
        edit(path, step["old"], step["new"])


def messages(data: Path) -> list[dict]:
    """Every message the loader gives for `data`, as parts (none when the data loads)."""
    try:
        load_site_data(data, check_history=False)
    except DataErrors as caught:
        return [parts(error) for error in caught.errors]
    return []


def parts(error: DataError) -> dict:
    found = {"at": f"{error.file}:{error.line}", "field": error.field, "found": error.found,
             "expected": error.expected}
    return {key: value for key, value in found.items() if value != ""}


class _CaseDumper(yaml.SafeDumper):
    """Texts of several lines as literal blocks, so an edit reads as it is typed in the data file."""


_CaseDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def render(case: dict) -> str:
    return yaml.dump(case, Dumper=_CaseDumper, allow_unicode=True, sort_keys=False, width=4096)


@pytest.mark.parametrize("path", case_files(), ids=lambda path: path.stem)
def test_the_editor_reads_these_messages(tiny_data, path):
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    for step in steps(case):
        apply(step, tiny_data)
    found = messages(tiny_data)
    assert found, f"{path.name}: the data loads without a message"
    assert_golden(path, render({**case, "messages": found}))


def test_the_cases_are_many_and_the_fixture_is_clean(tiny_data):
    assert len(case_files()) >= 40
    assert messages(tiny_data) == []
