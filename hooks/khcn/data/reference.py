"""The editors' data reference (DU-LIEU.md), its tables generated from the models the build validates with.

DU-LIEU.md is written by hand in Vietnamese (rules, examples, advice) around regions that only `make data-reference`
writes (scripts/write_data_reference.py): one per kind of data file (its path, its purpose and a table of its fields:
key, required or not, type in editors' words, description and example from the model's `Field(description=…)`), and
one of the field types with what each accepts. A region runs from `<!-- sinh-tu-dong: NAME … -->` to
`<!-- /sinh-tu-dong: NAME -->`; a kind without one is added at the end. tests/test_data_reference.py fails when the
committed file is not what the models give.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from khcn.data import fields
from khcn.data.fields import (
    Count,
    Date,
    DateTime,
    Email,
    Flag,
    HistoryDate,
    Month,
    Percentage,
    PeriodField,
    ProcedureCode,
    Slug,
    Text,
    Url,
    WebAddress,
)
from khcn.data.models import BlankValue, IndicatorKind, PeriodEntry
from khcn.data.schemas import KINDS, Kind

# Each field type in editors' words (the table's "kiểu"), and what its reader accepts (its error message's "cần").
TYPES = {
    Text: ("chữ", fields.TEXT_EXPECTED),
    Count: ("số đếm", fields.COUNT_EXPECTED),
    Percentage: ("phần trăm", fields.PERCENTAGE_EXPECTED),
    Date: ("ngày", fields.DATE_EXPECTED),
    DateTime: ("ngày và giờ", fields.DATETIME_EXPECTED),
    Month: ("tháng", fields.MONTH_EXPECTED),
    PeriodField: ("kỳ", fields.PERIOD_EXPECTED),
    Slug: ("mã", fields.SLUG_EXPECTED),
    Flag: ("có/không", fields.FLAG_EXPECTED),
    # issue 12b
    Url: ("địa chỉ web", fields.URL_EXPECTED),
    ProcedureCode: ("mã thủ tục", fields.PROCEDURE_CODE_EXPECTED),
    HistoryDate: ("năm, tháng hoặc ngày", fields.MOMENT_EXPECTED),  # issue 12a
    Email: ("thư điện tử", fields.EMAIL_EXPECTED),  # issue 12c
    WebAddress: ("địa chỉ web", fields.WEB_EXPECTED),  # issue 12c
}
# A kind's files as editors name them, where its glob has a wildcard.
FILE_NAMES = {
    "so-lieu": "data/so-lieu/<kỳ>.yaml",
    "bao-cao": "data/bao-cao/<đường-dẫn>.yaml",
    "tin-tuc-front-matter": "data/tin-tuc/<năm>/<đường-dẫn>.md",
    "ban-tin-so": "data/ban-tin/<năm>-<số>.yaml",  # issue 15
}
REFERENCE_FILE = "DU-LIEU.md"  # at the project's root: not under docs/, which is the published site
TYPES_REGION = "kieu-gia-tri"
_EXAMPLE = ", ví dụ "
_REGION = re.compile(r"<!-- sinh-tu-dong: (?P<name>[a-z-]+) .*?-->\n.*?<!-- /sinh-tu-dong: (?P=name) -->\n",
                     re.DOTALL)


@dataclass(frozen=True)
class Table:
    """The fields of one model, under the title that says where they are written."""

    title: str
    model: type[BaseModel]


def file_name(kind: Kind) -> str:
    return FILE_NAMES.get(kind.name, f"data/{kind.files}")


def update(text: str) -> str:
    """`text` (DU-LIEU.md) with every generated region written anew; kinds without a region added at the end."""
    regions = {TYPES_REGION: types_table(), **{kind.name: kind_section(kind) for kind in KINDS}}
    found = set()

    def regenerate(match: re.Match) -> str:
        found.add(match["name"])
        return _region(match["name"], regions[match["name"]]) if match["name"] in regions else ""

    text = _REGION.sub(regenerate, text)
    missing = [name for name in regions if name not in found]
    return text + "".join("\n" + _region(name, regions[name]) for name in missing)


def _region(name: str, body: str) -> str:
    return (f"<!-- sinh-tu-dong: {name} — phần này do `make data-reference` viết từ mã nguồn, đừng sửa tay -->\n"
            f"\n{body}\n<!-- /sinh-tu-dong: {name} -->\n")  # blank lines: a comment line ends no table


def types_table() -> str:
    rows = [f"| {word} | {_cell(expected)} |" for word, expected in TYPES.values()]
    return "\n".join(["| kiểu | cách viết |", "|---|---|", *rows]) + "\n"


def kind_section(kind: Kind) -> str:
    """A kind's heading, purpose and field tables."""
    parts = [f"### `{file_name(kind)}`: {kind.title}\n\n{kind.description}\n"]
    for table in tables(kind):
        parts.append(f"\n#### {table.title}\n\n{fields_table(table.model)}")
    return "".join(parts)


