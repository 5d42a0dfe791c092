"""The plain side of `make bench-stats`: `mkdocs build` of a project without hooks, then our search step (the
Pagefind index of khcn/publish/search.py, which the hooks run in `on_post_build`) on what it built, in one process,
so that the plain build does the same work as ours but what our hooks render.

    python benchmarks/plain_build.py -f PROJECT/mkdocs.yml -d SITE

With KHCN_TIMINGS set, the two steps are timed like the hooks' phases (khcn/core/timing.py): "mkdocs", "search index".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.__main__ import cli

from khcn.core import timing
from khcn.publish.search import index_site


@timing.phase("mkdocs")
def mkdocs_build(config_file: str, site_dir: str) -> None:
    cli(["build", "-q", "-f", config_file, "-d", site_dir], standalone_mode=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", dest="config_file", required=True)
    parser.add_argument("-d", dest="site_dir", required=True)
    args = parser.parse_args(argv)
    mkdocs_build(args.config_file, args.site_dir)
    timing.phase("search index")(index_site)(Path(args.site_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
