"""Dates that have not come yet: figures of a period that has not ended are refused; the build's day is
SOURCE_DATE_EPOCH's when set, so every build of a commit checks the same."""

from __future__ import annotations

from datetime import date

import pytest

from khcn.core.errors import DataErrors
from khcn.data.dataset import load_site_data
from khcn.data.dataset.reading import build_day


def test_build_day_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633083956")  # 01/10/2021 17:25 in Vietnam
    assert build_day() == date(2021, 10, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633021200")  # 30/09/2021 17:00 UTC is 01/10 00:00 in Vietnam
    assert build_day() == date(2021, 10, 1)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_day() >= date(2025, 1, 1)


def _period_errors(data, today) -> list:
    try:
        load_site_data(data, check_history=False, today=today)
    except DataErrors as caught:
        return [e for e in caught.errors if e.file.startswith("data/so-lieu/")]
    return []


@pytest.mark.parametrize("name", ["2099-H1", "9999", "2021-Q3", "2021-9T", "2021"])
def test_a_period_not_ended_is_refused(tiny_data, name):
    (tiny_data / "so-lieu" / f"{name}.yaml").write_text("san-pham-bao-ho: 1\n", encoding="utf-8")
    errors = _period_errors(tiny_data, date(2021, 9, 30))
    assert [(e.file, e.line, e.field) for e in errors] == [(f"data/so-lieu/{name}.yaml", 1, "tên tệp")]
    assert "chưa kết thúc" in errors[0].found


def test_a_period_ended_yesterday_is_read(tiny_data):
    (tiny_data / "so-lieu" / "2021-Q3.yaml").write_text("san-pham-bao-ho: 1\n", encoding="utf-8")
    assert _period_errors(tiny_data, date(2021, 10, 1)) == []
    assert _period_errors(tiny_data, date(2021, 9, 30))  # its last day: not ended yet
