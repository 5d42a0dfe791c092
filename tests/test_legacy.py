"""Pages of the old website into bulletins: the seed page, its variants (every trap the exports hold), malformed
pages, and the command line in throwaway folders (never the repository's data/)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SEED, TINY_DATA, copy_tiny_data
from khcn.data.bulletins import read_bulletin
from khcn.data.fields import VIETNAM
from khcn.data.models import BulletinMeta
from khcn.data.richtext import Plain, parse_markdown
from khcn.data.validation import validate
from khcn.data.yamlsource import parse_yaml, yaml_quoted
from khcn.news.legacy import LegacyPageError, bulletin_file_text, category_for, parse_page, read_page, slug_for

SCRIPT = ROOT / "scripts" / "import_legacy.py"
SEED_TEXT = SEED.read_text(encoding="utf-8")
TITLE = ("Kết quả công tác quản lý nhà nước về khoa học và công nghệ 6 tháng đầu năm; phương hướng, nhiệm vụ "
         "6 tháng cuối năm 2021")
SLUG = "ket-qua-cong-tac-quan-ly-nha-nuoc-ve-khoa-hoc-va-cong-nghe-6-thang-dau-nam"  # the words kept in order
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]  # the site's, as in mkdocs.yml


def variant(old: str, new: str, text: str = SEED_TEXT) -> str:
    assert old in text, f"the seed changed: {old!r} not in it"
    return text.replace(old, new, 1)


def bulletin(text: str, name: str = SEED.name, category: str | None = None) -> str:
    page = parse_page(text, name)
    return bulletin_file_text(page, name, category or category_for(page.title))


def split(text: str) -> tuple[str, str]:
    """(front matter, body) of a bulletin file."""
    match = re.match(r"---\n(.*?)\n---\n(.*)\Z", text, re.DOTALL)
    assert match, text[:200]
    return match[1], match[2]


def meta_of(text: str) -> BulletinMeta:
    front, _ = split(text)
    doc = parse_yaml(front, "bulletin.md")
    meta, errors = validate(BulletinMeta, doc.data, doc)
    assert errors == []
    return meta


def plain(body: str) -> list[str]:
    """The body's paragraphs with Markdown's markup and escapes taken out: what a reader reads."""
    paragraphs = []
    for line in body.split("\n"):
        line = re.sub(r"^\s*(## |- |\d+\. )", "", line.strip(" "))
        if line and line != "<!-- two lists in a row: without this line Python-Markdown makes them one -->":
            paragraphs.append(re.sub(r"\\(.)", r"\1", line).replace("&lt;", "<").replace("&amp;", "&"))
    return paragraphs


def html(body: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def seed_body_lines() -> list[str]:
    """The seed's body as the old site shows it, read here independently of khcn.news.legacy."""
    lines = [line.strip(" \u00a0") for line in SEED_TEXT.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.endswith("lượt xem")) + 1
    end = lines.index("Lê Thúy Phượng")
    return [line.removeprefix("- ") for line in lines[start:end] if line]


# --- the seed ---------------------------------------------------------------------------------------------------

def test_the_seed_front_matter_is_exactly_the_page():
    text = bulletin(SEED_TEXT)
    meta = meta_of(text)
    assert meta.title == TITLE
    assert meta.published == datetime(2021, 10, 1, 17, 25, 56, tzinfo=VIETNAM)
    assert meta.authors == ("Lê Thúy Phượng",) and meta.author_unit == "Sở Khoa học và Công nghệ"
    assert meta.category == "bao-cao"
    assert (meta.legacy.file, meta.legacy.views) == ("000_a20b92412dde2aed.txt", 49)
    expected_key = hashlib.sha256(f"{TITLE}\n2021-10-01T17:25:56+07:00".encode()).hexdigest()[:16]
    assert meta.legacy.key == expected_key
    assert split(text)[0] == "\n".join([
        f'tieu_de: "{TITLE}"', 'ngay_dang: "01/10/2021 17:25:56"', 'tac_gia: "Lê Thúy Phượng"',
        'don_vi_tac_gia: "Sở Khoa học và Công nghệ"', 'chuyen_muc: "bao-cao"', "trang_cu:",
        '  tep: "000_a20b92412dde2aed.txt"', "  luot_xem: 49", f'  ma: "{expected_key}"'])


