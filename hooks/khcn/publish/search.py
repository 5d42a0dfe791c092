"""Site search: a Pagefind index of the built pages, for readers who type Vietnamese with or without diacritics.

Pagefind 1.5.2 (`pagefind[bin]`, a Rust binary in a wheel, pinned in requirements.txt) runs on the built HTML and
writes a static index into `site/pagefind/`; the search page (docs/tim-kiem.md, docs/assets/tim-kiem.js) loads
only the parts of it that a query needs. No server, nothing from another host.

Diacritics: Pagefind folds combining marks (`lường` finds `luong` and `luong` finds `lường`, the exact form ranked
first) but keeps `đ` a letter of its own, so `do luong` would not find `đo lường`. The text handed to Pagefind
therefore writes `đ` as `d` + U+0335 COMBINING SHORT STROKE OVERLAY (`d̵`, what `đ` is: a d with a stroke), a mark
Pagefind folds away like the others: the index holds `do` with the variant `d̵o`. The search page writes the query
the same way and turns `d̵` back into `đ` in what it shows. The pages themselves are left as they are.

What is indexed is decided by the templates: `data-pagefind-body` on the content of every page whose front matter
has no `search: exclude: true` (overrides/main.html: lists, archives and the home page repeat other pages and are
left out), `data-pagefind-ignore` on a bulletin's body, whose summary is indexed instead (bulletin.md.j2), and
EXCLUDED below for what is on many pages and says nothing about the page (the date line, tables of figures).

Determinism: Pagefind numbers pages in the order it reads them, and a folder walk's order depends on the file
system. So the pages are handed over one by one, sorted by path, through Pagefind's service mode (the protocol of
its own Python and Node wrappers, a base64 JSON message ended by a comma each way): two builds give the same bytes.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"  # site/pagefind/: the search page imports pagefind/pagefind.js
LANGUAGE = "vi"
STROKE = "\u0335"  # COMBINING SHORT STROKE OVERLAY: `đ` is indexed as `d` + STROKE
# Inside the indexed part of a page, but nothing a reader looks for: the line of date, authors and category
# (`.tq-meta`), a report's signature, the file a page comes from, tables of figures (the statistics pages hold them).
EXCLUDED = [".tq-meta", ".tq-signature", ".tq-source", "table.tq-indicators"]
# Pagefind groups words into files ("chunks") of about this many word positions. Its default (20,000) puts a rare
# word in the same file as the next very common syllable (`tại`, `tế`): measured at 5,000 bulletins, 2,000 loads
# 6 % to 39 % less per query (README, Tìm kiếm), for a list of chunks 0.4 KiB longer. (An unstable setting of
# Pagefind 1.5: it is read from the environment; tests/test_search.py checks that it still has an effect.)
CHUNK_SIZE = 2000
MARK = "data-pagefind-body"  # on the element that holds a page's indexed content (overrides/main.html)
# Written by Pagefind but not used by our search page (its ready-made interfaces): not put into the site.
UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js"]


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message is for the person who builds it."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int
    words: int


def fold_for_index(text: str) -> str:
    """`text` in NFC with `đ`/`Đ` written as `d`/`D` + STROKE, the form Pagefind folds to `d` (see the module)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.replace("đ", "d" + STROKE).replace("Đ", "D" + STROKE)


def body_start(html: str) -> int | None:
    """Where the first element marked `data-pagefind-body` starts in `html`, or None."""
    at = html.find(f" {MARK}")
    while at != -1:
        tag = html.rfind("<", 0, at)
        after = html[at + len(MARK) + 1:at + len(MARK) + 2]
        if tag != -1 and ">" not in html[tag:at] and after in (" ", "=", ">"):
            return tag
        at = html.find(f" {MARK}", at + 1)
    return None


# Pagefind joins the text of elements that touch (`<td>Sản phẩm</td><td>Loại</td>` is indexed and shown in the
# excerpt as "Sản phẩmLoại", a word that no one searches for): a space goes after the end of each of these.
_SEPARATE = re.compile(r"(</(?:td|th|caption|li|dt|dd)>)(?=<)")


def separate_cells(html: str) -> str:
    """`html` with a space after each table cell, caption, list item and definition that another tag follows."""
    return _SEPARATE.sub(r"\1 ", html)


