"""How numbers and dates read in Vietnamese: `1.234`, `86,96%`, `109/138 (79,0%)`, `01/10/2021`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from khcn.data.fields import VIETNAM
from khcn.data.models import BOUND_WORDS, CountValue, PercentValue, RatioValue, Value


def number(value: int | Decimal, decimals: int | None = None) -> str:
    """`1.234`, `86,96`; with `decimals`, exactly that many digits after the comma (half to even, as Babel's
    `vi` locale formats; written here because Babel's per-call pattern parsing was a third of a large build)."""
    if decimals is not None:
        text = f"{Decimal(value):,.{decimals}f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = f"{Decimal(value).normalize():,f}"
    return text.translate(_VIETNAMESE_MARKS)


_VIETNAMESE_MARKS = str.maketrans({",": ".", ".": ","})


def count_in_prose(value: int) -> str:
    """Counts in official prose keep two digits below ten, as the department writes them: `08 dự án`."""
    return f"{value:02d}" if value < 10 else number(value)


def value_in_prose(value: Value, component: str | None = None) -> str:
    """A value as a report's sentence writes it: `42`, `08`, `trên 60`, `109/138`, `100%`."""
    if isinstance(value, CountValue):
        if component is not None:
            return count_in_prose(value.components[component])
        bound = BOUND_WORDS[value.bound] + " " if value.bound else ""
        return bound + count_in_prose(value.value)
    if isinstance(value, RatioValue):
        return f"{number(value.numerator)}/{number(value.denominator)}"
    return f"{number(value.value)}%"


def value_in_table(value: Value) -> str:
    """A value in a statistics table: `1.234`, `trên 60`, `109/138 (79,0%)`, `86,96%`."""
    if isinstance(value, CountValue):
        bound = BOUND_WORDS[value.bound] + " " if value.bound else ""
        return bound + number(value.value)
    if isinstance(value, RatioValue):
        return f"{number(value.numerator)}/{number(value.denominator)}{share(value)}"
    assert isinstance(value, PercentValue)
    return f"{number(value.value)}%"


def share(value: RatioValue) -> str:
    """A fraction's share after it: ` (79,0%)`, or nothing when the whole is 0."""
    return f" ({number(value.share, 1)}%)" if value.share is not None else ""


def day(value: date) -> str:
    """The site's date: `01/10/2021`."""
    return value.strftime("%d/%m/%Y")


def official_day(value: date) -> str:
    """A date inside an official citation, as Nghị định 30/2020/NĐ-CP writes it: a zero before days below 10 and
    months below 3 only (`04/02/2021`, `31/5/2021`, `08/6/2021`)."""
    day_part = f"{value.day:02d}"
    month_part = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{day_part}/{month_part}/{value.year}"


def clock(value: datetime) -> str:
    """24-hour time in Vietnam: `17:25`."""
    return value.astimezone(VIETNAM).strftime("%H:%M")


def iso(value: datetime) -> str:
    return value.astimezone(VIETNAM).isoformat()


def file_size(size: int) -> str:
    """An attachment's size as readers see it: `830 byte`, `12,3 KB`, `1,2 MB` (issue 12b)."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{number(Decimal(size) / 1024, 1)} KB"
    return f"{number(Decimal(size) / (1024 * 1024), 1)} MB"
