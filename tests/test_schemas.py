"""The JSON Schemas of the data files (khcn.data.schemas, `make schemas`): committed as generated, true to the real
files as VS Code's YAML extension reads them, strict where editors slip, and named at the top of every file under data/.

The extension reads YAML 1.2 (core schema): `42` and `08` are integers, `1.234` a number, `true` a boolean, while
`no`, `2021-10-01` and `5:25:56` stay text. PyYAML's safe_load reads YAML 1.1 (`no` is False, 2021-10-01 a date,
`08` text), so the files are read here with `Yaml12Loader`: PyYAML's safe loader with the resolvers of YAML 1.2's
core schema instead of its own.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import Field, TypeAdapter, ValidationError

from conftest import ROOT, TINY_DATA
from khcn.core.errors import DataErrors
from khcn.data import schemas as schema_module
from khcn.data.dataset import load_site_data
from khcn.data.fields import Count, Date, DateTime, Flag, Month, Percentage, PeriodField, Slug, Text
from khcn.data.models import Organisation
from khcn.data.schemas import KINDS, SCHEMA_DIR, kind_of, rendered, schema_line, schemas
from khcn.data.yamlsource import parse_yaml
from write_schemas import with_schema_line

DATA = ROOT / "data"


class Yaml12Loader(yaml.SafeLoader):
    """Scalars typed as YAML 1.2's core schema types them, as the extension does."""

    yaml_implicit_resolvers: dict = {}


for _tag, _pattern, _first in [
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
]:
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern),
                                       [*_first, ""] if _tag == "null" else list(_first))


def _int(loader, node) -> int:
    text = loader.construct_scalar(node)
    base = {"0o": 8, "0x": 16}.get(text[:2])
    return int(text[2:], base) if base else int(text, 10)  # `08` is eight, `010` ten (YAML 1.1: octal)


def _float(loader, node) -> float:
    text = loader.construct_scalar(node).lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float)


def as_the_extension_reads(text: str) -> object:
    return yaml.load(text, Loader=Yaml12Loader)


def test_the_loader_reads_yaml_1_2_as_the_extension_does():
    assert as_the_extension_reads("a: no\nb: 2021-10-01\nc: 08\nd: 5:25:56\ne: 1.234\nf: true\ng:\nh: 86,96") == {
        "a": "no", "b": "2021-10-01", "c": 8, "d": "5:25:56", "e": 1.234, "f": True, "g": None, "h": "86,96"}


# --- (a) the committed files are what the models give --------------------------------------------------------

def stale() -> list[str]:
    """Schema files in .vscode/schemas/ that differ from what the models give now (or are missing, or left over)."""
    generated = rendered()
    committed = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / SCHEMA_DIR).glob("*.schema.json")}
    return sorted(name for name in generated.keys() | committed.keys() if generated.get(name) != committed.get(name))


def test_the_committed_schemas_are_generated_from_the_models():
    assert stale() == [], "the schemas in .vscode/schemas/ are not what the models give: run `make schemas`"


def test_a_model_changed_without_make_schemas_is_caught(monkeypatch):
    class Changed(Organisation):
        website: Text | None = Field(None, alias="trang_web", description="Địa chỉ trang web")

    kinds = tuple(replace(kind, shape=Changed) if kind.name == "to-chuc" else kind for kind in KINDS)
    monkeypatch.setattr(schema_module, "KINDS", kinds)
    assert stale() == ["to-chuc.schema.json"]


def test_the_schemas_are_deterministic_draft_07():
    assert rendered() == rendered()
    for name, schema in schemas().items():
        jsonschema.Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#", name
        assert "$defs" not in json.dumps(schema), name


def _records(node: object):
    """Every object schema with named fields (a model's) inside `node`."""
    if isinstance(node, dict):
        if "properties" in node:
            yield node
        for value in node.values():
            yield from _records(value)
    elif isinstance(node, list):
        for item in node:
            yield from _records(item)


@pytest.mark.parametrize("name", sorted(schemas()))
def test_every_field_is_described_and_no_other_field_is_allowed(name):
    schema = schemas()[name]
    assert schema["title"] and schema["description"]
    for record in _records(schema):
        assert record["additionalProperties"] is False
        for key, field in record["properties"].items():
            assert re.search(r"[à-ỹ]", field.get("description", "")), f"{name}: `{key}` has no Vietnamese description"
            assert "title" not in field  # pydantic's would be the key again without its diacritics


# --- (b) every real file is valid for its schema ----------------------------------------------------------------

def _front_matter(text: str) -> str:
    return re.match(r"---[ \t]*\n(.*?)\n---[ \t]*$", text, re.DOTALL | re.MULTILINE).group(1)


def _data_files() -> list[tuple[Path, str]]:
    files = []
    for data_dir in (DATA, TINY_DATA):
        for path in sorted(data_dir.rglob("*")):
            if path.suffix in (".yaml", ".md"):
                files.append((path, path.relative_to(data_dir).as_posix()))
    return files


