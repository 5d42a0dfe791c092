"""Where a build's time goes, for the benchmarks (`make bench-stats` reports it): with KHCN_TIMINGS=<file> in the
environment, each phase wrapped by `phase` adds its wall seconds to a table, and each process of the build appends
its table to <file> as JSON lines when it ends ({"phase", "seconds", "calls", "process"}; `summary` adds them up).

Without KHCN_TIMINGS nothing is measured: `phase` hands the function back unchanged, so a normal build pays nothing.
A phase run in a forked child (the downloads, half of the statistics pages) writes its own lines as soon as it
returns: a forked process ends without running `atexit`.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

ENV = "KHCN_TIMINGS"

_totals: dict[str, list[float]] = {}  # phase -> [seconds, calls], of this process
_owner = os.getpid()  # the build's own process; any other is a forked child


def enabled() -> bool:
    return bool(os.environ.get(ENV))


def phase(name: str) -> Callable[[Callable], Callable]:
    """Decorator: the wrapped function's wall time counted as phase `name` (see the module)."""
    def decorate(function: Callable) -> Callable:
        if not enabled():
            return function

        @functools.wraps(function)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                record(name, time.perf_counter() - start)
        return timed
    return decorate


def record(name: str, seconds: float) -> None:
    if os.getpid() != _owner:  # a forked child: written now (it ends without atexit), only what it measured
        _write({name: [seconds, 1]}, "child")
        return
    entry = _totals.setdefault(name, [0.0, 0])
    entry[0] += seconds
    entry[1] += 1


def _write(totals: dict[str, list[float]], process: str) -> None:
    target = os.environ.get(ENV)
    if not target or not totals:
        return
    lines = [json.dumps({"phase": name, "seconds": round(seconds, 4), "calls": int(calls), "process": process},
                        ensure_ascii=False) for name, (seconds, calls) in totals.items()]
    with open(target, "a", encoding="utf-8") as f:  # one write per process: lines of two processes never mix
        f.write("\n".join(lines) + "\n")


@atexit.register
def _at_exit() -> None:
    if os.getpid() == _owner:
        _write(_totals, "main")


def summary(path: Path) -> dict[str, dict]:
    """The lines of a timing file added up: phase -> {"seconds", "calls", "process"}, in the order first seen."""
    found: dict[str, dict] = {}
    if not Path(path).is_file():
        return found
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        total = found.setdefault(entry["phase"], {"seconds": 0.0, "calls": 0, "process": entry["process"]})
        total["seconds"] += entry["seconds"]
        total["calls"] += entry["calls"]
    return found
