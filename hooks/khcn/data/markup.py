"""What editors' text may hold: the markup policy, enforced when data is loaded.

Every text an editor types (every text field of every data kind, a report's texts, a bulletin's Markdown body) is
checked here before it reaches a page. Allowed: plain words, and in texts that pages render as Markdown what
HUONG-DAN documents: headings `## …`, lists, tables, quotes `> …`, **bold**, *italic*, links `[chữ](https://…)` or
`[chữ](/…)`, autolinks `<https://…>`, images `![mô tả](/anh/…)`, and our references `{{…}}`, `[[…]]`. Refused, each
with where it is and what to write instead:

- raw HTML: `<` followed by a letter, `</x`, `<!…`, `<?` (a `<` followed by a space or a digit is text: 5 < 7);
- a link or image address whose scheme is not http(s), mailto or tel (`javascript:`, `data:`, `vbscript:`…), read as
  a browser reads it: HTML entities decoded, tabs, line breaks and control characters dropped, case ignored; in
  inline links, reference definitions and autolinks alike;
- attribute lists (`{: …}`, `{#id}`, `{.class}`, `{ onclick=… }` of the `attr_list` extension, which stays on for the
  project's own templates): any `{…}` on one line that is not one of our references `{{…}}`;
- an image whose address is not a file under /anh/, or whose description holds `"`, brackets, braces or `<`/`>`
  (it could break out of `![…](…)`), and reference-style images (`![a][b]`: their address would be elsewhere);
- control characters (C0 but tab and line break, DEL, C1) and bidirectional controls (U+202A–U+202E embeddings and
  overrides, U+2066–U+2069 isolates, and the invisible marks U+200E, U+200F, U+061C, which Vietnamese never needs and
  which make a text read differently from how it is stored).

Python-Markdown's backslash escapes (`\\{`, `\\[`…) are honoured: an escaped character is text, as Markdown shows it.
HTML entities (`&lt;b&gt;`) are text too: Markdown keeps them as entities and a browser shows them as characters;
only in an address does a browser decode them, so only there are they decoded before checking.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from khcn.addresses import IMAGES
from khcn.data.richtext import Malformed, parse_markdown


@dataclass(frozen=True)
class Problem:
    """One thing a text may not hold: where in the text (a character offset), what it is, what to write instead."""

    offset: int
    found: str
    expected: str


# What editors read in each message (one place for every wording of the policy).
HTML_EXPECTED = ("chữ thường, không có thẻ HTML: muốn in đậm dùng **…**, in nghiêng *…*, liên kết [chữ](https://…), "
                 "ảnh ![mô tả](/anh/…); dấu < so sánh thì để cách, ví dụ 5 < 7")
LINK_EXPECTED = "liên kết bắt đầu bằng https:// hoặc / (trang trong web), hoặc mailto:, tel:; ví dụ [chữ](https://…)"
ATTRIBUTES_EXPECTED = ("bỏ phần `{…}` (trang web không nhận thuộc tính): muốn in đậm dùng **…**, số liệu viết "
                       "{{ma-chi-so}}, lời chú trong ngoặc thì dùng ngoặc đơn (…)")
IMAGE_EXPECTED = ("ảnh viết ![mô tả](/anh/<năm>/ten-anh.jpg): tệp ảnh trong docs/anh/, tên tệp không dấu cách, "
                  "không ngoặc")
IMAGE_NAME_EXPECTED = ("tên tệp ảnh chỉ gồm chữ, số và các dấu - _ . (không dấu cách, không ngoặc), "
                       "ví dụ /anh/2026/hoi-thao.jpg: đổi tên tệp")
IMAGE_ALT_EXPECTED = "lời tả ảnh không có dấu \" [ ] { } < > \\ (ngoặc kép dùng “…”)"
CHARACTER_EXPECTED = ("xoá ký tự ẩn này (thường lẫn vào khi chép chữ từ Word, PDF hay trang web khác: gõ lại đoạn "
                      "đó)")

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IMAGE_FOLDER = f"/{IMAGES}/"  # docs/anh/: the address book names it

# The one separator between two lists in a row that the legacy importer writes (legacy_bulletin.md.j2): without it
# Python-Markdown makes them one list. A comment and nothing else; allowed as a whole line and nowhere else.
LIST_BREAK = "<!-- two lists in a row: without this line Python-Markdown makes them one -->"

# Characters: C0 but tab and line feed, DEL, C1; the bidirectional controls and marks.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_C0_NAMES = ("NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
             "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US")
_FORBIDDEN_CHARACTER = re.compile(f"[{_CONTROLS}{_BIDI}]")
_IS_BIDI = re.compile(f"[{_BIDI}]")

# Python-Markdown's backslash escapes (Markdown.ESCAPED_CHARS): the escaped character is shown, never markup.
_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()>#+\-.!]")
# Our references, strictly shaped (khcn.data.richtext reads them): `{{id}}`, `{{id.part@2021-H1}}`, `{{bang:id}}`,
# `{{bieu-do:id}}`…
_REFERENCE = re.compile(r"\{\{\s*(?:[\w-]+(?:\.[\w-]+)?(?:\s*@\s*[\w-]+)?|bang\s*(?::\s*[\w-]+)?\s*(?:@\s*[\w-]+)?"
                        r"|bieu-do\s*:\s*[\w-]+)\s*\}\}", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:[A-Za-z]|/[A-Za-z]|!|\?)")
# Autolinks Python-Markdown makes into links: web addresses and e-mail addresses (safe by their shape).
_AUTOLINK = re.compile(r"<(?:https?://[^<>\s]*|mailto:[^<>\s]+|[^<>\s@:/!]+@[^<>\s@]+)>", re.IGNORECASE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_DROPPED_IN_ADDRESSES = re.compile(r"[\x00-\x20\x7f-\x9f\\]")  # what a browser skips (and backslashes, to be safe)
_IMAGE_SOURCE = re.compile(r"/anh/[\w./-]+")
_IMAGE_ALT_FORBIDDEN = re.compile(r"[\"\[\]{}<>\\]")


def problems(text: str) -> list[Problem]:
    """Every problem of one editor's text, in the order of the text."""
    found = character_problems(text)
    masked = _masked(text)
    found += _html_problems(text, masked)
    found += _link_problems(text, masked)
    found += _image_problems(text, masked)
    found += _attribute_problems(masked)
    return sorted(found, key=lambda p: p.offset)


