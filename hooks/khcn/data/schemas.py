"""JSON Schemas of the files editors keep in `data/`, generated from the models the build validates with.

VS Code's YAML extension (redhat.vscode-yaml) reads them, through .vscode/settings.json and the
`# yaml-language-server: $schema=…` line at the top of each file, to underline a mistake as it is typed, offer the
field names and show what each field means. They are never written by hand: `make schemas` writes them from here
(scripts/write_schemas.py) and tests/test_schemas.py fails when a model changed without it. The build stays the
judge: a schema sees one file, not an indicator's kind in chi-so.yaml nor a document a report cites.

Draft-07, the draft the extension supports best. pydantic writes draft 2020-12; for these models the two differ only
in where definitions live (`definitions`, not `$defs`) and in a `$ref` having no siblings in draft-07, so a field's
description beside its `$ref` moves beside an `allOf` holding it.
"""

from __future__ import annotations

import fnmatch
import json

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from khcn.data.kinds import KINDS, Kind
from khcn.data.models import CountValue, PercentValue, RatioValue, _one_or_more

DRAFT = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = ".vscode/schemas"  # from the project's root

# The scalar a value model reads in place of its fields (the `_shorthand` validators of models.py): `42` is
# `gia_tri: 42`, `109/138` is `tu_so: 109` and `mau_so: 138`. A field's alias: the scalar is that field's value.
FRACTION = {"type": "string", "pattern": r"^\s*\d+\s*/\s*\d+\s*$", "description": "Tử số/mẫu số, ví dụ 109/138",
            "patternErrorMessage": "Cần một phân số dạng tử số/mẫu số, ví dụ 109/138."}
SHORTHANDS = {CountValue: "gia_tri", PercentValue: "gia_tri", RatioValue: FRACTION}


def schemas() -> dict[str, dict]:
    """Each kind's JSON Schema, by its file name in SCHEMA_DIR."""
    return {kind.schema_file: _schema(kind) for kind in KINDS}


def rendered() -> dict[str, str]:
    """The schema files' text: the same bytes for the same models."""
    return {name: json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for name, schema in schemas().items()}


def kind_of(relative: str) -> Kind | None:
    """The kind of the data file at `relative` (a path under data/, with `/`)."""
    return next((kind for kind in KINDS if fnmatch.fnmatchcase(relative, kind.files)), None)


def schema_line(relative: str) -> str | None:
    """The comment naming its schema that opens a YAML data file (None for other files): a path relative to the
    file, so it works wherever the project is checked out."""
    kind = kind_of(relative)
    if kind is None or not relative.endswith(".yaml"):
        return None
    up = "../" * (relative.count("/") + 1)  # out of data/ and its folders
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{kind.schema_file}"


def _schema(kind: Kind) -> dict:
    generated = TypeAdapter(kind.shape).json_schema(by_alias=True, ref_template="#/definitions/{model}",
                                                    schema_generator=_Generator)
    if "$defs" in generated:
        generated["definitions"] = generated.pop("$defs")
    return {"$schema": DRAFT, "title": kind.title, "description": kind.description, **_draft07(generated)}


def _draft07(node: object) -> object:
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _draft07(value) for key, value in node.items()}
    if "$ref" in node and len(node) > 1:  # draft-07 ignores a $ref's siblings
        return {"allOf": [{"$ref": node.pop("$ref")}], **node}
    return node


class _Generator(GenerateJsonSchema):
    """pydantic's generator, for editors: Vietnamese descriptions only, and the shapes our validators read."""

    def field_title_should_be_set(self, schema) -> bool:
        return False  # pydantic's title is the key again without its diacritics ("Ngay Dang")

    def model_schema(self, schema):
        json_schema = super().model_schema(schema)
        json_schema.pop("title", None)  # the class name
        json_schema.pop("description", None)  # the docstring, written for engineers
        model = schema["cls"]
        if schema["schema"]["type"] == "function-before" and model not in SHORTHANDS:
            raise ValueError(f"{model.__name__} reads its data before its fields: say its shorthand in SHORTHANDS")
        shorthand = SHORTHANDS.get(model)
        if isinstance(shorthand, str):
            shorthand = json_schema["properties"][shorthand]
        return {"anyOf": [shorthand, json_schema]} if shorthand else json_schema

    def dict_schema(self, schema):
        # Every key is checked: pydantic's `patternProperties` would let a key that is no code through unchecked.
        json_schema = {"type": "object", "additionalProperties": self.generate_inner(schema["values_schema"])}
        if "keys_schema" in schema:
            json_schema["propertyNames"] = self.generate_inner(schema["keys_schema"])
        return json_schema

    def function_before_schema(self, schema):
        json_schema = super().function_before_schema(schema)
        if schema["function"]["function"] is _one_or_more:  # `tac_gia: Lê Thúy Phượng` or a list of names
            return {"anyOf": [json_schema["items"], json_schema]}
        return json_schema
