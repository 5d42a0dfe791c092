"""The feeds of the bulletin stream, read back by feedparser and checked against each format's rules: Atom against
RFC 4287's RELAX NG schema and its Schematron rules, JSON Feed against a JSON Schema of version 1.1, RSS 2.0 (which
has no official schema) against the specification's rules written below. Each check is also shown to fail on a
broken feed, so a passing check means something. feedparser 6.0.14 reads no JSON Feed: that one is read with `json`."""

from __future__ import annotations

import calendar
import copy
import html
import json
import re
import unicodedata
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import jsonschema
import pytest
from lxml import etree

from khcn.addresses import NEWS_FEEDS as FEEDS
from khcn.addresses import category_feeds, category_page, page_url
from khcn.data.fields import VIETNAM
from khcn.data.models import Category
from khcn.news.feeds import EMPTY_UPDATED, LIMIT, FeedSite, feed_files
from khcn.news.stream import Entry

SCHEMAS = Path(__file__).parent / "schemas"
ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM, "dc": "http://purl.org/dc/elements/1.1/", "s": "http://www.ascc.net/xml/schematron"}
SEVEN_HOURS = timedelta(hours=7)

SITE = FeedSite("https://sokhcn.tuyenquang.gov.vn/", "Sở Khoa học và Công nghệ tỉnh Tuyên Quang",
                "Tin tức, thông báo và báo cáo của Sở Khoa học và Công nghệ tỉnh Tuyên Quang")


def category(id_: str, name: str, description: str | None = None) -> Category:
    return Category.model_validate({"ma": id_, "ten": name, "mo_ta": description})


# `<mới>` is refused in data (khcn.data.markup): built without validation, to show the feeds escape it all the same
CATEGORIES = (Category.model_construct(id="tin-tuc", name="Tin tức & sự kiện", description="Hoạt động <mới> của Sở"),
              category("thong-bao", "Thông báo"), category("bao-cao", "Báo cáo"),
              category("chua-co-bai", "Chuyên mục chưa có bài"))
NEWEST = datetime(2021, 10, 1, 17, 25, 56, tzinfo=VIETNAM)


def entry(n: int, **overrides) -> Entry:
    """The n-th newest bulletin; most are news, a few announcements and reports."""
    fields = {"slug": f"bai-{n:02d}", "path": f"tin-tuc/bai-{n:02d}.md",
                  "title": f"Hội thảo “chè Shan tuyết” & <Na Hang> số {n}",
                  "published": NEWEST - timedelta(days=n, hours=n), "authors": ("Lê Thúy Phượng",),
                  "category": {3: "thong-bao", 8: "bao-cao", 13: "thong-bao"}.get(n, "tin-tuc"),
                  "tags": ("chè", "nông thôn"), "summary": f"Tóm tắt bài {n}: 5 < 7 & \"đúng\".",
                  "source": f"data/tin-tuc/2021/bai-{n:02d}.md", "words": 300}
    return Entry(**(fields | overrides))


ENTRIES = (
    entry(0, authors=()),
    entry(1, authors=("Lê Thúy Phượng", "Nguyễn Đại Thành")),
    entry(2, image="/anh/hoi-thao-che.jpg", image_alt="Đại biểu tham quan vườn chè"),
    entry(3, title="Thông báo tuyển chọn nhiệm vụ năm 2022", tags=()),
    entry(4),
    entry(5, published=entry(4).published),  # the same second: by slug
    *(entry(n) for n in range(6, 8)),
    entry(8, slug="2021-6-thang-dau-nam", path="bao-cao/2021-6-thang-dau-nam.md", summary=""),
    *(entry(n) for n in range(9, 25)),
)
PATHS = [*FEEDS.values(), *(path for c in CATEGORIES for path in category_feeds(c.id).values())]


def url(e: Entry) -> str:
    return SITE.url + page_url(e.path)


def of_category(category_id: str) -> list[Entry]:
    return [e for e in ENTRIES if e.category == category_id][:LIMIT]


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return dict(feed_files(ENTRIES, CATEGORIES, SITE))


# --- the checks -------------------------------------------------------------------------------------------------

