"""Strict YAML reading for editors' files.

PyYAML's `safe_load` silently turns `5:25:56` into 19556, `010` into 8, `no` into False and `1.234` into a float,
and lets a key written twice overwrite the first. Here every scalar stays the text the editor typed (an empty value
becomes None), a duplicated key or a tag is an error, and the line of every value is kept so that later checks can
say where a problem is.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from khcn.core.errors import DataError

Path_ = tuple  # a path to a value: keys and list indices, e.g. ("ket_qua", 2)

_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
# libyaml's parser when present (faster). Only its events are used: the values are built from them below, every
# scalar kept as text (no resolver's guess), which is also faster than composing PyYAML's nodes.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class SourceDocument:
    """The plain data of one YAML file, with the line of every value and key."""

    file: str
    data: object
    lines: dict | None = field(default_factory=dict)  # Path_ -> 1-based line; None: not worked out yet
    normalised: list = field(default_factory=list)  # lines where text was turned into NFC
    literal: set = field(default_factory=set)  # paths of `|` block texts, whose lines map one to one
    text: str = ""  # the file, to work the lines out again for a document read from the cache
    anchor_reported: bool = False  # an anchor or alias was refused (only the first is reported)

    def _lines(self) -> dict:
        if self.lines is None:  # only when a problem is reported: a file from the cache kept no lines
            self.lines = parse_yaml(self.text, self.file).lines
        return self.lines

    def line_in_text(self, path: Path_, offset: int, text: str) -> int:
        """Line of character `offset` of the text at `path` (exact for `|` blocks, else the value's line)."""
        path = tuple(path)
        if path in self.literal:
            return self._lines()[path] + 1 + text[:offset].count("\n")
        return self.line_of(path)

    def line_of(self, path: Path_) -> int:
        """Line of the value at `path`, or of the nearest enclosing value that exists."""
        lines, path = self._lines(), tuple(path)
        while path and path not in lines:
            path = path[:-1]
        return lines.get(path, 1)


# Bump when reading changes what a file gives: cached readings of the old kind are then never used.
CACHE_FORMAT = "1"


def read_yaml(path: Path, display_name: str | None = None, cache: Path | None = None) -> SourceDocument:
    """Read one YAML file; raise DataErrors listing everything that stops it being read.

    With `cache` (a folder), a file read before with the same bytes comes from there: reading YAML is most of
    the time of loading a large site, and most files do not change between two builds."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(name, 1, "", "không đọc được tệp", f"một tệp đọc được ({exc.strerror})").as_errors() from None
    if cache is None:
        return parse_yaml(raw, name)
    entry = cache / (hashlib.sha256(CACHE_FORMAT.encode() + raw).hexdigest() + ".pickle")
    try:
        data, normalised, literal = pickle.loads(entry.read_bytes())
        entry.touch()  # in use: see prune_cache
        return SourceDocument(name, data, None, normalised, literal, raw.decode("utf-8-sig"))
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        pass
    doc = parse_yaml(raw, name)
    cache.mkdir(parents=True, exist_ok=True)
    partial = entry.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(pickle.dumps((doc.data, doc.normalised, doc.literal), protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(entry)  # never a half-written entry, even with two builds at once
    return doc


_YAML_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted string that reads back as exactly `text` (files we write for editors: the scaffold,
    the importer); Vietnamese letters stay readable, control characters become escapes."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + '"'


def prune_cache(cache: Path, days: int = 14, pattern: str = "*.pickle") -> None:
    """Forget readings not used for `days`: old versions of edited files (`pattern`: also the images' renditions,
    khcn.publish.images)."""
    limit = time.time() - days * 86400
    for entry in cache.glob(pattern) if cache.is_dir() else ():
        if entry.stat().st_mtime < limit:
            entry.unlink(missing_ok=True)


# Limits of one file (HUONG-DAN, "Giới hạn của tệp dữ liệu"). The largest real file, a register of 20,000 projects
# (benchmarks/generate_stats_data.py), is 5.5 MB and reads in about 3 s; 16 MiB leaves room for three times that
# and stops a file that would take minutes and gigabytes. Our files nest 4 levels at most (a value's correction
# notes); 20 leaves room for any honest file and keeps the reader far from Python's recursion limit.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 20
ANCHOR_EXPECTED = ("giá trị viết đầy đủ ở từng chỗ, không dùng neo `&tên`, tham chiếu `*tên` hay khoá gộp `<<` "
                   "của YAML (một giá trị bắt đầu bằng & hoặc * thì đặt trong ngoặc kép)")


def size_problem(size: int, text: bytes | str, name: str, limit: int, what: str) -> DataError | None:
    """A file of `size` bytes above `limit`: the problem, at the line where the limit is passed."""
    if size <= limit:
        return None
    head = text[:limit] if isinstance(text, bytes) else text[: limit // 4]  # a character is 1-4 bytes
    line = head.count(b"\n" if isinstance(text, bytes) else "\n") + 1
    return DataError(name, line, "", f"{what} dài {size / 1048576:.1f} MB".replace(".", ","),
                     f"{what} không quá {limit // 1048576} MB (tách thành nhiều tệp, hoặc bỏ phần thừa)")


def parse_yaml(raw: bytes | str, name: str) -> SourceDocument:
    size = len(raw) if isinstance(raw, bytes) or len(raw) * 4 <= MAX_FILE_BYTES else len(raw.encode("utf-8"))
    if (too_big := size_problem(size, raw, name, MAX_FILE_BYTES, "tệp")) is not None:
        raise too_big.as_errors()
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            expected = "tệp lưu dạng UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)"
            raise DataError(name, line, "", "ký tự không phải UTF-8", expected).as_errors() from None
    else:
        text = raw
    if (too_deep := _flow_problem(text, name)) is not None:
        raise too_deep.as_errors()
    loader = _LOADER(text)
    try:
        return _read_stream(loader, name, text)
    except yaml.MarkedYAMLError as exc:
        line, found, expected = syntax_problem(exc, text)
        raise DataError(name, line, "", f"lỗi cú pháp YAML: {found}", expected).as_errors() from None
    except yaml.YAMLError:  # the reader's: a character YAML does not allow, which has no mark
        line, found, expected = _character_problem(text)
        raise DataError(name, line, "", f"lỗi cú pháp YAML: {found}", expected).as_errors() from None
    finally:
        loader.dispose()


# libyaml's scanner slows down with the square of the depth of `[`/`{`: 10,000 levels take seconds, a file of them
# hours. Brackets are counted before it runs (those inside quotes too, so only far above MAX_DEPTH).
_MAX_BRACKETS = 1000
_BRACKET = re.compile(r"[\[\]{}]")


def _flow_problem(text: str, name: str) -> DataError | None:
    if text.count("[") + text.count("{") <= _MAX_BRACKETS:
        return None
    depth = 0
    for match in _BRACKET.finditer(text):
        depth += 1 if match[0] in "[{" else -1
        if depth > _MAX_BRACKETS:
            return DataError(name, text.count("\n", 0, match.start()) + 1, "",
                             f"giá trị lồng nhau quá {MAX_DEPTH} cấp (hơn {_MAX_BRACKETS} dấu ngoặc `[`, `{{` mở liền)",
                             f"không quá {MAX_DEPTH} cấp thụt lề hoặc ngoặc lồng nhau")
    return None


def _read_stream(loader, name: str, text: str) -> SourceDocument:
    """The data of the file's one document, built from the parser's events as they come: an anchor or an alias is
    refused where it stands (nothing is ever expanded, so an alias bomb costs nothing) and a value nested too deep
    is skipped without descending into it."""
    loader.get_event()  # the stream's start
    doc = SourceDocument(file=name, data=None, text=text)
    if loader.check_event(yaml.StreamEndEvent):
        return doc
    loader.get_event()  # the document's start
    errors: list[DataError] = []
    doc.data = _value(loader, loader.get_event(), (), doc, errors, 1)
    loader.get_event()  # the document's end
    if not loader.check_event(yaml.StreamEndEvent):
        raise DataError(name, loader.peek_event().start_mark.line + 1, "", "nhiều tài liệu YAML (dấu ---)",
                        "một tài liệu duy nhất trong mỗi tệp").as_errors()
    if errors:
        raise DataError.combine(errors)
    return doc


# A syntax error in an editor's words. The parser's English never reaches an editor: each diagnosis below says what
# is wrong where the editor can see it (the text of the line, not only the parser's state), and an error of a kind
# not listed still gets a Vietnamese message. HUONG-DAN §9 quotes these.
SYNTAX_EXPECTED = "YAML hợp lệ: kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép ở dòng này hoặc dòng ngay trên"
_INDENT_EXPECTED = ("các trường cùng cấp (và các mục `- ` cùng cấp) thẳng cột với nhau, thụt lề bằng dấu cách; "
                    "dòng trên phải là `tên_trường:` thì dòng này mới được thụt vào sâu hơn")
_QUOTE_IT = "đặt cả giá trị trong ngoặc kép, ví dụ ghi_chu: \"{}…\""
_TAB = ("ký tự Tab ở đầu dòng",
        "thụt lề bằng dấu cách (phím Space), không dùng phím Tab; trong trình soạn thảo bật “Insert Spaces”")


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """(line, found, expected) for a parser's error, in Vietnamese."""
    problem, context = exc.problem or "", exc.context or ""
    lines = text.split("\n")
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    start = exc.context_mark.line + 1 if exc.context_mark else line
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    at = here[mark.column] if mark and mark.column < len(here) else ""
    # A tab in the indentation of this line or the one above is the cause whatever the parser calls it
    tab_line = next((n for n in (line, line - 1) if 0 < n <= len(lines) and "\t" in _indent(lines[n - 1])), None)
    if tab_line or "tab character" in problem or at == "\t":
        return tab_line or line, *_TAB
    if "quoted scalar" in context:
        quote = lines[start - 1][exc.context_mark.column] if exc.context_mark else '"'
        if "escape" in problem or "hexdecimal" in problem or "Unicode" in problem:
            return line, "dấu `\\` trong ngoặc kép", ("trong ngoặc kép viết `\\\\` thay cho một dấu `\\`, "
                                                     "hoặc đặt giá trị trong ngoặc đơn '…'")
        return start, f"dấu ngoặc `{quote}` mở ở dòng {start} chưa đóng", (
            f"đóng giá trị bằng dấu `{quote}` cùng loại trên cùng dòng; một dấu `{quote}` bên trong giá trị thì "
            + ("viết `\\\"`" if quote == '"' else "viết hai lần `''`"))
    if "flow sequence" in context or "flow mapping" in context or problem.startswith("expected ',' or"):
        bracket, closing = ("[", "]") if "sequence" in context or "]" in problem else ("{", "}")
        return start, f"dấu ngoặc `{bracket}` mở ở dòng {start} chưa đóng (hoặc thiếu dấu phẩy giữa hai mục)", (
            f"đóng bằng `{closing}` trên cùng dòng; một giá trị chữ bắt đầu bằng `{bracket}` thì đặt trong ngoặc kép")
    if problem.startswith("mapping values are not allowed"):
        before = here[: mark.column] if mark else ""
        if re.search(r":(\s|$)", before.lstrip(" -")):
            return line, "dấu hai chấm `: ` ở giữa một giá trị", _QUOTE_IT.format("Chú ý: ")
        return line, ("thụt lề sai: dòng này thụt vào sâu hơn các trường cùng cấp, hoặc dòng trên thiếu dấu hai "
                      "chấm"), _INDENT_EXPECTED
    if problem.startswith(("did not find expected key", "did not find expected '-'", "expected <block end>")):
        return line, ("thụt lề không đều: dòng này không thẳng cột với các trường (hoặc các mục `- `) cùng cấp "
                      f"từ dòng {start}, hoặc có chữ thừa sau dấu ngoặc kép đóng"), _INDENT_EXPECTED
    if problem.startswith("could not find expected ':'"):
        return start, "một dòng không có dấu hai chấm sau tên trường", (
            "mỗi trường một dòng `tên_trường: giá trị`; một đoạn chữ nhiều dòng thì viết sau `tên_trường: |`")
    if problem.startswith("block sequence entries are not allowed"):
        return line, "mục danh sách `- ` không đúng chỗ", (
            "mỗi mục `- ` một dòng riêng, thẳng cột với các mục khác, dưới một dòng `tên_trường:` không có giá trị")
    if any(word in context for word in ("anchor", "alias", "directive", "tag")):
        first = lines[start - 1][exc.context_mark.column] if exc.context_mark else at
        return start, f"giá trị bắt đầu bằng ký tự “{first}”", _QUOTE_IT.format(first)
    if "block scalar" in context:
        return line, "chữ thừa sau dấu `|` hoặc `>`", ("`|` đứng cuối dòng `tên_trường: |`, đoạn chữ viết ở các "
                                                       "dòng dưới, thụt vào sâu hơn")
    if problem.startswith(("found character that cannot start any token", "did not find expected node content",
                           "found character")):
        sign = at.strip() or "?"
        return line, f"giá trị bắt đầu bằng ký tự “{sign}”", _QUOTE_IT.format(sign)
    return line, "cấu trúc YAML không đọc được ở dòng này", SYNTAX_EXPECTED


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t-"))]


# Characters YAML does not allow in a file (the C0/C1 controls but tab, line feed, return and NEL; surrogates)
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def _character_problem(text: str) -> tuple[int, str, str]:
    match = _NOT_YAML.search(text)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    code = f" (mã U+{ord(match[0]):04X})" if match else ""
    return line, f"một ký tự điều khiển không in được{code}", (
        "chỉ chữ, số và dấu câu in được; xoá ký tự này (thường dán kèm khi sao chép từ Word hoặc PDF)")


def _value(loader, event, path: Path_, doc: SourceDocument, errors: list, depth: int) -> object:
    """The value that starts with `event`, at nesting level `depth` (the file's top is 1)."""
    line = event.start_mark.line + 1
    doc.lines.setdefault(path, line)
    if isinstance(event, yaml.AliasEvent):
        _anchor(doc, errors, line, path, f"tham chiếu YAML `*{event.anchor}`")
        return None
    if event.anchor is not None:
        _anchor(doc, errors, line, path, f"neo YAML `&{event.anchor}`")
    if isinstance(event, yaml.ScalarEvent):
        return _scalar(event, path, doc, errors)
    if depth > MAX_DEPTH:
        errors.append(DataError(doc.file, line, path, f"giá trị lồng nhau quá {MAX_DEPTH} cấp",
                                f"không quá {MAX_DEPTH} cấp thụt lề hoặc ngoặc lồng nhau"))
        _skip(loader, 1)
        return None
    if isinstance(event, yaml.SequenceStartEvent):
        if event.tag not in _NO_TAG and event.tag != "tag:yaml.org,2002:seq":
            _explicit_tag(event, path, doc, errors)
        items = []
        while not loader.check_event(yaml.SequenceEndEvent):
            items.append(_value(loader, loader.get_event(), path + (len(items),), doc, errors, depth + 1))
        loader.get_event()
        return items
    return _mapping(loader, event, path, doc, errors, depth)


def _mapping(loader, event, path: Path_, doc: SourceDocument, errors: list, depth: int) -> dict:
    if event.tag not in _NO_TAG and event.tag != "tag:yaml.org,2002:map":
        _explicit_tag(event, path, doc, errors)
    result: dict = {}
    while not loader.check_event(yaml.MappingEndEvent):
        key_event = loader.get_event()
        line = key_event.start_mark.line + 1
        if isinstance(key_event, yaml.AliasEvent) or getattr(key_event, "anchor", None) is not None:
            _anchor(doc, errors, line, path, f"neo hoặc tham chiếu YAML `{key_event.anchor}` ở tên trường")
            if isinstance(key_event, yaml.CollectionStartEvent):
                _skip(loader, 1)  # the rest of the key
            _skip(loader, 0)  # its value
            continue
        if not isinstance(key_event, yaml.ScalarEvent):
            errors.append(DataError(doc.file, line, path, "một khoá phức tạp",
                                    "tên trường là một chữ đơn giản, ví dụ `ten:`"))
            _skip(loader, 1)
            _skip(loader, 0)
            continue
        if key_event.value == "<<" and not key_event.style:
            _anchor(doc, errors, line, path, "khoá gộp `<<`")
            _skip(loader, 0)
            continue
        key = _nfc(key_event.value, line, doc)
        if key in result:
            first = doc.lines[path + (key,)]
            errors.append(DataError(doc.file, line, path + (key,),
                                    f"trường `{key}` viết hai lần (lần đầu ở dòng {first})",
                                    "mỗi trường chỉ viết một lần; xoá hoặc gộp một trong hai"))
            _skip(loader, 0)
            continue
        doc.lines[path + (key,)] = line
        result[key] = _value(loader, loader.get_event(), path + (key,), doc, errors, depth + 1)
    loader.get_event()
    return result


def _anchor(doc: SourceDocument, errors: list, line: int, path: Path_, found: str) -> None:
    """An anchor, an alias or a merge key: the first of a file is reported (an alias bomb holds thousands)."""
    if not doc.anchor_reported:
        doc.anchor_reported = True
        errors.append(DataError(doc.file, line, path, found, ANCHOR_EXPECTED))


def _skip(loader, level: int) -> None:
    """Consume the events of one value (`level` 0: it has not started; 1: its collection has just started)."""
    if level == 0:
        event = loader.get_event()
        if not isinstance(event, yaml.CollectionStartEvent):
            return
        level = 1
    while level:
        event = loader.get_event()
        if isinstance(event, yaml.CollectionStartEvent):
            level += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            level -= 1


def _scalar(event: yaml.ScalarEvent, path: Path_, doc, errors) -> str | None:
    if event.tag not in _NO_TAG and event.tag != "tag:yaml.org,2002:str":
        _explicit_tag(event, path, doc, errors)
    if not event.style and event.value in _NULL_WORDS:  # plain style
        return None
    if event.style == "|":
        doc.literal.add(path)
    return _nfc(event.value, event.start_mark.line + 1, doc)


def _nfc(text: str, line: int, doc: SourceDocument) -> str:
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        doc.normalised.append(line)
    return normal


def _explicit_tag(event, path, doc, errors) -> None:
    errors.append(DataError(doc.file, event.start_mark.line + 1, path, f"thẻ YAML `{event.tag}`",
                            "giá trị viết thẳng, không có thẻ `!…`/`!!…`"))


# No tag, or the non-specific `!`: the value is read as it is written; any other (`!!int 5`, `!!python/…`) is refused.
_NO_TAG = {None, "!"}
