"""The preview's parts without a server: what it watches (khcn/preview/watch.py), the renders it keeps and makes
when read (khcn/rendering.py render_later), the snippet it adds to a page and when it collects garbage
(khcn/preview/server.py)."""

from __future__ import annotations

import dataclasses
import gc
import os
import threading

import pytest

from khcn import rendering
from khcn.core.background import BackgroundJob
from khcn.preview import server
from khcn.preview.engine import Asked
from khcn.preview.server import PREFIX, UNSETTLED_EPOCHS, inject, strip_snippet
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


def test_a_kept_render_is_made_when_read_and_follows_a_changed_value(keeping, monkeypatch):
    calls = []
    original = rendering.render
    monkeypatch.setattr(rendering, "render", lambda t, **c: calls.append(c) or original(t, **c))
    archive = {"categories": [], "years": [], "all_href": "a/", "authors_href": "b/", "feeds": [],
               "editions_href": None}
    context = {"title": "Hội thảo", "groups": [], "archive": archive}
    first = rendering.render_later("stream_index.md.j2", **context)
    assert isinstance(first, rendering.Later) and len(calls) == 1  # the template's first render: made at once
    assert first.text() == original("stream_index.md.j2", **context) and len(calls) == 1
    again = rendering.render_later("stream_index.md.j2", **{**context, "archive": dict(archive)})
    assert again.key == first.key and again.text() == first.text() and len(calls) == 1
    changed = rendering.render_later("stream_index.md.j2", **{**context, "title": "Hội nghị"})
    assert changed.key != first.key and len(calls) == 1  # not made until read
    assert "Hội nghị" in rendering.text_of(changed) and len(calls) == 2


def test_a_render_is_made_at_once_outside_the_preview():
    context = {"title": "Hội thảo", "groups": [], "archive": {
        "categories": [], "years": [], "all_href": "a/", "authors_href": "b/", "feeds": [], "editions_href": None}}
    assert rendering.render_later("stream_index.md.j2", **context) == rendering.render("stream_index.md.j2",
                                                                                        **context)


def test_what_is_made_of_a_later_render_is_as_late_and_keyed_by_its_argument(keeping):
    made = []
    later = rendering.Later(rendering.Hashed(("page",)), lambda: made.append(1) or "[a](/x/)")
    first, plain = rendering.each_then([later, "[b](/x/)"], lambda text, rewrites: text.replace("/x/", rewrites["/x/"]),
                                       {"/x/": "x.md"})
    assert plain == "[b](x.md)" and not made
    assert first.text() == "[a](x.md)" and made == [1]
    other = rendering.each_then([later], lambda text, rewrites: text, {"/x/": "y.md"})[0]
    assert other.key != first.key


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


class _Epoch:
    """Stands for khcn.preview.engine.Epoch: its background work done when the test says (`then`)."""

    made: list[_Epoch] = []

    def __init__(self, *args):
        self.lock, self.then, self.held, self.discarded = threading.RLock(), None, False, False
        _Epoch.made.append(self)

    def complete_in_background(self, then, asked):
        self.then, self.held = then, False

    def hold(self):
        self.held = True

    def discard(self):
        self.discarded = True

    def problem(self):
        return None


def test_garbage_is_collected_once_an_epoch_settles_not_while_an_editor_waits(monkeypatch, tmp_path):
    monkeypatch.setattr(server, "Engine", lambda name: None)
    monkeypatch.setattr(server, "Epoch", _Epoch)
    collected = []
    monkeypatch.setattr(server.gc, "collect", lambda: collected.append(len(_Epoch.made)))
    preview = server.Preview(tmp_path)
    try:
        preview._prepare()
        first = _Epoch.made[-1]
        assert not gc.isenabled() and not collected and not preview.settled
        first.then()  # every page made in the background: the replaced epochs collected
        assert gc.isenabled() and collected == [1] and preview.settled
        preview._prepare()
        assert first.held and first.discarded and not gc.isenabled()
        first.then()  # a replaced epoch's late word changes nothing
        assert collected == [1] and not preview.settled
        for _ in range(UNSETTLED_EPOCHS):  # saves faster than an epoch settles: collected now and then anyway
            preview._prepare()
        assert collected == [1, 1 + UNSETTLED_EPOCHS] and not gc.isenabled()
        _Epoch.made[-1].then()
        assert collected == [1, 1 + UNSETTLED_EPOCHS, 2 + UNSETTLED_EPOCHS] and gc.isenabled()
    finally:
        gc.enable()


def test_the_background_work_gives_way_while_a_request_is_answered():
    asked, done = Asked(), threading.Event()
    worker = threading.Thread(target=lambda: (asked.give_way(lambda: False), done.set()))
    with asked:
        worker.start()
        assert not done.wait(0.1)  # a request is being answered: the work waits
    assert done.wait(5)
    stopped = threading.Event()
    with asked:  # a newer epoch: the work stops waiting, and stops
        threading.Thread(target=lambda: (asked.give_way(lambda: True), stopped.set())).start()
        assert stopped.wait(5)
