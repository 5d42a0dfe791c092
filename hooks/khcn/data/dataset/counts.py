"""Register counts against reported values: where a register is complete for a period, its count must equal the
indicator counted in it."""

from __future__ import annotations

from khcn.core.errors import DataError
from khcn.data.dataset.reading import Reading
from khcn.data.dataset.values import Values
from khcn.data.models import Indicator
from khcn.data.registerkinds import REGISTER_KINDS
from khcn.stats.registers import counted, register_frame


def check_register_counts(reading: Reading, registers: dict, indicators: dict, read: Values) -> None:
    """Where a register is complete for a period, its count must equal the reported indicator."""
    values = read.values
    frames = {register: register_frame(REGISTER_KINDS[register], entries)
              for register, entries in registers.items()}
    for indicator in indicators.values():
        register = indicator.counted_in
        if register is None:
            continue
        for period in registers[register].complete_periods:
            value = values.get((indicator.id, period.id))
            if value is None:
                continue
            found = counted(frames[register], register, period)
            problem = _disagreement(indicator, value, found)
            if problem:
                doc = read.files[period.id].doc
                file, line = doc.file, doc.line_of((indicator.id,))
                register_file = REGISTER_KINDS[register].file
                reading.errors.append(DataError(file, line, indicator.id, problem + f" theo sổ {register_file}",
                                                f"số báo cáo khớp với sổ, hoặc bỏ kỳ {period.id} khỏi "
                                                f"`day_du_cac_ky` của {register_file} nếu sổ chưa ghi đủ"))


def _disagreement(indicator: Indicator, value, found) -> str | None:
    """How a reported count differs from the register's count, or None when they agree."""
    total = int(found.sum())
    if value.value != total:
        return f"báo cáo ghi {value.value} nhưng đếm được {total}"
    for component in indicator.components:
        reported, counted_here = value.components.get(component.id), int(found.get(component.id, 0))
        if reported is not None and reported != counted_here:
            return f"thành phần `{component.id}` báo cáo ghi {reported} nhưng đếm được {counted_here}"
    return None
