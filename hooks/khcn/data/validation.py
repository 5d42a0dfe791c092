"""Checking a file's data against a model, with every problem told as file:line, field, found, expected."""

from __future__ import annotations

import difflib
import functools
import typing

from pydantic import BaseModel, TypeAdapter, ValidationError

from khcn.core.errors import DataError
from khcn.data.yamlsource import SourceDocument

_SHAPES = {
    "dict_type": "một nhóm trường (mỗi trường một dòng `ten: giá trị`, thụt lề bên dưới)",
    "model_type": "một nhóm trường (mỗi trường một dòng `ten: giá trị`, thụt lề bên dưới)",
    "model_attributes_type": "một nhóm trường (mỗi trường một dòng `ten: giá trị`, thụt lề bên dưới)",
    "list_type": "một danh sách (mỗi mục một dòng bắt đầu bằng `- `)",
    "tuple_type": "một danh sách (mỗi mục một dòng bắt đầu bằng `- `)",
    "string_type": "một đoạn chữ",
}


def validate(model: type, data: object, doc: SourceDocument, prefix: tuple = ()):
    """The record built from `data` (found at `prefix` in `doc`) and the list of problems (then the record is None)."""
    try:
        return _adapter(model).validate_python(data), []
    except ValidationError as exc:
        return None, [_translate(error, model, doc, prefix) for error in exc.errors()]


@functools.cache
def _adapter(model: type) -> TypeAdapter:
    return TypeAdapter(model)  # building one costs far more than using it: once per model


def _translate(error: dict, model: type, doc: SourceDocument, prefix: tuple) -> DataError:
    loc = tuple(part for part in error["loc"] if not _is_internal(part))
    path = prefix + loc
    kind = error["type"]
    found_value = error.get("input")
    if kind == "khcn":
        found, expected = error["ctx"]["found"], error["ctx"]["expected"]
    elif kind == "missing":
        found, expected = f"thiếu trường `{loc[-1]}`", f"trường `{loc[-1]}` có giá trị"
    elif kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" (có phải `{close[0]}`?)" if close else ""
        found = f"trường lạ `{loc[-1]}`{hint}"
        expected = "một trong các trường: " + ", ".join(f"`{name}`" for name in allowed)
    elif kind == "literal_error":
        found = _describe(found_value)
        expected = "một trong các giá trị: " + error["ctx"]["expected"].replace("'", "`").replace(" or ", " hoặc ")
    elif kind in _SHAPES:
        found, expected = _describe(found_value), _SHAPES[kind]
    else:  # a case without a Vietnamese wording yet: still say where, and what pydantic saw
        found, expected = _describe(found_value), error["msg"]
    offset = error.get("ctx", {}).get("offset") if kind == "khcn" else None
    if offset is not None and isinstance(found_value, str):  # a problem inside a text: its own line in a `|` block
        return DataError(doc.file, doc.line_in_text(path, offset, found_value), path, found, expected, doc.data)
    return DataError(doc.file, doc.line_of(path), path, found, expected, doc.data)


def _is_internal(part: object) -> bool:
    # pydantic adds validator steps and "[key]" to locations: editors never typed those
    return isinstance(part, str) and (part.startswith("function-") or part == "[key]")


def _describe(value: object) -> str:
    if value is None:
        return "một giá trị trống"
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    return f"`{value}`"


def _allowed_fields(model: type, loc: tuple) -> list[str]:
    """Names an editor may write at `loc` inside `model`."""
    current = model
    for part in loc:
        current = _inner(current, part)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _inner(annotation: object, part: object) -> object:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if isinstance(part, int):  # an item of a list of records: `_unwrap` already gave the record's model
            return annotation
        for name, info in annotation.model_fields.items():
            if (info.alias or name) == part:
                return _unwrap(info.annotation)
        return None
    args = typing.get_args(annotation)
    return _unwrap(args[-1]) if args else None  # list/tuple item, dict value


def _unwrap(annotation: object) -> object:
    """The model inside Optional[...] or Annotated[...]."""
    for arg in typing.get_args(annotation) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation
