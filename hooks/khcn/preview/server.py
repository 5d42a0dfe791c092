"""The preview's HTTP server (`make serve`): the current epoch's outputs, a live reload, the editor's error banner.

Freshness: before it answers for a page (and on /__xem-truoc__/dong-bo), the server looks at the watched files; when
any changed since the epoch being served was prepared, it prepares a new one first (khcn/preview/engine.py); for
any other file, when it last looked more than ASSET_SECONDS ago. A
watcher thread does the same every WATCH_SECONDS, so an open page reloads by itself. A page is therefore never older
than the files were when it was asked for. When the new files cannot be built (bad data, a broken template), the
last good epoch stays served and every page carries the message, as the terminal shows it, escaped.

Each HTML page gets one snippet before its last `</body>`, between two marker comments (`strip_snippet` removes it:
the tests compare the rest with a full build byte for byte): the error banner, if any, and a script from this same
server that waits for the next epoch (a long poll, as MkDocs' own livereload does) and reloads the page.
"""

from __future__ import annotations

import gc
import json
import logging
import mimetypes
import os
import re
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from khcn.preview.engine import EAGER_PAGES, Asked, Engine, Epoch, MarkdownCache, PreviewError
from khcn.preview.watch import Snapshot, changed, needs_restart, snapshot
from khcn.rendering import render

log = logging.getLogger("khcn.preview")
PREFIX = "/__xem-truoc__/"  # the preview's own addresses; no page of the site starts so
WATCH_SECONDS = 0.25
ASSET_SECONDS = 0.1  # a style sheet, an image…: the files looked at no longer ago than this (a page: always)
POLL_SECONDS = 30  # a waiting browser is answered at least this often
UNSETTLED_EPOCHS = 4  # epochs prepared without one settling (saves faster than the background work): collect first
SNIPPET_START, SNIPPET_END = "<!-- khcn-xem-truoc -->", "<!-- /khcn-xem-truoc -->"
_SNIPPET = re.compile(re.escape(SNIPPET_START) + ".*?" + re.escape(SNIPPET_END), re.DOTALL)


def strip_snippet(html: str) -> str:
    """The page without what the preview added to it."""
    return _SNIPPET.sub("", html)


def inject(html: bytes, snippet: str) -> bytes:
    """`snippet` before the page's last `</body>` (at its end when it has none)."""
    data = snippet.encode("utf-8")
    at = html.rfind(b"</body>")
    return html + data if at < 0 else html[:at] + data + html[at:]


