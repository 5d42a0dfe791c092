"""Field types for editors' values.

Every scalar arrives as the text the editor typed (see yamlsource). Each type here reads that text the way a
Vietnamese editor means it, or rejects it with what was expected; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError
from slugify import slugify

from khcn.core.clock import VIETNAM
from khcn.core.periods import EXAMPLES as PERIOD_EXAMPLES
from khcn.core.periods import Period, parse_period
from khcn.data.markup import first_problem


def reject(found: str, expected: str, offset: int | None = None) -> PydanticCustomError:
    """A value refused: what was found, what was expected; `offset`: where in the text (for its line)."""
    context = {"found": found, "expected": expected}
    if offset is not None:
        context["offset"] = offset
    return PydanticCustomError("khcn", "{expected}", context)


def _text_of(value: object, expected: str) -> str:
    if value is None:
        raise reject("một giá trị trống", expected)
    if not isinstance(value, str):
        raise reject(_describe(value), expected)
    return value.strip()


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "một nhóm trường"
    if isinstance(value, list):
        return "một danh sách"
    return f"`{value}`"


TEXT_EXPECTED = "một đoạn chữ"


def read_text(value: object) -> str:
    """Editors' words, under the markup policy of khcn.data.markup (checked as typed, spaces around included)."""
    if isinstance(value, str) and (problem := first_problem(value)):
        raise reject(problem.found, problem.expected, problem.offset)
    text = _text_of(value, TEXT_EXPECTED)
    if not text:
        raise reject("một đoạn chữ trống", TEXT_EXPECTED)
    return text


# --- numbers: as large and as precise as the site can show exactly -----------------------------------------------
# Excel keeps 15 significant digits (the XLSX downloads; the figures that come back through make xlsx-import), and a
# decimal of at most 15 significant digits survives a binary double unchanged (the JSON download as JavaScript reads
# it, the charts' floats). Beyond that a figure would be shown rounded somewhere, or crash a writer: refused here.
MAX_DIGITS = 15
MAX_COUNT = 10**MAX_DIGITS - 1  # 999.999.999.999.999
_SHOWN_DIGITS = 24  # a longer number is quoted back to the editor cut short, with its count of digits

# ASCII digits only: `\d` alone also matches ١٢ or １２, which int() would read as 12
_DIGITS = re.compile(r"^\d+$", re.ASCII)
_GROUPED = re.compile(r"^\d{1,3}([.,  ]\d{3})+$", re.ASCII)
COUNT_EXPECTED = "một số nguyên không âm viết liền, ví dụ 42 (không dấu chấm, dấu phẩy hay chữ)"
COUNT_TOO_LARGE_EXPECTED = (f"một số đếm có tối đa {MAX_DIGITS} chữ số (không quá {MAX_COUNT:_}): ".replace("_", ".")
                            + "số lớn hơn thì trang web, Excel và tệp tải về không hiện đúng được")


def _digits_shown(text: str, quote: str = "`") -> str:
    """A number quoted back to the editor: whole when short, else its start and how many digits it has."""
    if len(text) <= _SHOWN_DIGITS:
        return f"{quote}{text}{quote}"
    return f"{quote}{text[:_SHOWN_DIGITS // 2]}…{quote} ({len(text)} ký tự)"


def read_count(value: object) -> int:
    text = _text_of(value, COUNT_EXPECTED)
    if _DIGITS.match(text):
        digits = text.lstrip("0") or "0"  # decimal even with leading zeros: an editor's `08` means eight
        if len(digits) > MAX_DIGITS:
            raise reject(f"{_digits_shown(text)}, quá lớn", COUNT_TOO_LARGE_EXPECTED)
        return int(digits, 10)
    if _GROUPED.match(text):
        raise reject(f"`{text}` có dấu ngăn cách hàng nghìn (có thể hiểu sai)",
                     f"viết liền các chữ số, ví dụ {re.sub(r'[^0-9]', '', text)}")
    raise reject(_digits_shown(text), COUNT_EXPECTED)


_DECIMAL = re.compile(r"^\d+(,\d+)?$", re.ASCII)
PERCENTAGE_EXPECTED = "một tỉ lệ phần trăm từ 0 đến 100, dấu phẩy trước phần thập phân, ví dụ 100 hoặc 86,96"
PERCENTAGE_PRECISION_EXPECTED = (f"một tỉ lệ phần trăm có tối đa {MAX_DIGITS} chữ số (không kể các số 0 ở đầu và ở "
                                 "cuối phần thập phân), ví dụ 86,96")


