"""Importing a filled workbook into data/so-lieu/<kỳ>.yaml (scripts/import_xlsx.py).

The figures read from the sheet (khcn.excel.sheetreading) become the text of the period's file
(khcn.excel.periodfile), which is then checked like any other data: written into a temporary copy of data/ and loaded
with khcn.data.dataset, every cross-check included. The history check (a published value changes only with a
correction note) must see the real file's history, not the copy's (a copy is in no git repository): while the copy is
checked, khcn.data.dataset is handed the published versions of the real path (`_history_of`). The real data/ is never
touched before everything passed.

A published value changed in the sheet needs its reason in "Lý do đính chính": the note (`ngay`: today,
`gia_tri_cu`: the published value, `ly_do`) is written for the editor. Notes already in the file are kept.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError

from khcn.core.errors import DataError, DataErrors
from khcn.core.history import published_versions
from khcn.core.periods import EXAMPLES as PERIOD_EXAMPLES
from khcn.core.periods import Period, parse_period
from khcn.data.dataset import History, load_site_data
from khcn.data.dataset.corrections import essence, names_published  # the loader's own rules for `gia_tri_cu`
from khcn.data.fields import VIETNAM
from khcn.data.models import Catalogue, Indicator, IndicatorKind, Value
from khcn.data.schemas import schema_line
from khcn.data.yamlsource import parse_yaml
from khcn.excel.periodfile import (
    PeriodFile,
    described,
    editor_text,
    keepable,
    latest_published,
    lost_comments,
    period_text,
    read_catalogue,
    read_period_file,
    values_path,
)
from khcn.excel.sheetreading import SheetProblem, SheetReading, problem_at, read_workbook
from khcn.excel.workbook import BOUND, DENOMINATOR, NUMERATOR, PERIOD_CELL, REASON, SHEET, VALUE


@dataclass
class Outcome:
    period: Period | None = None
    target: str = ""  # the values file, as shown to the editor
    existed: bool = False
    text: str | None = None  # what was (or, in a dry run, would be) written
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list = field(default_factory=list)  # SheetProblem, then DataError of other files
    written: bool = False


def import_workbook(workbook: Path, data_dir: Path, period_id: str | None = None, dry_run: bool = False,
                    today: date | None = None, shown_as: str = "data") -> Outcome:
    outcome = Outcome()
    try:
        catalogue = read_catalogue(data_dir, shown_as)
    except DataErrors as exc:
        outcome.problems += exc.errors
        return outcome
    reading = read_workbook(workbook, catalogue)
    outcome.problems += reading.problems
    outcome.period = _period(reading, period_id, outcome)
    if not outcome.problems:  # the figures' own problems first: the checks below need every figure
        _build(outcome, workbook, data_dir, catalogue, reading, today or datetime.now(VIETNAM).date(), shown_as)
    outcome.problems.sort(key=_place)
    if outcome.problems or dry_run or outcome.text == _current_text(data_dir, outcome.period):
        return outcome
    _write(values_path(data_dir, outcome.period.id), outcome.text)
    outcome.written = True
    return outcome


def _build(outcome: Outcome, workbook: Path, data_dir: Path, catalogue: Catalogue, reading: SheetReading,
           today: date, shown_as: str) -> None:
    """The new text, what changed, and every problem with it (sheet cells first)."""
    period, path = outcome.period, values_path(data_dir, outcome.period.id)
    outcome.target = f"{shown_as}/{path.parent.name}/{path.name}"
    try:
        current = read_period_file(path, catalogue, outcome.target)
    except DataErrors as exc:
        outcome.problems += exc.errors
        outcome.warnings.append(f"tệp {outcome.target} hiện có không đọc được: sửa tệp (hoặc xoá tệp để thay "
                                "toàn bộ bằng số liệu của bảng) rồi nhập lại")
        return
    outcome.existed = current.exists
    entries = _entries(catalogue, reading, current, latest_published(path, catalogue), today, outcome)
    if outcome.problems:
        return
    header = current.header(catalogue) or [schema_line(f"so-lieu/{period.id}.yaml"),
                                           f"# Số liệu kỳ {period.id} ({period.label}), nhập từ bảng tính "
                                           f"{workbook.name}."]
    outcome.text = period_text(catalogue, entries, header)
    outcome.changes = changes(catalogue, current, entries)
    outcome.warnings += _lost(catalogue, current, outcome.text)
    errors = check_in_copy(data_dir, period.id, outcome.text, shown_as)
    outcome.problems += _on_cells(errors, outcome.target, reading, catalogue, outcome.text)


def _period(reading: SheetReading, asked: str | None, outcome: Outcome) -> Period | None:
    """The workbook's period (cell B1, defined name `ky_bao_cao`), or the one the command gives."""
    named = parse_period(reading.period) if reading.period else None
    if reading.period and named is None:
        outcome.problems.append(problem_at(f"{SHEET}!{PERIOD_CELL}", "", f"kỳ báo cáo `{reading.period}`",
                                           f"một kỳ: {PERIOD_EXAMPLES} (ô xám này không sửa)"))
    wanted = parse_period(asked) if asked else None
    if asked and wanted is None:
        outcome.problems.append(problem_at("--period", "", f"`{asked}`", f"một kỳ: {PERIOD_EXAMPLES}"))
    if named and wanted and named.id != wanted.id:
        outcome.problems.append(problem_at(f"{SHEET}!{PERIOD_CELL}", "", f"kỳ {named.id} của bảng, khác kỳ "
                                           f"{wanted.id} của lệnh (--period)", "cùng một kỳ: bỏ --period, hoặc "
                                           f"dùng bảng mẫu của kỳ {wanted.id}"))
    if not reading.period and not asked:
        outcome.problems.append(problem_at(f"{SHEET}!{PERIOD_CELL}", "", "bảng không ghi kỳ báo cáo",
                                           "ghi kỳ trong lệnh, ví dụ --period 2021-H2 (hoặc dùng bảng mẫu tạo bằng "
                                           "make xlsx-template)"))
    return wanted or named