class Preview:
    """The epoch being served, the last error, and the number browsers wait on (it changes with either)."""

    def __init__(self, project: Path, engine: str = "mkdocs", eager_pages: int = EAGER_PAGES):
        self.project, self.eager_pages = project, eager_pages
        self.config_file = project / "mkdocs.yml"
        self.engine = Engine(engine)
        self.cache = MarkdownCache()
        self.epoch: Epoch | None = None
        self.error: str | None = None
        self.version = 0
        self.seen: Snapshot | None = None
        self.looked = 0.0  # time.monotonic() of the last look at the files
        self.settled = False  # the epoch served has every page's HTML, and the epochs it replaced are collected
        self.uncollected = 0  # epochs prepared since the last collection
        self.asked = Asked()  # requests for the site's files being answered: the background work gives way
        self.build_lock = threading.Lock()
        self.changed = threading.Condition()
        self.restart = False

    # --- keeping up with the files -------------------------------------------------------------------------------

    def ensure_fresh(self, max_age: float = 0.0) -> None:
        """Prepare a new epoch when a watched file changed since the last one was prepared; unless the files were
        looked at less than `max_age` seconds ago (the many files a page loads after it)."""
        with self.build_lock:
            if max_age and time.monotonic() - self.looked < max_age:
                return
            now = snapshot(self.project)
            self.looked = time.monotonic()
            if self.seen is not None and not (paths := changed(self.seen, now)):
                return
            if self.seen is not None and needs_restart(paths):
                self.restart = True  # the hooks' Python code: the program starts again (scripts/serve.py)
                self._bump()
                return
            self.seen = now
            self._prepare()

    def _prepare(self) -> None:
        # Garbage is collected once the new epoch has settled (`_settle`), not while an editor waits for it: a full
        # collection walks every object of the preview (0.4–0.6 s at 5,000 bulletins). Each replaced epoch leaves
        # ~100 MB of it: when saves keep coming faster than an epoch settles, it is collected now and then anyway.
        gc.disable()
        self.settled = False
        self.uncollected += 1
        if self.uncollected > UNSETTLED_EPOCHS:
            gc.collect()
            self.uncollected = 0
        start, old = time.perf_counter(), self.epoch
        if old is not None:
            old.hold()  # its pages still to turn wait: the new epoch has the processor
        try:
            epoch = Epoch(self.engine, self.config_file, self.cache, self.version + 1, self.eager_pages)
        except PreviewError as exc:
            self.error = str(exc)
            log.error("Xem trước: chưa xây dựng được, vẫn hiện bản trước.\n%s", self.error)
            if old is not None:
                old.complete_in_background(lambda: self._settle(old), self.asked)  # what it held back
            else:
                gc.enable()
        else:
            self.epoch, self.error = epoch, None
            if old is not None:
                with old.lock:
                    old.discard()
            epoch.complete_in_background(lambda: self._settle(epoch), self.asked)
            log.info("Xem trước: đã cập nhật sau %.2f giây.", time.perf_counter() - start)
        # The hooks freeze what a build loaded (gc.freeze, on_config): the epoch just replaced was frozen with it and,
        # frozen, would never be collected (~100 MB a save at 5,000 bulletins).
        gc.unfreeze()
        self._bump()

    def _settle(self, epoch: Epoch) -> None:
        """Once `epoch` has every page's HTML (in the background): the replaced epochs collected, then browsers told
        if its pages found a problem."""
        self.asked.give_way(lambda: epoch is not self.epoch)  # a collection holds every thread 0.4–0.6 s
        with self.build_lock:
            if epoch is not self.epoch or self.settled:
                return
            gc.collect()
            gc.enable()
            self.settled, self.uncollected = True, 0
        if epoch.problem():
            self._bump()

    def _bump(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait_for_change(self, version: int, seconds: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != version, timeout=seconds)
            return self.version

    def watch(self, stop: threading.Event) -> None:
        while not stop.wait(WATCH_SECONDS):
            try:
                self.ensure_fresh()
            except Exception:  # the watcher must outlive any one failure; the next look tries again
                log.exception("Xem trước: lỗi khi theo dõi tệp")
            if self.restart:
                stop.set()

    # --- answers -------------------------------------------------------------------------------------------------

    def problem(self) -> str | None:
        epoch = self.epoch
        return self.error or (epoch.problem() if epoch is not None else None)

    def snippet(self) -> str:
        return SNIPPET_START + render("preview_snippet.html.j2", version=self.version, message=self.problem(),
                                      prefix=PREFIX).strip() + SNIPPET_END

    def respond(self, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for the site's `path` (decoded, without the leading slash)."""
        with self.asked:
            return self._respond(path)

    def _respond(self, path: str) -> tuple[int, str, bytes]:
        target = _output_path(path)
        self.ensure_fresh(0 if target.endswith(".html") else ASSET_SECONDS)
        epoch = self.epoch
        if epoch is None:
            page = render("preview_error.html.j2", message=self.problem() or "", version=self.version, prefix=PREFIX)
            return HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8", page.encode("utf-8")
        found = _found(epoch, target)
        if epoch.discarded:  # a newer epoch took its place meanwhile: answer from that one
            return self._respond(path)
        if found is None and not target.endswith("/index.html") and _found(epoch, target + "/index.html"):
            return HTTPStatus.FOUND, "/" + path + "/", b""
        status = HTTPStatus.OK
        if found is None:
            status, found = HTTPStatus.NOT_FOUND, _found(epoch, "404.html")
            if found is None:
                return status, "text/plain; charset=utf-8", "Không có trang này.".encode()
        body = found.read_bytes()
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = inject(body, self.snippet())
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "application/xml"):
            kind += "; charset=utf-8"
        return status, kind, body


def _output_path(path: str) -> str:
    path = path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def _found(epoch: Epoch, target: str) -> Path | None:
    if ".." in target.split("/"):
        return None
    try:
        return epoch.output(target)
    except PreviewError:
        return None  # told by the banner (Epoch.problem)


def make_handler(preview: Preview):
    class Handler(BaseHTTPRequestHandler):
        server_version = "khcn-xem-truoc"

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path.startswith(PREFIX):
                return self._own(path.removeprefix(PREFIX))
            try:
                status, kind, body = preview.respond(path)
            except Exception as exc:
                log.exception("Xem trước: lỗi khi trả trang %s", path)
                status, kind, body = HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", str(exc).encode()
            if status == HTTPStatus.FOUND:
                self.send_response(status)
                self.send_header("Location", kind)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            self._send(status, kind, body)
            return None

        def _own(self, name: str) -> None:
            if name == "tai-lai.js":
                body = render("preview_reload.js.j2", prefix=PREFIX).encode("utf-8")
                return self._send(HTTPStatus.OK, "application/javascript; charset=utf-8", body)
            if name.startswith("cho/"):  # /__xem-truoc__/cho/<version>: answered when the version changes
                known = int(name.removeprefix("cho/")) if name.removeprefix("cho/").isdigit() else -1
                version = preview.wait_for_change(known, POLL_SECONDS)
                return self._send(HTTPStatus.OK, "text/plain; charset=utf-8", str(version).encode())
            if name == "dong-bo":  # the files as they are now, built: tests and the benchmark wait on it
                preview.ensure_fresh()
                state = {"version": preview.version, "error": preview.problem(),
                         "epoch": preview.epoch.number if preview.epoch else None,
                         "complete": preview.settled,  # every page's HTML made, the replaced epochs collected
                         "timings": preview.epoch.timings if preview.epoch else {}}
                return self._send(HTTPStatus.OK, "application/json", json.dumps(state, ensure_ascii=False).encode())
            return self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"")

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args) -> None:
            log.debug(format, *args)

    return Handler


def serve(project: Path, host: str, port: int, engine: str = "mkdocs", eager_pages: int = EAGER_PAGES) -> bool:
    """Serve until interrupted; True when the program must start again (the hooks' Python code changed)."""
    preview = Preview(project, engine, eager_pages)
    server = ThreadingHTTPServer((host, port), make_handler(preview))
    server.daemon_threads = True
    print(f"Xem trước: http://{host}:{port}/ (Ctrl+C để dừng)", file=sys.stderr, flush=True)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        preview.ensure_fresh()
        preview.watch(stop)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        if preview.epoch is not None:
            preview.epoch.discard()
    return preview.restart and not os.environ.get("KHCN_PREVIEW_NO_RESTART")