RELAX_NG = etree.parse(str(SCHEMAS / "atom.rng"))
ATOM_SCHEMA = etree.RelaxNG(RELAX_NG)
JSON_FEED_SCHEMA = jsonschema.Draft202012Validator(json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text()),
                                                   format_checker=jsonschema.FormatChecker())
RFC_822 = re.compile(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
                     r"\d\d:\d\d:\d\d [+-]\d{4}")


def atom_problems(document: bytes) -> list[str]:
    """RFC 4287's RELAX NG schema, then the Schematron rules the RFC writes beside it (in atom.rng too)."""
    root = etree.fromstring(document)
    if not ATOM_SCHEMA.validate(root):
        return [str(error) for error in ATOM_SCHEMA.error_log]
    return [check.text for rule in RELAX_NG.iterfind(".//s:rule", NS)
            for node in root.xpath("descendant-or-self::" + rule.get("context"), namespaces=NS)
            for check in rule.iterfind("s:assert", NS) if not node.xpath(check.get("test"), namespaces=NS)]


def json_feed_problems(document: bytes) -> list[str]:
    errors = JSON_FEED_SCHEMA.iter_errors(json.loads(document))
    return [f"{list(error.absolute_path)}: {error.message}" for error in errors]


def rss_problems(document: bytes, self_url: str) -> list[str]:
    """RSS 2.0's rules (https://www.rssboard.org/rss-specification), and the atom:link rel=self its Advisory Board
    recommends."""
    root = etree.fromstring(document)
    channel = root.find("channel")
    if root.tag != "rss" or root.get("version") != "2.0" or channel is None:
        return ["not an RSS 2.0 document"]
    problems = [f"channel without <{name}>" for name in ("title", "link", "description") if channel.find(name) is None]
    if [link.get("href") for link in channel.iterfind("atom:link[@rel='self']", NS)] != [self_url]:
        problems.append("no atom:link rel=self to the feed's own address")
    problems += [f"date {date.text!r} is not RFC 822" for date in root.iter("pubDate", "lastBuildDate")
                 if not RFC_822.fullmatch(date.text or "")]
    for item in channel.iterfind("item"):
        if item.find("title") is None and item.find("description") is None:
            problems.append("item without title or description")
        guid = item.find("guid")
        if guid is None or guid.get("isPermaLink") != "true" or guid.text != item.findtext("link"):
            problems.append(f"item {item.findtext('title')!r}: guid is not its permalink")
    return problems + [f"relative address {address!r}" for address in relative_addresses(document)]


def addresses(document: bytes) -> list[str]:
    """Every address a feed holds: link-like elements and attributes (XML), URL-valued keys (JSON)."""
    if not document.startswith(b"<?xml"):
        return list(_json_addresses(json.loads(document)))
    root = etree.fromstring(document)
    found = [value for name in ("href", "src", "uri") for value in root.xpath(f"//@{name}")]
    return found + [node.text or "" for node in root.iter()
                    if isinstance(node.tag, str) and not node.get("href")
                    and etree.QName(node).localname in ("link", "guid", "id", "uri", "docs")]


def _json_addresses(value):
    if isinstance(value, dict):
        for key, child in value.items():
            if key in ("id", "image", "avatar", "favicon", "icon") or key.endswith("url"):
                yield child
            else:
                yield from _json_addresses(child)
    elif isinstance(value, list):
        for child in value:
            yield from _json_addresses(child)


def relative_addresses(document: bytes) -> list[str]:
    return [a for a in addresses(document) if urlsplit(a).scheme != "https" or not urlsplit(a).netloc]


def problems(path: str, document: bytes) -> list[str]:
    if path.endswith("atom.xml"):
        return atom_problems(document) + [f"relative address {a!r}" for a in relative_addresses(document)]
    if path.endswith("feed.json"):
        return json_feed_problems(document)
    return rss_problems(document, SITE.url + path)


def mutate(document: bytes, xpath: str, change) -> bytes:
    """The document with `change` applied to every node `xpath` selects."""
    root = etree.fromstring(document)
    nodes = root.xpath(xpath, namespaces=NS)
    assert nodes, xpath
    for node in nodes:
        change(node)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def remove(node) -> None:
    node.getparent().remove(node)


