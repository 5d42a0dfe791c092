"""A notice's deadline (`han_chot`, issue 12b) comes on or after the day it is published: an earlier one is a slip
(a year typed wrong), and readers would see a notice expired the day it appeared."""

from __future__ import annotations

from khcn.core.formatting import day
from khcn.data.dataset.reading import Reading
from khcn.data.models import BulletinMeta
from khcn.data.yamlsource import SourceDocument


def check_deadline(reading: Reading, doc: SourceDocument, meta: BulletinMeta) -> None:
    if meta.deadline is not None and meta.deadline < meta.published.date():
        reading.problem(doc, ("han_chot",), f"hạn chót {day(meta.deadline)} trước ngày đăng "
                        f"{day(meta.published.date())}", "hạn chót bằng hoặc sau ngày đăng bài")