def test_the_seed_body_keeps_every_sentence_and_number_in_order():
    _, body = split(bulletin(SEED_TEXT))
    expected = seed_body_lines()
    assert plain(body) == expected
    assert re.findall(r"\d+", "\n".join(plain(body))) == re.findall(r"\d+", "\n".join(expected))
    assert "tuyên\u00a0 truyền" in body  # a no-break space inside a sentence is the page's own
    for gone in ("Ủy ban nhân dân", "Uỷ ban nhân dân", "lượt xem", "Bình luận", "TRANG THÔNG TIN", "Lê Thúy Phượng"):
        assert gone not in body


def test_the_seed_body_keeps_its_structure():
    _, body = split(bulletin(SEED_TEXT))
    bullets = [line for line in SEED_TEXT.splitlines() if line.strip(" \u00a0").startswith("- ")]
    assert body.count("\n- ") == len(bullets) == 14
    page = html(body)
    assert [p.get_text() for p in page.find_all("p", recursive=False)] == [
        seed_body_lines()[0], "Trong 6 tháng cuối năm 2021, Sở Khoa học và Công nghệ sẽ tập trung tham mưu thực "
                              "hiện tốt các nhiệm vụ sau:"]
    continued = next(p for p in page.find_all("p") if p.get_text().startswith("Tiếp nhận 04 hồ sơ"))
    item = continued.find_parent("li")
    assert item.find("p").get_text().startswith("Tổ chức theo dõi, quản lý 42 đề tài")
    three = next(li for li in page.find_all("li") if li.get_text().strip().startswith("Tham mưu đẩy mạnh"))
    assert [p.get_text()[:20] for p in three.find_all("p")] == [
        "Tham mưu đẩy mạnh vi", "Tổ chức làm việc về ", "Báo cáo, đề xuất UBN"]


def test_the_site_reads_the_bulletin_as_written():
    text = bulletin(SEED_TEXT)
    found, _, errors = read_bulletin(text.encode(), "tin-tuc/2021/x.md", SLUG)
    assert errors == [] and found.meta.title == TITLE
    assert all(isinstance(segment, Plain) for segment in found.segments)


# --- traps of other pages -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("trap", [
    lambda text: text.replace("\n", "\r\n"),
    lambda text: unicodedata.normalize("NFD", text),
    lambda text: "\ufeff" + text,
    lambda text: "\ufeff" + unicodedata.normalize("NFD", text).replace("\n", "\r\n"),
], ids=["crlf", "nfd", "bom", "all-three"])
def test_line_ends_decomposed_text_and_a_bom_give_the_same_bulletin(trap):
    assert bulletin(trap(SEED_TEXT)) == bulletin(SEED_TEXT)


def test_a_bom_in_the_bytes_is_not_part_of_the_page():
    page = read_page(b"\xef\xbb\xbf" + SEED_TEXT.encode(), SEED.name)
    assert page.title == TITLE


def test_thousands_separators_in_the_view_count():
    text = bulletin(variant("49 lượt xem", "1.234 lượt xem"))
    assert "  luot_xem: 1234\n" in text and meta_of(text).legacy.views == 1234


def test_no_view_count():
    text = bulletin(variant("5:25:56 CH 49 lượt xem", "5:25:56 CH"))
    assert "luot_xem" not in text and meta_of(text).legacy.views is None
    assert plain(split(text)[1]) == seed_body_lines()


