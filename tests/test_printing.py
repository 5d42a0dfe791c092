"""The print edition of a Bản tin (khcn/printing, issue 15): synthetic editions rendered to PDF and read back with
pypdf, as a reader and the Press Law see them. The HTML handed to the engine has a golden file
(`UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_printing.py`, then review the diff)."""

from __future__ import annotations

import io
import re
import socket
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import assert_golden
from khcn.data.models import CountValue, IndicatorKind
from khcn.printing import engine, pdf
from khcn.printing.document import edition_html
from khcn.printing.edition import Article, Edition, Publication
from khcn.rendering import render
from khcn.stats.charts import GAP_MARK, NO_FIGURE, Point, bar_chart
from khcn.stats.frames import measure
from sitecheck import MM, pages_text

GOLDEN = Path(__file__).parent / "golden" / "printing" / "edition.html"
TONES = ("a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ đ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ "
         "ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ")
SENTENCE = f"Chữ có dấu: {TONES} {TONES.upper()}."
HOSTILE_TITLE = "<script>alert(1)</script> & “Hội thảo” <b>đậm</b>"

PUBLICATION = Publication(
    name="Bản tin Khoa học và Công nghệ Tuyên Quang", agency="Sở Khoa học và Công nghệ tỉnh Tuyên Quang",
    licence_number="07/GP-XBBT", licence_date=date(2020, 3, 5), licence_issuer="Sở Thông tin và Truyền thông",
    periodicity="3 tháng/số", print_run=1500, printer="Công ty Cổ phần In Tuyên Quang",
    responsible="Nguyễn Văn Ấn", board=(("Nguyễn Văn Ấn", "Trưởng ban"), ("Trần Thị Bích", "Ủy viên thư ký")))


def chart() -> str:
    points = [Point("Năm 2019", 12, "12"), Point("Năm 2020", 18, "18"), Point("6T đầu 2021", 9, "9")]
    return bar_chart(points, "Số đề tài nghiệm thu", "đề tài", "de-tai")


def table() -> str:
    """A bulletin's `{{bang:…}}` table, as khcn.pages.render.Resolver.table renders it."""
    indicator = SimpleNamespace(name="Số đơn đăng ký nhãn hiệu", denominator=None, unit="đơn",
                                kind=IndicatorKind.COUNT)
    rows = [(SimpleNamespace(label="Năm 2020"), CountValue(gia_tri="1234"), None),
            (SimpleNamespace(label="Năm 2021"), CountValue(gia_tri="56"), None)]
    return render("series_table.html.j2", indicator=indicator, measure=measure(indicator), rows=rows,
                  no_figure=NO_FIGURE, gap_mark=GAP_MARK, indicator_link="/thong-ke/chi-so/x/")


def article(index: int, title: str | None = None, paragraphs: int = 3, extra: str = "") -> Article:
    body = "\n\n".join([f"Đoạn {n} của bài {index}. {SENTENCE}" for n in range(1, paragraphs + 1)])
    return Article(title=title or f"Bài thứ {index}: hội thảo khoa học số {index}", date=date(2021, 7, index),
                   author=f"Tác giả {index}" if index % 2 else None, markdown=f"{body}\n\n{extra}",
                   address=f"/tin-tuc/bai-{index}/")


def edition(*articles: Article, note: str | None = "Thân gửi bạn đọc **số mới**.", cover: Path | None = None):
    return Edition(publication=PUBLICATION, number=2, year=2021, release_date=date(2021, 7, 15),
                   editors_note_markdown=note, cover_image=cover, cover_alt="Ảnh bìa: cánh đồng chè" if cover else None,
                   articles=articles)


def figures_article() -> Article:
    extra = (f"## Kết quả\n\n{chart()}\n\n{table()}\n\nXem [trang chỉ số](/thong-ke/chi-so/x/).\n\n"
             "![Ảnh hội thảo](/anh/2021/bia.png)")
    return article(1, title=HOSTILE_TITLE, extra=extra)


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    (folder / "anh" / "2021").mkdir(parents=True)
    Image.new("RGB", (40, 30), (30, 120, 60)).save(folder / "anh" / "2021" / "bia.png")
    return folder


@pytest.fixture(scope="module")
def standard(docs) -> Edition:
    return edition(figures_article(), article(2, paragraphs=40), article(3, paragraphs=2),
                   cover=Path("/anh/2021/bia.png"))


@pytest.fixture(scope="module")
def printed(standard, docs) -> bytes:
    return pdf.edition_pdf(standard, docs)


def test_page_size_is_190_by_270_mm(printed):
    for page in PdfReader(io.BytesIO(printed)).pages:
        assert float(page.mediabox.width) / MM == pytest.approx(190, abs=0.5)
        assert float(page.mediabox.height) / MM == pytest.approx(270, abs=0.5)


def test_cover_carries_the_press_laws_top_lines(printed):
    cover = pages_text(printed)[0]
    assert cover.startswith("BẢN TIN Bản tin Khoa học và Công nghệ Tuyên Quang")
    assert "Sở Khoa học và Công nghệ tỉnh Tuyên Quang" in cover
    assert "Số 2/2021 — phát hành ngày 15/7/2021" in cover