# --- figures and their correction notes ----------------------------------------------------------------------------

def _entries(catalogue: Catalogue, reading: SheetReading, current: PeriodFile, published: dict[str, Value],
             today: date, outcome: Outcome) -> dict[str, dict]:
    entries = {}
    for indicator in catalogue.indicators:
        figure = reading.entries.get(indicator.id)
        cells = reading.cells[indicator.id]
        first = cells[NUMERATOR if indicator.kind is IndicatorKind.RATIO else VALUE]
        old, reason = published.get(indicator.id), reading.reasons.get(indicator.id)
        notes = [dict(note) for note in current.notes.get(indicator.id, []) if keepable(note)]
        if figure is None:
            if indicator.id in current.blanks:  # `-` for a period the file says has no figure: its reason stays
                entries[indicator.id] = dict(current.blanks[indicator.id])
                continue
            if old is not None:
                outcome.problems.append(problem_at(first, f"`{indicator.id}`", f"`-` nhưng kỳ này đã công bố "
                                                   f"{described(old)}", "giữ giá trị đã công bố; nếu sai, ghi số "
                                                   f"đúng và lý do ở ô {cells[REASON]}"))
            elif notes:
                outcome.warnings.append(f"ghi chú đính chính của `{indicator.id}` sẽ mất vì bảng ghi `-`")
            continue
        new = _value(indicator, figure)
        if new is not None and old is not None and essence(old) != essence(new):
            notes = _noted(indicator, old, new, notes, reason, today, cells, outcome)
        elif reason:
            outcome.warnings.append(f"{cells[REASON]}: bỏ qua lý do đính chính vì giá trị "
                                    + ("chưa công bố" if old is None else "không đổi so với số đã công bố"))
        entries[indicator.id] = {**figure, "dinh_chinh": notes} if notes else figure
    return entries


def _noted(indicator: Indicator, old: Value, new: Value, notes: list[dict], reason: str | None, today: date,
           cells: dict, outcome: Outcome) -> list[dict]:
    """The notes of a changed published value: the editor's reason becomes one, unless a note names it already."""
    earlier = [n for n in notes if isinstance(n.get("gia_tri_cu"), str)
               and names_published(indicator.kind, n["gia_tri_cu"], old)]
    if reason and earlier:
        earlier[-1]["ly_do"] = reason  # the same correction, its reason reworded
    elif reason:
        notes.append({"ngay": f"{today:%d/%m/%Y}", "gia_tri_cu": editor_text(old), "ly_do": reason})
    elif not earlier:
        first = cells[NUMERATOR if indicator.kind is IndicatorKind.RATIO else VALUE]
        outcome.problems.append(problem_at(first, f"`{indicator.id}`", f"giá trị đã công bố {described(old)} nay là "
                                           f"{described(new)}", f"lý do đính chính ở ô {cells[REASON]} (trang thống "
                                           "kê ghi kèm giá trị cũ và lý do), hoặc giữ giá trị đã công bố"))
    return notes


def _value(indicator: Indicator, figure: dict) -> Value | None:
    try:
        return indicator.kind.model.model_validate(figure)
    except ValidationError:
        return None  # the check below says why, at its cell


# --- what changed, what would be lost ------------------------------------------------------------------------------