def test_no_author_lines():
    text = bulletin(variant("\u00a0 \u00a0Lê Thúy Phượng\u00a0 \u00a0 \u00a0 \u00a0\nSở Khoa học và Công nghệ\n", ""))
    meta = meta_of(text)
    assert meta.authors == () and meta.author_unit is None
    assert "tac_gia" not in text and "don_vi_tac_gia" not in text
    assert plain(split(text)[1]) == seed_body_lines()


@pytest.mark.parametrize("clock, expected", [("12:05:00 SA", (0, 5)), ("12:05:00 CH", (12, 5)),
                                             ("9:30:00 SA", (9, 30)), ("11:59:59 CH", (23, 59))])
def test_the_twelve_hour_clock(clock, expected):
    page = parse_page(variant("5:25:56 CH", clock), SEED.name)
    assert (page.published.hour, page.published.minute) == expected
    assert page.published.utcoffset() == VIETNAM.utcoffset(None)


def test_a_title_over_two_lines_and_no_masthead():
    text = variant("Uỷ ban nhân dân tỉnh Tuyên Quang\n\nSở Khoa học và Công nghệ\n\n", "")
    text = variant("6 tháng đầu năm; ", "6 tháng đầu năm;\n", text)
    assert parse_page(text, SEED.name).title == TITLE


SECTIONS = """\
Sở Khoa học và Công nghệ
Báo cáo tổng kết
01/10/2021 5:25:56 CH 7 lượt xem
\u00a0 I. KẾT QUẢ ĐẠT ĐƯỢC
\u00a0 - Việc một
\u00a0 + Việc con một
\u00a0 nối tiếp việc con
\u00a0 + Việc con hai
\u00a0 - Việc hai

Đoạn giữa.
+ Mục cộng đứng đầu
1. Nhiệm vụ thứ nhất
Giải thích nhiệm vụ thứ nhất
2) Nhiệm vụ thứ hai
- Ý của nhiệm vụ hai
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022
3. Nhiệm vụ thứ ba

Đoạn kết.
"""