def test_colophon_is_on_the_last_page(printed):
    last = pages_text(printed)[-1]
    for line in ("Giấy phép xuất bản số 07/GP-XBBT ngày 05/3/2020 của Sở Thông tin và Truyền thông",
                 "In 1.500 bản tại Công ty Cổ phần In Tuyên Quang", "Xuất bản định kỳ: 3 tháng/số",
                 "Chịu trách nhiệm xuất bản: Nguyễn Văn Ấn", "Nguyễn Văn Ấn — Trưởng ban",
                 "Trần Thị Bích — Ủy viên thư ký"):
        assert line in last
    assert all("Giấy phép xuất bản" not in text for text in pages_text(printed)[:-1])


def test_page_numbers_run_through(printed):
    texts = pages_text(printed)
    assert len(texts) >= 5  # cover, note and contents, three articles (the second over several pages)
    for number, text in enumerate(texts[1:], start=2):
        assert text.split()[-1] == str(number)


def test_contents_give_the_pages_where_articles_start(printed, standard):
    texts = pages_text(printed)
    contents = texts[1]
    assert "Mục lục" in contents
    for item in standard.articles:
        listed = re.search(re.escape(item.title) + r"[ .]*?(\d+)(?: |$)", contents)
        assert listed, item.title
        starts = next(number for number, text in enumerate(texts[2:], start=3) if item.title in text)
        assert int(listed.group(1)) == starts


def test_vietnamese_text_extracts_intact(printed):
    body = " ".join(pages_text(printed))
    assert unicodedata.normalize("NFC", SENTENCE) in body
    assert "Thân gửi bạn đọc số mới." in body


def test_hostile_title_is_text_not_markup(printed, standard):
    body = " ".join(pages_text(printed))
    assert HOSTILE_TITLE in body  # printed as typed, tags and all: escaped, never parsed
    html = edition_html(standard)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_figures_and_tables_are_printed(printed):
    texts = pages_text(printed)
    chart_page = next(n for n, text in enumerate(texts) if "Đơn vị: đề tài" in text)
    assert "6T đầu 2021" in texts[chart_page]  # the chart's own text, drawn with the committed fonts
    table_text = " ".join(texts[chart_page:chart_page + 2])  # a table that does not fit goes whole to the next page
    assert "Số đơn đăng ký nhãn hiệu (đơn) Kỳ Giá trị Năm 2020 1.234 Năm 2021 56" in table_text


