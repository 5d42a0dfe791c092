"""Limits of what editors' files may hold: each is refused with file:line, fast, never with a traceback.

The generated part writes, for every kind of data file in the registry (khcn.data.kinds.KINDS), a YAML alias bomb,
a value nested deeper than the limit and a file above the size limit; a kind added to the registry is covered
without being listed here."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from khcn.core.errors import DataErrors
from khcn.data import bulletins, yamlsource
from khcn.data.bulletins import MAX_BULLETIN_BYTES, MAX_MARKDOWN_NESTING, markdown_nesting
from khcn.data.dataset import load_site_data
from khcn.data.kinds import BULLETINS, KINDS, Kind
from khcn.data.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml

FAST = 5.0  # seconds: today an alias bomb takes a minute and gigabytes before a MemoryError


def kind_file(kind: Kind) -> str:
    """A new file of `kind` under data/, named as an editor would name it."""
    return {"so-lieu/*.yaml": "so-lieu/2019-H1.yaml", "bao-cao/*.yaml": "bao-cao/mot-bao-cao.yaml",
            "tin-tuc/**/*.md": "tin-tuc/2021/mot-bai.md"}.get(kind.files, kind.files)


def alias_bomb() -> tuple[str, int]:
    """Nine levels of nine aliases each (a billion leaves once expanded); the line of the first anchor."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        name, previous = chr(97 + level), chr(96 + level)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n", 1


def deep_nesting() -> tuple[str, int]:
    """A value nested 1,200 levels in block style (a bulletin stays under 1 MB), and the line past the limit."""
    lines = ["ten: x"] + [" " * level + f"k{level}:" for level in range(1200)] + [" " * 1200 + "x: 1"]
    return "\n".join(lines) + "\n", 2 + MAX_DEPTH  # the first value deeper than the limit


def flow_nesting() -> tuple[str, int]:
    """400,000 brackets: libyaml's scanner alone would take hours (it slows with the square of the depth)."""
    return "ten: x\nb: " + "[" * 400_000 + "]" * 400_000 + "\n", 2


def some_flow_nesting() -> tuple[str, int]:
    return "ten: x\nb: " + "{a: " * 500 + "1" + "}" * 500 + "\n", 2


def oversized() -> tuple[str, int]:
    line = "# " + "x" * 98 + "\n"
    count = MAX_FILE_BYTES // len(line) + 10
    return "ten: x\n" + line * count, MAX_FILE_BYTES // len(line) + 1


def write(data: Path, kind: Kind, text: str) -> tuple[str, int]:
    """Write `text` as a file of `kind`; return its name as messages show it and how many lines precede the YAML."""
    relative = kind_file(kind)
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind is BULLETINS:
        path.write_text("---\n" + text + "---\nNội dung.\n", encoding="utf-8")
        return f"data/{relative}", 1
    path.write_text(text, encoding="utf-8")
    return f"data/{relative}", 0


CASES = {"alias-bomb": alias_bomb, "deep-nesting": deep_nesting, "flow-nesting": flow_nesting,
         "some-flow-nesting": some_flow_nesting}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_every_kind_refuses_hostile_yaml(tiny_data, kind, case):
    text, line = CASES[case]()
    name, shift = write(tiny_data, kind, text)
    started = time.perf_counter()
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False)
    assert time.perf_counter() - started < FAST
    mine = [e for e in caught.value.errors if e.file == name]
    assert mine, caught.value.report()
    assert mine[0].line == line + shift, caught.value.report()
    assert "YAML" in mine[0].found or "lồng" in mine[0].found


@pytest.mark.parametrize("kind", KINDS, ids=[kind.name for kind in KINDS])
def test_every_kind_refuses_an_oversized_file(tiny_data, kind):
    text, line = oversized()
    name, shift = write(tiny_data, kind, text)
    started = time.perf_counter()
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False)
    assert time.perf_counter() - started < FAST
    mine = [e for e in caught.value.errors if e.file == name]
    assert len(mine) == 1, caught.value.report()
    assert " MB" in mine[0].found
    limit = MAX_BULLETIN_BYTES if kind is BULLETINS else MAX_FILE_BYTES
    assert f"không quá {limit // 1048576} MB" in mine[0].expected
    assert mine[0].line > 1


# --- the YAML reader ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("a: &x 1\n", "neo YAML `&x`"),
    ("a: [1]\nb: *x\n", "tham chiếu YAML `*x`"),
    ("a: {b: 1}\n<<: {c: 2}\n", "khoá gộp `<<`"),
    ("&k a: 1\n", "ở tên trường"),
])
def test_anchors_and_aliases_are_refused(text, found):
    with pytest.raises(DataErrors) as caught:
        parse_yaml(text, "t.yaml")
    assert len(caught.value.errors) == 1
    assert found in caught.value.errors[0].found