def test_bullets_sub_bullets_numbered_items_and_sections():
    text = bulletin(SECTIONS, "sections.txt")
    assert meta_of(text).category == "bao-cao"
    page = html(split(text)[1])
    assert [h.get_text() for h in page.find_all("h2")] == ["I. KẾT QUẢ ĐẠT ĐƯỢC", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022"]
    first, plus_only, numbered, third = page.find_all(["ul", "ol"], recursive=False)
    one, two = first.find_all("li", recursive=False)
    assert one.find("p").get_text() == "Việc một" and two.get_text().strip() == "Việc hai"
    nested = one.find("ul").find_all("li", recursive=False)
    assert [[p.get_text() for p in li.find_all("p")] or [li.get_text()] for li in nested] == [
        ["Việc con một", "nối tiếp việc con"], ["Việc con hai"]]
    assert plus_only.name == "ul" and plus_only.get_text().strip() == "Mục cộng đứng đầu"
    assert numbered.name == "ol"
    first_task, second_task = numbered.find_all("li", recursive=False)
    assert [p.get_text() for p in first_task.find_all("p")] == ["Nhiệm vụ thứ nhất", "Giải thích nhiệm vụ thứ nhất"]
    assert second_task.find("ul").get_text().strip() == "Ý của nhiệm vụ hai"
    assert third.name == "ol" and third.get_text().strip() == "Nhiệm vụ thứ ba"
    assert [p.get_text() for p in page.find_all("p", recursive=False)] == ["Đoạn giữa.", "Đoạn kết."]
    assert "\n1. Nhiệm vụ thứ nhất" in text and "\n2. Nhiệm vụ thứ hai" in text and "\n3. Nhiệm vụ thứ ba" in text


TYPED = ["# không phải đầu mục", "{{de-tai-du-an}} và [[26/KH-UBND]] như đã gõ", "*nhấn* _gạch_ `mã` \\ <b>đậm</b>",
         "> không phải trích dẫn", "2021. không phải danh sách", "-5 độ C", "--- không phải đường kẻ",
         "{: .lop } &amp; &copy;"]


def test_text_that_markdown_would_read_shows_as_typed():
    body_lines = "\n\n".join(TYPED)
    text = bulletin(variant("\u00a0 \u00a0 \u00a0 \u00a0 Được sự quan tâm", body_lines + "\n\nĐược sự quan tâm"))
    _, body = split(text)
    assert "\\{\\{de-tai-du-an\\}\\}" in body and "\\[\\[26/KH-UBND\\]\\]" in body
    assert all(isinstance(segment, Plain) for segment in parse_markdown(body))  # no figure, no document
    page = html(body)
    assert [p.get_text() for p in page.find_all("p", recursive=False)][:len(TYPED)] == TYPED
    assert not page.find_all(["h1", "h2", "blockquote", "ol", "em", "strong", "code", "b", "hr"])
    assert plain(body)[:len(TYPED)] == TYPED


def test_front_matter_strings_are_read_back_exactly():
    # braces only escaped: a `{…}` could be an attribute list, refused in every text (khcn.data.markup)
    title = 'Thông báo: "Hội thảo" C:\\dữ liệu # 1 - \\{x\\} [y] 5:25:56 no 010'
    text = bulletin(variant(TITLE, title))
    meta = meta_of(text)
    assert meta.title == title and meta.category == "thong-bao"
    assert yaml_quoted("a\u2028b\tc") == '"a\\u2028b\\u0009c"'


# --- categories and slugs ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("title, category", [
    ("Thông báo tuyển chọn nhiệm vụ", "thong-bao"), ("THÔNG BÁO nghỉ lễ", "thong-bao"),
    ("Báo cáo tình hình", "bao-cao"), ("Kết quả kiểm tra", "bao-cao"),
    ("Hội thảo chè Shan tuyết", "tin-hoat-dong"), ("Về Thông báo số 5", "tin-hoat-dong"),
])
def test_the_category_from_the_title(title, category):
    assert category_for(title) == category


def test_slugs_avoid_reserved_and_taken_names():
    assert slug_for("Đồng Văn", set()) == "dong-van"
    assert slug_for("Trang", set()) == "trang-2"
    assert slug_for("Đồng Văn", {"dong-van", "dong-van-2"}) == "dong-van-3"
    long_title = "Kết quả công tác quản lý nhà nước về khoa học và công nghệ 6 tháng đầu năm; phương hướng, nhiệm vụ"
    assert slug_for(long_title, set()) == "ket-qua-cong-tac-quan-ly-nha-nuoc-ve-khoa-hoc-va-cong-nghe-6-thang-dau-nam"


# --- malformed pages ---------------------------------------------------------------------------------------------

MALFORMED = {
    "trong.txt": ("", "tệp trống"),
    "khoang-trang.txt": (" \n\u00a0\r\n\t\n", "tệp trống"),
    "khong-ngay.txt": (variant("01/10/2021 5:25:56 CH 49 lượt xem", "49 lượt xem"), "không có dòng ngày đăng"),
    "ngay-sai.txt": (variant("01/10/2021", "31/02/2021"), "`31/02/2021` không có trong lịch"),
    "gio-sai.txt": (variant("5:25:56 CH", "13:00:00 CH"), "giờ `13:00:00 CH`"),
    "khong-tieu-de.txt": (variant(TITLE, ""), "không có tiêu đề"),
    "duoi-la.txt": (variant("49 lượt xem", "49 lượt thích"), "sau ngày giờ đăng có `49 lượt thích`"),
    "khong-noi-dung.txt": (SEED_TEXT.split("\u00a0 \u00a0 \u00a0 \u00a0 Được")[0], "không có nội dung"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_page_names_the_file_and_the_problem(name):
    text, problem = MALFORMED[name]
    with pytest.raises(LegacyPageError) as caught:
        parse_page(text, name)
    assert str(caught.value).startswith(f"{name}: lỗi — ") and problem in str(caught.value)


def test_a_page_not_in_utf8():
    raw = SEED_TEXT.encode("utf-8").replace(b"49 ", b"49 \xe0", 1)  # a Windows-1258 byte on the date line
    with pytest.raises(LegacyPageError, match=r"^cu\.txt: lỗi — dòng 7 có ký tự không phải UTF-8"):
        read_page(raw, "cu.txt")


# --- the command line -----------------------------------------------------------------------------------------

def run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(SCRIPT), "--bulletins", "tin-tuc", "--reports", "bao-cao", *args]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=60)


