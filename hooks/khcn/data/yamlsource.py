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
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present: same nodes, faster


class _StrictYamlLoader(_BASE):
    """Composes nodes without guessing types: every scalar stays text, so the resolver's regexes (a third of the
    reading time) are skipped. Explicit tags never reach `resolve` and are still refused below."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


_LOADER = _StrictYamlLoader


@dataclass
class SourceDocument:
    """The plain data of one YAML file, with the line of every value and key."""

    file: str
    data: object
    lines: dict | None = field(default_factory=dict)  # Path_ -> 1-based line; None: not worked out yet
    normalised: list = field(default_factory=list)  # lines where text was turned into NFC
    literal: set = field(default_factory=set)  # paths of `|` block texts, whose lines map one to one
    text: str = ""  # the file, to work the lines out again for a document read from the cache

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


def prune_cache(cache: Path, days: int = 14) -> None:
    """Forget readings not used for `days`: old versions of edited files."""
    limit = time.time() - days * 86400
    for entry in cache.glob("*.pickle") if cache.is_dir() else ():
        if entry.stat().st_mtime < limit:
            entry.unlink(missing_ok=True)


def parse_yaml(raw: bytes | str, name: str) -> SourceDocument:
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            expected = "tệp lưu dạng UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)"
            raise DataError(name, line, "", "ký tự không phải UTF-8", expected).as_errors() from None
    else:
        text = raw
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DataError(name, line, "", f"lỗi cú pháp YAML: {_problem_in_words(exc.problem)}",
                        "YAML hợp lệ: kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép ở dòng này "
                        "hoặc dòng ngay trên").as_errors() from None
    if len(nodes) > 1:
        raise DataError(name, nodes[1].start_mark.line + 1, "", "nhiều tài liệu YAML (dấu ---)",
                        "một tài liệu duy nhất trong mỗi tệp").as_errors()
    doc = SourceDocument(file=name, data=None, text=text)
    if not nodes:
        return doc
    errors: list[DataError] = []
    doc.data = _convert(nodes[0], (), doc, errors)
    if errors:
        raise DataError.combine(errors)
    return doc


# What PyYAML says, in an editor's words (the cases editors meet; others keep PyYAML's English in brackets).
_PROBLEMS = {  # libyaml's wording, then PyYAML's own where it differs
    "mapping values are not allowed": "dấu hai chấm không đúng chỗ (một giá trị có `: ` phải đặt trong ngoặc kép, "
                                      "ví dụ \"Chú ý: …\"; hoặc dòng trên thiếu dấu hai chấm)",
    "found character that cannot start any token": "một ký tự không được đứng đầu giá trị (Tab dùng để thụt lề, "
                                                   "hoặc @ ` % ở đầu giá trị: thụt lề bằng dấu cách, đặt giá trị "
                                                   "trong ngoặc kép)",
    "found character '\\t' that cannot start any token": "ký tự Tab (thụt lề bằng dấu cách, không dùng Tab)",
    "did not find expected key": "thụt lề không đều (các trường, các mục `- ` cùng cấp phải thẳng cột)",
    "could not find expected ':'": "thiếu dấu hai chấm sau tên trường",
    "found unexpected end of stream": "chuỗi trong ngoặc kép chưa đóng",
    "found undefined alias": "dấu `*` ở đầu giá trị (đặt giá trị trong ngoặc kép)",
}


def _problem_in_words(problem: str | None) -> str:
    problem = problem or ""
    for english, words in _PROBLEMS.items():
        if problem.startswith(english):
            return words
    return f"({problem})"


def _convert(node: yaml.Node, path: Path_, doc: SourceDocument, errors: list) -> object:
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, doc, errors)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            _explicit_tag(node, path, doc, errors)
        return [_convert(item, path + (i,), doc, errors) for i, item in enumerate(node.value)]
    return _convert_scalar(node, path, doc, errors)


def _convert_mapping(node: yaml.MappingNode, path: Path_, doc, errors) -> dict:
    if node.tag != "tag:yaml.org,2002:map":
        _explicit_tag(node, path, doc, errors)
    result: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append(DataError(doc.file, key_node.start_mark.line + 1, _dotted(path), "một khoá phức tạp",
                                    "tên trường là một chữ đơn giản, ví dụ `ten:`"))
            continue
        if key_node.value == "<<" and not key_node.style:
            errors.append(DataError(doc.file, key_node.start_mark.line + 1, _dotted(path), "khoá gộp `<<`",
                                    "viết đầy đủ từng trường, không dùng `<<`"))
            continue
        key = _nfc(key_node.value, key_node, doc)
        line = key_node.start_mark.line + 1
        if key in result:
            first = doc.lines[path + (key,)]
            errors.append(DataError(doc.file, line, _dotted(path + (key,)),
                                    f"trường `{key}` viết hai lần (lần đầu ở dòng {first})",
                                    "mỗi trường chỉ viết một lần; xoá hoặc gộp một trong hai"))
            continue
        doc.lines[path + (key,)] = line
        result[key] = _convert(value_node, path + (key,), doc, errors)
    return result


def _convert_scalar(node: yaml.ScalarNode, path: Path_, doc, errors) -> str | None:
    if node.tag not in _IMPLICIT_SCALAR_TAGS:
        _explicit_tag(node, path, doc, errors)
    if not node.style and node.value in _NULL_WORDS:  # plain style: None in PyYAML, "" in libyaml
        return None
    if node.style == "|":
        doc.literal.add(path)
    return _nfc(node.value, node, doc)


def _nfc(text: str, node: yaml.Node, doc: SourceDocument) -> str:
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        doc.normalised.append(node.start_mark.line + 1)
    return normal


def _explicit_tag(node, path, doc, errors) -> None:
    errors.append(DataError(doc.file, node.start_mark.line + 1, _dotted(path), f"thẻ YAML `{node.tag}`",
                            "giá trị viết thẳng, không có thẻ `!…`/`!!…`"))


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


# The only scalar tag our loader gives; an explicit tag (`!!int 5`, `!!python/…`) is refused.
_IMPLICIT_SCALAR_TAGS = {"tag:yaml.org,2002:str"}
