"""What every reader shares: where data/ is, how a file is read and named, and the problems found so far."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

from khcn.core.clock import build_day, calendar_day
from khcn.core.errors import DataError, DataErrors
from khcn.data.bulletins import text_nesting_problems
from khcn.data.dataset.failures import Failures
from khcn.data.kinds import Kind
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument, read_yaml


class Reading:
    def __init__(self, data_dir: Path, shown_as: str, cache: Path | None = None, today: date | None = None):
        self.data_dir = data_dir
        # What is published depends only on the commit (`build_day`: a scheduled bulletin appears from its day on);
        # what is refused as not come yet also looks at the calendar: a bulletin of today written after the last
        # commit is previewed before it is committed.
        self.build_day = today or build_day()
        self.today = today or max(self.build_day, calendar_day())
        self.docs_dir = data_dir.parent / "docs"  # bulletins' images are site files (docs/anh/)
        self.cache = cache
        self.shown_as = shown_as
        self.errors: list[DataError] = []
        self.normalised: list[str] = []  # "file:line" where text was turned into NFC
        self.refused: set[str] = set()  # symbolic links under data/ (relative paths): never read
        self.scheduled: list[str] = []  # bulletins scheduled after `today`: checked, not published yet
        self.documents: list[SourceDocument] = []  # every YAML file read (issue 13: their texts' links are checked)

    def is_refused(self, relative: str) -> bool:
        """`relative` is, or is under, a refused link (khcn.data.dataset.layout)."""
        return any(relative == link or relative.startswith(link + "/") for link in self.refused)

    def name(self, relative: str) -> str:
        return f"{self.shown_as}/{relative}"

    def read(self, relative: str) -> SourceDocument | None:
        path = self.data_dir / relative
        if self.is_refused(relative):
            return None
        if not path.is_file():
            self.errors.append(DataError(self.name(relative), 1, "", "không có tệp này",
                                         f"tệp `{self.name(relative)}` (xem README, phần Dữ liệu)"))
            return None
        try:
            doc = read_yaml(path, self.name(relative), self.cache)
        except DataErrors as exc:
            self.errors.extend(exc.errors)
            return None
        self.normalised.extend(f"{doc.file}:{line}" for line in doc.normalised)
        if problems := text_nesting_problems(doc):
            self.errors.extend(problems)
            return None
        if doc.data is None:
            self.errors.append(DataError(doc.file, 1, "", "một tệp trống", "nội dung của tệp"))
            return None
        self.documents.append(doc)
        return doc

    def record(self, kind: Kind):
        """The one record a file of `kind` holds, or None."""
        doc = self.read(kind.files)
        if doc is None:
            return None
        record, errors = validate(kind.shape, doc.data, doc)
        self.errors.extend(errors)
        return record

    def problem(self, doc: SourceDocument, path: tuple, found: str, expected: str) -> None:
        self.errors.append(DataError(doc.file, doc.line_of(path), path, found, expected, doc.data))

    def items(self, doc: SourceDocument, path: tuple, items: object, model: type, key: str,
              failures: Failures) -> list:
        """Valid records of a list, each checked on its own so one bad item hides none of the others.
        Invalid items go to `failures`: later references to them are not reported twice."""
        if not isinstance(items, list):
            _, errors = validate(tuple[model, ...], items, doc, path)
            self.errors.extend(errors)
            return []
        records = []
        for index, item in enumerate(items):
            record, errors = validate(model, item, doc, path + (index,))
            self.errors.extend(errors)
            if record is not None:
                records.append(record)
            elif isinstance(item, dict) and isinstance(item.get(key), str):
                failures.record_failed(model, item[key].strip())
        return records

    def unique(self, doc: SourceDocument, path: tuple, items: object) -> list[str]:
        """The `ma` of the items, each once; a repeated one is an error at its second place."""
        seen: dict[str, int] = {}
        for index, item in enumerate(items if isinstance(items, list) else []):
            item_id = item.get("ma") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            item_id = item_id.strip()
            if item_id in seen:
                line = doc.line_of(path + (seen[item_id], "ma"))
                self.problem(doc, path + (index, "ma"), f"mã `{item_id}` trùng với mục ở dòng {line}",
                             "mỗi mã chỉ dùng cho một mục")
            else:
                seen[item_id] = index
        return list(seen)


def one_of(found: str, choices: list[str], expected: str) -> str:
    """`expected`, with the closest choice when there is one (`26/kh-ubnd` → `26/KH-UBND`)."""
    same_letters = [c for c in choices if c.casefold() == found.casefold()]
    close = same_letters or difflib.get_close_matches(found, choices, n=1, cutoff=0.6)
    return expected + (f" (có phải `{close[0]}`?)" if close else "")