def read_percentage(value: object) -> Decimal:
    text = _text_of(value, PERCENTAGE_EXPECTED).removesuffix("%").strip()
    if "." in text:
        raise reject(f"{_digits_shown(text)} có dấu chấm", "dấu phẩy trước phần thập phân, ví dụ 86,96")
    if not _DECIMAL.match(text):
        raise reject(_digits_shown(text), PERCENTAGE_EXPECTED)
    number = Decimal(text.replace(",", "."))
    if number > 100:
        raise reject(f"{_digits_shown(text, quote='')}% (lớn hơn 100%)", PERCENTAGE_EXPECTED)
    if len(number.normalize().as_tuple().digits) > MAX_DIGITS:
        raise reject(f"{_digits_shown(text)}, quá nhiều chữ số", PERCENTAGE_PRECISION_EXPECTED)
    return number


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATE_EXPECTED = "một ngày dạng ngày/tháng/năm, ví dụ 04/02/2021"


def read_date(value: object) -> date:
    text = _text_of(value, DATE_EXPECTED)
    if match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise reject(f"`{text}`", DATE_EXPECTED)
    try:
        return date(year, month, day)
    except ValueError:
        raise reject(f"ngày `{text}` không có trong lịch", "một ngày có thật, ví dụ 28/02/2021") from None


_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(SA|CH))?$", re.IGNORECASE)
DATETIME_EXPECTED = "ngày và giờ dạng ngày/tháng/năm giờ:phút (giờ Việt Nam), ví dụ 01/10/2021 17:25"


def read_datetime(value: object) -> datetime:
    text = _text_of(value, DATETIME_EXPECTED)
    try:
        parsed = datetime.fromisoformat(text)
        if "T" in text and parsed.tzinfo is not None:
            return parsed.astimezone(VIETNAM)
    except ValueError:
        pass
    day_text, _, time_text = text.partition(" ")
    match = _TIME.match(time_text.strip())
    if not match:
        raise reject(f"`{text}`", DATETIME_EXPECTED)
    day = read_date(day_text)
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:  # 12-hour clock of the old site: SA before noon, CH after
        if not 1 <= hour <= 12:
            raise reject(f"giờ `{time_text.strip()}`", "giờ từ 1 đến 12 khi có SA/CH, ví dụ 5:25:56 CH")
        hour = hour % 12 + (12 if match[4].upper() == "CH" else 0)
    try:
        return datetime.combine(day, time(hour, minute, second), VIETNAM)
    except ValueError:
        raise reject(f"giờ `{time_text.strip()}` không có thật", "giờ từ 0:00:00 đến 23:59:59") from None


_MONTH = re.compile(r"^(\d{1,2})/(\d{4})$|^(\d{4})-(\d{2})$")
MONTH_EXPECTED = "một tháng dạng tháng/năm, ví dụ 01/2021"


def read_month(value: object) -> date:
    """A month (`01/2021`), kept as its first day; a full date is accepted and kept as it is."""
    text = _text_of(value, MONTH_EXPECTED)
    match = _MONTH.match(text)
    if not match:
        if _DMY.match(text) or _ISO_DATE.match(text):
            return read_date(text)
        raise reject(f"`{text}`", MONTH_EXPECTED)
    month, year = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
    if not 1 <= month <= 12:
        raise reject(f"tháng `{text}` không có trong lịch", MONTH_EXPECTED)
    return date(year, month, 1)


_YEAR = re.compile(r"^(\d{4})$")
MOMENT_EXPECTED = "một năm (2004), một tháng (01/2004) hoặc một ngày (04/02/2004)"


@dataclass(frozen=True, order=True)
class Moment:
    """A date of the history, as precise as the editor knows it: a year, a month or a day."""

    start: date  # the first day of the year or month
    precision: int  # 0 year, 1 month, 2 day

    def __str__(self) -> str:
        return [f"{self.start:%Y}", f"{self.start:%m/%Y}", f"{self.start:%d/%m/%Y}"][self.precision]


def read_moment(value: object) -> Moment:
    text = _text_of(value, MOMENT_EXPECTED)
    if _YEAR.match(text):
        return Moment(date(int(text), 1, 1), 0)
    if _MONTH.match(text):
        return Moment(read_month(text), 1)
    if _DMY.match(text) or _ISO_DATE.match(text):
        return Moment(read_date(text), 2)
    raise reject(f"`{text}`", MOMENT_EXPECTED)