def pages(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


def written(folder: Path) -> list[str]:
    root = folder / "tin-tuc"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) if root.exists() else []


def test_the_seed_is_written_under_its_year_with_the_category_printed(tmp_path):
    result = run(tmp_path, str(SEED))
    assert result.returncode == 0, result.stderr
    assert written(tmp_path) == ["2021", f"2021/{SLUG}.md"]
    assert (tmp_path / "tin-tuc" / "2021" / f"{SLUG}.md").read_text(encoding="utf-8") == bulletin(SEED_TEXT)
    assert f"tin-tuc/2021/{SLUG}.md: mới (chuyên mục `bao-cao`)" in result.stdout
    assert "Tổng kết: 1 mới, 0 cập nhật, 0 không đổi, 0 bỏ qua, 0 lỗi." in result.stdout


def test_malformed_pages_are_reported_and_the_good_one_still_imported(tmp_path):
    texts = {name: text for name, (text, _) in MALFORMED.items()}
    source = pages(tmp_path / "cu", {**texts, "tot.txt": SEED_TEXT, "la.txt": b"\xff\xfe hong"})
    result = run(tmp_path, "cu")
    assert result.returncode == 1
    errors = result.stderr.strip().split("\n")
    assert len(errors) == len(MALFORMED) + 1
    for name, (_, problem) in MALFORMED.items():
        assert any(line.startswith(f"cu/{name}: lỗi — ") and problem in line for line in errors), name
    assert any(line.startswith("cu/la.txt: lỗi — ") and "UTF-8" in line for line in errors)
    assert written(tmp_path) == ["2021", f"2021/{SLUG}.md"]
    assert "Tổng kết: 1 mới, 0 cập nhật, 0 không đổi, 0 bỏ qua, 9 lỗi." in result.stdout
    assert source.exists()


def test_a_dry_run_writes_nothing(tmp_path):
    result = run(tmp_path, "--dry-run", str(SEED))
    assert result.returncode == 0, result.stderr
    assert written(tmp_path) == []
    assert f"tin-tuc/2021/{SLUG}.md: mới" in result.stdout and bulletin(SEED_TEXT) in result.stdout
    assert "Chạy thử: chưa ghi tệp nào." in result.stdout


def test_importing_twice_keeps_one_file_and_a_new_export_updates_it(tmp_path):
    source = pages(tmp_path / "cu", {"a.txt": SEED_TEXT})
    assert run(tmp_path, "cu").returncode == 0
    target = tmp_path / "tin-tuc" / "2021" / f"{SLUG}.md"
    first, stamp = target.read_bytes(), target.stat().st_mtime_ns
    again = run(tmp_path, "cu")
    assert again.returncode == 0 and ": không đổi (chuyên mục `bao-cao`)" in again.stdout
    assert written(tmp_path) == ["2021", f"2021/{SLUG}.md"] and target.stat().st_mtime_ns == stamp

    pages(source, {"a.txt": variant("49 lượt xem", "50 lượt xem")})
    preview = run(tmp_path, "--dry-run", "cu")
    assert ": cập nhật" in preview.stdout and "thay đổi: thêm 1 dòng, bỏ 1 dòng" in preview.stdout
    assert "+  luot_xem: 50" in preview.stdout and target.read_bytes() == first
    updated = run(tmp_path, "cu")
    assert ": cập nhật" in updated.stdout and "  luot_xem: 50\n" in target.read_text(encoding="utf-8")
    assert written(tmp_path) == ["2021", f"2021/{SLUG}.md"]


