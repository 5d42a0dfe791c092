"""Counts derived from the registers (pandas), to publish and to check against the reported indicators.

Rules, per register:
- de-tai-du-an: a project counts in a period when it runs during it (started by the period's end, not ended before
  its start) and is past the proposal stage; broken down by level (`cap`).
- bao-ho: a protection counts in a period when it was granted (`trang_thai: da-cap`) on or before the period's end;
  broken down by kind (`loai`). A grant without a date cannot be placed in time and is not counted.
"""

from __future__ import annotations

import pandas as pd

from khcn.core.periods import Period
from khcn.data.models import ProjectRegister, ProtectionRegister

PROJECT_COLUMNS = ["code", "title", "level", "programme", "host", "start", "end", "status"]
PROTECTION_COLUMNS = ["product", "holder", "district", "kind", "status", "date", "as_of", "note"]


def projects_frame(register: ProjectRegister) -> pd.DataFrame:
    rows = [{column: getattr(entry, column) for column in PROJECT_COLUMNS} for entry in register.entries]
    frame = pd.DataFrame(rows, columns=PROJECT_COLUMNS)
    frame["start"] = pd.to_datetime(frame["start"])
    # a project's end is a month: it runs to that month's last day
    frame["end"] = pd.to_datetime(frame["end"]) + pd.offsets.MonthEnd(0)
    return frame


def protections_frame(register: ProtectionRegister) -> pd.DataFrame:
    rows = [{column: getattr(entry, column) for column in PROTECTION_COLUMNS} for entry in register.entries]
    frame = pd.DataFrame(rows, columns=PROTECTION_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def counted(frame: pd.DataFrame, register: str, period: Period) -> pd.Series:
    """Entries counted in `period`, by category (level or kind); categories with none are absent."""
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    if register == "de-tai-du-an":
        not_ended = frame["end"].isna() | (frame["end"] >= start)
        running = (frame["status"] != "de-xuat") & (frame["start"] <= end) & not_ended
        return frame.loc[running, "level"].value_counts().sort_index()
    granted = (frame["status"] == "da-cap") & frame["date"].notna() & (frame["date"] <= end)
    return frame.loc[granted, "kind"].value_counts().sort_index()


def counts_by_year(frame: pd.DataFrame, register: str) -> pd.DataFrame:
    """Entries by year (project start, grant date) and category: the register page's summary table."""
    when, category = ("start", "level") if register == "de-tai-du-an" else ("date", "kind")
    dated = frame.dropna(subset=[when])
    if dated.empty:
        return pd.DataFrame()
    table = pd.crosstab(dated[when].dt.year, dated[category])
    return table.sort_index()
