"""Field types for editors' values.

Every scalar arrives as the text the editor typed (see yamlsource). Each type here reads that text the way a
Vietnamese editor means it, or rejects it with what was expected; nothing is guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Annotated

from pydantic import PlainValidator
from pydantic_core import PydanticCustomError
from slugify import slugify

from .periods import EXAMPLES as PERIOD_EXAMPLES
from .periods import Period, parse_period

VIETNAM = timezone(timedelta(hours=7), "+07:00")


def reject(found: str, expected: str) -> PydanticCustomError:
    return PydanticCustomError("khcn", "{expected}", {"found": found, "expected": expected})


def _text_of(value: object, expected: str) -> str:
    if value is None:
        raise reject("một giá trị trống", expected)
    if not isinstance(value, str):
        raise reject(_describe(value), expected)
    return value.strip()


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    return f"`{value}`"


def read_text(value: object) -> str:
    text = _text_of(value, "một đoạn chữ")
    if not text:
        raise reject("một đoạn chữ trống", "một đoạn chữ")
    return text


_DIGITS = re.compile(r"^\d+$")
_GROUPED = re.compile(r"^\d{1,3}([.,  ]\d{3})+$")


def read_count(value: object) -> int:
    expected = "một số nguyên không âm viết liền, ví dụ 42 (không dấu chấm, dấu phẩy hay chữ)"
    text = _text_of(value, expected)
    if _DIGITS.match(text):
        return int(text, 10)  # decimal even with leading zeros: an editor's `08` means eight
    if _GROUPED.match(text):
        raise reject(f"`{text}` có dấu ngăn cách hàng nghìn (có thể hiểu sai)",
                     f"viết liền các chữ số, ví dụ {re.sub(r'[^0-9]', '', text)}")
    raise reject(f"`{text}`", expected)


_DECIMAL = re.compile(r"^\d+(,\d+)?$")


def read_percentage(value: object) -> Decimal:
    expected = "một tỉ lệ phần trăm từ 0 đến 100, dấu phẩy trước phần thập phân, ví dụ 100 hoặc 86,96"
    text = _text_of(value, expected).removesuffix("%").strip()
    if "." in text:
        raise reject(f"`{text}` có dấu chấm", "dấu phẩy trước phần thập phân, ví dụ 86,96")
    if not _DECIMAL.match(text):
        raise reject(f"`{text}`", expected)
    number = Decimal(text.replace(",", "."))
    if number > 100:
        raise reject(f"{text}% (lớn hơn 100%)", expected)
    return number


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATE_EXPECTED = "một ngày dạng ngày/tháng/năm, ví dụ 04/02/2021"


def read_date(value: object) -> date:
    text = _text_of(value, DATE_EXPECTED)
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise reject(f"`{text}`", DATE_EXPECTED)
    try:
        return date(year, month, day)
    except ValueError:
        raise reject(f"ngày `{text}` không có trong lịch", "một ngày có thật, ví dụ 28/02/2021") from None


_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(SA|CH))?$", re.IGNORECASE)
DATETIME_EXPECTED = "ngày và giờ dạng ngày/tháng/năm giờ:phút:giây (giờ Việt Nam), ví dụ 01/10/2021 17:25:56"


def read_datetime(value: object) -> datetime:
    text = _text_of(value, DATETIME_EXPECTED)
    try:
        parsed = datetime.fromisoformat(text)
        if "T" in text and parsed.tzinfo is not None:
            return parsed.astimezone(VIETNAM)
    except ValueError:
        pass
    day_text, _, time_text = text.partition(" ")
    match = _TIME.match(time_text.strip())
    if not match:
        raise reject(f"`{text}`", DATETIME_EXPECTED)
    day = read_date(day_text)
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:  # 12-hour clock of the old site: SA before noon, CH after
        if not 1 <= hour <= 12:
            raise reject(f"giờ `{time_text.strip()}`", "giờ từ 1 đến 12 khi có SA/CH, ví dụ 5:25:56 CH")
        hour = hour % 12 + (12 if match[4].upper() == "CH" else 0)
    try:
        return datetime.combine(day, time(hour, minute, second), VIETNAM)
    except ValueError:
        raise reject(f"giờ `{time_text.strip()}` không có thật", "giờ từ 0:00:00 đến 23:59:59") from None


_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$|^(\d{4})-(\d{2})$")
MONTH_EXPECTED = "một tháng dạng tháng/năm, ví dụ 01/2021"


def read_month(value: object) -> date:
    """A month (`01/2021`), kept as its first day; a full date is accepted and kept as it is."""
    text = _text_of(value, MONTH_EXPECTED)
    match = _MONTH.match(text)
    if not match:
        if _DMY.match(text) or _ISO_DATE.match(text):
            return read_date(text)
        raise reject(f"`{text}`", MONTH_EXPECTED)
    month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
    if not 1 <= month <= 12:
        raise reject(f"tháng `{text}` không có trong lịch", MONTH_EXPECTED)
    return date(year, month, 1)


_FLAGS = {"true": True, "false": False, "có": True, "không": False}


def read_flag(value: object) -> bool:
    expected = "`có` hoặc `không` (hoặc true/false)"
    text = _text_of(value, expected)
    if text.lower() not in _FLAGS:
        raise reject(f"`{text}`", expected)
    return _FLAGS[text.lower()]


_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def read_slug(value: object) -> str:
    expected = "một mã viết thường, không dấu, các từ nối bằng dấu `-`, ví dụ `de-tai-du-an`"
    text = _text_of(value, expected)
    if not _SLUG.match(text):
        suggestion = slugify(text)
        hint = f" (có thể là `{suggestion}`)" if suggestion and suggestion != text else ""
        raise reject(f"`{text}`", expected + hint)
    return text


def read_period(value: object) -> Period:
    expected = f"một kỳ báo cáo: {PERIOD_EXAMPLES}"
    text = _text_of(value, expected)
    period = parse_period(text)
    if period is None:
        raise reject(f"`{text}`", expected)
    return period


Text = Annotated[str, PlainValidator(read_text)]
Count = Annotated[int, PlainValidator(read_count)]
Percentage = Annotated[Decimal, PlainValidator(read_percentage)]
Date = Annotated[date, PlainValidator(read_date)]
DateTime = Annotated[datetime, PlainValidator(read_datetime)]
Slug = Annotated[str, PlainValidator(read_slug)]
PeriodField = Annotated[Period, PlainValidator(read_period)]
Month = Annotated[date, PlainValidator(read_month)]
Flag = Annotated[bool, PlainValidator(read_flag)]
