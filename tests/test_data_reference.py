"""The editors' data reference (DU-LIEU.md, khcn.data.reference, `make data-reference`): committed as generated, and
complete: every field the build accepts has its row, under its kind."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pydantic import Field

from conftest import ROOT
from khcn.data import reference
from khcn.data.fields import Text
from khcn.data.models import Organisation
from khcn.data.reference import REFERENCE_FILE, file_name, split_example, update
from khcn.data.schemas import KINDS, schemas
from write_data_reference import write_reference

COMMITTED = ROOT / REFERENCE_FILE


def _region(text: str, name: str) -> str:
    match = re.search(rf"<!-- sinh-tu-dong: {name} .*?<!-- /sinh-tu-dong: {name} -->", text, re.DOTALL)
    assert match, f"{REFERENCE_FILE} has no region `{name}`"
    return match.group(0)


def _keys(node: object):
    """Every field name of every object schema inside `node` (the JSON Schema's view of the models)."""
    if isinstance(node, dict):
        yield from node.get("properties", {})
        for value in node.values():
            yield from _keys(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keys(item)


def test_the_committed_reference_is_generated_from_the_models():
    text = COMMITTED.read_text(encoding="utf-8")
    assert update(text) == text, f"{REFERENCE_FILE} is not what the models give: run `make data-reference`"


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_every_field_of_every_kind_has_its_row(kind):
    region = _region(COMMITTED.read_text(encoding="utf-8"), kind.name)
    assert f"### `{file_name(kind)}`: {kind.title}" in region and kind.description in region
    for key in set(_keys(schemas()[kind.schema_file])):
        assert re.search(rf"^\| `{re.escape(key)}` \| (có|không) \| ", region, re.MULTILINE), f"{kind.name}: `{key}`"


def test_every_kind_names_its_files_as_editors_do():
    for kind in KINDS:
        assert "*" not in file_name(kind), f"{kind.name}: say its file name in khcn.data.reference.FILE_NAMES"


def test_a_model_changed_without_make_data_reference_is_caught(monkeypatch):
    class Changed(Organisation):
        website: Text | None = Field(None, alias="trang_web", description="Địa chỉ trang web, ví dụ https://x.vn")

    kinds = tuple(replace(kind, shape=Changed) if kind.name == "to-chuc" else kind for kind in KINDS)
    monkeypatch.setattr(reference, "KINDS", kinds)
    text = COMMITTED.read_text(encoding="utf-8")
    assert update(text) != text
    assert "| `trang_web` | không | chữ | Địa chỉ trang web | `https://x.vn` |" in _region(update(text), "to-chuc")


@pytest.mark.parametrize("description, expected", [
    ("Số đếm của kỳ, viết liền, ví dụ 170", ("Số đếm của kỳ, viết liền", "170")),
    ("Trích yếu nội dung văn bản", ("Trích yếu nội dung văn bản", "")),
    ("Các kỳ đã đủ, ví dụ [2021-H1]; với các kỳ đó, số phải khớp", ("Các kỳ đã đủ; với các kỳ đó, số phải khớp",
                                                                      "[2021-H1]")),
    ("Tử số, ví dụ 109 (cả phân số viết gọn được: 109/138)", ("Tử số (cả phân số viết gọn được: 109/138)", "109")),
    ("Kỳ, ví dụ 2021-H1 (6 tháng), 2021 (cả năm)", ("Kỳ", "2021-H1 (6 tháng), 2021 (cả năm)")),
])
def test_the_example_is_taken_out_of_the_description(description, expected):
    assert split_example(description) == expected


def test_make_data_reference_keeps_the_hand_written_text_and_rewrites_the_tables(tmp_path):
    path = tmp_path / REFERENCE_FILE
    assert write_reference(path)  # a missing file: started with every region
    started = path.read_text(encoding="utf-8")
    assert all(_region(started, kind.name) for kind in KINDS)
    edited = started.replace("| `ten` | có |", "| `ten` | không |", 1) + "\nLời dặn viết tay.\n"
    path.write_text(edited, encoding="utf-8")
    assert write_reference(path)
    assert path.read_text(encoding="utf-8") == started + "\nLời dặn viết tay.\n"
    assert not write_reference(path)