_FLAGS = {"true": True, "false": False, "có": True, "không": False}
FLAG_EXPECTED = "`có` hoặc `không` (hoặc true/false)"


def read_flag(value: object) -> bool:
    text = _text_of(value, FLAG_EXPECTED)
    if text.lower() not in _FLAGS:
        raise reject(f"`{text}`", FLAG_EXPECTED)
    return _FLAGS[text.lower()]


_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_EXPECTED = "một mã viết thường, không dấu, các từ nối bằng dấu `-`, ví dụ `de-tai-du-an`"


def read_slug(value: object) -> str:
    text = _text_of(value, SLUG_EXPECTED)
    if not _SLUG.match(text):
        suggestion = slugify(text)
        hint = f" (có thể là `{suggestion}`)" if suggestion and suggestion != text else ""
        raise reject(f"`{text}`", SLUG_EXPECTED + hint)
    return text


def _text_matching(pattern: re.Pattern, expected: str):
    """A reader of a text written in one shape (an address, a code): refused with `expected` otherwise."""
    def read(value: object) -> str:
        text = _text_of(value, expected)
        if not pattern.match(text):
            raise reject(f"`{text}`", expected)
        return text
    return read


# --- issue 12b: web addresses and the codes of administrative procedures ---------------------------------------

_URL = re.compile(r"^https://([a-z0-9-]+(\.[a-z0-9-]+)+)(/\S*)?$")
URL_EXPECTED = "một địa chỉ web đầy đủ bắt đầu bằng https://, ví dụ https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"
read_url = _text_matching(_URL, URL_EXPECTED)


def url_host(url: str) -> str:
    """The host of an address read by `read_url`: `https://dichvucong.gov.vn/p/…` -> dichvucong.gov.vn."""
    return _URL.match(url)[1]


_PROCEDURE_CODE = re.compile(r"^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$")
PROCEDURE_CODE_EXPECTED = ("mã thủ tục trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, "
                           "ví dụ 1.004619 hoặc 1.004619.000.00.00.H56")
read_procedure_code = _text_matching(_PROCEDURE_CODE, PROCEDURE_CODE_EXPECTED)


# --- issue 12c: e-mail and web addresses of the contact point and the feedback channel ----------------------------

_EMAIL = re.compile(r"^[^@\s<>\"'`]+@[^@\s<>\"'`]+\.[^@\s<>\"'`.]+$")
EMAIL_EXPECTED = "một địa chỉ thư điện tử, ví dụ vanphong@example.gov.vn"
read_email = _text_matching(_EMAIL, EMAIL_EXPECTED)


_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"  # one part of a host name
_WEB = re.compile(rf"^https://{_LABEL}(\.{_LABEL})+(/[^\s<>\"'`]*)?$")  # no quote or bracket: safe in href=""
WEB_EXPECTED = "một địa chỉ trang web bắt đầu bằng https://, không có dấu cách, ví dụ https://dichvucong.gov.vn/"
read_web_address = _text_matching(_WEB, WEB_EXPECTED)


PERIOD_EXPECTED = f"một kỳ báo cáo: {PERIOD_EXAMPLES}"


def read_period(value: object) -> Period:
    text = _text_of(value, PERIOD_EXPECTED)
    period = parse_period(text)
    if period is None:
        raise reject(f"`{text}`", PERIOD_EXPECTED)
    return period


# --- the same types as the VS Code YAML extension sees them (JSON Schema, for khcn.data.schemas) -------------------
# The extension types a value before checking it: `42` is a number, `true` a boolean, `có`, `86,96` and `01/10/2021`
# are text (and, YAML 1.2, so is 2021-10-01). Each schema admits every shape in which the reader above accepts a
# value, and as little else as a pattern can say. Patterns are JavaScript regular expressions without flags, so a
# word read case-insensitively is spelled letter by letter. `patternErrorMessage` is the extension's own keyword:
# the reader's Vietnamese wording instead of a raw pattern.

def _json(expected: str, pattern: str, **schema) -> WithJsonSchema:
    return WithJsonSchema({**schema, "pattern": pattern, "patternErrorMessage": f"Cần {expected}."})


def _whole(pattern: str) -> str:
    """The value is this and nothing else (spaces around it aside: the reader strips them)."""
    return rf"^\s*({pattern})\s*$"


