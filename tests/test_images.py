"""Images (issue 13): checked by content, resized at build into a few widths without their metadata, and the pages'
`<img>` given their sizes; the department's emblem as the header's logo and the favicons."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from browsing import _serve
from conftest import TINY_DATA, edit, make_project, run_build
from khcn.data import imagefiles
from khcn.data.imagefiles import ImageFacts, ImageProblem, inspect, svg_problem
from khcn.publish import images
from khcn.publish.images import Rendition, SiteImage, icon_files, plan, renditions_bytes, responsive_images, widths

GPS = 0x8825
ORIENTATION = 0x0112


def photo(path: Path, size=(4000, 3000), turned: bool = False, gps: bool = True, fmt: str = "JPEG") -> Path:
    """A phone's photo: a gradient (so that resizing has work to do), GPS in its EXIF, maybe turned a quarter."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    exif = Image.Exif()
    if turned:
        exif[ORIENTATION] = 6  # shown turned 90° clockwise
    if gps:
        where = exif.get_ifd(GPS)
        where[1], where[2], where[3], where[4] = "N", (21.0, 49.0, 12.0), "E", (105.0, 12.0, 30.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format=fmt, exif=exif)
    return path


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60"/></svg>'


# --- what a file is -----------------------------------------------------------------------------------------------

def test_photos_and_drawings_are_known_by_their_content(tmp_path):
    assert inspect(photo(tmp_path / "a.jpg", (800, 600))) == ImageFacts("jpeg", 800, 600)
    assert inspect(photo(tmp_path / "turned.jpg", (800, 600), turned=True)) == ImageFacts("jpeg", 600, 800)
    Image.new("RGBA", (300, 200)).save(tmp_path / "b.png")
    assert inspect(tmp_path / "b.png") == ImageFacts("png", 300, 200)
    Image.new("RGB", (64, 32)).save(tmp_path / "c.webp")
    assert inspect(tmp_path / "c.webp") == ImageFacts("webp", 64, 32)
    (tmp_path / "d.svg").write_bytes(SVG)
    assert inspect(tmp_path / "d.svg") == ImageFacts("svg", 120, 60)
    (tmp_path / "e.svg").write_bytes(SVG.replace(b'width="120" height="60"', b'viewBox="0 0 40 20"'))
    assert inspect(tmp_path / "e.svg") == ImageFacts("svg", 40, 20)


