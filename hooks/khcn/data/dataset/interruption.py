"""data/ngay-nghi.yaml (public holidays) and data/tam-ngung.yaml (a planned interruption), both optional (issue 12c).

A planned interruption is announced at least 7 working days before it starts (Nghị định 224/2026, điều 13), unless
it is marked force majeure; the working days are counted without weekends and the holidays listed here, so the
holidays of the interruption's year must be listed.
"""

from __future__ import annotations

from khcn.core.formatting import official_day
from khcn.core.workdays import NOTICE_WORKING_DAYS, days_off, notice_deadline, working_days_between
from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading
from khcn.data.kinds import HOLIDAYS, INTERRUPTION
from khcn.data.models import Holiday, Holidays, Interruption
from khcn.data.validation import validate

LIST_KEY = "ngay_nghi"


def read_holidays(reading: Reading, failures: Failures) -> tuple[Holiday, ...] | None:
    """The listed holidays; None when the file is absent (an empty tuple: present, but failed or empty)."""
    if not (reading.data_dir / HOLIDAYS.files).is_file():
        return None
    doc = reading.read(HOLIDAYS.files)
    if doc is None:
        failures.file_failed(HOLIDAYS)
        return ()
    data = doc.data.get(LIST_KEY) if isinstance(doc.data, dict) and set(doc.data) == {LIST_KEY} else None
    if data is None:
        reading.errors.extend(validate(Holidays, doc.data, doc)[1])
        failures.file_failed(HOLIDAYS)
        return ()
    holidays, failed = [], not isinstance(data, list)
    if failed:
        reading.errors.extend(validate(Holidays, doc.data, doc)[1])
    for index, item in enumerate(data if isinstance(data, list) else []):
        holiday, errors = validate(Holiday, item, doc, (LIST_KEY, index))
        reading.errors.extend(errors)
        failed = failed or holiday is None
        if holiday is not None and holiday.last_day is not None and holiday.last_day < holiday.day:
            reading.problem(doc, (LIST_KEY, index, "den_ngay"), f"ngày nghỉ cuối {official_day(holiday.last_day)} "
                            f"trước ngày đầu {official_day(holiday.day)}",
                            "ngày nghỉ cuối cùng bằng hoặc sau ngày ghi ở `ngay`")
            failed = True
        elif holiday is not None:
            holidays.append(holiday)
    if failed:  # the working days cannot be counted: the interruption's check keeps quiet
        failures.file_failed(HOLIDAYS)
    return tuple(holidays)


def read_interruption(reading: Reading, failures: Failures,
                      holidays: tuple[Holiday, ...] | None) -> Interruption | None:
    """The planned interruption, checked against the holidays; None when there is none (or it failed)."""
    if not (reading.data_dir / INTERRUPTION.files).is_file():
        return None
    doc = reading.read(INTERRUPTION.files)
    if doc is None:
        return None
    notice, errors = validate(Interruption, doc.data, doc)
    reading.errors.extend(errors)
    if notice is None:
        return None
    start = notice.start.date()
    if notice.end <= notice.start:
        reading.problem(doc, ("du_kien_hoat_dong_lai",), f"hoạt động trở lại lúc {_moment(notice.end)}, "
                        f"không sau lúc bắt đầu {_moment(notice.start)}", "một thời điểm sau lúc bắt đầu tạm ngừng")
        return None
    if notice.force_majeure or failures.file(HOLIDAYS):
        return notice
    years = sorted({notice.announced.year, start.year})
    listed = {day.year for holiday in holidays or () for day in (holiday.day, holiday.last_day) if day}
    missing = [year for year in years if year not in listed]
    if missing:
        reading.problem(doc, ("bat_dau",), f"chưa có ngày nghỉ lễ nào của năm {', '.join(map(str, missing))} "
                        f"trong data/{HOLIDAYS.files}",
                        f"các ngày nghỉ lễ, Tết của năm {', '.join(map(str, missing))} trong data/{HOLIDAYS.files}, "
                        "để đếm đúng 7 ngày làm việc báo trước")
        return None
    off = days_off((h.day, h.last_day) for h in holidays or ())
    deadline = notice_deadline(start, off)
    if notice.announced > deadline:
        given = working_days_between(notice.announced, start, off) if notice.announced < start else 0
        reading.problem(doc, ("ngay_thong_bao",), f"thông báo ngày {official_day(notice.announced)}, chỉ {given} "
                        f"ngày làm việc trước ngày bắt đầu {official_day(start)}",
                        f"thông báo chậm nhất ngày {official_day(deadline)} ({NOTICE_WORKING_DAYS} ngày làm việc "
                        f"trước ngày bắt đầu, không kể thứ Bảy, Chủ nhật và các ngày nghỉ trong "
                        f"data/{HOLIDAYS.files}), hoặc ghi `bat_kha_khang: có` khi tạm ngừng vì sự cố bất khả kháng")
        return None
    return notice


def _moment(value) -> str:
    return f"{value:%H:%M} ngày {official_day(value.date())}"
