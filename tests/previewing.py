"""The preview of `make serve` (scripts/serve.py) run on a throwaway project, for tests/test_preview.py and
tests/test_serve.py."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from conftest import BUILD_DAY, ROOT
from khcn.preview.server import PREFIX, strip_snippet

EPOCH = "1633083956"  # run_build's


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def preview(project: Path, epoch: str = EPOCH, today: str = BUILD_DAY, eager_pages: int | None = None,
            engine: str = "mkdocs"):
    """scripts/serve.py on `project`, with run_build's environment; yields the base URL once the first build is in.
    `eager_pages=0`: every page whose Markdown changed is made when asked for (as for a template edited on a large
    site), not at once."""
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": epoch, "HOME": str(project), "KHCN_TODAY": today,
           "KHCN_PREVIEW_NO_RESTART": "1"}
    log = (project.parent / f"preview-{port}.log").open("wb")
    eager = ["--eager-pages", str(eager_pages)] if eager_pages is not None else []
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--project", str(project),
                               "-a", f"127.0.0.1:{port}", "--engine", engine, *eager],
                              cwd=project, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                sync(url)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError("the preview never answered: " + log.name) from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def sync(url: str) -> dict:
    """The preview's state once it has built the files as they are now."""
    with urllib.request.urlopen(url + PREFIX.lstrip("/") + "dong-bo", timeout=120) as response:
        return json.load(response)


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def page_text(url: str) -> str:
    return fetch(url)[1].decode("utf-8")


def without_snippet(body: bytes, name: str) -> bytes:
    """What the preview served, less what it adds to an HTML page (exactly one snippet)."""
    if not name.endswith(".html"):
        return body
    text = body.decode("utf-8")
    assert text.count("<!-- khcn-xem-truoc -->") == 1, name
    return strip_snippet(text).encode("utf-8")
