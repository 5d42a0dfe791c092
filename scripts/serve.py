"""`make serve`: the site previewed at http://127.0.0.1:8000/, following every saved file (hooks/khcn/preview/).

The project's own hooks/ comes first on the path, so a copied project (the tests' fixtures, the benchmark's site)
previews with its own code and templates. When the hooks' Python code changes, the program starts itself again
(KHCN_PREVIEW_NO_RESTART=1: it stops instead; the tests and the benchmark set it).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="folder holding mkdocs.yml and data/ (default: this repository)")
    parser.add_argument("-a", "--address", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="the program that builds")
    parser.add_argument("--eager-pages", type=int, default=None, metavar="N",
                        help="pages whose Markdown changed turned into HTML at once up to N, else when asked for "
                             "(default 50; the tests use 0)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    host, _, port = args.address.rpartition(":")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if not os.environ.get("SOURCE_DATE_EPOCH"):  # the full build's date: the sitemap equals `make build`'s
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from _project import source_date_epoch
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(project)
    sys.path.insert(0, str(project / "hooks"))
    if args.engine != "mkdocs":  # its modules stand for `mkdocs.*` before anything imports them (preview/engine.py)
        __import__(f"{args.engine}.replacement")
    from khcn.preview.server import serve

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by another program: its folders removed too
    options = {} if args.eager_pages is None else {"eager_pages": args.eager_pages}
    if serve(project, host or "127.0.0.1", int(port), args.engine, **options):
        os.execv(sys.executable, [sys.executable, *sys.argv])  # the hooks' Python code changed
    return 0


if __name__ == "__main__":
    sys.exit(main())
