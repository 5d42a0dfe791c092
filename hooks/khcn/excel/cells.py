"""One Excel cell read as an editor means it: the figure's text as editors write it in YAML (`42`, `86,96`), `-` for
"no figure this period", or None for an empty cell.

A cell arrives either as a real Excel number (int, or a float: 42.0, 86.96, 0.8696 in a `%` cell) or as text typed in
a Text cell or pasted from elsewhere (`1.234`, `86,96%`). Numbers are taken at Excel's own precision (15 significant
digits), so a float that Excel shows as 86,96 is 86,96 here and never 86.96000000000001. Text is read by the same
readers as the YAML files, with the same refusals (a dot between digits is ambiguous and never guessed).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal

from pydantic_core import PydanticCustomError

from khcn.data.fields import COUNT_TOO_LARGE_EXPECTED, MAX_COUNT, read_count, read_percentage
from khcn.data.models import BOUND_WORDS

DASH = "-"
_DASHES = {"-", "–", "—"}  # Word and Excel turn a typed `-` into a dash now and then
_GROUPED = re.compile(r"^\d{1,3}([.,  ]\d{3})+$")
COUNT_EXPECTED = "một số nguyên không âm, ví dụ 42 (chỉ số này là số đếm)"
EMPTY_EXPECTED = "ghi số liệu, hoặc `-` nếu kỳ này không có số liệu"


class CellIssue(Exception):
    """What is wrong with one cell: what was found and what was expected, in an editor's words."""

    def __init__(self, found: str, expected: str):
        super().__init__(f"{found}; {expected}")
        self.found, self.expected = found, expected


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> str:
    """A cell's content quoted back to the editor, numbers the Vietnamese way (`86,96`)."""
    if isinstance(value, float):
        return f"`{excel_decimal(value)}`".replace(".", ",")
    return f"`{str(value).strip()}`"


def excel_decimal(number: float) -> Decimal:
    """A float at Excel's precision: the digits Excel shows, not the binary's tail."""
    return Decimal(format(number, ".15g"))


def count_text(value: object) -> str | None:
    """`42`, `-` or None (empty); CellIssue for anything else."""
    if is_empty(value):
        return None
    if isinstance(value, str):
        return _count_from_text(value.strip())
    number = _number(value)
    if number != number.to_integral_value():
        raise CellIssue(f"số thập phân {shown(value)}", COUNT_EXPECTED)
    if number < 0:
        raise CellIssue(f"số âm {shown(value)}", COUNT_EXPECTED)
    if number > MAX_COUNT:
        raise CellIssue(f"số {shown(value)}, quá lớn", COUNT_TOO_LARGE_EXPECTED)
    return str(int(number))


def percent_text(value: object, number_format: str = "General") -> str | None:
    """`86,96`, `-` or None (empty); CellIssue for anything else. A number in a `%` cell (Excel keeps 86,96% as
    0.8696) is read as the percentage Excel shows."""
    if is_empty(value):
        return None
    if isinstance(value, str):
        text = value.strip()
        if text in _DASHES:
            return DASH
        try:
            number = read_percentage(text)
        except PydanticCustomError as exc:
            raise CellIssue(exc.context["found"], exc.context["expected"]) from None
    else:
        number = _number(value) * (100 if "%" in number_format else 1)
        shown_number = percent(number)
        if number < 0:
            raise CellIssue(f"số âm {shown_number}", "một tỉ lệ phần trăm từ 0 đến 100, ví dụ 86,96")
        if number > 100:
            raise CellIssue(f"{shown_number}% (lớn hơn 100%)", "một tỉ lệ phần trăm từ 0 đến 100, ví dụ 86,96")
    return percent(number)


def percent(number: Decimal) -> str:
    """`86,96`, `100`: as editors write a percentage (no trailing zeros, a comma before the decimals)."""
    return format(number.normalize(), "f").replace(".", ",")


def bound_code(value: object) -> str | None:
    """`tren`/`duoi`/`khoang` for the words of the drop-down list (or the codes), None for an empty cell."""
    if is_empty(value):
        return None
    text = unicodedata.normalize("NFC", str(value)).strip().casefold()
    codes = {word: code for code, word in BOUND_WORDS.items()} | {code: code for code in BOUND_WORDS}
    if text not in codes:
        raise CellIssue(shown(value), "một trong các chữ trên, dưới, khoảng (chọn trong danh sách), hoặc để trống "
                                      "khi số liệu là số chính xác")
    return codes[text]


def note_text(value: object) -> str | None:
    """A free text (the reason of a correction), None when empty."""
    if is_empty(value):
        return None
    if isinstance(value, float):
        return str(excel_decimal(value)).replace(".", ",")
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


def _count_from_text(text: str) -> str:
    if text in _DASHES:
        return DASH
    if _GROUPED.match(text):  # `1.234`: one thousand two hundred and thirty-four, or a slip for 1,234?
        digits = re.sub(r"\D", "", text)
        raise CellIssue(f"`{text}` có dấu ngăn cách hàng nghìn (có thể hiểu sai)",
                        f"viết {digits}: các chữ số viết liền, không dấu chấm, dấu phẩy hay dấu cách")
    word = next((w for w in BOUND_WORDS.values() if text.casefold().startswith(w)), None)
    if word:
        raise CellIssue(f"`{text}`", f"chỉ ghi số ở ô này và chọn `{word}` ở cột So sánh")
    try:
        return str(read_count(text))
    except PydanticCustomError as exc:
        too_large = exc.context["expected"] == COUNT_TOO_LARGE_EXPECTED
        raise CellIssue(exc.context["found"], COUNT_TOO_LARGE_EXPECTED if too_large else COUNT_EXPECTED) from None


def _number(value: object) -> Decimal:
    """A real Excel number as a Decimal; CellIssue for a date, a yes/no or an error value."""
    if isinstance(value, bool):
        raise CellIssue(f"giá trị đúng/sai {shown(value)}", "một con số")
    if isinstance(value, (datetime, date, time)):
        when = value.strftime("%d/%m/%Y" if isinstance(value, date) else "%H:%M")
        raise CellIssue(f"một ngày tháng ({when}): Excel đã tự đổi số vừa gõ thành ngày giờ",
                        "định dạng ô là General (Chung) rồi gõ lại con số")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float) and math.isfinite(value):
        return excel_decimal(value)
    raise CellIssue(shown(value), "một con số")
