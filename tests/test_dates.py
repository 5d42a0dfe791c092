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
    assert [(e.file, e.line, e.path) for e in errors] == [(f"data/so-lieu/{name}.yaml", 1, ("tên tệp",))]
    assert "chưa kết thúc" in errors[0].found


def test_a_period_ended_yesterday_is_read(tiny_data):
    (tiny_data / "so-lieu" / "2021-Q3.yaml").write_text("san-pham-bao-ho: 1\n", encoding="utf-8")
    assert _period_errors(tiny_data, date(2021, 10, 1)) == []
    assert _period_errors(tiny_data, date(2021, 9, 30))  # its last day: not ended yet


# --- bulletins dated after the build's day ----------------------------------------------------------------------

FUTURE = """---
tieu_de: "Hội nghị tổng kết năm"
ngay_dang: "20/12/2021 08:00"
chuyen_muc: tin-hoat-dong
{extra}---
Nội dung hội nghị.
"""


def _write_future(data, extra: str = "") -> None:
    (data / "tin-tuc" / "2021" / "hoi-nghi-tong-ket.md").write_text(FUTURE.format(extra=extra), encoding="utf-8")


def test_a_bulletin_dated_after_today_is_refused(tiny_data):
    _write_future(tiny_data)
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False, today=date(2021, 10, 1))
    [error] = caught.value.errors
    assert (error.file, error.line, error.path) == ("data/tin-tuc/2021/hoi-nghi-tong-ket.md", 3, ("ngay_dang",))
    assert "20/12/2021" in error.found and "hen_dang: có" in error.expected


def test_a_scheduled_bulletin_waits_for_its_day(tiny_data):
    _write_future(tiny_data, "hen_dang: có\n")
    before = load_site_data(tiny_data, check_history=False, today=date(2021, 12, 19))
    assert "hoi-nghi-tong-ket" not in [b.slug for b in before.bulletins]
    assert before.scheduled == ["data/tin-tuc/2021/hoi-nghi-tong-ket.md (20/12/2021)"]
    on_the_day = load_site_data(tiny_data, check_history=False, today=date(2021, 12, 20))
    assert "hoi-nghi-tong-ket" in [b.slug for b in on_the_day.bulletins] and on_the_day.scheduled == []


def test_a_scheduled_bulletin_is_in_no_page_and_no_feed(tiny_data):
    from khcn import build

    _write_future(tiny_data, "hen_dang: có\n")
    site = load_site_data(tiny_data, check_history=False, today=date(2021, 10, 1))
    stream = build.stream(site)
    pages = "".join(markdown for _, markdown in build.site_pages(site, stream))
    feeds = b"".join(content for _, content in build.site_feeds(site, stream, "https://example.invalid/", None))
    assert "hoi-nghi-tong-ket" not in pages and "Hội nghị tổng kết năm" not in pages
    assert "Hội nghị tổng kết năm".encode() not in feeds and b"hoi-nghi-tong-ket" not in feeds


def test_a_scheduled_bulletin_still_has_its_mistakes_reported(tiny_data):
    _write_future(tiny_data, "hen_dang: có\n")
    path = tiny_data / "tin-tuc" / "2021" / "hoi-nghi-tong-ket.md"
    path.write_text(path.read_text(encoding="utf-8").replace("tin-hoat-dong", "khong-co"), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_site_data(tiny_data, check_history=False, today=date(2021, 10, 1))
    assert [e.path for e in caught.value.errors] == [("chuyen_muc",)]


def test_a_bulletin_of_today_after_the_last_commit_is_previewed(tiny_data, monkeypatch):
    """SOURCE_DATE_EPOCH is the last commit's time: a bulletin written today, not committed yet, is no mistake."""
    _write_future(tiny_data)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633083956")  # 01/10/2021
    site = load_site_data(tiny_data, check_history=False)  # the calendar says today, long after 20/12/2021
    assert "hoi-nghi-tong-ket" in [b.slug for b in site.bulletins]
