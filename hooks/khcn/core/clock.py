"""The build's day (issue 12b: a notice's deadline is "đã hết hạn" once it is past). It comes from SOURCE_DATE_EPOCH
(set by `make` and scripts/build_site.py), so two builds of one commit give the same bytes; without it, today in
Vietnam."""

from __future__ import annotations

import os
from datetime import date, datetime

from khcn.data.fields import VIETNAM


def build_day() -> date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), VIETNAM) if epoch else datetime.now(VIETNAM)
    return moment.date()
