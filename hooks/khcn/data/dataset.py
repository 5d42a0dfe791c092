"""Loading `data/` into checked records: every file read, every reference resolved, every total added up.

Layout (README explains each kind to editors):
    data/to-chuc.yaml              the organisation
    data/van-ban.yaml              the register of legal documents
    data/chi-so.yaml               areas and the indicator catalogue
    data/so-lieu/<kỳ>.yaml         the indicators' values of one period, e.g. so-lieu/2021-H1.yaml
    data/bao-cao/<đường-dẫn>.yaml  one report; the file name is its address, e.g. /bao-cao/2021-6-thang-dau-nam/
    data/chuyen-muc.yaml           the categories of the bulletin stream
    data/tin-tuc/<năm>/<đường-dẫn>.md   one bulletin (Markdown); the file name is its address, /tin-tuc/<đường-dẫn>/
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

from pydantic_core import PydanticCustomError

from khcn.core.errors import DataError, DataErrors
from khcn.core.formatting import value_in_table
from khcn.core.history import published_versions
from khcn.core.memory import no_garbage_collection
from khcn.core.periods import EXAMPLES as PERIOD_EXAMPLES
from khcn.core.periods import Period, parse_period
from khcn.core.slugs import RESERVED_BULLETIN_SLUGS, document_anchor
from khcn.data.bulletins import Bulletin, read_bulletin
from khcn.data.fields import read_count, read_percentage, read_slug
from khcn.data.kinds import (
    BULLETINS,
    CATALOGUE,
    CATEGORIES,
    DOCUMENTS,
    ORGANISATION,
    PROJECTS,
    PROTECTIONS,
    REPORTS,
    SINGLE_FILES,
    VALUES,
)
from khcn.data.models import (
    VALUE_MODELS,
    Area,
    Catalogue,
    Categories,
    Category,
    Indicator,
    LegalDocument,
    Organisation,
    ProjectRegister,
    ProtectionRegister,
    Report,
    Value,
)
from khcn.data.richtext import DocumentRef, Malformed, Plain, TableRef, parse_text, references
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument, parse_yaml, prune_cache, read_yaml
from khcn.stats.registers import counted, projects_frame, protections_frame

REPORTS_CATEGORY = "bao-cao"  # reports join the stream in this category


@dataclass(frozen=True)
class ReportPage:
    slug: str
    file: str
    record: Report
    opening: list  # paragraphs of segments (see richtext)
    results: list  # one list of paragraphs per item
    transition: list
    tasks: list

    def segments(self):
        """Every segment of every text of the report (plain runs and references)."""
        for paragraphs in [self.opening, self.transition, *self.results, *self.tasks]:
            for paragraph in paragraphs:
                yield from paragraph


@dataclass
class SiteData:
    organisation: Organisation
    documents: dict[str, LegalDocument]
    catalogue: Catalogue
    values: dict[tuple[str, str], Value]  # (indicator id, period id) -> value
    periods: dict[str, Period]
    reports: list[ReportPage]  # newest first
    projects: ProjectRegister = field(default_factory=ProjectRegister)
    protections: ProtectionRegister = field(default_factory=ProtectionRegister)
    categories: dict[str, Category] = field(default_factory=dict)  # in the editors' order
    bulletins: list[Bulletin] = field(default_factory=list)  # in file order
    normalised: list[str] = field(default_factory=list)  # "file:line" where text was turned into NFC

    # Indexes, built once: pages look values up per indicator and per period thousands of times.
    @functools.cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {indicator.id: indicator for indicator in self.catalogue.indicators}

    @functools.cached_property
    def areas(self) -> dict:
        return {area.id: area for area in self.catalogue.areas}

    @functools.cached_property
    def series_by_indicator(self) -> dict[str, list[tuple[Period, Value]]]:
        """Each indicator's values, oldest period first."""
        index: dict[str, list] = {}
        for (indicator, period), value in self.values.items():
            index.setdefault(indicator, []).append((self.periods[period], value))
        return {indicator: sorted(points, key=lambda item: item[0]) for indicator, points in index.items()}

    @functools.cached_property
    def _by_period(self) -> dict[str, dict[str, Value]]:
        index: dict[str, dict] = {}
        for (indicator, period), value in self.values.items():
            index.setdefault(period, {})[indicator] = value
        return index

    def period_values(self, period_id: str) -> dict[str, Value]:
        return self._by_period.get(period_id, {})