def problems_by_line(text: str) -> list[Problem]:
    """The first problem of each line (a long body: one message per line to fix, the rest seen once it is fixed)."""
    first: dict[int, Problem] = {}
    for problem in problems(text):
        first.setdefault(text.count("\n", 0, problem.offset), problem)
    return list(first.values())


def first_problem(text: str) -> Problem | None:
    found = problems(text)
    return found[0] if found else None


def character_problems(text: str) -> list[Problem]:
    found = []
    for match in _FORBIDDEN_CHARACTER.finditer(text):
        char = match.group()
        column = match.start() - text.rfind("\n", 0, match.start())
        kind = "ký tự đổi chiều chữ" if _IS_BIDI.match(char) else "ký tự điều khiển"
        found.append(Problem(match.start(), f"{kind} {character_name(char)} ở ký tự thứ {column} của dòng",
                             CHARACTER_EXPECTED))
    return found


def character_name(char: str) -> str:
    """`U+001B (ESC)`, `U+202E (RIGHT-TO-LEFT OVERRIDE)`."""
    code = ord(char)
    name = _C0_NAMES[code] if code < 0x20 else "DEL" if code == 0x7F else unicodedata.name(char, "C1")
    return f"U+{code:04X} ({name})"


def image_alt_problem(alt: str) -> Problem | None:
    """An image's description (`anh_mo_ta`, or between `![` and `]`) that could break out of `![…](…)`."""
    match = _IMAGE_ALT_FORBIDDEN.search(alt)
    return Problem(match.start(), f"lời tả ảnh có dấu `{match.group()}`", IMAGE_ALT_EXPECTED) if match else None


def image_source_problem(source: str) -> Problem | None:
    """An image's address (`anh`, or inside `![…](…)`): a site file under /anh/, nothing that ends the address."""
    if not source.startswith(IMAGE_FOLDER):
        return Problem(0, f"địa chỉ ảnh `{_shown(source)}`", IMAGE_EXPECTED)
    if not _IMAGE_SOURCE.fullmatch(source):
        return Problem(0, f"tên tệp ảnh `{_shown(source)}`", IMAGE_NAME_EXPECTED)
    return None


def _masked(text: str) -> str:
    """The text with escaped characters and well-formed references blanked (same length): what is left is syntax."""
    def blank(match: re.Match) -> str:
        return " " * len(match.group())
    return _REFERENCE.sub(blank, _ESCAPE.sub(blank, text))