@pytest.mark.parametrize("path, relative", _data_files(), ids=[str(p.relative_to(ROOT)) for p, _ in _data_files()])
def test_every_data_file_is_valid_for_its_schema(path, relative):
    kind = kind_of(relative)
    assert kind is not None, f"{relative}: no kind of data file"
    text = path.read_text(encoding="utf-8")
    data = as_the_extension_reads(_front_matter(text) if path.suffix == ".md" else text)
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
              for e in jsonschema.Draft7Validator(schemas()[kind.schema_file]).iter_errors(data)]
    assert errors == []


# --- (c) editors' usual slips are underlined, as the build refuses them --------------------------------------------

SLIPS = [  # file, text typed, what the editor typed instead
    ("van-ban.yaml", "  trich_yeu: Về triển khai", "  trich_yue: Về triển khai"),  # a typo in a field's name
    ("van-ban.yaml", "  co_quan_ban_hanh: Thủ tướng Chính phủ\n  ngay_ban_hanh: 19/01/2019\n",
     "  ngay_ban_hanh: 19/01/2019\n"),  # a field left out
    ("van-ban.yaml", "ngay_ban_hanh: 04/02/2021", "ngay_ban_hanh: 31-12-2021"),
    ("van-ban.yaml", "loai: Kế hoạch", "loai: Kế Hoạch"),
    ("so-lieu/2021-H1.yaml", "quy-hoach-gop-y: 10", "quy-hoach-gop-y: 1.234"),
    ("so-lieu/2021-H1.yaml", "gia_tri: 170", "gia_tri: 1.234"),
    ("so-lieu/2021-H1.yaml", "gia_tri: 170", 'gia_tri: "1.234"'),
    ("so-lieu/2021-H1.yaml", "taximet: 36", "taximet: -36"),
    ("so-lieu/2021-H1.yaml", "so_sanh: tren", "so_sanh: trên"),
    ("so-lieu/2021-H1.yaml", "co-quan-hanh-chinh-ap-dung-iso: 100", "co-quan-hanh-chinh-ap-dung-iso: 86.96"),
    ("so-lieu/2021-H1.yaml", "ubnd-xa-ap-dung-iso: 109/138", "ubnd-xa-ap-dung-iso: 109 trên 138"),
    ("so-lieu/2021-H1.yaml", "quy-hoach-gop-y: 10", "Quy-hoach-gop-y: 10"),
    ("chi-so.yaml", "kieu: so_luong", "kieu: so-luong"),
    ("chi-so.yaml", "noi_bat: có", "noi_bat: yes"),
    ("chi-so.yaml", "  - ma: quan-ly-khoa-hoc", "  - ma: Quản lý khoa học"),
    ("bao-cao/2021-6-thang-dau-nam.yaml", "ky: 2021-H1", "ky: 2021-H3"),
    ("bao-cao/2021-6-thang-dau-nam.yaml", 'ngay_dang: "01/10/2021 17:25:56"', "ngay_dang: 01/10/2021"),
    ("bao-cao/2021-6-thang-dau-nam.yaml", "tac_gia: Lê Thúy Phượng", "tac_gia:"),
    ("bao-ho.yaml", "trang_thai: da-cap", "trang_thai: đã cấp"),
    ("to-chuc.yaml", "  ngay: 28/5/2021", "  ngay: 28/5"),
    ("chuyen-muc.yaml", "    ten: Thông báo\n", "    ten: Thông báo\n    mota: Thông báo của Sở\n"),
]


@pytest.mark.parametrize("relative, typed, slip", SLIPS)
def test_a_slip_is_refused_by_the_schema_as_by_the_build(relative, typed, slip, tmp_path):
    text = (DATA / relative).read_text(encoding="utf-8")
    assert typed in text  # the file as it is passes (above): what fails is the slip
    changed = text.replace(typed, slip, 1)
    schema = schemas()[kind_of(relative).schema_file]
    assert not jsonschema.Draft7Validator(schema).is_valid(as_the_extension_reads(changed))
    data = Path(shutil.copytree(DATA, tmp_path / "data"))
    (data / relative).write_text(changed, encoding="utf-8")
    with pytest.raises(DataErrors):  # the whole dataset: a value is read by its indicator's kind, unknown to a schema
        load_site_data(data, check_history=False)


# --- the field types: what the schema admits is what the reader admits -------------------------------------------

