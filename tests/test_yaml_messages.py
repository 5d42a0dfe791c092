"""Every YAML syntax error reaches an editor in Vietnamese, with the diagnosis the line shows (issue 13)."""

from __future__ import annotations

import re

import pytest

from khcn.core.errors import DataErrors
from khcn.data.yamlsource import parse_yaml

BASE = "ten: Sở\ndia_chi:\n  so_nha: 1\n  phuong: Hai\nlinh_vuc:\n  - a\n  - b\nghi_chu: x\n"

# Mistakes made at many places of one file: (name, text, diagnosis the message must name, line)
CASES = [
    ("tab before a field", "ten: Sở\ndia_chi:\n\tso_nha: 1\n", "Tab", 3),
    ("tab before a second field", BASE.replace("  phuong", "\tphuong"), "Tab", 4),
    ("tab after spaces", BASE.replace("  phuong", "  \tphuong"), "Tab", 4),
    ("tab before a list item", BASE.replace("  - b", "\t- b"), "Tab", 7),
    ("tab after a list dash", "-\tten: x\n", "Tab", 1),
    ("field indented deeper", BASE.replace("  phuong", "   phuong"), "thụt lề", 4),
    ("field indented less", BASE.replace("  phuong", " phuong"), "thụt lề", 4),
    ("list item at the wrong level", BASE.replace("  - b", " - b"), "thụt lề", 7),
    ("item field deeper", "- ten: a\n   loai: b\n", "thụt lề", 2),
    ("unclosed double quote", BASE.replace("ghi_chu: x", 'ghi_chu: "x'), "chưa đóng", 8),
    ("unclosed quote mid file", 'ten: "Sở\n' + BASE[8:], "chưa đóng", 1),
    ("unclosed single quote", "ten: 'Sở\ndia_chi: 1\n", "chưa đóng", 1),
    ("unclosed bracket", "linh_vuc: [a, b\nten: x\n", "chưa đóng", 1),
    ("unclosed brace", "dia_chi: {so_nha: 1\nten: x\n", "chưa đóng", 1),
    ("stray colon in a value", BASE.replace("ghi_chu: x", "ghi_chu: Chú ý: x"), "dấu hai chấm", 8),
    ("missing colon", "ten: x\ndia_chi\nghi_chu: y\n", "dấu hai chấm", 2),
    ("value starting with @", "ten: @so\n", "“@”", 1),
    ("value starting with &", "ten: & so\n", "“&”", 1),
    ("backslash in quotes", 'ten: "C:\\duong"\n', "\\", 1),
    ("text after a block mark", "ghi_chu: |x\n  y\n", "`|`", 1),
    ("closing bracket alone", "ten: ]\n", "“]”", 1),
    ("control character", "ten: a\x07b\n", "điều khiển", 1),
]
PARSER_WORDS = re.compile(r"\b(found|expected|while|mapping|scalar|token|indicator|context|character|stream)\b")


@pytest.mark.parametrize(("text", "diagnosis", "line"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_a_syntax_error_is_told_in_vietnamese_with_its_cause(text, diagnosis, line):
    with pytest.raises(DataErrors) as caught:
        parse_yaml(text, "data/to-chuc.yaml")
    [error] = caught.value.errors
    message = str(error)
    assert not PARSER_WORDS.search(message.replace("Insert Spaces", "")), message
    assert diagnosis in error.found, message
    assert error.line == line, message


def test_an_indentation_problem_is_not_called_a_misplaced_colon():
    with pytest.raises(DataErrors) as caught:
        parse_yaml(BASE.replace("  phuong", "   phuong"), "x.yaml")
    assert "dấu hai chấm `: ` ở giữa" not in caught.value.errors[0].found


def test_the_date_and_time_editors_are_asked_for_is_the_form_the_bulletin_template_writes():
    from datetime import datetime

    from khcn.data.fields import DATETIME_EXPECTED, read_datetime

    example = DATETIME_EXPECTED.rsplit("ví dụ ", 1)[1]
    assert example == datetime(2021, 10, 1, 17, 25).strftime("%d/%m/%Y %H:%M")  # scripts/new_bulletin.py's form
    assert read_datetime(example) == read_datetime("01/10/2021 17:25:00")
    assert "giây" not in DATETIME_EXPECTED
