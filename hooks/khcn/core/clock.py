"""The build's time, in one place. From SOURCE_DATE_EPOCH (the last commit's time, set by `make` and
scripts/build_site.py), so two builds of one commit give the same bytes; without it, now. Vietnam time throughout."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "+07:00")


def commit_time() -> datetime | None:
    """SOURCE_DATE_EPOCH as a moment in Vietnam, or None when it is not set (or not a number)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), VIETNAM) if epoch.isdigit() else None


def build_day() -> date:
    """The day the site is built on: what is published depends on it (a scheduled bulletin, an expired deadline)."""
    return (commit_time() or datetime.now(VIETNAM)).date()


def calendar_day() -> date:
    """Today in Vietnam, whatever the commit."""
    return datetime.fromtimestamp(time.time(), VIETNAM).date()