def changes(catalogue: Catalogue, current: PeriodFile, entries: dict[str, dict]) -> list[str]:
    lines, same = [], 0
    for indicator in catalogue.indicators:
        old = current.values.get(indicator.id)
        new = _value(indicator, entries[indicator.id]) if indicator.id in entries else None
        if indicator.id in current.blanks:
            if new is not None:
                lines.append(f"  + mới `{indicator.id}`: {described(new)} (trước đây ghi không có số liệu)")
            else:
                same += 1
        elif old is None and indicator.id in current.raw:
            lines.append(f"  ~ đổi `{indicator.id}`: giá trị cũ không hợp lệ → "
                         + (described(new) if new else "bỏ (bảng ghi `-`)"))
        elif old is None and new is not None:
            lines.append(f"  + mới `{indicator.id}`: {described(new)}")
        elif new is None and old is not None:
            lines.append(f"  − bỏ `{indicator.id}`: {described(old)} (bảng ghi `-`)")
        elif old == new:
            same += old is not None
        elif essence(old) == essence(new):
            lines.append(f"  ~ đổi `{indicator.id}`: {described(new)}, ghi chú đính chính "
                         f"{len(old.corrections)} → {len(new.corrections)}")
        else:
            lines.append(f"  ~ đổi `{indicator.id}`: {described(old)} → {described(new)}")
    return lines + [f"  không đổi: {same} chỉ số"]


def _lost(catalogue: Catalogue, current: PeriodFile, text: str) -> list[str]:
    known = {indicator.id for indicator in catalogue.indicators}
    warnings = [f"ghi chú (comment) của tệp hiện có sẽ mất — {line}"
                for line in lost_comments(current.text, text, catalogue)]
    warnings += [f"`{i}` của tệp hiện có không phải chỉ số trong danh mục, sẽ mất"
                 for i in current.raw if i not in known]
    warnings += [f"một ghi chú đính chính của `{i}` viết không đúng dạng (ngay, gia_tri_cu, ly_do), sẽ mất"
                 for i, notes in current.notes.items() for note in notes if not keepable(note)]
    return warnings


# --- checking the text as data ---------------------------------------------------------------------------------------

def check_in_copy(data_dir: Path, period_id: str, text: str, shown_as: str) -> list[DataError]:
    """Every problem khcn.data.dataset finds with `text` as the period's file, in a temporary copy of `data_dir`."""
    with tempfile.TemporaryDirectory(prefix="khcn-xlsx-") as folder:
        copy = Path(folder) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns(".*"))
        _beside(copy, data_dir.resolve().parent / "docs")  # bulletins' images are checked in docs/
        target = values_path(copy, period_id)
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        try:
            load_site_data(copy, shown_as, check_history=True, cache=data_dir.resolve().parent / ".cache" / "khcn",
                           history=_history_of(copy, data_dir))
        except DataErrors as exc:
            return exc.errors
    return []


def _beside(copy: Path, docs: Path) -> None:
    if not docs.is_dir():
        return
    try:
        (copy.parent / "docs").symlink_to(docs, target_is_directory=True)
    except OSError:  # no symbolic links here (Windows without the right)
        shutil.copytree(docs, copy.parent / "docs")


def _history_of(copy: Path, real: Path) -> History:
    """The published versions of a file of the copy: those of the same file in `real`."""
    copy, real = copy.resolve(), real.resolve()

    def versions(path: Path):
        try:
            return published_versions(real / path.resolve().relative_to(copy))
        except ValueError:
            return published_versions(path)

    return versions


def _on_cells(errors: list[DataError], values_file: str, reading: SheetReading, catalogue: Catalogue,
              text: str) -> list:
    """The checker's problems with the new file, each told at the cell it comes from (others as they are)."""
    kinds = {indicator.id: indicator.kind for indicator in catalogue.indicators}
    starts = sorted((line, path[0]) for path, line in parse_yaml(text, values_file).lines.items() if len(path) == 1)
    told = []
    for error in errors:
        path = error.path or [i for line, i in starts if line <= error.line][-1:]
        cell = None
        if error.file == values_file and path and path[0] in reading.cells:
            cell = _cell(reading.cells[path[0]], path[1:], kinds[path[0]])
        told.append(problem_at(cell, f"`{path[0]}`", error.found, error.expected) if cell else error)
    return told


def _place(problem) -> tuple:
    """The sheet's problems by row and column, then those of other files by file and line."""
    if isinstance(problem, SheetProblem):
        return (0, problem.row, problem.column, str(problem))
    return (1, 0, 0, str(problem))


def _cell(cells: dict, rest: list[str], kind: IndicatorKind) -> str:
    """The cell of a field of one indicator's value: `gia_tri` → Giá trị, `thanh_phan.can` → that row's value…"""
    if not rest:
        return cells[NUMERATOR if kind is IndicatorKind.RATIO else VALUE]
    if rest[0] == "thanh_phan" and len(rest) > 1 and rest[1] in cells:
        return cells[rest[1]]
    fields = {"tu_so": NUMERATOR, "mau_so": DENOMINATOR, "so_sanh": BOUND, "dinh_chinh": REASON}
    return cells[fields.get(rest[0], VALUE)]


# --- files ---------------------------------------------------------------------------------------------------------

def _current_text(data_dir: Path, period: Period) -> str | None:
    path = values_path(data_dir, period.id)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8", newline="\n")
    partial.replace(target)  # never a half-written file for a build to read