def test_fonts_are_the_committed_ones_embedded(printed):
    seen = set()
    for page in PdfReader(io.BytesIO(printed)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            seen.add(re.sub(r"^/([A-Z]{6}\+)?", "", str(font["/BaseFont"])))
    assert seen and all(name.startswith("KHCN-") for name in seen), seen  # no system font filled a gap


def test_two_builds_are_byte_identical(printed, standard, docs, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1633083956")
    first = pdf.edition_pdf(standard, docs)
    assert pdf.edition_pdf(standard, docs) == first
    info = PdfReader(io.BytesIO(first)).metadata
    assert info["/CreationDate"] == "D:20210715000000+07'00"  # the release day
    assert info["/ModDate"] == "D:20211001172556+07'00"  # the commit's time


def test_the_pdf_is_tagged_and_vietnamese(printed):
    root = PdfReader(io.BytesIO(printed)).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "vi"


def test_internal_links_lose_their_address_and_images_come_from_docs(standard):
    html = edition_html(standard)
    assert 'href="/thong-ke' not in html and "trang chỉ số" in html
    assert html.count('src="anh/2021/bia.png"') == 2  # the cover and the article's photograph


def test_every_text_of_the_data_is_escaped():
    hostile = "<i>x</i> & <script>y</script>"
    publication = replace(PUBLICATION, name=hostile, agency=hostile, printer=hostile, board=((hostile, hostile),))
    html = edition_html(replace(edition(replace(article(1), author=hostile), cover=Path("anh/a.png")),
                                publication=publication, cover_alt=hostile))
    assert "<i>" not in html and "<script>" not in html
    assert html.count("&lt;i&gt;x&lt;/i&gt; &amp; &lt;script&gt;y&lt;/script&gt;") == 11  # every place each lands


def test_edition_html_golden(docs):
    small = edition(figures_article(), article(2, paragraphs=1), cover=Path("anh/2021/bia.png"))
    assert_golden(GOLDEN, edition_html(small))


def test_more_than_64_pages_is_refused_with_the_excess(docs, monkeypatch):
    small = edition(article(1), article(2))
    pages = len(PdfReader(io.BytesIO(pdf.edition_pdf(small, docs))).pages)
    monkeypatch.setattr(pdf, "MAX_PAGES", pages)
    pdf.edition_pdf(small, docs)  # exactly at the limit: printed
    monkeypatch.setattr(pdf, "MAX_PAGES", pages - 1)
    with pytest.raises(pdf.EditionTooLong, match=f"sẽ có {pages} trang, vượt 1 trang so với giới hạn {pages - 1}"):
        pdf.edition_pdf(small, docs)


def test_a_real_64_page_limit(docs):
    long = edition(*(article(n, paragraphs=30) for n in range(1, 31)))
    with pytest.raises(pdf.EditionTooLong) as refused:
        pdf.edition_pdf(long, docs)
    assert refused.value.pages > 64
    message = str(refused.value)
    assert f"sẽ có {refused.value.pages} trang, vượt {refused.value.pages - 64} trang" in message
    assert "giới hạn 64 trang" in message and "data/ban-tin/2021-2.yaml" in message


def test_no_resource_from_another_host_or_outside_docs(docs, monkeypatch, tmp_path):
    secret = tmp_path / "bi-mat.png"
    Image.new("RGB", (4, 4)).save(secret)
    hostile = ('<img src="https://evil.example/a.png"> <img src="//evil.example/b.png">'
               f'<img src="file://{secret}"> <div style="background: url(https://evil.example/c.png)">x</div>'
               '<link rel="stylesheet" href="https://evil.example/d.css">\n\n![ảnh](https://evil.example/e.png)')
    requested = []
    original = engine.LocalFetcher.fetch

    def spy(self, url, headers=None):
        requested.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(engine.LocalFetcher, "fetch", spy)
    monkeypatch.setattr(socket, "socket", lambda *a, **k: pytest.fail("a socket was opened"))
    pdf.edition_pdf(edition(article(1, extra=hostile)), docs)
    assert requested and all(url.startswith("file://") and "/fonts/" in url for url in requested), requested
    fetcher = engine.LocalFetcher(docs / "anh")
    for url in ("https://evil.example/a.png", secret.as_uri(), (docs / "anh" / ".." / "anh").as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.refused == ["https://evil.example/a.png", secret.as_uri(), (docs / "anh" / ".." / "anh").as_uri()]


def test_a_missing_image_stops_the_print(docs):
    with pytest.raises(pdf.PrintError, match=r"không đọc được ảnh /anh/2021/khong-co\.png"):
        pdf.edition_pdf(edition(article(1), cover=Path("/anh/2021/khong-co.png")), docs)


def test_a_character_the_fonts_lack_is_refused(docs):
    strange = replace(article(3), title="Hợp tác với đối tác 中国")
    where = r"bài “Hợp tác với đối tác 中国” \(/tin-tuc/bai-3/\)"
    with pytest.raises(pdf.PrintError, match=where + r": U\+4E2D 中, U\+56FD 国"):
        pdf.edition_pdf(edition(strange), docs)


def test_a_character_written_as_an_entity_is_refused_too(docs):
    strange = replace(article(2), markdown="Chữ Hán &#20013; viết bằng mã.")
    with pytest.raises(pdf.PrintError, match=r"\(/tin-tuc/bai-2/\): U\+4E2D 中"):
        pdf.edition_pdf(edition(strange), docs)


def test_an_edition_without_note_or_cover(docs):
    texts = pages_text(pdf.edition_pdf(edition(article(1), note=None), docs))
    assert "Lời tòa soạn" not in " ".join(texts) and texts[1].startswith("Mục lục")


def test_without_pango_the_editor_is_told_in_vietnamese(monkeypatch, docs):
    def no_pango(name):
        raise OSError("cannot load library 'libpango-1.0-0'")
    monkeypatch.setattr(pdf.importlib, "import_module", no_pango)
    with pytest.raises(pdf.PrintError, match=r"Máy này thiếu thư viện Pango.*libpango-1\.0-0.*make build"):
        pdf.edition_pdf(edition(article(1)), docs)


def test_a_bulletins_chart_reaches_the_print_whole_but_for_its_link():
    """{{bieu-do:…}} as the site writes it out (khcn.pages.render.Resolver.chart), through the print path's Markdown
    and the sanitiser: every element and attribute of the figure and its SVG stays; the caption's link to the
    indicator's page keeps its words and loses its address, as every link to the site does on paper."""
    from bs4 import BeautifulSoup

    from conftest import TINY_DATA
    from khcn.data.dataset import load_site_data
    from khcn.data.richtext import ChartRef
    from khcn.pages.render import Resolver
    from khcn.printing.document import body_html

    written = Resolver(load_site_data(TINY_DATA), "tin-tuc/x.md", None).chart(ChartRef("phuong-tien-do", 7, True))
    printed_markup = body_html(f"Đoạn trước.\n\n{written}\n\nĐoạn sau.")

    def figure(markup: str):
        found = BeautifulSoup(markup, "html.parser").figure
        found.figcaption.a.attrs.pop("href", None)
        return [(tag.name, sorted(tag.attrs.items()), tag.string) for tag in found.find_all(True)]

    assert figure(printed_markup) == figure(written)
    assert len(figure(written)) > 30 and "<svg" in printed_markup
    link = BeautifulSoup(printed_markup, "html.parser").figcaption.a
    assert link.get_text() == "trang thống kê của chỉ số" and "href" not in link.attrs
