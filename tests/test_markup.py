"""The markup policy for editors' text (khcn.data.markup): what is refused, what stays allowed, and that every text
field of every data kind is checked, found by walking the models of khcn.data.kinds rather than listed by hand."""

from __future__ import annotations

import re
import typing
from html.parser import HTMLParser
from pathlib import Path
from types import NoneType, UnionType

import markdown
import openpyxl
import pytest
import yaml
from pydantic import BaseModel, PlainValidator, TypeAdapter, ValidationError

import import_xlsx
import xlsx_template
from conftest import ROOT, TINY_DATA, copy_tiny_data, edit
from hostile import HOSTILE
from khcn.core.errors import DataErrors
from khcn.data import fields
from khcn.data.bulletins import FENCE
from khcn.data.dataset import load_site_data
from khcn.data.kinds import KINDS
from khcn.data.markup import LIST_BREAK, problems
from khcn.data.yamlsource import parse_yaml

ALLOWED = {  # what HUONG-DAN documents for bodies, and ordinary text
    "paragraph": "Trong 6 tháng đầu năm 2021, Sở đã kiểm định 1.234 phương tiện đo.",
    "comparison": "Tỉ lệ 5 < 7 và 9 > 3; a<5, b>2; x <= y; A & B; R&D",
    "heading": "## Kết quả\n\n### Nhiệm vụ",
    "lists": "- một\n- hai\n    - con\n\n1. một\n2. hai",
    "table": "| Chỉ số | Giá trị |\n|---|---|\n| Đề tài | 12 |",
    "image": "![Hội thảo chè Shan tuyết “Na Hang”](/anh/2026/hoi-thao_1.jpg)",
    "image-with-title": "![Ảnh](/anh/2026/a.jpg \"Hội thảo\")",
    "links": "[Cổng](https://tuyenquang.gov.vn), [trang](/tin-tuc/), [mục](#muc), [thư](mailto:a@b.vn), "
             "[gọi](tel:02073822523), [cũ](http://example.org/a?b=1&c=2)",
    "reference-link": "[Cổng][c]\n\n[c]: https://tuyenquang.gov.vn",
    "autolinks": "<https://tuyenquang.gov.vn> và <sokhcn@tuyenquang.gov.vn>",
    "emphasis": "**đậm**, *nghiêng*, _nghiêng_",
    "quote": "> Trích dẫn",
    "references": "{{de-tai-du-an}}, {{phuong-tien-do.can@2021-H1}}, [[26/KH-UBND]]\n\n{{bang:phuong-tien-do}}\n\n"
                  "{{bang@2021-H1}}\n\n{{bieu-do:phuong-tien-do}}\n\n{{ bieu-do : phuong-tien-do }}",
    "entities": "&lt;b&gt; là chữ, &amp; cũng vậy",
    "escaped-braces": "Chữ \\{x\\} trong ngoặc",
    "prose-colon-after-bracket": "Theo [[26/KH-UBND]] (theo: Sở) và [1]: xem trang 5",
    "tab-and-newline": "Cột\tcột\ndòng",
    "vietnamese-marks": "Tiếng Việt có dấu: ă â đ ê ô ơ ư, “ngoặc kép”, – —",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_text_is_refused(text):
    found = problems(text)
    assert found and all(p.found and p.expected and 0 <= p.offset < len(text) for p in found)


@pytest.mark.parametrize("text", ALLOWED.values(), ids=ALLOWED.keys())
def test_what_the_guide_documents_is_allowed(text):
    assert problems(text) == []


def test_a_message_says_what_and_where():
    [problem] = problems("Chữ\n\nđoạn \u202e sau")
    assert problem.found == "ký tự đổi chiều chữ U+202E (RIGHT-TO-LEFT OVERRIDE) ở ký tự thứ 6 của dòng"
    assert problem.offset == 10
    [problem] = problems("a\x00")
    assert problem.found.startswith("ký tự điều khiển U+0000 (NUL)")
    [problem] = problems("[x](JAVA&#x09;SCRIPT:alert(1))")
    assert problem.found.startswith("liên kết `javascript:`") and "https://" in problem.expected
    [problem] = problems("Chữ <b>đậm</b>")[:1]
    assert problem.found == "thẻ HTML `<b>`" and "**…**" in problem.expected
    [problem] = problems("Tin {: .lop }")
    assert problem.found == "danh sách thuộc tính `{: .lop }`"


# --- the second opinion: whatever the policy lets through, Python-Markdown renders harmless --------------------------

SAFE_TAGS = {"p", "a", "img", "em", "strong", "h1", "h2", "h3", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
             "td", "blockquote", "code", "pre", "br", "hr"}


class _Harm(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.harm: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in SAFE_TAGS:
            self.harm.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "id", "class"):
                self.harm.append(f"{tag}@{name}")
            address = re.sub(r"[\s\x00-\x1f]", "", value or "")
            if name in ("href", "src") and re.match(r"(javascript|data|vbscript):", address, re.I):
                self.harm.append(f"{tag}@{name}={value}")
            if tag == "img" and name == "src" and not (value or "").startswith("/anh/"):
                self.harm.append(f"img@src={value}")

    def handle_comment(self, data):
        self.harm.append("<!--")

    def handle_decl(self, decl):
        self.harm.append("<!")

    def handle_pi(self, data):
        self.harm.append("<?")


def _harm(text: str) -> list[str]:
    html = markdown.markdown(text, extensions=["sane_lists", "attr_list", "md_in_html", "tables"])
    parser = _Harm()
    parser.feed(html)
    return parser.harm


# Variations of the hostile strings, in prose and behind Markdown's escapes: each is refused or renders harmless.
VARIANTS = [wrap.format(text) for text in HOSTILE.values()
            for wrap in ("{}", "Chữ {} chữ", "## {}", "- {}", "> {}", "| a | {} |\n|---|---|\n| 1 | 2 |", "*{}*",
                         "Đoạn\n{}", "[[26/KH-UBND]]{}", "\\{}", "\\\\{}")]


def test_what_the_policy_lets_through_renders_harmless():
    through = [text for text in [*ALLOWED.values(), *VARIANTS] if not problems(text)]
    assert [(text, _harm(text)) for text in through if _harm(text)] == []
    assert len(through) >= len(ALLOWED)  # the check above looked at something


def test_the_second_opinion_sees_harm():
    """The harm detector itself, on what the policy refuses: it must fail when markup is live."""
    assert all(_harm(text) for text in ("<script>alert(1)</script>", "[x](javascript:alert(1))", "## T {: onclick=x}",
                                        "![a](https://example.org/a.png)", "<!-- x -->"))


# --- every text field of every data kind, generated from the models ---------------------------------------------------

def _is_text(annotation, metadata=()) -> bool:
    extra = getattr(annotation, "__metadata__", ()) if typing.get_origin(annotation) is typing.Annotated else ()
    return any(isinstance(m, PlainValidator) and m.func is fields.read_text for m in (*metadata, *extra))


def _bare(annotation):
    """Optional and Annotated taken off (a Text stays as it is)."""
    while not _is_text(annotation):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, UnionType):
            members = [a for a in typing.get_args(annotation) if a is not NoneType]
            if len(members) > 1:
                return members
            annotation = members[0]
        else:
            break
    return annotation


