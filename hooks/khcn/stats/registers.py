"""Counts derived from the registers (pandas), to publish and to check against the reported indicators.

Each register's columns and counting rule are in khcn.data.registerkinds.
"""

from __future__ import annotations

import pandas as pd

from khcn.core.periods import Period
from khcn.data.models import ProjectRegister, ProtectionRegister
from khcn.data.registerkinds import PROJECTS, PROTECTIONS, REGISTER_KINDS, RegisterKind


def register_frame(kind: RegisterKind, register: ProjectRegister | ProtectionRegister) -> pd.DataFrame:
    """One row per entry, its dates as timestamps."""
    columns = list(kind.columns)
    frame = pd.DataFrame([{column: getattr(entry, column) for column in columns} for entry in register.entries],
                         columns=columns)
    for column in kind.dates:
        frame[column] = pd.to_datetime(frame[column])
    for column in kind.month_ends:  # a month ends on its last day: a project ending in May runs through May 31
        frame[column] = pd.to_datetime(frame[column]) + pd.offsets.MonthEnd(0)
    return frame


def projects_frame(register: ProjectRegister) -> pd.DataFrame:
    return register_frame(PROJECTS, register)


def protections_frame(register: ProtectionRegister) -> pd.DataFrame:
    return register_frame(PROTECTIONS, register)


def counted(frame: pd.DataFrame, register: str, period: Period) -> pd.Series:
    """Entries of the register (its id) counted in `period`, by category; categories with none are absent."""
    kind = REGISTER_KINDS[register]
    counts = kind.counts(frame, pd.Timestamp(period.start), pd.Timestamp(period.end))
    return frame.loc[counts, kind.category].value_counts().sort_index()


def counts_by_year(frame: pd.DataFrame, register: str) -> pd.DataFrame:
    """Entries by year (project start, grant date) and category: the register page's summary table."""
    kind = REGISTER_KINDS[register]
    when, category = kind.when, kind.category
    dated = frame.dropna(subset=[when])
    if dated.empty:
        return pd.DataFrame()
    table = pd.crosstab(dated[when].dt.year, dated[category])
    return table.sort_index()
