"""data/chi-so.yaml: the areas and the indicators, and what must hold between them."""

from __future__ import annotations

from khcn.data.dataset.failures import Failures
from khcn.data.dataset.reading import Reading, one_of
from khcn.data.kinds import CATALOGUE
from khcn.data.models import Area, Catalogue, Indicator, IndicatorKind
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument


def read_catalogue(reading: Reading, failures: Failures) -> Catalogue | None:
    doc = reading.read(CATALOGUE.files)
    data = doc.data if doc else None
    if not (isinstance(data, dict) and set(data) == {"linh_vuc", "chi_so"}):
        if doc is not None:
            reading.errors.extend(validate(Catalogue, data, doc)[1])
        failures.file_failed(CATALOGUE)
        return None
    areas = reading.items(doc, ("linh_vuc",), data["linh_vuc"], Area, "ma", failures)
    indicators = reading.items(doc, ("chi_so",), data["chi_so"], Indicator, "ma", failures)
    catalogue = Catalogue.model_construct(areas=tuple(areas), indicators=tuple(indicators))
    _check_catalogue(reading, failures, doc, data, catalogue)
    return catalogue


def _check_catalogue(reading: Reading, failures: Failures, doc: SourceDocument, data: dict,
                     catalogue: Catalogue) -> None:
    area_ids = reading.unique(doc, ("linh_vuc",), data["linh_vuc"])
    ids = reading.unique(doc, ("chi_so",), data["chi_so"])
    positions = {}
    for index, item in enumerate(data["chi_so"]):
        if isinstance(item, dict) and isinstance(item.get("ma"), str):
            positions.setdefault(item["ma"].strip(), index)
    by_id = {indicator.id: indicator for indicator in catalogue.indicators}
    for indicator in catalogue.indicators:
        here = ("chi_so", positions[indicator.id])
        if indicator.area not in area_ids and not failures.area(indicator.area):
            reading.problem(doc, here + ("linh_vuc",), f"lĩnh vực `{indicator.area}` chưa khai báo",
                            one_of(indicator.area, area_ids, "mã một lĩnh vực trong `linh_vuc`"))
        reading.unique(doc, here + ("thanh_phan",), data["chi_so"][here[1]].get("thanh_phan"))
        if indicator.components and indicator.kind is not IndicatorKind.COUNT:
            reading.problem(doc, here + ("thanh_phan",), f"thành phần cho chỉ số kiểu `{indicator.kind}`",
                            f"thành phần chỉ dùng cho chỉ số kiểu `{IndicatorKind.COUNT}`")
        is_ratio = indicator.kind is IndicatorKind.RATIO
        if is_ratio != (indicator.denominator is not None):
            expected = f"`mau_so` (mẫu số đếm gì, ví dụ `UBND cấp xã`) khi và chỉ khi `kieu: {IndicatorKind.RATIO}`"
            reading.problem(doc, here + ("mau_so",), "`mau_so` " + ("thiếu" if is_ratio else "thừa"), expected)
        if indicator.part_of is not None and not failures.indicator(indicator.part_of):
            parent = by_id.get(indicator.part_of)
            if parent is None or parent.id == indicator.id:
                reading.problem(doc, here + ("thuoc",), f"chỉ số `{indicator.part_of}` không có hoặc là chính nó",
                                one_of(indicator.part_of, ids, "mã một chỉ số khác trong danh mục"))
            elif parent.kind != indicator.kind:
                reading.problem(doc, here + ("thuoc",), f"chỉ số `{parent.id}` kiểu `{parent.kind}`",
                                f"một chỉ số cùng kiểu `{indicator.kind}`")
