"""Where a message points, in an editor's words: positions count from 1 and an entry is named (issue 13)."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, edit
from khcn.core.errors import NAMING_FIELDS, DataError, DataErrors, field_path
from khcn.data import models
from khcn.data.dataset import load_site_data

REGISTER = [{"so_ky_hieu": "12/KH-UBND", "trich_yeu": "Về"}, {"so_ky_hieu": "3/2020/QĐ-UBND"}]
CATALOGUE = {"chi_so": [{"ma": "cot-do", "thanh_phan": [{"ma": "xe"}, {"ten": "Cân"}]}]}


@pytest.mark.parametrize(("path", "within", "words"), [
    ((), None, ""),
    (("ten",), None, "trường `ten`"),
    (("xa-ap-dung", "gia_tri"), None, "trường `xa-ap-dung.gia_tri`"),
    ((8, "trich_yeu"), None, "mục thứ 9, trường `trich_yeu`"),
    (("ket_qua", 1), None, "trường `ket_qua`, mục thứ 2"),
    ((1, "trich_yeu"), REGISTER, "mục thứ 2 (`3/2020/QĐ-UBND`), trường `trich_yeu`"),
    (("chi_so", 0, "thanh_phan", 1, "ten"), CATALOGUE,
     "trường `chi_so`, mục thứ 1 (`cot-do`), trường `thanh_phan`, mục thứ 2, trường `ten`"),
    (("chi_so", 0, "thanh_phan", 0, "ma"), CATALOGUE,  # the message is about the code: it shows it
     "trường `chi_so`, mục thứ 1 (`cot-do`), trường `thanh_phan`, mục thứ 1, trường `ma`"),
    ((5, "trich_yeu"), REGISTER, "mục thứ 6, trường `trich_yeu`"),  # not in the data: the position alone
    ((0,), [{"ma": "a`b"}], "mục thứ 1"),  # a name that would break the message's quoting is left out
    ((0,) * 9, None, ", ".join(["mục thứ 1"] * 6 + ["…"])),
])
def test_a_path_in_words(path, within, words):
    assert field_path(path, within) == words


def test_a_message_names_its_place_in_words_and_keeps_the_path_for_tools():
    error = DataError("data/van-ban.yaml", 9, (1, "ngay_ban_hanh"), "`x`", "một ngày", REGISTER)
    assert str(error) == ("data/van-ban.yaml:9 — mục thứ 2 (`3/2020/QĐ-UBND`), trường `ngay_ban_hanh`: gặp `x`; "
                          "cần một ngày.")
    assert error.path == (1, "ngay_ban_hanh")
    assert DataError("f", 1, "ten", "a", "b").path == ("ten",) and DataError("f", 1, "", "a", "b").field == ""
    assert str(DataError("f", 2, "", "a", "b")) == "f:2: gặp a; cần b."


def test_messages_sort_by_file_and_line_whatever_their_paths():
    errors = [DataError("b", 1, (0, "x"), "a", "b"), DataError("a", 3, ("x", 0), "a", "b"),
              DataError("a", 3, (0,), "a", "b"), DataError("a", 3, (0,), "a", "b")]
    assert [(e.file, e.line, e.field) for e in DataErrors(errors).errors] == [
        ("a", 3, "mục thứ 1"), ("a", 3, "trường `x`, mục thứ 1"), ("b", 1, "mục thứ 1, trường `x`")]


def test_the_fourth_document_is_told_as_the_fourth_with_its_number(tiny_data):
    edit(tiny_data / "van-ban.yaml", "  trich_yeu: Thông báo lịch", "  trich_yue: Thông báo lịch")
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False)
    report = caught.value.report()
    assert "data/van-ban.yaml:24 — mục thứ 4 (`8/TB-STN`), trường `trich_yeu`: gặp thiếu trường" in report, report
    assert "data/van-ban.yaml:28 — mục thứ 4 (`8/TB-STN`), trường `trich_yue`: gặp trường lạ" in report, report


ZERO_BASED = re.compile(r"(^|\.)\d+(\.|$)")  # `8.trich_yeu`, `ket_qua.0`: how positions were told before


def test_no_golden_message_tells_a_position_the_programmers_way():
    fields = [message.get("field", "") for path in sorted((ROOT / "tests/messages").glob("*.yaml"))
              for message in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]]
    assert any("mục thứ" in field for field in fields)
    for field in fields:
        for name in re.findall(r"trường `([^`]*)`", field):
            assert not ZERO_BASED.search(name), field
        for number in re.findall(r"mục thứ (\d+)", field):
            assert int(number) >= 1, field


def test_the_fields_that_name_an_entry_are_fields_of_the_data():
    aliases = {info.alias for model in vars(models).values() if isinstance(model, type)
               and issubclass(model, models.Record) for info in model.model_fields.values()}
    assert set(NAMING_FIELDS) <= aliases, set(NAMING_FIELDS) - aliases