def load_site_data(data_dir: Path, shown_as: str = "data", check_history: bool = True,
                   cache: Path | None = None) -> SiteData:
    """Read and check everything under `data_dir`; raise DataErrors listing every problem found.

    With `check_history`, values already published (committed to git) may change only with a correction note.
    With `cache` (a folder), files read before with the same bytes are not parsed again."""
    loader = _Loader(Path(data_dir), shown_as, check_history, cache)
    with no_garbage_collection():
        site = loader.load()
    if cache is not None:
        prune_cache(cache)
    if loader.errors:
        raise DataErrors(loader.errors)
    return site


class _Loader:
    def __init__(self, data_dir: Path, shown_as: str, check_history: bool = True, cache: Path | None = None):
        self.data_dir = data_dir
        self.docs_dir = data_dir.parent / "docs"  # bulletins' images are site files (docs/anh/)
        self.cache = cache
        self.check_history = check_history
        self.shown_as = shown_as
        self.errors: list[DataError] = []
        self.normalised: list[str] = []
        self.broken: set[str] = set()  # ids of records that failed their own checks (already reported)
        self.catalogue_broken = False
        self.documents_broken = False
        self.categories_broken = False
        self.periods_loaded: set[str] = set()
        self._document_lines: dict[str, int] = {}
        self._value_docs: dict[tuple[str, str], SourceDocument] = {}  # where each value is, for later messages

    def load(self) -> SiteData | None:
        self._check_layout()
        organisation = self._record(ORGANISATION.files, Organisation)
        documents = self._documents()
        catalogue = self._catalogue()
        indicators = {i.id: i for i in catalogue.indicators} if catalogue else {}
        values, periods = self._values(indicators)
        reports = self._reports(indicators, documents, values)
        registers = {"de-tai-du-an": self._register(PROJECTS.files, ProjectRegister),
                     "bao-ho": self._register(PROTECTIONS.files, ProtectionRegister)}
        self._check_registers(registers, indicators, values)
        categories = self._categories(bool(reports))
        bulletins = self._bulletins(categories, indicators, documents, values)
        if self.errors:
            return None
        return SiteData(organisation, documents, catalogue, values, periods, reports,
                        registers["de-tai-du-an"], registers["bao-ho"], categories, bulletins, self.normalised)

    # --- bulletins -------------------------------------------------------------------------------------------

    def _categories(self, has_reports: bool) -> dict[str, Category]:
        doc = self._read(CATEGORIES.files)
        if doc is None:
            self.categories_broken = True
            return {}
        data = doc.data.get("chuyen_muc") if isinstance(doc.data, dict) and set(doc.data) == {"chuyen_muc"} else None
        if data is None:
            self.errors.extend(validate(Categories, doc.data, doc)[1])
            self.categories_broken = True
            return {}
        entries = self._items(doc, ("chuyen_muc",), data, Category, "ma")
        ids = self._unique(doc, ("chuyen_muc",), data)
        categories = {c.id: c for c in entries if c.id in ids}
        if has_reports and REPORTS_CATEGORY not in categories and REPORTS_CATEGORY not in self.broken:
            self._problem(doc, ("chuyen_muc",), f"không có chuyên mục `{REPORTS_CATEGORY}`",
                          f"chuyên mục `{REPORTS_CATEGORY}` (các báo cáo trong {REPORTS.folder}/ "
                          "đăng vào chuyên mục này)")
        return categories

    def _bulletins(self, categories, indicators, documents, values) -> list[Bulletin]:
        bulletins, seen = [], {}
        for path in sorted((self.data_dir / BULLETINS.folder).rglob("*.md")):
            relative = path.relative_to(self.data_dir).as_posix()
            slug = self._bulletin_slug(path, relative, seen)
            if slug is None:
                continue
            bulletin, doc, errors = read_bulletin(path.read_bytes(), self._name(relative), slug)
            self.errors.extend(errors)
            if bulletin is None:
                continue
            if bulletin.normalised:
                self.normalised.append(f"{bulletin.file}:1")
            self._check_bulletin(bulletin, doc, categories, indicators, documents, values)
            bulletins.append(bulletin)
        return bulletins

    def _bulletin_slug(self, path: Path, relative: str, seen: dict) -> str | None:
        """The file name is the address: /tin-tuc/<name>/. Two files of one name (in two year folders) would
        share it."""
        try:
            slug = read_slug(path.stem)
        except PydanticCustomError:
            self.errors.append(DataError(self._name(relative), 1, "tên tệp", f"tên tệp `{path.name}`",
                                         "tên tệp viết thường, không dấu, nối bằng `-`, ví dụ "
                                         "hoi-thao-che-shan-tuyet.md (tên tệp là đường dẫn của bài)"))
            return None
        if slug in RESERVED_BULLETIN_SLUGS:
            self.errors.append(DataError(self._name(relative), 1, "tên tệp", f"tên tệp `{path.name}` trùng đường dẫn "
                                         "của trang danh sách tin", "một tên khác, ví dụ thêm năm vào cuối tên"))
            return None
        if slug in seen:
            self.errors.append(DataError(self._name(relative), 1, "tên tệp",
                                         f"cùng đường dẫn /{BULLETINS.folder}/{slug}/ với tệp {seen[slug]}",
                                         "mỗi bài một tên tệp riêng: đổi tên một trong hai tệp (chưa đăng thì đổi "
                                         "được; bài đã đăng thì giữ tên để không hỏng liên kết)"))
            return None
        seen[slug] = self._name(relative)
        return slug

    def _check_bulletin(self, bulletin: Bulletin, doc, categories, indicators, documents, values) -> None:
        meta = bulletin.meta
        if meta.category not in categories and not self.categories_broken:
            self._problem(doc, ("chuyen_muc",), f"chuyên mục `{meta.category}` chưa khai báo",
                          _one_of(meta.category, list(categories), f"mã một chuyên mục trong {CATEGORIES.files}"))
        if meta.image is not None:
            self._check_image(doc, meta.image)
            if meta.image_alt is None:
                self._problem(doc, ("anh",), "`anh` mà không có `anh_mo_ta`",
                              "`anh_mo_ta`: một câu tả ảnh cho người không xem được ảnh (trình đọc màn hình)")
        for ref in bulletin.segments:
            if isinstance(ref, Plain):
                continue
            problem = self._reference_problem(ref, None, indicators, documents, values)
            if problem:
                self.errors.append(DataError(bulletin.file, bulletin.line_of(ref.offset), "nội dung", *problem))

    def _check_image(self, doc, image: str) -> None:
        expected = "đường dẫn một ảnh trong thư mục docs/anh/, ví dụ /anh/2026/hoi-thao.jpg"
        target = (self.docs_dir / image.lstrip("/")).resolve()
        if not image.startswith("/anh/") or self.docs_dir.resolve() not in target.parents:
            self._problem(doc, ("anh",), f"`{image}`", expected)
        elif not target.is_file():
            self._problem(doc, ("anh",), f"không có tệp ảnh docs{image}", expected)

    # --- registers -------------------------------------------------------------------------------------------

    def _register(self, relative: str, model: type):
        """A register file is optional: without it the register is empty."""
        if not (self.data_dir / relative).is_file():
            return model()
        return self._record(relative, model) or model()

    def _check_registers(self, registers: dict, indicators: dict, values: dict) -> None:
        """Where a register is complete for a period, its count must equal the reported indicator."""
        frames = {"de-tai-du-an": projects_frame(registers["de-tai-du-an"]),
                  "bao-ho": protections_frame(registers["bao-ho"])}
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
                    doc = self._value_docs[(indicator.id, period.id)]
                    file, line = doc.file, doc.line_of((indicator.id,))
                    register_file = PROJECTS.files if register == "de-tai-du-an" else PROTECTIONS.files
                    self.errors.append(DataError(file, line, indicator.id, problem + f" theo sổ {register_file}",
                                                 f"số báo cáo khớp với sổ, hoặc bỏ kỳ {period.id} khỏi "
                                                 f"`day_du_cac_ky` của {register_file} nếu sổ chưa ghi đủ"))

    def _items(self, doc: SourceDocument, path: tuple, items: object, model: type, key: str) -> list:
        """Valid records of a list, each checked on its own so one bad item hides none of the others.
        The ids of invalid items go to `self.broken`: later references to them are not reported twice."""
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
                self.broken.add(item[key].strip())
        return records

    # --- files -----------------------------------------------------------------------------------------------

    def _name(self, relative: str) -> str:
        return f"{self.shown_as}/{relative}"

    def _read(self, relative: str) -> SourceDocument | None:
        path = self.data_dir / relative
        if not path.is_file():
            self.errors.append(DataError(self._name(relative), 1, "", "không có tệp này",
                                         f"tệp `{self._name(relative)}` (xem README, phần Dữ liệu)"))
            return None
        try:
            doc = read_yaml(path, self._name(relative), self.cache)
        except DataErrors as exc:
            self.errors.extend(exc.errors)
            return None
        self.normalised.extend(f"{doc.file}:{line}" for line in doc.normalised)
        if doc.data is None:
            self.errors.append(DataError(doc.file, 1, "", "một tệp trống", "nội dung của tệp"))
            return None
        return doc

    def _record(self, relative: str, model: type):
        doc = self._read(relative)
        if doc is None:
            return None
        record, errors = validate(model, doc.data, doc)
        self.errors.extend(errors)
        return record

    def _check_layout(self) -> None:
        known = set(SINGLE_FILES)
        for path in sorted(self.data_dir.rglob("*")):
            relative = path.relative_to(self.data_dir).as_posix()
            if path.is_dir() or any(part.startswith(".") for part in path.parts):
                continue
            folder = relative.rpartition("/")[0]
            if relative in known or (folder in (VALUES.folder, REPORTS.folder) and path.suffix == ".yaml"):
                continue
            if relative.startswith(BULLETINS.folder + "/") and path.suffix == ".md":
                continue
            hint = "đổi đuôi tệp thành `.yaml`" if path.suffix == ".yml" else (
                f"chỉ các tệp {', '.join(sorted(known))}, {VALUES.folder}/<kỳ>.yaml, {REPORTS.folder}/<tên>.yaml "
                f"và {BULLETINS.folder}/<năm>/<tên>.md (ảnh đặt trong docs/anh/)")
            self.errors.append(DataError(self._name(relative), 1, "", "một tệp không thuộc loại dữ liệu nào "
                                         "(tệp này sẽ bị bỏ qua)", hint))

    # --- documents -------------------------------------------------------------------------------------------

    def _documents(self) -> dict[str, LegalDocument]:
        doc = self._read(DOCUMENTS.files)
        if doc is None:
            self.documents_broken = True
            return {}
        documents: dict[str, LegalDocument] = {}
        anchors: dict[str, str] = {}
        for index, record in enumerate(self._items(doc, (), doc.data, LegalDocument, "so_ky_hieu")):
            line = doc.line_of((index, "so_ky_hieu"))
            anchor = document_anchor(record.number)
            if record.number in documents or anchor in anchors:
                first = anchors.get(anchor, record.number)
                self.errors.append(DataError(doc.file, line, f"{index}.so_ky_hieu",
                                             f"văn bản `{record.number}` trùng với `{first}` đã có ở dòng "
                                             f"{self._document_lines[first]}", "mỗi văn bản ghi một lần"))
                continue
            documents[record.number] = record
            anchors[anchor] = record.number
            self._document_lines[record.number] = line
        return documents

    # --- catalogue -------------------------------------------------------------------------------------------

    def _catalogue(self) -> Catalogue | None:
        doc = self._read(CATALOGUE.files)
        data = doc.data if doc else None
        if not (isinstance(data, dict) and set(data) == {"linh_vuc", "chi_so"}):
            if doc is not None:
                self.errors.extend(validate(Catalogue, data, doc)[1])
            self.catalogue_broken = True
            return None
        areas = self._items(doc, ("linh_vuc",), data["linh_vuc"], Area, "ma")
        indicators = self._items(doc, ("chi_so",), data["chi_so"], Indicator, "ma")
        catalogue = Catalogue.model_construct(areas=tuple(areas), indicators=tuple(indicators))
        self._check_catalogue(doc, data, catalogue)
        return catalogue

    def _check_catalogue(self, doc: SourceDocument, data: dict, catalogue: Catalogue) -> None:
        area_ids = self._unique(doc, ("linh_vuc",), data["linh_vuc"])
        ids = self._unique(doc, ("chi_so",), data["chi_so"])
        positions = {}
        for index, item in enumerate(data["chi_so"]):
            if isinstance(item, dict) and isinstance(item.get("ma"), str):
                positions.setdefault(item["ma"].strip(), index)
        by_id = {indicator.id: indicator for indicator in catalogue.indicators}
        for indicator in catalogue.indicators:
            here = ("chi_so", positions[indicator.id])
            if indicator.area not in area_ids and indicator.area not in self.broken:
                self._problem(doc, here + ("linh_vuc",), f"lĩnh vực `{indicator.area}` chưa khai báo",
                      _one_of(indicator.area, area_ids, "mã một lĩnh vực trong `linh_vuc`"))
            self._unique(doc, here + ("thanh_phan",), data["chi_so"][here[1]].get("thanh_phan"))
            if indicator.components and indicator.kind != "so_luong":
                self._problem(doc, here + ("thanh_phan",), f"thành phần cho chỉ số kiểu `{indicator.kind}`",
                      "thành phần chỉ dùng cho chỉ số kiểu `so_luong`")
            if (indicator.kind == "ty_le") != (indicator.denominator is not None):
                self._problem(doc, here + ("mau_so",), "`mau_so` " + ("thiếu" if indicator.kind == "ty_le" else "thừa"),
                      "`mau_so` (mẫu số đếm gì, ví dụ `UBND cấp xã`) khi và chỉ khi `kieu: ty_le`")
            if indicator.part_of is not None and indicator.part_of not in self.broken:
                parent = by_id.get(indicator.part_of)
                if parent is None or parent.id == indicator.id:
                    self._problem(doc, here + ("thuoc",), f"chỉ số `{indicator.part_of}` không có hoặc là chính nó",
                          _one_of(indicator.part_of, ids, "mã một chỉ số khác trong danh mục"))
                elif parent.kind != indicator.kind:
                    self._problem(doc, here + ("thuoc",), f"chỉ số `{parent.id}` kiểu `{parent.kind}`",
                          f"một chỉ số cùng kiểu `{indicator.kind}`")

    def _unique(self, doc: SourceDocument, path: tuple, items: object) -> list[str]:
        """The `ma` of the items, each once; a repeated one is an error at its second place."""
        seen: dict[str, int] = {}
        for index, item in enumerate(items if isinstance(items, list) else []):
            item_id = item.get("ma") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            item_id = item_id.strip()
            if item_id in seen:
                line = doc.line_of(path + (seen[item_id], "ma"))
                self._problem(doc, path + (index, "ma"), f"mã `{item_id}` trùng với mục ở dòng {line}",
                                    "mỗi mã chỉ dùng cho một mục")
            else:
                seen[item_id] = index
        return list(seen)

    def _problem(self, doc: SourceDocument, path: tuple, found: str, expected: str) -> None:
        self.errors.append(DataError(doc.file, doc.line_of(path), ".".join(map(str, path)), found, expected))

    # --- values ----------------------------------------------------------------------------------------------

    def _values(self, indicators: dict[str, Indicator]):
        values: dict[tuple[str, str], Value] = {}
        periods: dict[str, Period] = {}
        files_of: dict[str, str] = {}  # period id -> its file
        for path in sorted((self.data_dir / VALUES.folder).glob("*.yaml")):
            relative = f"{VALUES.folder}/{path.name}"
            period = parse_period(path.stem)
            if period is None:
                self.errors.append(DataError(self._name(relative), 1, "tên tệp", f"tên tệp `{path.name}`",
                                             f"tên tệp là một kỳ báo cáo, ví dụ 2021-H1.yaml ({PERIOD_EXAMPLES})"))
                continue
            if period.id in files_of:
                self.errors.append(DataError(self._name(relative), 1, "tên tệp",
                                             f"kỳ {period.id} đã có tệp {files_of[period.id]}",
                                             "mỗi kỳ một tệp số liệu: gộp hai tệp làm một"))
                continue
            files_of[period.id] = self._name(relative)
            doc = self._read(relative)
            if doc is None:
                continue
            if not isinstance(doc.data, dict):
                self.errors.append(DataError(doc.file, 1, "", "không phải một nhóm trường",
                                             "mỗi dòng một chỉ số: `ma-chi-so: giá trị`"))
                continue
            periods[period.id] = period
            self.periods_loaded.add(period.id)
            current = {}
            for indicator_id, raw in doc.data.items():
                value = self._value(doc, period.id, indicator_id, raw, indicators)
                if value is not None:
                    values[(indicator_id, period.id)] = current[indicator_id] = value
            self._check_parts(doc, period, current, indicators)
            if self.check_history:
                self._check_corrections(doc, path, current, indicators)
        return values, dict(sorted(periods.items(), key=lambda item: item[1]))

    def _check_corrections(self, doc: SourceDocument, path: Path, current: dict, indicators: dict) -> None:
        """A value readers have seen (any committed version) may change only with a correction note."""
        history = [self._published(text, doc.file, indicators) for _, text in published_versions(path)]
        for indicator_id in sorted({i for version in history for i in version} - set(current)):
            if indicator_id in indicators and f"{indicator_id}@{path.stem}" not in self.broken:
                self._problem(doc, (), f"giá trị đã công bố của `{indicator_id}` bị xoá khỏi tệp",
                      "giữ lại giá trị đã công bố; nếu sai, sửa giá trị và ghi `dinh_chinh`")
        for indicator_id, value in current.items():
            seen = [version[indicator_id] for version in history if indicator_id in version] + [value]
            for old, new in zip(seen, seen[1:]):
                if _essence(old) == _essence(new):
                    continue
                kind = indicators[indicator_id].kind
                if not any(_same_value(kind, note.previous, old) for note in value.corrections):
                    self._problem(doc, (indicator_id,), f"{_change(old, new)} mà không có ghi chú đính chính",
                                  f"thêm vào `{indicator_id}` một mục `dinh_chinh` với `ngay`, "
                                  f"`gia_tri_cu: {value_in_table(old)}` và `ly_do`")

    @staticmethod
    def _published(text: str, name: str, indicators: dict) -> dict:
        """The values of one committed version (a version that did not validate was never published)."""
        try:
            doc = parse_yaml(text, name)
        except DataErrors:
            return {}
        version = {}
        for indicator_id, raw in (doc.data.items() if isinstance(doc.data, dict) else ()):
            if indicator_id in indicators:
                value, errors = validate(VALUE_MODELS[indicators[indicator_id].kind], raw, doc, (indicator_id,))
                if value is not None:
                    version[indicator_id] = value
        return version

    def _value(self, doc: SourceDocument, period_id: str, indicator_id: str, raw: object, indicators: dict):
        indicator = indicators.get(indicator_id)
        if indicator is None:
            if not self.catalogue_broken and indicator_id not in self.broken:  # else already reported
                self._problem(doc, (indicator_id,),
                              f"chỉ số `{indicator_id}` không có trong danh mục {CATALOGUE.files}",
                              _one_of(indicator_id, list(indicators), "mã một chỉ số của danh mục"))
            return None
        value, errors = validate(VALUE_MODELS[indicator.kind], raw, doc, (indicator_id,))
        self.errors.extend(errors)
        self._value_docs[(indicator_id, period_id)] = doc
        if value is None:
            self.broken.add(f"{indicator_id}@{period_id}")
            return None
        if indicator.kind == "so_luong":
            self._check_breakdown(doc, indicator, value, period_id)
        elif indicator.kind == "ty_le" and value.numerator > value.denominator:
            self._problem(doc, (indicator_id, "tu_so"), f"tử số {value.numerator} lớn hơn mẫu số {value.denominator}",
                  "tử số không lớn hơn mẫu số")
        return value

    def _check_breakdown(self, doc: SourceDocument, indicator: Indicator, value, period_id: str) -> None:
        declared = [c.id for c in indicator.components]
        here = (indicator.id, "thanh_phan")
        for component in value.components:
            if component not in declared:
                self._problem(doc, here + (component,),
                              f"thành phần `{component}` không khai báo cho chỉ số `{indicator.id}`",
                              _one_of(component, declared, "thành phần khai báo trong chi-so.yaml"))
        if not value.components or any(c not in declared for c in value.components):
            return
        missing = [c for c in declared if c not in value.components]
        total = sum(value.components.values())
        if missing:
            self.broken.add(f"{indicator.id}@{period_id}")
            self._problem(doc, here, f"thiếu thành phần {', '.join(f'`{c}`' for c in missing)}",
                  "đủ mọi thành phần khai báo, hoặc bỏ cả nhóm `thanh_phan`")
        elif value.bound is None and total != value.value:
            parts = " + ".join(str(n) for n in value.components.values())
            self._problem(doc, (indicator.id, "gia_tri"),
                          f"tổng {value.value} nhưng các thành phần cộng lại {parts} = {total}",
                          "tổng bằng tổng các thành phần")

    def _check_parts(self, doc: SourceDocument, period: Period, values: dict, indicators: dict) -> None:
        """`values`: the period's values by indicator."""
        for indicator in indicators.values():
            if indicator.part_of is None:
                continue
            part, whole = values.get(indicator.id), values.get(indicator.part_of)
            if part is None or whole is None or indicator.kind == "ty_le":
                continue
            if part.value > whole.value:
                self._problem(doc, (indicator.id,), f"{part.value}, lớn hơn `{indicator.part_of}` ({whole.value}) "
                                    "mà chỉ số này là một phần", f"không lớn hơn {whole.value}")

    # --- reports ---------------------------------------------------------------------------------------------

    def _reports(self, indicators, documents, values) -> list[ReportPage]:
        pages = []
        for path in sorted((self.data_dir / REPORTS.folder).glob("*.yaml")):
            relative = f"{REPORTS.folder}/{path.name}"
            try:
                slug = read_slug(path.stem)
            except Exception:
                self.errors.append(DataError(self._name(relative), 1, "tên tệp", f"tên tệp `{path.name}`",
                                             "tên tệp viết thường, không dấu, nối bằng `-`, "
                                             "ví dụ 2021-6-thang-dau-nam.yaml (tên tệp là đường dẫn của trang)"))
                continue
            doc = self._read(relative)
            if doc is None:
                continue
            report, errors = validate(Report, doc.data, doc)
            self.errors.extend(errors)
            if report is None:
                continue
            texts = self._report_texts(doc, report, indicators, documents, values)
            pages.append(ReportPage(slug, doc.file, report, **texts))
        return sorted(pages, key=lambda page: (page.record.published, page.slug), reverse=True)

    def _report_texts(self, doc, report: Report, indicators, documents, values) -> dict:
        parsed = {}
        for key, field_name, text in _texts(report):
            paragraphs = parse_text(text)
            for ref in references(paragraphs):
                problem = self._reference_problem(ref, report.period.id, indicators, documents, values, in_report=True)
                if problem:
                    path = (field_name,) if key is None else (field_name, key)
                    line = doc.line_in_text(path, ref.offset, text)
                    self.errors.append(DataError(doc.file, line, ".".join(map(str, path)), *problem))
            parsed.setdefault(field_name, []).append(paragraphs)
        return {
            "opening": parsed["mo_dau"][0],
            "results": parsed.get("ket_qua", []),
            "transition": parsed.get("chuyen_tiep", [[]])[0],
            "tasks": parsed.get("nhiem_vu", []),
        }

    def _reference_problem(self, ref, own_period: str | None, indicators, documents, values, in_report=False):
        """What is wrong with one reference of a text, or None. `own_period`: the period of a report's text
        (`{{id}}` means that period); a bulletin has none, so its figures name their period."""
        if isinstance(ref, Malformed):
            return ref.found, ref.expected
        if isinstance(ref, TableRef):
            return self._table_problem(ref, indicators, in_report)
        if isinstance(ref, DocumentRef):
            if ref.number not in documents and ref.number not in self.broken and not self.documents_broken:
                return (f"văn bản `{ref.number}` chưa có trong sổ {DOCUMENTS.files}",
                        _one_of(ref.number, list(documents), f"số, ký hiệu của một văn bản trong {DOCUMENTS.files}"))
            return None
        indicator = indicators.get(ref.indicator)
        if indicator is None and (self.catalogue_broken or ref.indicator in self.broken):
            return None  # the catalogue's own error says what to fix first
        if indicator is None:
            return (f"chỉ số `{ref.indicator}` không có trong danh mục {CATALOGUE.files}",
                    _one_of(ref.indicator, list(indicators), "mã một chỉ số của danh mục"))
        if ref.period is None and own_period is None:
            component = '.' + ref.component if ref.component else ''
            example = f"{indicator.id}{component}@{self._latest_period(indicator.id, values)}"
            return (f"`{{{{{ref.indicator}{'.' + ref.component if ref.component else ''}}}}}` không ghi kỳ",
                    f"ghi rõ kỳ của số liệu, ví dụ `{{{{{example}}}}}` (bài đã đăng không đổi số khi có kỳ mới)")
        period = own_period if ref.period is None else ref.period
        value = values.get((indicator.id, period))
        if f"{indicator.id}@{period}" in self.broken:
            return None  # the value's own error says what to fix
        component_ids = [c.id for c in indicator.components]
        if ref.component is not None and ref.component not in component_ids:
            return (f"thành phần `{ref.component}` không có ở chỉ số `{indicator.id}`",
                    _one_of(ref.component, component_ids, "một thành phần khai báo trong chi-so.yaml"))
        if value is None:
            return (f"chỉ số `{indicator.id}` chưa có số liệu kỳ {period}",
                    f"giá trị của `{indicator.id}` trong {VALUES.folder}/{period}.yaml")
        if ref.component is not None and ref.component not in value.components:
            return (f"số liệu kỳ {period} của `{indicator.id}` không chia theo thành phần",
                    f"`thanh_phan` của `{indicator.id}` trong {VALUES.folder}/{period}.yaml")
        return None


    def _table_problem(self, ref: TableRef, indicators, in_report: bool):
        if in_report:
            return ("một bảng số liệu trong lời văn báo cáo",
                    "bảng số liệu của kỳ đã có cuối trang báo cáo; `{{bang…}}` chỉ dùng trong bản tin")
        if not ref.alone:
            return ("bảng số liệu nằm giữa dòng chữ", "`{{bang…}}` đứng riêng một dòng, cách đoạn trên và dưới "
                    "một dòng trống")
        if ref.indicator is not None:
            if ref.indicator not in indicators and not self.catalogue_broken and ref.indicator not in self.broken:
                return (f"chỉ số `{ref.indicator}` không có trong danh mục {CATALOGUE.files}",
                        _one_of(ref.indicator, list(indicators), "mã một chỉ số của danh mục"))
            return None
        period = parse_period(ref.period)
        if period is None or period.id not in self.periods_loaded:
            return (f"kỳ `{ref.period}` chưa có số liệu",
                    f"một kỳ có tệp trong {VALUES.folder}/: "
                    + (", ".join(sorted(self.periods_loaded)) or "chưa có kỳ nào"))
        return None

    @staticmethod
    def _latest_period(indicator_id: str, values) -> str:
        periods = [parse_period(p) for i, p in values if i == indicator_id]
        return max(periods).id if periods else "2021-H1"


