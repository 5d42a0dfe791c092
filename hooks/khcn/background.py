"""Work done in a second process while MkDocs renders pages: the machines this site builds on have two cores
and MkDocs uses one. The child is forked, so it starts with the loaded data and needs nothing pickled in."""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable


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
        if self._inline:
            error = self._error
        else:
            try:
                error = self._reader.recv()
            except EOFError:
                error = "the background process ended without a word"
            self._process.join()
        if error:
            raise BackgroundError(error)

    def cancel(self) -> None:
        if not self._inline and self._process.is_alive():
            self._process.terminate()
            self._process.join()


class BackgroundError(RuntimeError):
    pass


def _run_inline(function: Callable, args: tuple) -> str:
    try:
        function(*args)
    except Exception:  # noqa: BLE001 - handed to wait(), like the forked case
        return traceback.format_exc()
    return ""


def _child(writer, function: Callable, args: tuple) -> None:
    writer.send(_run_inline(function, args))
    writer.close()
