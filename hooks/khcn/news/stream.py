"""The stream of bulletins: news, announcements and reports as one dated list, newest first.

A bulletin (data/tin-tuc/**/<slug>.md) and a report (data/bao-cao/<slug>.yaml) each become one `Entry`; list pages,
archives and feeds read entries only, never the files behind them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from khcn.addresses import list_page


@dataclass(frozen=True)
class Entry:
    slug: str  # the last part of the address; unique among bulletins (a report may share it: `path` is unique)
    path: str  # the page under docs/, e.g. "tin-tuc/hoi-thao-che.md" or "bao-cao/2021-6-thang-dau-nam.md"
    title: str
    published: datetime  # aware, +07:00
    authors: tuple[str, ...]
    category: str  # id of a category of data/chuyen-muc.yaml
    tags: tuple[str, ...]
    summary: str  # plain text, no Markdown
    source: str  # the file that holds it, as editors see it: "data/tin-tuc/2021/hoi-thao-che.md"
    words: int  # for the reading time
    image: str | None = None  # "/anh/…" under docs/
    image_alt: str | None = None
    deadline: date | None = None  # issue 12b: a notice's `han_chot`
    expired: bool = False  # the deadline is before the build's day

    @property
    def deadline_words(self) -> str | None:
        """`Hạn chót: 20/10/2021`, `Hạn chót: 15/09/2021 (đã hết hạn)`: the same words on the page, in lists and
        in feeds."""
        if self.deadline is None:
            return None
        return f"{DEADLINE}: {self.deadline.strftime('%d/%m/%Y')}" + (f" ({EXPIRED})" if self.expired else "")

    @property
    def sort_key(self) -> tuple:
        """Newest first; entries of the same second in a fixed order."""
        return (-self.published.timestamp(), self.path)


DEADLINE = "Hạn chót"  # issue 12b
EXPIRED = "đã hết hạn"
PER_PAGE = 20  # entries on one page of a list


@dataclass(frozen=True)
class Listing:
    """One page of a paginated list."""

    path: str  # the page under docs/
    title: str
    entries: list[Entry]
    number: int  # 1-based
    pages: list[str]  # the paths of every page of this list, for the pager


def newest_first(entries) -> list[Entry]:
    return sorted(entries, key=lambda entry: entry.sort_key)


def paginate(entries: list[Entry], base: str, title: str) -> list[Listing]:
    """`base/index.md`, then `base/trang/2.md`, …: at least one page, even for an empty list."""
    count = max(1, -(-len(entries) // PER_PAGE))
    paths = [list_page(base, n) for n in range(1, count + 1)]
    return [Listing(path, title, entries[(n - 1) * PER_PAGE: n * PER_PAGE], n, paths)
            for n, path in enumerate(paths, start=1)]


def by_year(entries: list[Entry]) -> dict[int, list[Entry]]:
    """Years newest first, each with its entries in stream order."""
    years: dict[int, list[Entry]] = {}
    for entry in entries:
        years.setdefault(entry.published.year, []).append(entry)
    return dict(sorted(years.items(), reverse=True))


def by_category(entries: list[Entry], category_ids) -> dict[str, list[Entry]]:
    """Every category (in the editors' order), each with its entries; a category may be empty."""
    groups: dict[str, list[Entry]] = {category: [] for category in category_ids}
    for entry in entries:
        groups[entry.category].append(entry)
    return groups


def by_author(entries: list[Entry], author_slug) -> dict[str, tuple[str, list[Entry]]]:
    """Author slug -> (the name as most often written, entries). `Thúy` and `Thuý` (old and new tone placement)
    slug alike, so one person keeps one page."""
    groups: dict[str, list[Entry]] = {}
    spellings: dict[str, dict[str, int]] = {}
    for entry in entries:
        for name in entry.authors:
            slug = author_slug(name)
            groups.setdefault(slug, []).append(entry)
            counts = spellings.setdefault(slug, {})
            counts[name] = counts.get(name, 0) + 1
    return {slug: (min(spellings[slug], key=lambda name: (-spellings[slug][name], name)), groups[slug])
            for slug in sorted(groups)}


def neighbours(entries: list[Entry]) -> dict[str, tuple[Entry | None, Entry | None]]:
    """path -> (the older entry, the newer entry) in the stream."""
    found = {}
    for index, entry in enumerate(entries):
        older = entries[index + 1] if index + 1 < len(entries) else None
        newer = entries[index - 1] if index > 0 else None
        found[entry.path] = (older, newer)
    return found
