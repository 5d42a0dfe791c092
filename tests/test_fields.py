from datetime import date, datetime
from decimal import Decimal

import pytest
from pydantic_core import PydanticCustomError

from khcn.data.fields import VIETNAM, read_count, read_date, read_datetime, read_percentage, read_period, read_slug


def _rejected(reader, text) -> dict:
    with pytest.raises(PydanticCustomError) as caught:
        reader(text)
    return caught.value.context


def test_counts_read_as_decimal_even_with_leading_zeros():
    assert read_count("08") == 8
    assert read_count("010") == 10
    assert read_count(" 42 ") == 42


@pytest.mark.parametrize("text", ["1.234", "1,234", "12.345.678"])
def test_thousands_separators_are_refused_with_the_digits_to_write(text):
    context = _rejected(read_count, text)
    assert "dấu ngăn cách hàng nghìn" in context["found"]
    assert "".join(ch for ch in text if ch.isdigit()) in context["expected"]


@pytest.mark.parametrize("text", ["-3", "42 dự án", "4x2", None, ""])
def test_other_counts_are_refused(text):
    assert "số nguyên" in _rejected(read_count, text)["expected"]


def test_dates_in_vietnamese_and_iso_forms():
    assert read_date("04/02/2021") == date(2021, 2, 4)
    assert read_date("4/2/2021") == date(2021, 2, 4)
    assert read_date("2021-02-04") == date(2021, 2, 4)


@pytest.mark.parametrize("text", ["31/02/2021", "29/02/2021", "2021-13-01", "00/01/2021"])
def test_dates_that_do_not_exist(text):
    assert "không có trong lịch" in _rejected(read_date, text)["found"]


def test_datetimes_default_to_vietnam_time_and_read_the_old_sites_clock():
    expected = datetime(2021, 10, 1, 17, 25, 56, tzinfo=VIETNAM)
    assert read_datetime("01/10/2021 17:25:56") == expected
    assert read_datetime("01/10/2021 5:25:56 CH") == expected
    assert read_datetime("2021-10-01T10:25:56+00:00") == expected
    assert read_datetime("01/10/2021 12:05 SA").hour == 0


@pytest.mark.parametrize("text", ["01/10/2021", "5:25:56", "01/10/2021 25:00", "01/10/2021 13:00 CH"])
def test_datetimes_refused(text):
    _rejected(read_datetime, text)


def test_percentages_use_the_decimal_comma():
    assert read_percentage("86,96") == Decimal("86.96")
    assert read_percentage("100%") == Decimal(100)
    assert "dấu phẩy" in _rejected(read_percentage, "86.96")["expected"]
    assert "lớn hơn 100%" in _rejected(read_percentage, "120")["found"]


def test_slugs_suggest_the_ascii_form():
    assert read_slug("de-tai") == "de-tai"
    assert "`dong-van`" in _rejected(read_slug, "Đồng Văn")["expected"]


def test_periods():
    assert read_period("2021-H1").label == "6 tháng đầu năm 2021"
    assert read_period("2021-Q3").label == "Quý III năm 2021"
    assert read_period("2021").kind == "nam"
    assert read_period("2021-9T").end == date(2021, 9, 30)
    assert "2021-H1" in _rejected(read_period, "H1-2021")["expected"]