# --- every feed -------------------------------------------------------------------------------------------------

def test_a_feed_of_each_format_for_the_stream_and_each_category(files):
    assert list(files) == PATHS
    assert FEEDS == {"rss": "tin-tuc/rss.xml", "atom": "tin-tuc/atom.xml", "json": "tin-tuc/feed.json"}
    assert category_feeds("thong-bao")["atom"] == "tin-tuc/chuyen-muc/thong-bao/atom.xml"


@pytest.mark.parametrize("path", PATHS)
def test_every_feed_follows_its_format(files, path):
    assert problems(path, files[path]) == []
    assert relative_addresses(files[path]) == []


@pytest.mark.parametrize("path", [p for p in PATHS if p.endswith(".xml")])
def test_xml_is_utf8_with_a_declaration_and_feedparser_reads_it_cleanly(files, path):
    assert files[path].startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    parsed = feedparser.parse(files[path])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if path.endswith("atom.xml") else "rss20")
    assert parsed.feed.language == "vi"


def test_same_entries_same_bytes(files):
    assert dict(feed_files(ENTRIES, CATEGORIES, SITE)) == files
    assert dict(feed_files(reversed(ENTRIES), CATEGORIES, SITE)) == files  # sorted again, defensively


# --- what the feeds say -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, offset", [("rss", " +0700"), ("atom", "+07:00")])
def test_xml_feeds_give_back_the_20_newest(files, kind, offset):
    parsed = feedparser.parse(files[FEEDS[kind]])
    newest = ENTRIES[:LIMIT]
    assert [e.title for e in parsed.entries] == [e.title for e in newest]
    assert [e.link for e in parsed.entries] == [e.id for e in parsed.entries] == [url(e) for e in newest]
    assert [calendar.timegm(e.published_parsed) for e in parsed.entries] == [e.published.timestamp() for e in newest]
    assert all(e.published.endswith(offset) for e in parsed.entries)
    assert [[a.name for a in e.get("authors", [])] for e in parsed.entries] == [list(e.authors) for e in newest]
    assert parsed.feed.title == SITE.title
    assert parsed.feed.link == SITE.url + "tin-tuc/"


def test_json_feed_gives_back_the_20_newest(files):
    feed = json.loads(files[FEEDS["json"]])
    newest = ENTRIES[:LIMIT]
    assert (feed["version"], feed["language"]) == ("https://jsonfeed.org/version/1.1", "vi")
    assert (feed["home_page_url"], feed["feed_url"]) == (SITE.url + "tin-tuc/", SITE.url + "tin-tuc/feed.json")
    assert [i["title"] for i in feed["items"]] == [e.title for e in newest]
    assert [i["url"] for i in feed["items"]] == [i["id"] for i in feed["items"]] == [url(e) for e in newest]
    published = [datetime.fromisoformat(i["date_published"]) for i in feed["items"]]
    assert published == [e.published for e in newest] and {p.utcoffset() for p in published} == {SEVEN_HOURS}
    assert [[a["name"] for a in i.get("authors", [])] for i in feed["items"]] == [list(e.authors) for e in newest]
    assert feed["items"][0]["tags"] == ["Tin tức & sự kiện", "chè", "nông thôn"]
    assert feed["items"][0]["summary"] == feed["items"][0]["content_text"] == ENTRIES[0].summary
    assert feed["items"][8]["content_text"] == ENTRIES[8].title  # no summary: the title is the content
    assert feed["items"][2]["image"] == SITE.url + "anh/hoi-thao-che.jpg"


def test_rss_dates_are_rfc_822_instants_at_plus_0700(files):
    root = etree.fromstring(files[FEEDS["rss"]])
    dates = [parsedate_to_datetime(d) for d in root.xpath("channel/item/pubDate/text()")]
    assert dates == [e.published for e in ENTRIES[:LIMIT]] and {d.utcoffset() for d in dates} == {SEVEN_HOURS}
    assert root.findtext("channel/lastBuildDate") == "Fri, 01 Oct 2021 17:25:56 +0700"
    assert root.xpath("channel/item[1]/dc:creator", namespaces=NS) == []  # no author, and no e-mail to invent


