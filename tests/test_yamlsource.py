import unicodedata

import pytest

from khcn.core.errors import DataErrors
from khcn.data.yamlsource import parse_yaml


def test_scalars_stay_the_text_the_editor_typed():
    doc = parse_yaml("time: 5:25:56\ncode: 010\nother: 08\npublished: no\nviews: 1.234\nday: 2021-10-01\n", "t.yaml")
    assert doc.data == {"time": "5:25:56", "code": "010", "other": "08", "published": "no", "views": "1.234",
                        "day": "2021-10-01"}


def test_empty_values_are_none_but_quoted_empty_is_text():
    doc = parse_yaml("a:\nb: ~\nc: ''\nd: 'null'\n", "t.yaml")
    assert doc.data == {"a": None, "b": None, "c": "", "d": "null"}


def test_lines_of_keys_and_list_items_are_kept():
    doc = parse_yaml("a: 1\nlist:\n  - x: 1\n  - x: 2\n", "t.yaml")
    assert doc.line_of(("list", 1, "x")) == 4
    assert doc.line_of(("list", 1, "missing")) == 4
    assert doc.line_of(("a",)) == 1


def test_a_key_written_twice_is_an_error_naming_both_lines():
    with pytest.raises(DataErrors) as caught:
        parse_yaml("ten: A\ndon_vi: x\nten: B\n", "data/x.yaml")
    message = str(caught.value.errors[0])
    assert message.startswith("data/x.yaml:3 — trường `ten`")
    assert "viết hai lần (lần đầu ở dòng 1)" in message


def test_a_syntax_error_names_the_line():
    with pytest.raises(DataErrors) as caught:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "data/x.yaml")
    error = caught.value.errors[0]
    assert error.file == "data/x.yaml" and error.line in (2, 3)
    assert "lỗi cú pháp YAML" in error.found


def test_tags_are_refused():
    with pytest.raises(DataErrors) as caught:
        parse_yaml("a: !!python/object:os.system x\n", "data/x.yaml")
    assert "thẻ YAML" in caught.value.errors[0].found


def test_nfd_text_is_normalised_and_noted():
    nfd = unicodedata.normalize("NFD", "Chè Shan tuyết")
    doc = parse_yaml(f"a: b\nten: {nfd}\n", "t.yaml")
    assert doc.data["ten"] == "Chè Shan tuyết"
    assert doc.normalised == [2]


def test_not_utf8_is_reported():
    with pytest.raises(DataErrors) as caught:
        parse_yaml("a: b\nten: Ch\xe8\n".encode("latin-1"), "data/x.yaml")
    assert caught.value.errors[0].line == 2
    assert "UTF-8" in caught.value.errors[0].found


def test_literal_block_lines_map_to_source_lines():
    text = "x: 1\nbody: |\n  first line\n\n  second {{ref}}\n"
    doc = parse_yaml(text, "t.yaml")
    body = doc.data["body"]
    assert doc.line_in_text(("body",), body.index("{{"), body) == 5


def test_explicit_type_tags_are_refused_too():
    with pytest.raises(DataErrors) as caught:
        parse_yaml("a: !!int 5\n", "data/x.yaml")
    assert "thẻ YAML `tag:yaml.org,2002:int`" in caught.value.errors[0].found
    assert parse_yaml("a: !!str 010\n", "t.yaml").data == {"a": "010"}


@pytest.mark.parametrize("text, words", [
    ("ten: Chú ý: mới\n", "dấu hai chấm `: ` ở giữa một giá trị"),
    ("a:\n\t- x\n", "Tab"),
    ("list:\n  - a\n - b\n", "thụt lề không đều"),
])
def test_syntax_errors_in_an_editors_words(text, words):
    with pytest.raises(DataErrors) as caught:
        parse_yaml(text, "data/x.yaml")
    assert words in caught.value.errors[0].found
