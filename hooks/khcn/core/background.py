"""Work done in a second process while MkDocs renders pages: the machines this site builds on have two cores
and MkDocs uses one. The child is forked, so it starts with the loaded data and needs nothing pickled in."""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable

from khcn.core.errors import DataErrors


class BackgroundJob:
    """`function(*args)` in a forked process; `wait()` returns once it is done and raises what it raised."""

    def __init__(self, function: Callable, *args):
        self._inline = "fork" not in multiprocessing.get_all_start_methods()
        if self._inline:  # no fork on this system: do the work now, in this process
            self._error = _run_inline(function, args)
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(writer, function, args), daemon=True)
        self._process.start()
        writer.close()

    def wait(self) -> None:
        """Asked again, says the same (the preview waits for the downloads before the build's end does)."""
        if not self._inline and not hasattr(self, "_error"):
            try:
                self._error = self._reader.recv()
            except EOFError:
                self._error = "the background process ended without a word"
            self._process.join()
        if self._error:
            raise BackgroundError(self._error)

    def cancel(self) -> None:
        if not self._inline and self._process.is_alive():
            self._process.terminate()
            self._process.join()


class BackgroundError(RuntimeError):
    pass


def split_map(function: Callable, items: list) -> list:
    """`[function(item) for item in items]`, the second half computed by a forked process at the same time."""
    if len(items) < 64 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]  # not worth a process
    middle = len(items) // 2
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_map_child, args=(writer, function, items[middle:]), daemon=True)
    process.start()
    writer.close()
    first = [function(item) for item in items[:middle]]
    try:
        error, second = reader.recv()
    except EOFError:
        error, second = "the background process ended without a word", None
    process.join()
    if error:
        raise BackgroundError(error)
    return first + second


def _map_child(writer, function: Callable, items: list) -> None:
    try:
        writer.send(("", [function(item) for item in items]))
    except Exception:
        writer.send((traceback.format_exc(), None))
    writer.close()


def _run_inline(function: Callable, args: tuple) -> str:
    try:
        function(*args)
    except DataErrors as exc:  # the editors' messages, as the loader words them, without a traceback
        return exc.report()
    except Exception:
        return traceback.format_exc()
    return ""


BACKGROUND_NICENESS = 10  # below the build's own process, which the build waits for at every step


def _child(writer, function: Callable, args: tuple) -> None:
    # The build waits for this work only at its very end: on a machine with other work (a shared CI runner), the
    # pages being rendered go first. Nothing changes on an idle machine: the child has a core of its own.
    os.nice(BACKGROUND_NICENESS)
    writer.send(_run_inline(function, args))
    writer.close()
