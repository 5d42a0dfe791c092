"""Reporting periods: `2021` (năm), `2021-H1`/`2021-H2` (6 tháng), `2021-9T` (9 tháng), `2021-Q1`…`Q4` (quý)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>H[12]|Q[1-4]|9T))?$")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

EXAMPLES = "2021-H1 (6 tháng đầu năm), 2021-H2 (6 tháng cuối năm), 2021-9T (9 tháng), 2021-Q3 (quý III), 2021 (cả năm)"


@dataclass(frozen=True, order=True)
class Period:
    year: int
    end_month: int  # periods sort by when they end, then the longer first (2020 before 2020-H2)
    start_month: int
    id: str

    @property
    def kind(self) -> str:
        """Periods compare only with periods of the same kind."""
        months = self.end_month - self.start_month + 1
        return {12: "nam", 9: "9thang", 6: "6thang", 3: "quy"}[months]

    @property
    def start(self) -> date:
        return date(self.year, self.start_month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.end_month, calendar.monthrange(self.year, self.end_month)[1])

    @property
    def label(self) -> str:
        part = self.id[5:]
        if not part:
            return f"Năm {self.year}"
        if part == "H1":
            return f"6 tháng đầu năm {self.year}"
        if part == "H2":
            return f"6 tháng cuối năm {self.year}"
        if part == "9T":
            return f"9 tháng năm {self.year}"
        return f"Quý {_ROMAN[int(part[1])]} năm {self.year}"


def short_label(period: Period) -> str:
    """A label that fits under a chart's bar: `6T đầu 2021`, `9T 2021`, `Q.III 2021`, `2021`."""
    part = period.id[5:]
    short = {"": "", "H1": "6T đầu ", "H2": "6T cuối ", "9T": "9T "}.get(part)
    if short is None:
        short = f"Q.{_ROMAN[int(part[1])]} "
    return f"{short}{period.year}"


def parse_period(text: str) -> Period | None:
    """The period named by `text`, or None when it names none."""
    match = _PATTERN.match(text.strip().upper())  # `2021-h1` is 2021-H1
    if not match:
        return None
    year, part = int(match["year"]), match["part"]
    if year < 1900:
        return None
    start, end = {
        None: (1, 12), "H1": (1, 6), "H2": (7, 12), "9T": (1, 9),
        "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12),
    }[part]
    return Period(year=year, end_month=end, start_month=start, id=match.group(0))


def following(period: Period) -> Period:
    """The next period of the same kind: 2021-H1 → 2021-H2 → 2022-H1, 2021-Q4 → 2022-Q1, 2021-9T → 2022-9T."""
    part = period.id[5:]
    if part in ("", "9T"):
        return parse_period(f"{period.year + 1}{period.id[4:]}")
    last = 2 if part[0] == "H" else 4
    number = int(part[1])
    year, number = (period.year + 1, 1) if number == last else (period.year, number + 1)
    return parse_period(f"{year}-{part[0]}{number}")


def ordinal(period: Period) -> int:
    """The period's place among the periods of its kind: consecutive periods of a kind have consecutive numbers."""
    part = period.id[5:]
    if part in ("", "9T"):
        return period.year
    return period.year * (2 if part[0] == "H" else 4) + int(part[1]) - 1


def run_of(first: Period, last: Period) -> list[Period]:
    """Every period of `first`'s kind from `first` to `last`, both included: a series' place for each period,
    so a period without a figure shows as a gap rather than vanish."""
    periods = [first]
    while periods[-1] < last:
        periods.append(following(periods[-1]))
    return periods