def test_two_pages_of_one_title_get_two_files(tmp_path):
    later = variant("01/10/2021 5:25:56 CH", "02/10/2021 8:00:00 SA")
    pages(tmp_path / "cu", {"a.txt": SEED_TEXT, "b.txt": later})
    (tmp_path / "tin-tuc" / "2020").mkdir(parents=True)
    (tmp_path / "tin-tuc" / "2020" / "trang.md").write_text("---\ntieu_de: x\n---\nx\n", encoding="utf-8")
    result = run(tmp_path, "cu")
    assert result.returncode == 0, result.stderr
    assert written(tmp_path) == ["2020", "2020/trang.md", "2021", f"2021/{SLUG}-2.md", f"2021/{SLUG}.md"]
    keys = {meta_of((tmp_path / "tin-tuc" / "2021" / name).read_text(encoding="utf-8")).legacy.key
            for name in (f"{SLUG}.md", f"{SLUG}-2.md")}
    assert len(keys) == 2


def test_a_page_already_published_as_a_report_is_skipped(tmp_path):
    (tmp_path / "bao-cao").mkdir()
    shutil.copy(ROOT / "data" / "bao-cao" / "2021-6-thang-dau-nam.yaml", tmp_path / "bao-cao")
    shouted = variant(TITLE, "KẾT QUẢ  công tác quản lý nhà nước về khoa học và công nghệ 6 tháng đầu năm;\n"
                             "phương hướng, nhiệm vụ 6 tháng cuối năm 2021")
    other_day = variant("01/10/2021", "02/10/2021")
    pages(tmp_path / "cu", {"a.txt": SEED_TEXT, "b.txt": shouted, "c.txt": other_day})
    result = run(tmp_path, "cu")
    assert result.returncode == 0, result.stderr
    for name in ("a.txt", "b.txt"):
        assert f"cu/{name}: bỏ qua — đã đăng thành báo cáo bao-cao/2021-6-thang-dau-nam.yaml" in result.stdout
    assert written(tmp_path) == ["2021", f"2021/{SLUG}.md"]  # only the page of another day
    assert "Tổng kết: 1 mới, 0 cập nhật, 0 không đổi, 2 bỏ qua, 0 lỗi." in result.stdout


