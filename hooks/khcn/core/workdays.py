"""Working days (Nghị định 224/2026, điều 13): a planned interruption of the site is announced at least 7 working days
before it starts, and a banner shows on every page from then until the site is back.

Saturdays, Sundays and the public holidays editors list in data/ngay-nghi.yaml are not working days. Plain dates,
no clock: which day is "today" is the build's business (khcn.build.today).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

NOTICE_WORKING_DAYS = 7  # the notice a planned interruption needs (Nghị định 224/2026, điều 13)
_ONE_DAY = timedelta(days=1)


def days_off(ranges: Iterable[tuple[date, date | None]]) -> frozenset[date]:
    """Every day of the listed holidays: (first day, last day or None for a single day)."""
    days = set()
    for first, last in ranges:
        day = first
        while day <= (last or first):
            days.add(day)
            day += _ONE_DAY
    return frozenset(days)


def is_working_day(day: date, holidays: frozenset[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def working_days_before(day: date, count: int, holidays: frozenset[date]) -> date:
    """The `count`-th working day before `day` (not counting `day`): announced on it or earlier, a notice gives
    `count` working days."""
    found = 0
    while found < count:
        day -= _ONE_DAY
        if is_working_day(day, holidays):
            found += 1
    return day


def working_days_between(first: date, start: date, holidays: frozenset[date]) -> int:
    """Working days from `first` (counted) up to `start` (not counted)."""
    count, day = 0, first
    while day < start:
        count += is_working_day(day, holidays)
        day += _ONE_DAY
    return count


def notice_deadline(start: date, holidays: frozenset[date]) -> date:
    """The last day a planned interruption starting on `start` may be announced, and the first day of its banner."""
    return working_days_before(start, NOTICE_WORKING_DAYS, holidays)


def banner_shows(today: date, start: date, end: date, announced: date, force_majeure: bool,
                 holidays: frozenset[date]) -> bool:
    """From the notice deadline until the day the site is expected back, both included; a force-majeure notice,
    given late, from its announcement (in practice: from the first build that has it)."""
    first = notice_deadline(start, holidays)
    if force_majeure:
        first = min(first, announced)
    return first <= today <= end