SAMPLES = {  # as typed after `v: `
    Count: ["42", "08", "0", '"42"', "1.234", '"1.234"', "-5", "1 234", "abc", "4.5", "true", '""'],
    Percentage: ["100", "86,96", '"86,96"', "100%", "86.96", "101", "100,5", "0", "-1", "50 %", "007,5"],
    Date: ["04/02/2021", "4/2/2021", "2021-02-04", "31-12-2021", "13/13/2021", "2021/02/04", "04/02/21", "0/1/2021"],
    DateTime: ['"01/10/2021 17:25:56"', "01/10/2021 5:25:56 CH", "01/10/2021 8:30 sa", "2026-11-25T08:30:00+07:00",
               "01/10/2021", "01/10/2021 25:00", "01/10/2021 13:00 CH", "2021-10-01 08:30", "2021-10-01T08:30:00"],
    Slug: ["tin-hoat-dong", "Tin-hoat-dong", "tin hoat dong", "2021", "tin--hoat", "-a", "a1-b2"],
    PeriodField: ["2021-H1", "2021-h1", "2021", "2021-H3", "1899", "21-H1", "2021-9T", "2021-Q4", "2021-Q5"],
    Month: ["01/2021", "1/2021", "2021-03", "13/2021", "04/02/2021", "2021-3", "0/2021"],
    Flag: ["có", "không", "Có", "KHÔNG", "true", "True", "false", "yes", "no", "1", '"có"'],
    Text: ["Giám đốc", "2021", "true", '""', '" "', "null", "|\n  hai\n  dòng"],
}
# What only the build refuses: a pattern cannot know the calendar, and JSON (so the extension) has one kind of number,
# in which `4.0` and `1e3` are whole numbers.
ONLY_THE_BUILD = {Date: ["31/02/2021", "2021-02-29"], DateTime: ["29/02/2021 08:30"], Count: ["4.0", "1e3"],
                  Percentage: ["50.0"]}


def _cases(samples: dict) -> list:
    return [pytest.param(field_type, sample, id=f"{field_type.__origin__.__name__}-{sample}")
            for field_type, values in samples.items() for sample in values]


def _verdicts(field_type, sample: str) -> tuple[bool, bool]:
    """(the schema admits it as the extension reads it, the build reads it)."""
    adapter = TypeAdapter(field_type)
    try:
        adapter.validate_python(parse_yaml(f"v: {sample}", "x.yaml").data["v"])
        read = True
    except ValidationError:
        read = False
    admitted = jsonschema.Draft7Validator(adapter.json_schema()).is_valid(as_the_extension_reads(f"v: {sample}")["v"])
    return admitted, read


@pytest.mark.parametrize("field_type, sample", _cases(SAMPLES))
def test_the_schema_admits_what_the_reader_admits(field_type, sample):
    admitted, read = _verdicts(field_type, sample)
    assert admitted == read


@pytest.mark.parametrize("field_type, sample", _cases(ONLY_THE_BUILD))
def test_what_only_the_build_refuses(field_type, sample):
    assert _verdicts(field_type, sample) == (True, False)


def _patterns(node: object):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for item in node:
            yield from _patterns(item)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_patterns_mean_the_same_in_javascript():
    """The extension runs the patterns as JavaScript regular expressions; jsonschema here runs them in Python."""
    samples = sorted({str(as_the_extension_reads(f"v: {s}")["v"]) for values in SAMPLES.values() for s in values})
    patterns = sorted({p for schema in schemas().values() for p in _patterns(schema)})
    script = ("const [ps, ss] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(ps.map(p => ss.map(s => new RegExp(p).test(s)))));")
    out = subprocess.run(["node", "-e", script], input=json.dumps([patterns, samples]), capture_output=True,
                         text=True, check=True).stdout
    assert json.loads(out) == [[re.search(p, s) is not None for s in samples] for p in patterns]


# --- (d) every data file names its schema; VS Code knows them all ------------------------------------------------

@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_data_file_names_its_schema_on_its_first_line(path):
    relative = path.relative_to(DATA).as_posix()
    line = schema_line(relative)
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == line, f"data/{relative}: first line should be `{line}` (`make schemas` adds it)"
    named = (path.parent / line.partition("$schema=")[2]).resolve()
    assert named == (ROOT / SCHEMA_DIR / kind_of(relative).schema_file).resolve() and named.is_file()


def test_vscode_maps_every_yaml_kind_to_its_schema_and_recommends_the_extension():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    expected = {f"{SCHEMA_DIR}/{kind.schema_file}": f"data/{kind.files}" for kind in KINDS
                if kind.files.endswith(".yaml")}
    assert settings["yaml.schemas"] == expected
    assert settings["files.encoding"] == "utf8" and settings["[yaml]"]["editor.tabSize"] == 2
    extensions = json.loads((ROOT / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


@pytest.mark.parametrize("raw, expected", [
    (b"a: 1\n", b"# L\na: 1\n"),
    (b"# yaml-language-server: $schema=old.json\na: 1\n", b"# L\na: 1\n"),
    (b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", b"\xef\xbb\xbf# L\r\na: 1\r\nb: 2\r\n"),
])
def test_make_schemas_adds_the_line_and_keeps_the_rest_byte_for_byte(raw, expected):
    assert with_schema_line(raw, b"# L") == expected