def test_a_category_named_on_the_command_line(tmp_path):
    data = copy_tiny_data(tmp_path)
    command = [sys.executable, str(SCRIPT), "--bulletins", str(data / "tin-tuc"), "--reports", str(data / "bao-cao")]
    unknown = subprocess.run(command + ["--chuyen-muc", "su-kien", str(SEED)], capture_output=True, text=True)
    assert unknown.returncode == 2 and "chưa khai báo" in unknown.stderr
    result = subprocess.run(command + ["--chuyen-muc", "thong-bao", str(SEED)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "(chuyên mục `thong-bao`)" in result.stdout
    target = data / "tin-tuc" / "2021" / f"{SLUG}.md"
    assert meta_of(target.read_text(encoding="utf-8")).category == "thong-bao"


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path):
    result = run(tmp_path, str(SEED), "khong-co.txt")
    assert result.returncode == 2 and "khong-co.txt" in result.stderr
    assert written(tmp_path) == []


def test_imported_pages_build_into_bulletin_pages(tmp_path):
    """The whole way: old pages → import → `make build` → pages with title, date, author and structure."""
    from conftest import make_project, run_build

    project = make_project(tmp_path / "project", TINY_DATA)
    old = pages(tmp_path / "cu", {SEED.name: SEED_TEXT, "sections.txt": SECTIONS})
    result = subprocess.run([sys.executable, str(SCRIPT), "--bulletins", str(project / "data/tin-tuc"),
                             "--reports", str(project / "data/bao-cao"), str(old)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    built = run_build(project)
    assert built.returncode == 0, built.stdout + built.stderr
    seed_page = BeautifulSoup((project / "site/tin-tuc" / SLUG / "index.html").read_text(encoding="utf-8"),
                              "html.parser").select_one("article")
    assert seed_page.find("h1").get_text() == TITLE
    assert seed_page.select_one(".tq-meta time")["datetime"] == "2021-10-01T17:25:56+07:00"
    meta = " ".join(seed_page.select_one(".tq-meta").get_text(" ").split())
    assert "01/10/2021 17:25" in meta and "Tác giả: Lê Thúy Phượng" in meta and "49 lượt xem trên trang tin cũ" in meta
    assert len(seed_page.select("ul > li")) >= 12
    sections = BeautifulSoup((project / "site/tin-tuc/bao-cao-tong-ket/index.html").read_text(encoding="utf-8"),
                             "html.parser").select_one("article")
    assert [h.get_text() for h in sections.find_all("h2")][:2] == ["I. KẾT QUẢ ĐẠT ĐƯỢC",
                                                                  "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022"]
    assert sections.select("ol > li") and sections.select("ul > li > ul > li")


# --- nothing dropped silently, no markup in titles --------------------------------------------------------------

MIDDLE = "TRANG THÔNG TIN ĐIỆN TỬ của Sở đã đăng tải nội dung này từ năm 2015."


@pytest.mark.parametrize("line", [MIDDLE, "TRANG THÔNG TIN ĐIỆN TỬ SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH TUYÊN QUANG",
                                  "Bình luận"])
def test_a_body_line_like_the_footer_keeps_the_rest_of_the_page(line):
    text = variant("\u00a0 \u00a0 \u00a0 \u00a0 - Tham mưu tổ chức thực hiện Chương trình",
                   f"{line}\n\n\u00a0 \u00a0 \u00a0 \u00a0 - Tham mưu tổ chức thực hiện Chương trình")
    page = parse_page(text, SEED.name)
    assert page.author == "Lê Thúy Phượng" and page.author_unit == "Sở Khoa học và Công nghệ"
    body = plain(split(bulletin(text))[1])
    assert line in body
    assert body[body.index(line) + 1:] == seed_body_lines()[seed_body_lines().index(body[body.index(line) + 1]):]


def test_a_footer_followed_by_other_text_is_kept_as_text():
    text = SEED_TEXT.rstrip("\n") + "\nMột đoạn viết thêm sau chân trang.\n"
    body = plain(split(bulletin(text))[1])
    assert body[-1] == "Một đoạn viết thêm sau chân trang."
    assert any(line.startswith("TRANG THÔNG TIN ĐIỆN TỬ") for line in body)


def test_the_seed_footer_and_comment_label_are_still_dropped():
    body = plain(split(bulletin(SEED_TEXT))[1])
    assert body == seed_body_lines()


@pytest.mark.parametrize("title", ["Hội thảo [xem](javascript:alert(1))", "Hội thảo <script>alert(1)</script>",
                                   "Hội thảo {onmouseover=alert(1)}", "Hội thảo ![a](x.png)", "Hội thảo {: .x }",
                                   "Hội thảo <javascript:alert(1)>"])
def test_a_title_that_markdown_would_read_is_refused(tmp_path, title):
    with pytest.raises(LegacyPageError, match="tiêu đề có"):
        parse_page(variant(TITLE, title), "cu.txt")
    pages(tmp_path / "cu", {"a.txt": variant(TITLE, title)})
    result = run(tmp_path, "cu")
    assert result.returncode == 1 and "cu/a.txt: lỗi — tiêu đề có" in result.stderr
    assert written(tmp_path) == []