def _html_problems(text: str, masked: str) -> list[Problem]:
    found = []
    for match in _HTML_START.finditer(masked):
        start = match.start()
        if _AUTOLINK.match(masked, start):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = len(text) if text.find("\n", start) < 0 else text.find("\n", start)
        if text[line_start:line_end].strip() == LIST_BREAK:
            continue
        end = masked.find(">", start)
        tag = text[start: end + 1 if 0 <= end < start + 40 else start + 20]
        found.append(Problem(start, f"thẻ HTML `{_shown(tag)}`", HTML_EXPECTED))
    return found


def _link_problems(text: str, masked: str) -> list[Problem]:
    """Addresses of inline links and images `](…)`, reference definitions `[x]: …` and autolinks `<…>`."""
    found = []
    for match in re.finditer(r"\]", masked):
        after = match.end()  # Python-Markdown: `(` or `:` right after the bracket
        if after < len(masked) and masked[after] in "(:":
            address = _address(text, after + 1, inline=masked[after] == "(")
            scheme = _unsafe_scheme(address)
            if scheme:
                found.append(Problem(match.start(), f"liên kết `{scheme}:` (`{_shown(address.strip())[:60]}`)",
                                     LINK_EXPECTED))
    for match in _AUTOLINK.finditer(masked):
        scheme = _unsafe_scheme(match.group()[1:-1])
        if scheme:
            found.append(Problem(match.start(), f"liên kết `{scheme}:`", LINK_EXPECTED))
    return found


def _image_problems(text: str, masked: str) -> list[Problem]:
    found = []
    for match in re.finditer(r"!\[", masked):
        close = masked.find("]", match.end())
        if close < 0:
            continue
        alt = text[match.end():close]
        if "[" in masked[match.end():close]:
            found.append(Problem(match.start(), "lời tả ảnh có dấu `[`", IMAGE_ALT_EXPECTED))
            continue
        if problem := image_alt_problem(alt):
            found.append(Problem(match.end() + problem.offset, problem.found, problem.expected))
        after = close + 1
        if after >= len(masked) or masked[after] != "(":
            found.append(Problem(match.start(), f"ảnh `{_shown(text[match.start():close + 1])}` không có địa chỉ "
                                                "ngay sau", IMAGE_EXPECTED))
            continue
        start = _skip_space(text, after + 1)
        end = start
        while end < len(text) and not text[end].isspace() and text[end] != ")":
            end += 1
        if problem := image_source_problem(text[start:end]):
            found.append(Problem(start, problem.found, problem.expected))
    return found


def _attribute_problems(masked: str) -> list[Problem]:
    found = []
    for match in re.finditer(r"\{[^\n]*?\}", masked):
        if "{{" in match.group() or "}}" in match.group():  # a reference typed wrong: richtext's words say how
            malformed = [s for s in parse_markdown(match.group()) if isinstance(s, Malformed)]
            if malformed:
                found.append(Problem(match.start() + malformed[0].offset, malformed[0].found, malformed[0].expected))
                continue
        found.append(Problem(match.start(), f"danh sách thuộc tính `{_shown(match.group())[:60]}`",
                             ATTRIBUTES_EXPECTED))
    return found


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\n":
        index += 1
    return index


def _address(text: str, start: int, inline: bool) -> str:
    """The start of a link's address: enough to read its scheme. Inline (`(…)`): up to `)`, a quote or `>`, spaces
    kept (a browser drops tabs and line breaks inside an address); a reference definition: its first word."""
    start = _skip_space(text, start)
    if start < len(text) and text[start] == "<":
        start += 1
    end = start
    stops = ")\"'>" if inline else " \t\n>"
    while end < len(text) and text[end] not in stops:
        end += 1
    return text[start:end]


def _unsafe_scheme(address: str) -> str | None:
    """The scheme of an address as a browser reads it, when it is not a safe one."""
    decoded = address
    for _ in range(3):  # entities of entities: decode until nothing changes
        decoded, before = html.unescape(decoded), decoded
        if decoded == before:
            break
    decoded = _DROPPED_IN_ADDRESSES.sub("", decoded)
    match = _SCHEME.match(decoded)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1).lower()
    return None


def _shown(text: str) -> str:
    """A piece of the editor's text for a message: invisible characters written as U+XXXX."""
    return _FORBIDDEN_CHARACTER.sub(lambda m: f"U+{ord(m.group()):04X}", text).replace("\n", " ")