def indexed_part(html: str, start: int) -> str:
    """The page from its indexed element on: what comes before (head, header, menus) holds nothing Pagefind indexes
    and is more than half of the bytes it would parse (the same index, built in about half the time). Table cells
    and list items are kept apart by a space (`separate_cells`)."""
    return f'<html lang="{LANGUAGE}"><body>{separate_cells(html[start:])}'


def indexed_pages(site_dir: Path) -> Iterator[tuple[str, str]]:
    """(URL, HTML from the indexed element on) of every built page that marks content for the index, by path."""
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(f"{BUNDLE}/"):
            continue
        html = path.read_text(encoding="utf-8")
        start = body_start(html)
        if start is not None:
            url = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
            yield url, indexed_part(html, start)


def index_site(site_dir: Path) -> IndexSummary:
    """Index the built site in `site_dir` into `site_dir/pagefind/` (replaced whole). Raises SearchIndexError."""
    site_dir = Path(site_dir)
    bundle = site_dir / BUNDLE
    pages = words = 0
    with _Service() as service:
        index = service.send({"type": "NewIndex", "config": {"force_language": LANGUAGE,
                                                             "exclude_selectors": EXCLUDED}})["index_id"]
        for url, html in indexed_pages(site_dir):
            added = service.send({"type": "AddFile", "index_id": index, "url": url, "file_path": None,
                                  "file_contents": fold_for_index(html)})
            pages += 1
            words += added.get("page_word_count", 0)
        # Asked for and written here rather than by Pagefind (WriteFiles): its service answers before its last
        # writes are flushed, and a file was left empty when it exited (seen at 5,000 pages).
        files = service.send({"type": "GetFiles", "index_id": index})["files"]
    shutil.rmtree(bundle, ignore_errors=True)
    for file in sorted(files, key=lambda f: f["path"]):
        if file["path"] in UNUSED:
            continue
        target = bundle / file["path"]
        if not target.resolve().is_relative_to(bundle.resolve()):
            raise SearchIndexError(f"Pagefind trả về một tệp ngoài thư mục {BUNDLE}/: {file['path']}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
    return IndexSummary(pages=pages, words=words)


class _Service:
    """`pagefind --service`, one request answered at a time (so pages keep the order they are given in)."""

    def __init__(self):
        try:
            from pagefind_bin import get_executable

            self._binary = str(get_executable())
        except (ImportError, FileNotFoundError) as exc:
            raise SearchIndexError(
                f"không tìm thấy chương trình Pagefind ({exc}). Cài các gói đã ghim: "
                ".venv/bin/python -m pip install -r requirements.txt (hoặc chạy make build).") from None
        self._buffer = b""
        self._message_id = 0

    def __enter__(self) -> _Service:
        self._errors = tempfile.TemporaryFile()
        environment = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(CHUNK_SIZE))
        try:
            self._process = subprocess.Popen([self._binary, "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=self._errors, env=environment)
        except OSError as exc:
            self._errors.close()
            raise SearchIndexError(f"không chạy được Pagefind ({self._binary}): {exc}") from None
        return self

    def send(self, payload: dict) -> dict:
        self._message_id += 1
        message = json.dumps({"message_id": self._message_id, "payload": payload}, ensure_ascii=False)
        try:
            self._process.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
            self._process.stdin.flush()
            parts = [self._buffer]
            while b"," not in parts[-1]:  # the answer to GetFiles is the whole index: read it in pieces
                chunk = self._process.stdout.read1(1 << 20)
                if not chunk:
                    raise BrokenPipeError
                parts.append(chunk)
            self._buffer = b"".join(parts)
        except (BrokenPipeError, ConnectionResetError):
            raise SearchIndexError(f"Pagefind dừng giữa chừng ({payload['type']}).{self._stderr()}") from None
        answer, _, self._buffer = self._buffer.partition(b",")
        reply = json.loads(base64.b64decode(answer))["payload"]
        if reply.get("type") == "Error":
            where = f" (trang {payload['url']})" if "url" in payload else ""
            raise SearchIndexError(f"Pagefind báo lỗi{where}: {reply.get('message')}")
        return reply

    def _stderr(self) -> str:
        self._process.kill()
        self._process.wait()
        self._errors.seek(0)
        text = self._errors.read().decode("utf-8", "replace").strip()
        return f"\n{text[-2000:]}" if text else ""

    def __exit__(self, *exc) -> None:
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._errors.close()
