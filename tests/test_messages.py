"""The editors' messages as golden cases (tests/messages/, the format in tests/messagecases.py): each case's messages
are what the loader says now. With UPDATE_GOLDEN=1 the `messages` of every case are rewritten (review the diff)."""

from __future__ import annotations

import pytest
import yaml

from conftest import assert_golden
from messagecases import case_files, parts, read_case, run


class _CaseDumper(yaml.SafeDumper):
    """Texts of several lines as literal blocks, so an edit reads as it is typed in the data file."""


_CaseDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def render(case: dict) -> str:
    return yaml.dump(case, Dumper=_CaseDumper, allow_unicode=True, sort_keys=False, width=4096)


@pytest.mark.parametrize("path", case_files(), ids=lambda path: path.stem)
def test_the_editor_reads_these_messages(tiny_data, path):
    case = read_case(path)
    found = [parts(error) for error in run(case, tiny_data)]
    assert found, f"{path.name}: the data loads without a message"
    assert_golden(path, render({**case, "messages": found}))


def test_the_cases_are_many_and_the_fixture_is_clean(tiny_data):
    assert len(case_files()) >= 40
    assert run({"edits": []}, tiny_data) == []