def tables(kind: Kind) -> list[Table]:
    """Every model of a kind, each once, in the order a reader meets them."""
    shape = kind.shape
    if _is_model(shape):
        queue = [Table("Các trường của tệp", shape)]
    elif typing.get_origin(shape) is tuple:
        queue = [Table("Mỗi mục của danh sách (bắt đầu bằng `- `)", typing.get_args(shape)[0])]
    else:  # so-lieu: `mã chỉ số: giá trị`, the value read by the indicator's kind
        assert typing.get_args(shape)[1] is PeriodEntry, shape
        queue = [Table(f"Giá trị của chỉ số `kieu: {kind.value}`", kind.model) for kind in IndicatorKind]
        queue.append(Table("Kỳ không có số liệu của một chỉ số (mọi kiểu)", BlankValue))
    done: list[Table] = []
    while queue:
        table = queue.pop(0)
        if all(table.model is not seen.model for seen in done):
            done.append(table)
            queue.extend(_nested(table.model))
    return done


def _nested(model: type[BaseModel]) -> list[Table]:
    found = []
    for field in model.model_fields.values():
        inner, many = _unwrap(field.annotation)
        if _is_model(inner):
            title = f"Mỗi mục của `{field.alias}`" if many else f"Trong `{field.alias}` (thụt lề bên dưới)"
            found.append(Table(title, inner))
    return found


def fields_table(model: type[BaseModel]) -> str:
    hints = typing.get_type_hints(model, include_extras=True)
    rows = ["| trường | bắt buộc | kiểu | mô tả | ví dụ |", "|---|---|---|---|---|"]
    for name, field in model.model_fields.items():
        description, example = split_example(field.description or "")
        required = "có" if field.is_required() else "không"
        example_cell = f"`{_cell(example)}`" if example else ""
        rows.append(f"| `{field.alias}` | {required} | {type_words(hints[name])} | {_cell(description)} "
                    f"| {example_cell} |")
    return "\n".join(rows) + "\n"


def split_example(description: str) -> tuple[str, str]:
    """("Số đếm của kỳ, viết liền", "170") from "Số đếm của kỳ, viết liền, ví dụ 170": the example runs to the
    next `; `; what follows it, and a remark in brackets after it, stay in the description."""
    before, found, after = description.partition(_EXAMPLE)
    if not found:
        return description, ""
    example, semicolon, rest = after.partition("; ")
    if example.count(" (") == 1 and example.endswith(")"):  # a remark about the example: back to the description
        example, remark = example.split(" (")
        before += f" ({remark}"
    return before + semicolon + rest, example


def type_words(annotation: object) -> str:
    """A field's type as an editor reads it: `danh sách mã`, `một trong: cap-tinh, …`, `nhóm trường`."""
    inner, many = _unwrap(annotation)
    if _is_model(inner):
        words = "nhóm trường"
    elif typing.get_origin(inner) is typing.Literal:
        words = "một trong: " + ", ".join(f"`{choice}`" for choice in typing.get_args(inner))
    elif typing.get_origin(inner) is dict:
        key, value = typing.get_args(inner)
        words = f"các dòng {type_words(key)}: {type_words(value)}"
    else:
        words = TYPES[inner][0]
    return f"danh sách {words}" if many else words


def _unwrap(annotation: object) -> tuple[object, bool]:
    """The type inside `X | None`, `tuple[X, ...]` and a validator's Annotated, and whether it is a list."""
    args = typing.get_args(annotation)
    if type(None) in args:  # X | None
        return _unwrap(next(arg for arg in args if arg is not type(None)))
    if typing.get_origin(annotation) is typing.Annotated and annotation not in TYPES:  # e.g. `_one_or_more`
        return _unwrap(args[0])
    if typing.get_origin(annotation) is tuple:
        return _unwrap(args[0])[0], True
    return annotation, False


def _is_model(shape: object) -> bool:
    return isinstance(shape, type) and issubclass(shape, BaseModel)


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: `|` would end the cell, a line break the row."""
    return " ".join(text.split()).replace("|", "\\|")