_DMY_PATTERN = r"(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])/\d{4}"
_ISO_DATE_PATTERN = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_DATE_PATTERN = f"{_DMY_PATTERN}|{_ISO_DATE_PATTERN}"
_CLOCK = r"[0-5]\d(:[0-5]\d)?"
_TIME_PATTERN = rf"([01]?\d|2[0-3]):{_CLOCK}|(0?[1-9]|1[0-2]):{_CLOCK}\s*([Ss][Aa]|[Cc][Hh])"
_ISO_MOMENT_PATTERN = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})"  # with its offset
_MONTH_PATTERN = rf"(0?[1-9]|1[0-2])/\d{{4}}|\d{{4}}-(0[1-9]|1[0-2])|{_DATE_PATTERN}"
_FLAG_PATTERN = "[Cc][Óó]|[Kk][Hh][Ôô][Nn][Gg]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]"
_PERIOD_PATTERN = r"(19|[2-9]\d)\d{2}(-([Hh][12]|[Qq][1-4]|9[Tt]))?"

# `ten: 2021` or `so: 25` is text to the reader but a number to the extension: text may look like anything but
# blank (and may span lines: a `|` block).
_TEXT_JSON = _json(TEXT_EXPECTED + " (không để trống)", r"\S", type=["string", "number", "boolean"])
_COUNT_JSON = _json(f"{COUNT_EXPECTED}, tối đa {MAX_DIGITS} chữ số", _whole(rf"0*\d{{1,{MAX_DIGITS}}}"),
                    type=["integer", "string"], minimum=0, maximum=MAX_COUNT)
# A number with a dot (86.96) is refused by the reader, so only whole numbers pass as numbers.
_PERCENTAGE_JSON = _json(PERCENTAGE_EXPECTED, _whole(r"0*(100(,0+)?|\d{1,2}(,\d+)?)\s*%?"),
                         type=["integer", "string"], minimum=0, maximum=100)
_DATE_JSON = _json(DATE_EXPECTED, _whole(_DATE_PATTERN), type="string")
_DATETIME_JSON = _json(DATETIME_EXPECTED, _whole(f"({_DATE_PATTERN}) +({_TIME_PATTERN})|{_ISO_MOMENT_PATTERN}"),
                       type="string")
_SLUG_JSON = _json(SLUG_EXPECTED, _whole(_SLUG.pattern.strip("^$")), type=["string", "integer"], minimum=0)  # ma: 2021
_PERIOD_JSON = _json(PERIOD_EXPECTED, _whole(_PERIOD_PATTERN), type=["string", "integer"], minimum=1900, maximum=9999)
_MONTH_JSON = _json(MONTH_EXPECTED, _whole(_MONTH_PATTERN), type="string")
_MOMENT_JSON = _json(MOMENT_EXPECTED, _whole(rf"\d{{4}}|{_MONTH_PATTERN}"), type=["integer", "string"])
_FLAG_JSON = _json(FLAG_EXPECTED, _whole(_FLAG_PATTERN), type=["boolean", "string"], examples=["có", "không"])
_EMAIL_JSON = _json(EMAIL_EXPECTED, _whole(_EMAIL.pattern.strip("^$")), type="string")
_WEB_JSON = _json(WEB_EXPECTED, _whole(_WEB.pattern.strip("^$")), type="string")

Text = Annotated[str, PlainValidator(read_text), _TEXT_JSON]
Count = Annotated[int, PlainValidator(read_count), _COUNT_JSON]
Percentage = Annotated[Decimal, PlainValidator(read_percentage), _PERCENTAGE_JSON]
Date = Annotated[date, PlainValidator(read_date), _DATE_JSON]
DateTime = Annotated[datetime, PlainValidator(read_datetime), _DATETIME_JSON]
Slug = Annotated[str, PlainValidator(read_slug), _SLUG_JSON]
PeriodField = Annotated[Period, PlainValidator(read_period), _PERIOD_JSON]
Month = Annotated[date, PlainValidator(read_month), _MONTH_JSON]
Flag = Annotated[bool, PlainValidator(read_flag), _FLAG_JSON]
# issue 12b
Url = Annotated[str, PlainValidator(read_url), _json(URL_EXPECTED, _whole(_URL.pattern.strip("^$")), type="string")]
ProcedureCode = Annotated[str, PlainValidator(read_procedure_code),
                          _json(PROCEDURE_CODE_EXPECTED, _whole(_PROCEDURE_CODE.pattern.strip("^$")),
                                type=["string", "number"])]
HistoryDate = Annotated[Moment, PlainValidator(read_moment), _MOMENT_JSON]
Email = Annotated[str, PlainValidator(read_email), _EMAIL_JSON]
WebAddress = Annotated[str, PlainValidator(read_web_address), _WEB_JSON]