@pytest.mark.parametrize("name, content, found", [
    ("tai-lieu.jpg", b"%PDF-1.4\n", "tệp không phải ảnh"),
    ("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "tệp không phải ảnh"),
    ("ve.png", SVG, "có đuôi `.png` nhưng là ảnh SVG"),
    ("hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "tệp ảnh hỏng"),
    ("hong.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "tệp ảnh hỏng"),
])
def test_anything_else_is_refused_with_what_it_is(tmp_path, name, content, found):
    (tmp_path / name).write_bytes(content)
    problem = inspect(tmp_path / name)
    assert isinstance(problem, ImageProblem) and found in problem.found, problem


def test_a_photo_copied_only_in_part_is_refused(tmp_path):
    Image.linear_gradient("L").resize((600, 600)).save(tmp_path / "a.png")
    data = (tmp_path / "a.png").read_bytes()
    (tmp_path / "a.png").write_bytes(data[: len(data) // 2])
    assert inspect(tmp_path / "a.png") == imagefiles.DAMAGED


def test_a_photo_named_for_another_type_is_refused(tmp_path):
    problem = inspect(photo(tmp_path / "anh.png", (100, 100)))
    assert problem == ImageProblem("tệp `anh.png` có đuôi `.png` nhưng là ảnh JPEG",
                                   "đổi đuôi tệp thành `.jpg` (và sửa tên tệp ở nơi dùng ảnh)")


def test_too_heavy_and_too_many_pixels_are_refused(tmp_path, monkeypatch):
    big = tmp_path / "rat-lon.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n")
    with big.open("r+b") as file:
        file.truncate(25 * 1024 * 1024 + 300 * 1024)  # sparse: nothing is read before the size is refused
    assert inspect(big) == ImageProblem("tệp ảnh nặng 25,3 MB", "tệp ảnh không quá 20 MB (chụp lại ở cỡ nhỏ hơn, "
                                                                "hoặc lưu lại dạng JPEG)")
    path = photo(tmp_path / "lon.jpg", (1000, 1000))
    monkeypatch.setattr(imagefiles, "MAX_PIXELS", 999_999)
    imagefiles._inspect.cache_clear()  # remembered per file and version, not per limit
    assert inspect(path).found == "ảnh 1000×1000 điểm ảnh (1 triệu)"


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(tmp_path):
    Image.new("1", (10_000, 10_000)).save(tmp_path / "bom.png")  # 100 million pixels in a few kilobytes
    assert (tmp_path / "bom.png").stat().st_size < 100_000
    assert "100 triệu" in inspect(tmp_path / "bom.png").found


@pytest.mark.parametrize("svg, found", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()"/></svg>', "`onclick`"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href=" java\nscript:x()">'
     b'<rect/></a></svg>', "javascript:"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/a.png"/></svg>', "ra ngoài tệp"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><use href="other.svg#a"/></svg>', "ra ngoài tệp"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(https://x.example/a)"/></svg>', "`style`"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "https://x.example/a.css";</style></svg>', "<style>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>', "<foreignobject>"),
    (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "DOCTYPE"),
    (b'<html><body/></html>', "không phải ảnh SVG"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>', "hỏng (dòng 1)"),
])
def test_an_svg_that_runs_or_loads_anything_is_refused(svg, found):
    assert found in svg_problem(svg)


def test_an_svg_that_only_draws_is_accepted():
    inner = b'<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="fill: url( #g )"/><use href="#g"/>'
    assert svg_problem(SVG.replace(b"<rect", inner + b"<rect")) is None


# --- the files of the site ----------------------------------------------------------------------------------------

def test_widths_never_enlarge_and_the_largest_keeps_the_address():
    assert widths(4000) == [480, 960, 1600] and widths(1600) == [480, 960, 1600]
    assert widths(1000) == [480, 960, 1000] and widths(300) == [300]
    image = plan("anh/2026/hoi-thao.jpg", ImageFacts("jpeg", 3000, 4000))
    assert image.renditions == (Rendition("anh/2026/hoi-thao.480.jpg", 480, 640),
                                Rendition("anh/2026/hoi-thao.960.jpg", 960, 1280),
                                Rendition("anh/2026/hoi-thao.jpg", 1600, 2133))
    assert plan("anh/x.svg", ImageFacts("svg", None, None)).renditions == (Rendition("anh/x.svg", 0, 0),)


def test_a_rendition_is_upright_has_no_metadata_and_the_same_bytes_every_time(tmp_path):
    source = photo(tmp_path / "a.jpg", (1200, 900), turned=True)
    assert Image.open(source).getexif().get_ifd(GPS)  # the phone said where it was
    data, largest = renditions_bytes(source, "jpeg", [(480, 640), (900, 1200)])
    assert [data, largest] == renditions_bytes(source, "jpeg", [(480, 640), (900, 1200)])
    assert Image.open(io.BytesIO(largest)).size == (900, 1200)
    with Image.open(io.BytesIO(data)) as small:
        assert small.size == (480, 640) and small.format == "JPEG"
        assert not small.getexif() and "exif" not in small.info and "xmp" not in small.info
        left, right = small.getpixel((5, 320)), small.getpixel((474, 320))
    assert right[0] < 50 < 200 < left[0]  # turned as shown: the gradient (dark at the top) turned to the right


def test_renditions_are_made_once_per_content(tmp_path, monkeypatch):
    source = photo(tmp_path / "a.jpg", (1200, 900))
    made = images.cached_renditions(tmp_path / "cache", source, "jpeg", [(480, 360), (1200, 900)])
    assert len(list((tmp_path / "cache").glob("*.bin"))) == 2

    def again(*args):
        raise AssertionError("made again")

    monkeypatch.setattr(images, "renditions_bytes", again)
    assert images.cached_renditions(tmp_path / "cache", source, "jpeg", [(480, 360), (1200, 900)]) == made
    photo(source, (1200, 900), gps=False)  # other bytes: made again
    with pytest.raises(AssertionError, match="made again"):
        images.cached_renditions(tmp_path / "cache", source, "jpeg", [(480, 360), (1200, 900)])


def test_png_and_webp_keep_their_format_and_transparency(tmp_path):
    Image.new("RGBA", (1200, 600), (0, 80, 0, 128)).save(tmp_path / "a.png")
    with Image.open(io.BytesIO(renditions_bytes(tmp_path / "a.png", "png", [(480, 240)])[0])) as small:
        assert (small.format, small.mode, small.size, small.getpixel((1, 1))[3]) == ("PNG", "RGBA", (480, 240), 128)
    Image.new("RGB", (1000, 500), (200, 10, 10)).save(tmp_path / "b.webp")
    with Image.open(io.BytesIO(renditions_bytes(tmp_path / "b.webp", "webp", [(480, 240)])[0])) as small:
        assert (small.format, small.size) == ("WEBP", (480, 240))


def test_favicons_come_from_the_emblem_or_are_a_plain_square(tmp_path):
    Image.new("RGB", (400, 200), (200, 0, 0)).save(tmp_path / "bieu-trung.png")
    emblem = SiteImage("bieu-trung.png", "png", (Rendition("bieu-trung.png", 400, 200),))
    files = dict(icon_files(emblem, tmp_path))
    assert files == dict(icon_files(emblem, tmp_path))  # the same bytes
    assert set(files) == {"assets/bieu-trung-32.png", "assets/bieu-trung-180.png", "favicon.ico"}
    with Image.open(io.BytesIO(files["assets/bieu-trung-180.png"])) as icon:
        assert icon.size == (180, 180) and icon.getpixel((90, 90))[:3] == (200, 0, 0)
        assert icon.getpixel((90, 2))[3] == 0  # a wide emblem: transparent above and below
    plain = dict(icon_files(None, tmp_path))
    with Image.open(io.BytesIO(plain["assets/bieu-trung-32.png"])) as icon:
        assert icon.getpixel((16, 16)) == (*images.PLAIN_ICON, 255)
        assert len(icon.getcolors()) == 1  # one colour: no letters, no shape that passes for an emblem
    with Image.open(io.BytesIO(plain["favicon.ico"])) as ico:
        assert ico.format == "ICO"


def test_img_tags_get_their_size_renditions_and_lazy_loading_after_the_first():
    photos = {"anh/2026/a.jpg": plan("anh/2026/a.jpg", ImageFacts("jpeg", 2000, 1000)),
              "anh/b.png": plan("anh/b.png", ImageFacts("png", 300, 200))}
    html = ('<p><img alt="A" src="../../anh/2026/a.jpg" /></p><img src="../../anh/b.png" alt="B">'
            '<img src="../../assets/khac.png" alt="C">')
    soup = BeautifulSoup(responsive_images(html, "tin-tuc/bai/", photos), "html.parser")
    first, second, other = soup.find_all("img")
    assert (first["width"], first["height"]) == ("1600", "800") and "loading" not in first.attrs
    assert first["srcset"] == ("../../anh/2026/a.480.jpg 480w, ../../anh/2026/a.960.jpg 960w, "
                               "../../anh/2026/a.jpg 1600w")
    assert first["sizes"] == images.SIZES
    assert (second["width"], second["height"], second["loading"]) == ("300", "200", "lazy")
    assert "srcset" not in second.attrs  # one size only
    assert other.attrs == {"src": "../../assets/khac.png", "alt": "C"}
    home = BeautifulSoup(responsive_images('<img src="anh/b.png">', "", photos), "html.parser").img
    assert home["width"] == "300"
    portrait = BeautifulSoup(responsive_images('<img src="../anh/2026/a.jpg" width="120">', "gioi-thieu/", photos),
                             "html.parser").img  # a width the template chose
    assert (portrait["width"], portrait["height"], portrait["sizes"]) == ("120", "60", "120px")


# --- a build --------------------------------------------------------------------------------------------------------

def _with_images(project: Path) -> None:
    docs = project / "docs/anh"
    photo(docs / "2021/hoi-thao.jpg", (4032, 3024), turned=True)
    Image.new("RGBA", (700, 350), (0, 80, 0, 255)).save(docs / "2021/bieu-do.png")
    Image.new("RGB", (1000, 800), (10, 10, 200)).save(docs / "2021/ban-do.webp")
    Image.new("RGBA", (400, 400), (200, 0, 0, 255)).save(docs / "bieu-trung.png")
    bulletin = project / "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md"
    edit(bulletin, "chuyen_muc: tin-hoat-dong\n",
         "chuyen_muc: tin-hoat-dong\nanh: /anh/2021/hoi-thao.jpg\nanh_mo_ta: Hội thảo về đo lường\n")
    edit(bulletin, "- Kiểm định tại chỗ cho các cơ sở.",
         "![Biểu đồ](/anh/2021/bieu-do.png)\n\n![Bản đồ](/anh/2021/ban-do.webp)\n\n- Kiểm định tại chỗ cho các cơ sở.")
    edit(project / "data/to-chuc.yaml", "ghi_chu_su_dung_lai:",
         "bieu_trung: /anh/bieu-trung.png\nbieu_trung_mo_ta: Biểu trưng Sở Thử Nghiệm\nghi_chu_su_dung_lai:")


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".jpg", ".png", ".webp", ".ico")}


@pytest.fixture(scope="module")
def photo_project(tmp_path_factory) -> Path:
    """The tiny site with a phone's photo, a PNG, a WebP and an emblem, built."""
    project = make_project(tmp_path_factory.mktemp("images") / "project", TINY_DATA)
    _with_images(project)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_a_build_publishes_resized_photos_without_gps_and_pages_that_do_not_jump(photo_project):
    project = photo_project
    site = project / "site"
    with Image.open(site / "anh/2021/hoi-thao.jpg") as published:  # the address editors wrote: 1600 wide at most
        assert published.size == (1600, 2133) and not published.getexif()  # upright, no GPS
    assert (site / "anh/2021/hoi-thao.480.jpg").is_file() and (site / "anh/2021/hoi-thao.960.jpg").is_file()
    assert (site / "anh/2021/hoi-thao.jpg").stat().st_size < (project / "docs/anh/2021/hoi-thao.jpg").stat().st_size
    assert Image.open(site / "anh/2021/bieu-do.png").size == (700, 350)  # never enlarged
    assert not (site / "anh/2021/bieu-do.960.png").exists()
    assert Image.open(site / "anh/2021/ban-do.webp").format == "WEBP"

    page = BeautifulSoup((site / "tin-tuc/kiem-dinh-phuong-tien-do/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    shown = page.select("article img")
    assert [(img["alt"], img["width"], img["height"]) for img in shown] == [
        ("Hội thảo về đo lường", "1600", "2133"), ("Biểu đồ", "700", "350"), ("Bản đồ", "1000", "800")]
    assert "loading" not in shown[0].attrs and {img.get("loading") for img in shown[1:]} == {"lazy"}
    assert shown[0]["srcset"].endswith("../../anh/2021/hoi-thao.jpg 1600w")

    logo = page.select_one("header .md-logo img")  # the emblem, from data
    assert logo["alt"] == "Biểu trưng Sở Thử Nghiệm" and logo["src"] == "../../assets/bieu-trung-180.png"
    icon = page.select_one('link[rel="icon"]')
    assert icon["href"] == "../../assets/bieu-trung-32.png" and (site / "assets/bieu-trung-32.png").is_file()
    assert Image.open(site / "favicon.ico").format == "ICO"
    organisation = json.loads(page.select_one('script[type="application/ld+json"]').string)["@graph"][0]
    assert organisation["logo"] == "https://sokhcn.tuyenquang.gov.vn/assets/bieu-trung-180.png"  # search engines'

    first = _files(site)
    shutil.rmtree(project / ".cache/khcn/anh")  # made again, not read back
    again = project.parent / "again"
    assert run_build(project, again).returncode == 0
    assert _files(again) == first  # the same bytes


def test_a_phone_gets_a_narrow_copy_and_the_page_keeps_room_for_images_not_loaded_yet(photo_project, phone):
    server = _serve(photo_project / "site")
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/tin-tuc/kiem-dinh-phuong-tien-do/"
        phone.goto(url)
        lead = phone.locator("article img.tq-lead-image")
        lead.evaluate("img => img.decode()")
        assert lead.evaluate("img => img.currentSrc").endswith("/anh/2021/hoi-thao.960.jpg")  # 390 px × 2
        assert not any(request.endswith("/anh/2021/hoi-thao.jpg") for request in phone.requests)
        ratios = phone.locator("article img").evaluate_all("imgs => imgs.map(img => getComputedStyle(img).aspectRatio)")
        assert ratios == ["auto 1600 / 2133", "auto 700 / 350", "auto 1000 / 800"]  # room kept before they arrive
        phone.route("**/anh/**", lambda route: route.abort())  # the photo has not arrived
        phone.reload()
        box = phone.locator("article img.tq-lead-image").bounding_box()
        assert box["width"] > 300 and abs(box["height"] - box["width"] * 2133 / 1600) < 2  # nothing below moves
    finally:
        server.shutdown()
        server.server_close()


def test_without_an_emblem_there_is_no_logo_and_a_plain_icon(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    assert run_build(project).returncode == 0
    page = BeautifulSoup((project / "site/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("header .md-logo") is None  # no theme's book passing for the department's emblem
    assert page.select_one('link[rel="icon"]')["href"] == "assets/bieu-trung-32.png"
    assert (project / "site/assets/bieu-trung-32.png").is_file() and (project / "site/favicon.ico").is_file()


def test_a_drawing_that_runs_a_script_stops_the_build_and_leaves_the_site(tmp_path):
    project = make_project(tmp_path / "project", TINY_DATA)
    assert run_build(project).returncode == 0
    before = (project / "site/index.html").read_bytes()
    (project / "docs/anh").mkdir()
    (project / "docs/anh/so-do.svg").write_bytes(SVG.replace(b"<rect", b"<script>alert(1)</script><rect"))
    (project / "docs/anh/bao-cao.jpg").write_bytes(b"%PDF-1.4\n")
    edit(project / "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md", "- Kiểm định tại chỗ cho các cơ sở.",
         "![Sơ đồ](/anh/so-do.svg)\n\n- Kiểm định tại chỗ cho các cơ sở.")
    result = run_build(project)
    assert result.returncode != 0
    assert "data/tin-tuc/2021/kiem-dinh-phuong-tien-do.md:16 — trường `nội dung`: gặp docs/anh/so-do.svg: ảnh SVG " \
           "có thẻ <script>" in result.stderr
    assert "docs/anh/bao-cao.jpg:1: gặp tệp không phải ảnh" in result.stderr
    assert (project / "site/index.html").read_bytes() == before
