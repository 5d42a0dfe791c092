"""Python's garbage collector and large builds."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def no_garbage_collection():
    """For work that builds millions of objects and no cycles (loading the data, the tables of all values):
    the collector, run over and over on that growing heap, took two thirds of the loading time of a large site.
    Whatever garbage there is gets collected after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