def test_summaries_categories_and_image(files):
    rss = feedparser.parse(files[FEEDS["rss"]]).entries
    atom = feedparser.parse(files[FEEDS["atom"]]).entries
    assert html.unescape(rss[0].summary) == atom[0].summary == ENTRIES[0].summary  # RSS descriptions are HTML
    assert [t.term for t in rss[0].tags] == ["Tin tức & sự kiện", "chè", "nông thôn"]
    assert [(t.term, t.label) for t in atom[0].tags][0] == ("tin-tuc", "Tin tức & sự kiện")
    assert atom[2].enclosures == [{"type": "image/jpeg", "href": SITE.url + "anh/hoi-thao-che.jpg",
                                   "title": "Đại biểu tham quan vườn chè"}]
    assert "enclosure" not in files[FEEDS["rss"]].decode()  # RSS wants the image's size in bytes, unknown here
    assert "Phượng".encode() in files[FEEDS["atom"]]  # UTF-8 text, not character references


@pytest.mark.parametrize("path", PATHS)
def test_nfc_text_stays_nfc(files, path):
    assert all(unicodedata.is_normalized("NFC", e.title + e.summary + "".join(e.authors)) for e in ENTRIES)
    assert unicodedata.is_normalized("NFC", files[path].decode("utf-8"))


def test_atom_dates_and_author_of_last_resort(files):
    root = etree.fromstring(files[FEEDS["atom"]])
    assert root.findtext("atom:updated", namespaces=NS) == "2021-10-01T17:25:56+07:00"
    assert root.xpath("atom:author/atom:name/text()", namespaces=NS) == [SITE.title]
    first = root.find("atom:entry", NS)
    assert first.findtext("atom:published", namespaces=NS) == first.findtext("atom:updated", namespaces=NS)
    assert first.find("atom:author", NS) is None


@pytest.mark.parametrize("category_id", [c.id for c in CATEGORIES])
def test_a_category_feed_holds_its_category_only(files, category_id):
    paths = category_feeds(category_id)
    name = next(c.name for c in CATEGORIES if c.id == category_id)
    expected = [url(e) for e in of_category(category_id)]
    feed = json.loads(files[paths["json"]])
    assert [i["id"] for i in feed["items"]] == expected and {i["tags"][0] for i in feed["items"]} <= {name}
    assert feed["title"] == f"{SITE.title}: {name}"
    assert feed["home_page_url"] == SITE.url + page_url(category_page(category_id))
    for kind in ("rss", "atom"):
        parsed = feedparser.parse(files[paths[kind]])
        assert [e.link for e in parsed.entries] == expected
        assert parsed.feed.title == f"{SITE.title}: {name}"


def test_a_category_stops_at_20():
    assert len([e for e in ENTRIES if e.category == "tin-tuc"]) > LIMIT
    assert len(of_category("tin-tuc")) == LIMIT


def test_an_empty_feed_is_valid_and_dated_by_the_fallback(files):
    paths = category_feeds("chua-co-bai")
    assert feedparser.parse(files[paths["atom"]]).entries == []
    assert etree.fromstring(files[paths["atom"]]).findtext("atom:updated", namespaces=NS) == EMPTY_UPDATED.isoformat()
    assert EMPTY_UPDATED.isoformat() == "1970-01-01T07:00:00+07:00"
    assert b"lastBuildDate" not in files[paths["rss"]]
    assert json.loads(files[paths["json"]])["items"] == []
    built = datetime(2021, 10, 1, 17, 25, 56, tzinfo=VIETNAM)
    dated = dict(feed_files([], CATEGORIES[3:], SITE, updated=built))
    assert etree.fromstring(dated[paths["atom"]]).findtext("atom:updated", namespaces=NS) == "2021-10-01T17:25:56+07:00"
    assert b"<lastBuildDate>Fri, 01 Oct 2021 17:25:56 +0700</lastBuildDate>" in dated[paths["rss"]]
    assert all(problems(path, document) == [] for path, document in dated.items())