def test_an_alias_bomb_gives_one_message():
    with pytest.raises(DataErrors) as caught:
        parse_yaml(alias_bomb()[0], "t.yaml")
    assert [(e.line, e.found) for e in caught.value.errors] == [(1, "neo YAML `&a`")]


def test_nesting_up_to_the_limit_reads():
    text = "".join(" " * (2 * level) + f"k{level}:\n" for level in range(MAX_DEPTH - 1)) + " " * 80 + "x: 1\n"
    assert parse_yaml(text, "t.yaml").data  # exactly MAX_DEPTH levels of mappings
    with pytest.raises(DataErrors):
        parse_yaml("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH, "t.yaml")


def test_a_quoted_ampersand_and_star_are_text():
    assert parse_yaml('a: "&x"\nb: "*y"\nc: R&D *\n', "t.yaml").data == {"a": "&x", "b": "*y", "c": "R&D *"}


def test_the_size_limit_is_checked_before_reading(monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 100)
    with pytest.raises(DataErrors) as caught:
        parse_yaml(("a: 1\n" * 30).encode(), "t.yaml")
    assert caught.value.errors[0].line == 21  # 20 lines of 5 bytes fit


# --- bulletins ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, level", [("", 0), ("chữ", 0), ("- a", 1), ("    - b", 2), ("> > > x", 3),
                                         ("1. - > a", 3), ("\t\t- x", 3), ("   -x", 0)])
def test_markdown_nesting(line, level):
    assert markdown_nesting(line) == level


FRONT = '---\ntieu_de: "Một bài"\nngay_dang: "01/08/2021 08:00"\nchuyen_muc: tin-hoat-dong\n---\n'


@pytest.mark.parametrize("body", [
    "Mở đầu.\n\n" + "> " * 2000 + "sâu\n",
    "Mở đầu.\n\n" + "".join("    " * level + "- mục\n" for level in range(500)),
    "Mở đầu.\n\n" + "- " * 2000 + "mục\n",
])
def test_deep_markdown_is_refused_before_rendering(body):
    started = time.perf_counter()
    bulletin, _, errors = bulletins.read_bulletin((FRONT + body).encode(), "data/tin-tuc/2021/b.md", "b")
    assert time.perf_counter() - started < FAST
    assert bulletin is None
    assert [(e.line, e.path) for e in errors] == [(8 if body.count("\n") < 10 else 8 + MAX_MARKDOWN_NESTING,
                                                   ("nội dung",))]


def test_nesting_within_the_limit_reads():
    body = "".join("    " * level + "- mục\n" for level in range(MAX_MARKDOWN_NESTING)) + "\n> > trích\n"
    bulletin, _, errors = bulletins.read_bulletin((FRONT + body).encode(), "data/tin-tuc/2021/b.md", "b")
    assert errors == [] and bulletin is not None


def test_an_oversized_bulletin_is_refused():
    raw = (FRONT + "Một dòng chữ.\n" * (MAX_BULLETIN_BYTES // 10)).encode()
    bulletin, _, errors = bulletins.read_bulletin(raw, "data/tin-tuc/2021/b.md", "b")
    assert bulletin is None and len(errors) == 1
    assert errors[0].line > 6 and "1 MB" in errors[0].expected


def test_a_report_text_nested_too_deep_is_refused(tiny_data):
    report = tiny_data / "bao-cao" / "2021-6-thang.yaml"
    text = report.read_text(encoding="utf-8")
    deep = "mo_dau: |\n  Mở đầu.\n\n  " + "> " * 2000 + "sâu\n"
    report.write_text(text.replace("mo_dau: Mở đầu với a < b, c > d & ký tự đặc biệt.\n", deep), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False)
    assert time.perf_counter() - started < FAST
    [error] = [e for e in caught.value.errors if e.file == "data/bao-cao/2021-6-thang.yaml"]
    assert (error.line, error.path) == (9, ("mo_dau",)) and "lồng quá" in error.found


@pytest.mark.parametrize("kind", [k for k in KINDS if k is not BULLETINS], ids=lambda k: k.name)
def test_every_yaml_kind_refuses_markdown_nested_too_deep(tiny_data, kind):
    """Any text of any kind may reach a page through Markdown: 2,000 quote levels in it are refused."""
    name, _ = write(tiny_data, kind, 'ten: "' + "> " * 2000 + 'x"\n')
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False)
    assert [(e.line, e.path) for e in caught.value.errors if e.file == name] == [(1, ("ten",))]