SAMPLES = {fields.read_text: "Chữ mẫu", fields.read_count: "1", fields.read_date: "01/01/2021",
           fields.read_datetime: "01/01/2021 08:00", fields.read_slug: "mau", fields.read_flag: "không",
           fields.read_period: "2021-H1", fields.read_month: "01/2021", fields.read_percentage: "50",
           fields.read_url: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1",
           fields.read_procedure_code: "1.004619"}


def _sample(annotation):
    """A valid value of a field absent from the fixture, to reach the text fields inside it."""
    while typing.get_origin(annotation) in (typing.Union, UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not NoneType)
    for m in getattr(annotation, "__metadata__", ()):
        if isinstance(m, PlainValidator):
            return SAMPLES[m.func]
    annotation = _bare(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {info.alias: _sample(_annotated(info)) for info in annotation.model_fields.values()
                if info.is_required()}
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (tuple, list):
        return [_sample(typing.get_args(annotation)[0])]
    if typing.get_origin(annotation) is dict:
        return {"mau": _sample(typing.get_args(annotation)[1])}
    raise AssertionError(f"no sample for {annotation}")


def _annotated(info):
    return typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation


def _walk(annotation, data, path: tuple, pattern: tuple, found: list, added: dict):
    """`data` with shorthands written out; each text field (present, or absent and optional) into `found` as
    (pattern, path, what must be added first)."""
    annotation = _bare(annotation)
    if _is_text(annotation):
        found.append((pattern, path, dict(added), None if added else data))
        return data
    if isinstance(annotation, list):  # a union of models (a value): the member the data reads as
        annotation = next(m for m in annotation if _reads_as(m, data))
        if not isinstance(data, dict):
            data = _written_out(data)
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for info in annotation.model_fields.values():
            inner = _annotated(info)
            if info.alias in data:
                data[info.alias] = _walk(inner, data[info.alias], path + (info.alias,), pattern + (info.alias,),
                                         found, added)
            else:
                sample = _sample(inner)
                _walk(inner, sample, path + (info.alias,), pattern + (info.alias,), found,
                      {**added, path + (info.alias,): sample})
    elif origin in (tuple, list):
        data = [data] if isinstance(data, str) else data  # `tac_gia: one name`
        for index, item in enumerate(data):
            data[index] = _walk(typing.get_args(annotation)[0], item, path + (index,), pattern + ("*",), found, added)
    elif origin is dict:
        for key in data:
            data[key] = _walk(typing.get_args(annotation)[1], data[key], path + (key,), pattern + ("*",), found, added)
    return data


def _reads_as(model, data) -> bool:
    try:
        TypeAdapter(model).validate_python(data)
        return True
    except ValidationError:
        return False


def _written_out(value: str) -> dict:
    numerator, slash, denominator = value.partition("/")
    return {"tu_so": numerator, "mau_so": denominator} if slash else {"gia_tri": value}


def _set(data, path: tuple, value) -> None:
    for part in path[:-1]:
        data = data[part]
    if isinstance(data, list) and path[-1] == len(data):
        data.append(value)
    else:
        data[path[-1]] = value


def _dump(data) -> str:
    return yaml.dump(data, Dumper=yaml.SafeDumper, allow_unicode=True, default_style='"', sort_keys=False, width=10**6)


class DataFile:
    """One fixture file of a kind: its data (front matter for a bulletin) and how to write it back."""

    def __init__(self, kind):
        self.kind = kind
        self.path = sorted(TINY_DATA.glob(kind.files))[0]
        self.relative = self.path.relative_to(TINY_DATA).as_posix()
        text = self.path.read_text(encoding="utf-8")
        if self.path.suffix == ".md":
            fences = list(FENCE.finditer(text))
            self.front, self.body = text[fences[0].end():fences[1].start()], text[fences[1].end():]
        else:
            self.front, self.body = text, None
        self.data = parse_yaml(self.front, self.relative).data

    def text(self, data) -> str:
        return _dump(data) if self.body is None else f"---\n{_dump(data)}---{self.body}"

    def line(self, text: str, path: tuple) -> int:
        return parse_yaml(text if self.body is None else "\n" + text.split("\n---", 1)[0][4:], "x").line_of(path)


def _sites() -> list[tuple]:
    """(kind, data file, pattern, path, added): every text field of every kind, once each."""
    sites = []
    for kind in KINDS:
        file = DataFile(kind)
        found: list = []
        file.data = _walk(kind.shape, file.data, (), (), found, {})
        by_pattern: dict = {}
        for pattern, path, added, original in sorted(found, key=lambda site: bool(site[2])):  # present first
            by_pattern.setdefault(pattern, []).append((path, added, original))
        sites += [(kind, file, pattern, candidates) for pattern, candidates in by_pattern.items()]
    return sites


SITES = _sites()


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    return copy_tiny_data(tmp_path_factory.mktemp("hostile"))


def _load_errors(data: Path) -> list:
    try:
        load_site_data(data, check_history=False)
    except DataErrors as exc:
        return exc.errors
    return []


def _with(file: DataFile, path: tuple, added: dict, value: str):
    import copy
    data = copy.deepcopy(file.data)
    for where, sample in added.items():
        _set(data, where, copy.deepcopy(sample))
    _set(data, path, value)
    return file.text(data)


def test_the_walk_finds_every_kind_of_text_field():
    patterns = {(kind.name, ".".join(map(str, pattern))) for kind, _, pattern, _ in SITES}
    for expected in [("to-chuc", "co_quan_chu_quan"), ("to-chuc", "dien_thoai"), ("to-chuc", "giay_phep.co_quan_cap"),
                     ("van-ban", "*.trich_yeu"), ("chi-so", "linh_vuc.*.ten"), ("chi-so", "chi_so.*.thanh_phan.*.ten"),
                     ("so-lieu", "*.dinh_chinh.*.ly_do"), ("bao-cao", "ket_qua.*"), ("bao-cao", "nhiem_vu.*"),
                     ("de-tai-du-an", "de_tai_du_an.*.to_chuc_chu_tri"), ("bao-ho", "bao_ho.*.ghi_chu"),
                     ("chuyen-muc", "chuyen_muc.*.mo_ta"), ("tin-tuc-front-matter", "tac_gia.*"),
                     ("tin-tuc-front-matter", "anh_mo_ta"), ("tin-tuc-front-matter", "trang_cu.ma")]:
        assert expected in patterns
    assert len(SITES) >= 45


@pytest.mark.parametrize("kind, file, pattern, candidates", SITES,
                         ids=[f"{s[0].name}:{'.'.join(map(str, s[2]))}" for s in SITES])
def test_every_text_field_refuses_every_hostile_string(kind, file, pattern, candidates, data_copy):
    target = data_copy / file.relative
    kept = target.read_bytes()
    try:
        tried = []  # the places of the field, with what an ordinary text there brings (the fixture's own: nothing)
        for path, added, typed in candidates:
            target.write_text(_with(file, path, added, typed or "Chữ bình thường"), encoding="utf-8")
            tried.append(({(e.file, e.field, e.found) for e in _load_errors(data_copy)}, path, added))
            if not tried[-1][0]:
                break
        baseline, path, added = min(tried, key=lambda place: len(place[0]))  # `anh` needs a file: a message anyway
        field = ".".join(map(str, path))
        for name, hostile in HOSTILE.items():
            text = _with(file, path, added, hostile)
            target.write_text(text, encoding="utf-8")
            errors = _load_errors(data_copy)
            mine = [e for e in errors if e.file == f"data/{file.relative}" and e.path == tuple(path)
                    and (e.file, e.field, e.found) not in baseline]
            assert mine, f"{name} in {field}: {[str(e) for e in errors]}"
            assert mine[0].line == file.line(text, path), f"{name} in {field}: {mine[0]}"
    finally:
        target.write_bytes(kept)


# --- bulletin bodies, report texts in `|` blocks, the legacy importer, the workbook --------------------------------

BULLETIN = "tin-tuc/2021/kiem-dinh-phuong-tien-do.md"


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_bulletin_body_is_refused_at_its_line(text, tiny_data):
    path = tiny_data / BULLETIN
    lines = path.read_text(encoding="utf-8").split("\n")
    body_line = lines.index("---", 1) + 2
    edit(path, "\n---\n", f"\n---\nĐoạn đầu.\n\n{text}\n")
    errors = [e for e in _load_errors(tiny_data) if e.file == f"data/{BULLETIN}" and e.path == ("nội dung",)]
    first, last = body_line + 2, body_line + 2 + text.count("\n")
    assert errors and all(first <= e.line <= last for e in errors), [str(e) for e in errors]


def test_a_problem_in_a_report_block_is_told_at_its_own_line(tiny_data):
    path = tiny_data / "bao-cao/2021-6-thang.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.split("\n").index("nhiem_vu:") + 1
    edit(path, "nhiem_vu:\n", "nhiem_vu:\n  - |\n    Dòng một.\n    Dòng hai [x](javascript:alert(1)).\n")
    [error] = _load_errors(tiny_data)
    assert (error.file, error.line, error.path) == ("data/bao-cao/2021-6-thang.yaml", line + 3, ("nhiem_vu", 0))


def test_the_legacy_importers_list_break_is_the_one_allowed():
    assert LIST_BREAK in (ROOT / "hooks/khcn/templates/legacy_bulletin.md.j2").read_text(encoding="utf-8")
    assert problems(f"- một\n\n{LIST_BREAK}\n\n- hai") == []
    assert problems(f"Chữ {LIST_BREAK}") and problems("<!-- khác -->")


def test_a_reason_typed_in_a_workbook_is_checked(published, tmp_path, capsys):
    """make xlsx-import writes nothing when a reason holds markup: the copy is loaded with the same checks."""
    out = tmp_path / "so-lieu-2021-H1.xlsx"
    assert xlsx_template.main(["2021-H1", "--data", str(published), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Số liệu"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=3) if r[0].value == "xa-ap-dung" and not r[1].value)
    sheet[f"F{row}"], sheet[f"I{row}"] = 110, "Xã báo muộn [chi tiết](javascript:alert(1))"
    book.save(out)
    before = (published / "so-lieu/2021-H1.yaml").read_bytes()
    code = import_xlsx.main([str(out), "--data", str(published)])
    err = capsys.readouterr().err
    assert code == 1 and "liên kết `javascript:`" in err and f"Số liệu!I{row}" in err
    assert (published / "so-lieu/2021-H1.yaml").read_bytes() == before