def test_characters_xml_refuses_are_dropped():
    broken = entry(0, title="Hội\x00 thảo\x0b chè\ufffe", summary="Tóm\x1b tắt",
                   authors=("Lê\x07 Thúy Phượng",))
    files = dict(feed_files([broken], CATEGORIES[:1], SITE))
    assert all(problems(path, document) == [] for path, document in files.items())
    parsed = feedparser.parse(files[FEEDS["atom"]])
    assert parsed.bozo == 0 and parsed.entries[0].title == "Hội thảo chè"
    assert parsed.entries[0].author == "Lê Thúy Phượng"
    assert json.loads(files[FEEDS["json"]])["items"][0]["summary"] == "Tóm tắt"


# --- the checks fail on broken feeds ----------------------------------------------------------------------------

def test_atom_checks_reject_broken_feeds(files):
    atom = files[FEEDS["atom"]]
    assert atom_problems(mutate(atom, "/atom:feed/atom:updated", remove))  # RELAX NG: updated is required
    assert atom_problems(mutate(atom, "//atom:entry[1]/atom:id", remove))
    assert atom_problems(mutate(atom, "//atom:published", lambda n: setattr(n, "text", "2021-10-01 17:25")))
    assert atom_problems(mutate(atom, "//atom:link[@rel='enclosure']", lambda n: n.set("type", "jpeg")))
    without_author = mutate(atom, "/atom:feed/atom:author", remove)  # valid RELAX NG, but the first entry has none
    assert ATOM_SCHEMA.validate(etree.fromstring(without_author))
    assert atom_problems(without_author) == [
        "An atom:feed must have an atom:author unless all of its atom:entry children have an atom:author.",
        "An atom:entry must have an atom:author if its feed does not."]
    relative = mutate(atom, "/atom:feed/atom:link[@rel='alternate']", lambda n: n.set("href", "/tin-tuc/"))
    assert problems(FEEDS["atom"], relative) == ["relative address '/tin-tuc/'"]


def test_json_feed_schema_rejects_broken_feeds(files):
    feed = json.loads(files[FEEDS["json"]])

    def broken(change) -> bytes:
        copied = copy.deepcopy(feed)
        change(copied)
        return json.dumps(copied).encode()

    assert json_feed_problems(broken(lambda f: f["items"][0].pop("id")))
    assert json_feed_problems(broken(lambda f: f["items"][0].pop("content_text")))
    assert json_feed_problems(broken(lambda f: f["items"][0].update(date_published="2021-10-01 17:25:56")))
    assert json_feed_problems(broken(lambda f: f["items"][0].update(date_published="2021-10-01T17:25:56")))
    assert json_feed_problems(broken(lambda f: f["items"][0].update(url="/tin-tuc/bai-00/")))
    assert json_feed_problems(broken(lambda f: f["items"][0].update(authors=["Lê Thúy Phượng"])))
    assert json_feed_problems(broken(lambda f: f.update(version="https://jsonfeed.org/version/1")))
    assert json_feed_problems(broken(lambda f: f.pop("title")))
    assert json_feed_problems(broken(lambda f: f.update(_khcn={"ok": True}))) == []  # extensions are allowed


def test_rss_checks_reject_broken_feeds(files):
    rss, self_url = files[FEEDS["rss"]], SITE.url + FEEDS["rss"]
    assert rss_problems(mutate(rss, "/rss/channel/description", remove), self_url) == ["channel without <description>"]
    assert rss_problems(mutate(rss, "//atom:link", remove), self_url)
    assert rss_problems(mutate(rss, "//item[1]/pubDate", lambda n: setattr(n, "text", "2021-10-01T17:25:56+07:00")),
                        self_url)
    assert rss_problems(mutate(rss, "//item[2]/guid", lambda n: setattr(n, "text", "/tin-tuc/bai-01/")), self_url)
    assert rss_problems(mutate(rss, "//item[1]/link", lambda n: setattr(n, "text", "tin-tuc/bai-00/")), self_url)
    assert rss_problems(mutate(rss, "//item[4]/*[self::title or self::description]", remove), self_url) == [
        "item without title or description"]