def _texts(report: Report):
    """(index, field, text) of every text of a report that may hold references."""
    yield None, "mo_dau", report.opening
    for index, text in enumerate(report.results):
        yield index, "ket_qua", text
    if report.transition:
        yield None, "chuyen_tiep", report.transition
    for index, text in enumerate(report.tasks):
        yield index, "nhiem_vu", text


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


def _change(old, new) -> str:
    """What changed in a published value, in an editor's words."""
    if value_in_table(old) != value_in_table(new):
        return f"giá trị đã công bố {value_in_table(old)} nay là {value_in_table(new)}"
    before, after = getattr(old, "components", {}), getattr(new, "components", {})
    parts = [f"`{c}` {before.get(c, 'trống')} nay là {after.get(c, 'trống')}"
             for c in dict.fromkeys([*before, *after]) if before.get(c) != after.get(c)]
    return f"giá trị đã công bố {value_in_table(old)} có thành phần đổi: {', '.join(parts)}"


def _essence(value) -> dict:
    return value.model_dump(exclude={"corrections"})


def _same_value(kind: str, text: str, old) -> bool:
    """Does an editor's `gia_tri_cu` name the value that was published?"""
    try:
        if kind == "so_luong":
            return read_count(text.removeprefix("trên").removeprefix("dưới").removeprefix("khoảng")) == old.value
        if kind == "ty_le":
            numerator, _, denominator = text.partition("(")[0].partition("/")
            return (read_count(numerator), read_count(denominator)) == (old.numerator, old.denominator)
        return read_percentage(text) == old.value
    except PydanticCustomError:
        return False


def _one_of(found: str, choices: list[str], expected: str) -> str:
    """`expected`, with the closest choice when there is one (`26/kh-ubnd` → `26/KH-UBND`)."""
    same_letters = [c for c in choices if c.casefold() == found.casefold()]
    close = same_letters or difflib.get_close_matches(found, choices, n=1, cutoff=0.6)
    return expected + (f" (có phải `{close[0]}`?)" if close else "")
