"""Reading a bulletin file: a front matter block between `---` lines, then the Markdown body.

    ---
    tieu_de: Hội thảo khoa học về chè Shan tuyết
    ngay_dang: "25/11/2026 08:30"
    chuyen_muc: tin-hoat-dong
    ---
    Nội dung…

The front matter is read by the same strict reader as `data/*.yaml` (nothing guessed, a key written twice is an
error), with the file's own line numbers; the body stays the text the editor typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from khcn.core.errors import DataError, DataErrors
from khcn.data.markup import problems_by_line
from khcn.data.models import BulletinMeta
from khcn.data.richtext import Segment, parse_markdown
from khcn.data.validation import validate
from khcn.data.yamlsource import SourceDocument, parse_yaml, size_problem

FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
H1 = re.compile(r"^#(?!#)[ \t]", re.MULTILINE)
EXAMPLE = "tieu_de: …\nngay_dang: \"25/11/2026 08:30\"\nchuyen_muc: tin-hoat-dong"


@dataclass(frozen=True)
class Bulletin:
    slug: str
    file: str  # as editors see it: data/tin-tuc/2021/hoi-thao.md
    meta: BulletinMeta
    body: str
    body_line: int  # the file's line of the body's first line
    segments: list[Segment]  # the body, with its references (see richtext)
    normalised: bool  # the file held NFD text, read as NFC

    def line_of(self, offset: int) -> int:
        return self.body_line + self.body.count("\n", 0, offset)


def read_bulletin(raw: bytes, name: str, slug: str) -> tuple[Bulletin | None, SourceDocument | None, list[DataError]]:
    """The bulletin in `raw`, its front matter document (for the lines of later messages) and its problems."""
    if (too_big := size_problem(len(raw), raw, name, MAX_BULLETIN_BYTES, "bài")) is not None:
        return None, None, [too_big]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, None, [DataError(name, line, "", "ký tự không phải UTF-8",
                                      "tệp lưu dạng UTF-8 (trong trình soạn thảo: Save with Encoding → UTF-8)")]
    text = text.replace("\r\n", "\n")
    normalised = not unicodedata.is_normalized("NFC", text)
    text = unicodedata.normalize("NFC", text) if normalised else text
    split = _split(text, name)
    if isinstance(split, DataError):
        return None, None, [split]
    front, body, body_line = split
    if (too_deep := nesting_problem(body, body_line, name)) is not None:
        return None, None, [too_deep]
    try:
        doc = parse_yaml("\n" + front, name)  # one line for the opening `---`: the lines are the file's
    except DataErrors as exc:
        return None, None, exc.errors
    if not isinstance(doc.data, dict):
        return None, doc, [DataError(name, 2, "", "phần đầu không phải các trường `ten: giá trị`",
                                     f"các trường của bản tin, ví dụ\n{EXAMPLE}")]
    meta, errors = validate(BulletinMeta, doc.data, doc)
    errors += [DataError(name, body_line + body.count("\n", 0, m.start()), "nội dung", "đầu mục cấp 1 `# …`",
                         "đầu mục trong bài bắt đầu bằng `## ` (tiêu đề bài đã là cấp 1)") for m in H1.finditer(body)]
    errors += [DataError(name, body_line + body.count("\n", 0, p.offset), "nội dung", p.found, p.expected)
               for p in problems_by_line(body)]
    if not body.strip():
        errors.append(DataError(name, body_line, "nội dung", "bài chưa có nội dung",
                                "nội dung bài viết bên dưới dòng `---` thứ hai"))
    if meta is None or errors:
        return None, doc, errors
    return Bulletin(slug, name, meta, body, body_line, parse_markdown(body), normalised), doc, []


def _split(text: str, name: str) -> tuple[str, str, int] | DataError:
    """(front matter, body, line of the body) or what is wrong with the fences."""
    if not text.strip():
        return DataError(name, 1, "", "một tệp trống", f"phần đầu giữa hai dòng `---`, ví dụ\n---\n{EXAMPLE}\n---")
    first = FENCE.match(text)
    if first is None:
        return DataError(name, 1, "", "dòng đầu không phải `---`",
                         "tệp bản tin bắt đầu bằng dòng `---`, rồi các trường (tiêu đề, ngày đăng, chuyên mục…), "
                         "rồi một dòng `---`, rồi nội dung")
    closing = FENCE.search(text, first.end())
    if closing is None:
        return DataError(name, 1, "", "phần đầu mở bằng `---` nhưng không có dòng `---` đóng lại",
                         "một dòng `---` sau trường cuối cùng của phần đầu")
    front = text[first.end() + 1: closing.start()]
    body_start = closing.end() + 1
    return front, text[body_start:], text.count("\n", 0, body_start) + 1


# --- limits (HUONG-DAN, "Giới hạn của tệp dữ liệu") ----------------------------------------------------------------
# The longest bulletin of the old site is about 30 KB; 1 MiB is thirty times that and renders in a second.
# Python-Markdown descends once per quote or list level: 2,000 levels take gigabytes, then fail. A bulletin needs
# three or four (a list in a list in a quote); 10 leaves room.
MAX_BULLETIN_BYTES = 1024 * 1024
MAX_MARKDOWN_NESTING = 10
_LEVEL = re.compile(r"[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])")  # a quote marker or a list marker, after spaces


def markdown_nesting(line: str) -> int:
    """How deep `line` sits in quotes and lists: its `>` and list markers, and every four columns of indentation
    (Python-Markdown nests a block indented by four under the item above it)."""
    level, position, columns = 0, 0, 0
    while True:
        while position < len(line) and line[position] in " \t":
            columns += 4 - columns % 4 if line[position] == "\t" else 1
            position += 1
        level, columns = level + columns // 4, columns % 4
        match = _LEVEL.match(line, position)
        if match is None:
            return level
        level, position, columns = level + 1, match.end(), 0


# A line that may be nested too deep: enough quote, list and indentation characters at its start (checked exactly
# by markdown_nesting; the pattern only spares the check to the lines that cannot be).
_DEEP_CANDIDATE = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_MARKDOWN_NESTING + 1},}}", re.MULTILINE)


def too_deep_offset(text: str) -> int | None:
    """Where the first line of `text` nested deeper than MAX_MARKDOWN_NESTING starts, or None."""
    for match in _DEEP_CANDIDATE.finditer(text):
        end = text.find("\n", match.start())
        if markdown_nesting(text[match.start(): None if end < 0 else end]) > MAX_MARKDOWN_NESTING:
            return match.start()
    return None


NESTING_FOUND = f"đoạn lồng quá {MAX_MARKDOWN_NESTING} cấp (trích dẫn `>` hoặc danh sách trong danh sách)"
NESTING_EXPECTED = f"không quá {MAX_MARKDOWN_NESTING} cấp trích dẫn và danh sách lồng nhau"


def nesting_problem(body: str, body_line: int, name: str) -> DataError | None:
    """The first line of `body` nested deeper than MAX_MARKDOWN_NESTING, as an editor's message."""
    offset = too_deep_offset(body)
    if offset is None:
        return None
    return DataError(name, body_line + body.count("\n", 0, offset), "nội dung", NESTING_FOUND, NESTING_EXPECTED)


def text_nesting_problems(doc: SourceDocument) -> list[DataError]:
    """The texts of a YAML file nested too deep for Markdown (a report's paragraphs, a description: every text
    may reach a page through Markdown)."""
    problems = []
    stack = [((), doc.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack += [(path + (key,), item) for key, item in value.items()]
        elif isinstance(value, list):
            stack += [(path + (index,), item) for index, item in enumerate(value)]
        elif isinstance(value, str) and (offset := too_deep_offset(value)) is not None:
            problems.append(DataError(doc.file, doc.line_in_text(path, offset, value),
                                      path, NESTING_FOUND, NESTING_EXPECTED, doc.data))
    return problems
