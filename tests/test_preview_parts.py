"""The preview's parts without a server: what it watches (khcn/preview/watch.py), the renders it keeps
(khcn/rendering.py render_kept), the snippet it adds to a page (khcn/preview/server.py)."""

from __future__ import annotations

import dataclasses
import os

import pytest

from khcn import rendering
from khcn.core.background import BackgroundJob
from khcn.preview.server import PREFIX, inject, strip_snippet
from khcn.preview.watch import changed, needs_restart, snapshot


def test_a_snapshot_sees_a_file_edited_added_and_removed_and_not_the_cache(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yaml").write_text("a: 1\n")
    (tmp_path / "data" / ".cache").mkdir()
    (tmp_path / "data" / ".cache" / "x").write_text("x")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    before = snapshot(tmp_path)
    assert set(before) == {"data/a.yaml", "mkdocs.yml"}
    (tmp_path / "data" / "a.yaml").write_text("a: 2\n")
    os.utime(tmp_path / "data" / "a.yaml", ns=(1, 1))  # same size: the time tells
    (tmp_path / "data" / "b.md").write_text("b")
    (tmp_path / "mkdocs.yml").unlink()
    assert changed(before, snapshot(tmp_path)) == {"data/a.yaml", "data/b.md", "mkdocs.yml"}


def test_only_the_hooks_python_code_restarts_the_preview():
    assert needs_restart({"hooks/khcn/build.py"})
    assert not needs_restart({"hooks/khcn/templates/bulletin.md.j2", "data/tin-tuc/2021/a.md", "overrides/main.html"})


def test_the_snippet_goes_before_the_last_body_end_and_comes_off_whole():
    page = b"<html><body><p>x</p></body></html>"
    snippet = "<!-- khcn-xem-truoc --><script></script><!-- /khcn-xem-truoc -->"
    served = inject(page, snippet)
    assert served == b"<html><body><p>x</p>" + snippet.encode() + b"</body></html>"
    assert strip_snippet(served.decode()) == page.decode()


@dataclasses.dataclass(frozen=True)
class _Record:
    name: str
    items: list


@pytest.fixture
def keeping():
    rendering.keep_renders(True)
    yield
    rendering.keep_renders(False)


def test_a_kept_render_is_the_render_and_follows_a_changed_value(keeping, monkeypatch):
    calls = []
    original = rendering.render
    monkeypatch.setattr(rendering, "render", lambda t, **c: calls.append(c) or original(t, **c))
    archive = {"categories": [], "years": [], "all_href": "a/", "authors_href": "b/", "feeds": [],
               "editions_href": None}
    context = {"title": "Hội thảo", "groups": [], "archive": archive}
    first = rendering.render_kept("stream_index.md.j2", **context)
    assert first == original("stream_index.md.j2", **context)
    assert rendering.render_kept("stream_index.md.j2", **context) == first and len(calls) == 1
    changed_context = {**context, "title": "Hội nghị"}
    assert "Hội nghị" in rendering.render_kept("stream_index.md.j2", **changed_context) and len(calls) == 2


def test_a_context_whose_value_cannot_be_read_is_rendered_every_time(keeping):
    assert rendering._value({"a": [1, (2, "x")], "r": _Record("n", [1])})
    for unreadable in (lambda: 1, object(), {"s": {1, 2}}):
        with pytest.raises(TypeError):
            rendering._value(unreadable)


def test_a_background_job_waited_twice_says_the_same_twice():
    job = BackgroundJob(int, "x")
    for _ in range(2):
        with pytest.raises(Exception, match="invalid literal"):
            job.wait()


def test_before_any_good_build_every_page_is_the_message_escaped():
    page = rendering.render("preview_error.html.j2", message="data/so-lieu/2021-H1.yaml:2 — <b>", version=3,
                            prefix=PREFIX)
    assert "data/so-lieu/2021-H1.yaml:2 — &lt;b&gt;" in page and "<b>" not in page
    assert f'<script src="{PREFIX}tai-lai.js" data-phien="3"></script>' in page


def test_the_banner_is_escaped_and_absent_without_a_problem():
    banner = rendering.render("preview_snippet.html.j2", message='tệp "<x>" & y', version=1, prefix=PREFIX)
    assert "tệp &#34;&lt;x&gt;&#34; &amp; y" in banner and "Bản xem trước chưa cập nhật được" in banner
    quiet = rendering.render("preview_snippet.html.j2", message=None, version=1, prefix=PREFIX)
    assert "role=\"alert\"" not in quiet and "tai-lai.js" in quiet
